# Import the invocation by its ID; its results come with it.
import {
  to = cloudcmd_tat_invocation.deploy
  id = "inv-8xgjrytm"
}

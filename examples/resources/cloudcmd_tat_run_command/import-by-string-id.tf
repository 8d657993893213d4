# Import the run by its invocation ID; its results come with it.
import {
  to = cloudcmd_tat_run_command.deploy
  id = "inv-8xgjrytm"
}

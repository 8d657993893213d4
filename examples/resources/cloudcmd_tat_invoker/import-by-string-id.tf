# Import the invoker by its ID.
import {
  to = cloudcmd_tat_invoker.nightly_maintenance
  id = "ivk-n0t6rxtv"
}

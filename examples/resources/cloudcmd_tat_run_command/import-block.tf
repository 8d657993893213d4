# Terraform 1.5 and later can import in configuration instead.
import {
  to = cloudcmd_tat_run_command.deploy
  id = "inv-8xgjrytm"
}

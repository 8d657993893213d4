# Runs a health check now and keeps it as a TAT command, so that later
# invocations run the same script. The saved command goes with this
# resource: destroying or replacing it deletes the command.
resource "cloudcmd_tat_run_command" "health" {
  content      = "systemctl is-active nginx"
  instance_ids = ["ins-1a2b3c4d"]
  save_command = true
  command_name = "nginx-health"
  description  = "Checks that nginx runs"
  tags         = { team = "web" }
}

resource "cloudcmd_tat_invocation" "health_again" {
  command_id   = cloudcmd_tat_run_command.health.command_id
  instance_ids = ["ins-5e6f7a8b"]
}

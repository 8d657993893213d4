# Run a saved command (the account's own, or one of TAT's public commands)
# when asked to:
#
#   terraform apply -invoke=action.cloudcmd_tat_invoke_command.rotate_logs
resource "cloudcmd_tat_command" "rotate_logs" {
  name             = "rotate-logs"
  content          = "logrotate -f /etc/logrotate.d/{{service}}"
  enable_parameter = true
}

action "cloudcmd_tat_invoke_command" "rotate_logs" {
  config {
    command_id         = cloudcmd_tat_command.rotate_logs.id
    instance_ids       = ["ins-1a2b3c4d", "ins-5e6f7a8b"]
    parameters         = { service = "nginx" }
    success_exit_codes = [0, 1]
  }
}

# A day-2 operation: restart the web service on the fleet, two instances at
# a time, when asked to:
#
#   terraform apply -invoke=action.cloudcmd_tat_run_command.restart_web
#
# Nothing is recorded in state: each invocation runs the script once more.
action "cloudcmd_tat_run_command" "restart_web" {
  config {
    content         = <<-EOT
      systemctl restart nginx
      systemctl is-active nginx
    EOT
    instance_ids    = ["ins-1a2b3c4d", "ins-5e6f7a8b", "ins-9c0d1e2f", "ins-3a4b5c6d"]
    timeout         = 120
    max_concurrency = "50%"
    max_errors      = "0"

    timeouts = {
      invoke = "15m"
    }
  }
}

# A nightly maintenance job: at 03:30 Beijing time (UTC+8, the zone TAT
# reads cron expressions in) every night, clean up and rotate logs on the
# web servers.
resource "cloudcmd_tat_command" "maintenance" {
  name             = "nightly-maintenance"
  content          = <<-EOT
    set -e
    journalctl --vacuum-time={{keep}}
    find /var/log/app -name '*.gz' -mtime +14 -delete
    logrotate -f /etc/logrotate.d/app
  EOT
  timeout          = 1800
  enable_parameter = true

  # TAT refuses to delete a command an invoker runs: replace the command
  # before the old one goes, so the invoker can move to the new one first.
  lifecycle {
    create_before_destroy = true
  }
}

resource "cloudcmd_tat_invoker" "nightly_maintenance" {
  name         = "nightly-maintenance"
  command_id   = cloudcmd_tat_command.maintenance.id
  instance_ids = ["ins-1a2b3c4d", "ins-5e6f7a8b"]
  parameters   = { keep = "7d" }

  schedule_settings = {
    policy     = "RECURRENCE"
    recurrence = "30 3 * * *"
  }
}

output "next_maintenance" {
  value = cloudcmd_tat_invoker.nightly_maintenance.next_invoke_time
}

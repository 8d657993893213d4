# Pausing an invoker keeps it and its history; runs due while it is paused
# are skipped, not made up when it is enabled again.
resource "cloudcmd_tat_invoker" "weekly_report" {
  name         = "weekly-report"
  command_id   = "cmd-6gfk2ug3"
  instance_ids = ["lhins-9k8j7h6g"]
  enabled      = false

  schedule_settings = {
    policy     = "RECURRENCE"
    recurrence = "0 9 * * MON"
  }
}

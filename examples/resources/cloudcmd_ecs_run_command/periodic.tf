# A nightly clean-up on every instance tagged role = web. A periodic run is
# recorded without waiting; destroying the resource stops the schedule.
resource "cloudcmd_ecs_run_command" "cleanup" {
  type            = "RunShellScript"
  command_content = "find /var/log/app -name '*.gz' -mtime +14 -delete"
  resource_tags   = { role = "web" }
  repeat_mode     = "Period"
  frequency       = "0 30 2 * * ? Asia/Shanghai"
}

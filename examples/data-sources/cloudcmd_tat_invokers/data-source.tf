# Every invoker that runs the maintenance command, and when each runs next.
data "cloudcmd_tat_invokers" "maintenance" {
  command_id = "cmd-6gfk2ug3"
}

output "next_runs" {
  value = {
    for i in data.cloudcmd_tat_invokers.maintenance.invokers : i.name => i.invoke_time
    if i.enabled
  }
}

# Every invoker that runs the maintenance command, and when each runs next.
data "cloudcmd_tat_invokers" "maintenance" {
  command_id = cloudcmd_tat_command.maintenance.id
}

output "next_runs" {
  value = {
    for i in data.cloudcmd_tat_invokers.maintenance.invokers : i.name => i.invoke_time
    if i.enabled
  }
}

# Every run of a command, with each instance's output.
data "cloudcmd_invocations" "deploys" {
  command_id     = "cmd-6gfk2ug3"
  include_output = true
}

output "failed_runs" {
  value = [
    for inv in data.cloudcmd_invocations.deploys.invocations : inv.invocation_id
    if inv.invocation_status != "SUCCESS"
  ]
}

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

# The parameters of each run, which may hold secrets: only when asked for,
# and sensitive.
data "cloudcmd_invocations" "deploy_parameters" {
  command_id         = "cmd-6gfk2ug3"
  include_parameters = true
}

output "deploy_versions" {
  value = {
    for id, params in data.cloudcmd_invocations.deploy_parameters.parameters : id => jsondecode(params).version
    if can(jsondecode(params).version)
  }
  sensitive = true
}

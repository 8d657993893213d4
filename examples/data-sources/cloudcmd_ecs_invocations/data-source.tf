# Every run of a command in one region, with each instance's output.
data "cloudcmd_ecs_invocations" "deploys" {
  region_id      = "cn-hangzhou"
  command_id     = "c-hz0jdfwcsr1a2b"
  include_output = true
}

output "failed_instances" {
  value = flatten([
    for inv in data.cloudcmd_ecs_invocations.deploys.invocations : [
      for i in inv.instances : "${inv.invoke_id} ${i.instance_id}: ${i.error_code}"
      if i.invocation_status != "Success"
    ]
  ])
}

# Periodic runs on one instance that are still scheduled.
data "cloudcmd_ecs_invocations" "schedules" {
  instance_id   = "i-bp185dy2o3o6neg3abcd"
  repeat_mode   = "Period"
  invoke_status = "Running"
}

# Every run so far of the periodic invocations in one resource group that
# are still scheduled, with their output.
data "cloudcmd_ecs_invocations" "nightly_history" {
  resource_group_id = "rg-acfmzw2jz2z1abc"
  timed             = true
  include_history   = true
  include_output    = true
}

output "nightly_failures" {
  value = flatten([
    for inv in data.cloudcmd_ecs_invocations.nightly_history.invocations : [
      for run in inv.history : "${run.instance_id} run ${run.repeats}: ${run.error_code}"
      if run.error_code != ""
    ]
  ])
}

# The parameters each run of a command was given, which may hold secrets:
# only when asked for, and sensitive.
data "cloudcmd_ecs_invocations" "deploy_parameters" {
  region_id          = "cn-hangzhou"
  command_id         = "c-hz0jdfwcsr1a2b"
  include_parameters = true
}

output "deploy_versions" {
  value = {
    for id, params in data.cloudcmd_ecs_invocations.deploy_parameters.parameters : id => jsondecode(params).version
    if can(jsondecode(params).version)
  }
  sensitive = true
}

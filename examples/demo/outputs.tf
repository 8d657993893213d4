output "tat_command_id" {
  description = "ID of the TAT command."
  value       = cloudcmd_tat_command.hello.id
}

output "tat_command_created_time" {
  description = "When the TAT command was created."
  value       = cloudcmd_tat_command.hello.created_time
}

output "tat_command_updated_time" {
  description = "When the TAT command was last updated."
  value       = cloudcmd_tat_command.hello.updated_time
}

output "ecs_command_id" {
  description = "ID of the ECS Cloud Assistant command."
  value       = cloudcmd_ecs_command.hello.id
}

output "ecs_command_created_time" {
  description = "When the ECS Cloud Assistant command was created."
  value       = cloudcmd_ecs_command.hello.created_time
}

output "tat_invocation_status" {
  description = "Overall status of the TAT run."
  value       = cloudcmd_tat_invocation.hello.invocation_status
}

output "tat_command_output" {
  description = "What the command printed on each instance, with its exit code."
  value = {
    for r in cloudcmd_tat_invocation.hello.results :
    r.instance_id => { exit_code = r.exit_code, output = r.output }
  }
}

output "ecs_run_command_output" {
  description = "What the Cloud Assistant script printed on each instance, with its exit code."
  value = {
    for r in cloudcmd_ecs_run_command.hello.results :
    r.instance_id => { exit_code = r.exit_code, output = r.output }
  }
}

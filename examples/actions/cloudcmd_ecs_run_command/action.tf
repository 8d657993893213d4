# Rotate a file on ECS instances when asked to, ten percent of the fleet at a
# time, stopping once more than one instance has failed:
#
#   terraform apply -invoke=action.cloudcmd_ecs_run_command.rotate_key
action "cloudcmd_ecs_run_command" "rotate_key" {
  config {
    type             = "RunShellScript"
    command_content  = "/opt/bin/rotate-key --reload"
    instance_ids     = ["i-bp1a2b3c4d5e6f7a8b9c", "i-bp1d2e3f4a5b6c7d8e9f"]
    timeout          = 300
    max_concurrency  = "10%"
    max_errors       = "1"
    sensitive_output = true # the script prints the new key's fingerprint
  }
}

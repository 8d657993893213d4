# Run one of Cloud Assistant's common commands on the instances carrying a
# tag, when asked to:
#
#   terraform apply -invoke=action.cloudcmd_ecs_invoke_command.show_uptime
action "cloudcmd_ecs_invoke_command" "show_uptime" {
  config {
    command_id    = "ACS-ECS-ShowUptime-linux.sh"
    resource_tags = { team = "ops" }
    region_id     = "cn-hangzhou"
  }
}

# The latest version of a common command provided by Alibaba Cloud.
data "cloudcmd_ecs_commands" "uptime" {
  command_provider = "AlibabaCloud.ECS.GuestOS"
  name             = "ShowUptime"
  latest           = true
}

# Run it like a command of your own.
resource "cloudcmd_ecs_invocation" "uptime" {
  command_id   = data.cloudcmd_ecs_commands.uptime.ids[0]
  instance_ids = ["i-bp1234567890abcdef"]
}

# Your own commands in the region, with a parameter called version.
data "cloudcmd_ecs_commands" "mine" {
  type = "RunShellScript"
}

output "versioned_commands" {
  value = [
    for c in data.cloudcmd_ecs_commands.mine.commands : c.id
    if contains(c.parameter_names, "version")
  ]
}

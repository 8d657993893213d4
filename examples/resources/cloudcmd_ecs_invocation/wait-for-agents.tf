# Run a saved command on an instance created in the same apply, once its
# Cloud Assistant Agent is online.
resource "cloudcmd_ecs_command" "bootstrap" {
  name            = "bootstrap"
  type            = "RunShellScript"
  command_content = file("${path.module}/bootstrap.sh")
}

resource "cloudcmd_ecs_invocation" "bootstrap" {
  command_id   = cloudcmd_ecs_command.bootstrap.id
  instance_ids = [alicloud_instance.web.id]

  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

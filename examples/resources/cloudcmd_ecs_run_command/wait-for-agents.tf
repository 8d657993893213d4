# Bootstrap an instance created in the same apply: its Cloud Assistant
# Agent starts a little after the instance, and a command sent before it is
# online is not delivered.
variable "new_instance_id" {
  type        = string
  description = "An instance created in the same apply, such as alicloud_instance.web.id."
}

resource "cloudcmd_ecs_run_command" "first_boot" {
  type            = "RunShellScript"
  command_content = "cloud-init status --wait\nsystemctl enable --now nginx"
  instance_ids    = [var.new_instance_id]

  # Wait for the agent, then run; the wait counts against timeouts.create.
  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

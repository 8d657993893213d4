# Run a saved command on an instance created in the same apply, once its
# Cloud Assistant Agent is online.
variable "new_instance_id" {
  type        = string
  description = "An instance created in the same apply, such as alicloud_instance.web.id."
}

resource "cloudcmd_ecs_command" "first_boot" {
  name            = "first-boot"
  type            = "RunShellScript"
  command_content = "cloud-init status --wait\nsystemctl enable --now nginx"
}

resource "cloudcmd_ecs_invocation" "first_boot" {
  command_id   = cloudcmd_ecs_command.first_boot.id
  instance_ids = [var.new_instance_id]

  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

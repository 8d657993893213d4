# Bootstrap an instance created in the same apply: its Cloud Assistant
# Agent starts a little after the instance, and a command sent before
# would not be delivered.
resource "alicloud_instance" "web" {
  instance_name     = "web"
  availability_zone = "cn-hangzhou-i"
  image_id          = var.image_id # public images come with the agent
  instance_type     = "ecs.g7.large"
  security_groups   = [var.security_group_id]
  vswitch_id        = var.vswitch_id
}

variable "image_id" {
  type = string
}

variable "security_group_id" {
  type = string
}

variable "vswitch_id" {
  type = string
}

resource "cloudcmd_ecs_run_command" "bootstrap" {
  type            = "RunShellScript"
  command_content = file("${path.module}/bootstrap.sh")
  instance_ids    = [alicloud_instance.web.id]

  # Wait for the agent, then run; the wait counts against timeouts.create.
  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

# Bootstrap an instance created in the same apply: its TAT agent starts a
# little after the instance, and TAT refuses a command until it is online.
resource "tencentcloud_instance" "web" {
  instance_name     = "web"
  availability_zone = "ap-guangzhou-6"
  image_id          = var.image_id # public images come with the TAT agent
  instance_type     = "S5.MEDIUM2"
}

variable "image_id" {
  type = string
}

resource "cloudcmd_tat_command" "bootstrap" {
  name    = "bootstrap"
  content = file("${path.module}/bootstrap.sh")
}

resource "cloudcmd_tat_invocation" "bootstrap" {
  command_id   = cloudcmd_tat_command.bootstrap.id
  instance_ids = [tencentcloud_instance.web.id]

  # Wait for the agent, then run; the wait counts against timeouts.create.
  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

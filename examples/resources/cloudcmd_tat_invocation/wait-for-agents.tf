# Bootstrap an instance created in the same apply: its TAT agent starts a
# little after the instance, and TAT refuses a command until it is online.
variable "new_instance_id" {
  type        = string
  description = "An instance created in the same apply, such as tencentcloud_instance.web.id."
}

resource "cloudcmd_tat_command" "first_boot" {
  name    = "first-boot"
  content = file("${path.module}/bootstrap.sh")
}

resource "cloudcmd_tat_invocation" "first_boot" {
  command_id   = cloudcmd_tat_command.first_boot.id
  instance_ids = [var.new_instance_id]

  # Wait for the agent, then run; the wait counts against timeouts.create.
  wait_for_agents = true
  timeouts = {
    create = "30m"
  }
}

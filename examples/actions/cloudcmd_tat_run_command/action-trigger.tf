# Bootstrap an instance once, right after it is created: the action runs
# after the resource that triggers it, and a failure fails the apply. Put
# the lifecycle block on the resource that creates the instance (such as a
# tencentcloud_instance); a terraform_data holding its ID stands in here.
variable "instance_id" {
  type    = string
  default = "ins-1a2b3c4d"
}

resource "terraform_data" "web" {
  input = var.instance_id

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.cloudcmd_tat_run_command.bootstrap]
    }
  }
}

action "cloudcmd_tat_run_command" "bootstrap" {
  config {
    content         = "cloud-init status --wait && /opt/bootstrap.sh"
    instance_ids    = [var.instance_id]
    timeout         = 900
    wait_for_agents = true # the agent starts a little after the instance
  }
}

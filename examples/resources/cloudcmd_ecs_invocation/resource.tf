# A saved command, run on two servers whenever the release changes. The
# apply waits for the run and fails if any server fails; destroying the
# invocation leaves the command in place.
resource "cloudcmd_ecs_command" "deploy" {
  name             = "deploy-app"
  type             = "RunShellScript"
  command_content  = <<-EOT
    set -e
    cd /srv/app
    ./deploy.sh {{release}}
  EOT
  enable_parameter = true
  timeout          = 600
}

resource "cloudcmd_ecs_invocation" "deploy" {
  command_id   = cloudcmd_ecs_command.deploy.id
  instance_ids = ["i-bp185dy2o3o6neg3abcd", "i-bp185dy2o3o6neg3efgh"]
  parameters   = { release = var.release }

  triggers = {
    release = var.release
  }

  timeouts = {
    create = "30m"
  }
}

# The same command every day at 03:00 on the tagged web servers, recorded
# without waiting and stopped on destroy.
resource "cloudcmd_ecs_invocation" "nightly" {
  command_id    = cloudcmd_ecs_command.deploy.id
  resource_tags = { role = "web" }
  parameters    = { release = var.release }
  repeat_mode   = "Period"
  frequency     = "0 0 3 * * ? Asia/Shanghai"
}

variable "release" {
  type = string
}

output "deploy_output" {
  value = { for r in cloudcmd_ecs_invocation.deploy.results : r.instance_id => r.output }
}

# Runs the deploy on every web server, waits for it, and fails the apply if
# any server fails. A new release runs it again.
resource "cloudcmd_ecs_run_command" "deploy" {
  name             = "deploy-app"
  type             = "RunShellScript"
  command_content  = <<-EOT
    set -e
    cd /srv/app
    ./deploy.sh {{release}}
  EOT
  enable_parameter = true
  parameters       = { release = var.release }
  timeout          = 600
  instance_ids     = ["i-bp185dy2o3o6neg3abcd", "i-bp185dy2o3o6neg3efgh"]

  triggers = {
    release = var.release
  }

  timeouts = {
    create = "30m"
  }
}

variable "release" {
  type = string
}

output "deploy_output" {
  value = { for r in cloudcmd_ecs_run_command.deploy.results : r.instance_id => r.output }
}

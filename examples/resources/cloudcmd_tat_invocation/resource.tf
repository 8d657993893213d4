resource "cloudcmd_tat_command" "deploy" {
  name             = "deploy-app"
  content          = <<-EOT
    set -e
    cd /srv/app
    ./deploy.sh {{release}}
  EOT
  timeout          = 600
  enable_parameter = true
}

# Runs the deploy on every web server, waits for it, and fails the apply if
# any server fails. A new release runs it again.
resource "cloudcmd_tat_invocation" "deploy" {
  command_id   = cloudcmd_tat_command.deploy.id
  instance_ids = ["ins-1a2b3c4d", "ins-5e6f7a8b"]
  parameters   = { release = var.release }

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
  value = { for r in cloudcmd_tat_invocation.deploy.results : r.instance_id => r.output }
}

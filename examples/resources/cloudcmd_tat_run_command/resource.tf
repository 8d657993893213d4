# Runs a script on the web servers in one call, waits for it, and fails the
# apply if any server fails. A new release runs it again.
resource "cloudcmd_tat_run_command" "deploy" {
  content          = <<-EOT
    set -e
    cd /srv/app
    ./deploy.sh {{release}}
  EOT
  instance_ids     = ["ins-1a2b3c4d", "ins-5e6f7a8b"]
  timeout          = 600
  enable_parameter = true
  parameters       = { release = var.release }

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
  value = { for r in cloudcmd_tat_run_command.deploy.results : r.instance_id => r.output }
}

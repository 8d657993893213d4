# Write-only parameters (Terraform 1.11 and later) reach Cloud Assistant but
# never the plan or the state. The value comes from an ephemeral variable
# (set it with TF_VAR_deploy_token, or pass any ephemeral value such as a
# secret manager's ephemeral resource). Bump the version to run again with a
# new secret.
variable "deploy_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cloudcmd_ecs_run_command" "rotate" {
  type                  = "RunShellScript"
  command_content       = "echo '{{token}}' > /etc/app/token"
  enable_parameter      = true
  instance_ids          = ["i-bp185dy2o3o6neg3abcd"]
  parameters_wo         = { token = var.deploy_token }
  parameters_wo_version = 2
}

# Write-only parameters (Terraform 1.11 and later) reach Cloud Assistant but
# never the plan or the state. Bump the version to run again with a new
# secret.
resource "cloudcmd_ecs_run_command" "rotate" {
  type                  = "RunShellScript"
  command_content       = "echo '{{token}}' > /etc/app/token"
  enable_parameter      = true
  instance_ids          = ["i-bp185dy2o3o6neg3abcd"]
  parameters_wo         = { token = ephemeral.random_password.token.result }
  parameters_wo_version = 2
}

ephemeral "random_password" "token" {
  length = 32
}

# Write-only parameters (Terraform 1.11 and later) reach TAT but never the
# plan or the state. Bump the version to run again with a new secret.
resource "cloudcmd_tat_invocation" "rotate" {
  command_id            = "cmd-6gfk2ug3"
  instance_ids          = ["ins-1a2b3c4d"]
  parameters_wo         = { token = ephemeral.random_password.token.result }
  parameters_wo_version = 2
}

ephemeral "random_password" "token" {
  length = 32
}

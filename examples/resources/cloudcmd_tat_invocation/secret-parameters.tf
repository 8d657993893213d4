# Write-only parameters (Terraform 1.11 and later) reach TAT but never the
# plan or the state. The value comes from an ephemeral variable (set it with
# TF_VAR_deploy_token, or pass any ephemeral value such as a secret manager's
# ephemeral resource). Bump the version to run again with a new secret.
variable "deploy_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cloudcmd_tat_invocation" "rotate" {
  command_id            = "cmd-6gfk2ug3"
  instance_ids          = ["ins-1a2b3c4d"]
  parameters_wo         = { token = var.deploy_token }
  parameters_wo_version = 2
}

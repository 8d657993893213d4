# Write-only parameters (Terraform 1.11 and later) reach TAT but never the
# plan or the state. The value comes from an ephemeral variable (set it with
# TF_VAR_registry_token). Bump the version to run again with a new secret.
variable "registry_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cloudcmd_tat_run_command" "login" {
  content               = "echo '{{token}}' | docker login -u deploy --password-stdin registry.example.com"
  instance_ids          = ["ins-1a2b3c4d"]
  enable_parameter      = true
  parameters_wo         = { token = var.registry_token }
  parameters_wo_version = 2
}

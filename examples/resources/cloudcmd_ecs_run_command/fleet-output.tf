# A health check across a fleet: exit code 3 means "degraded, but carry on",
# the state keeps only the last 4 KB of each instance's output, and the
# output stays out of plan and apply output, since the script may print the
# write-only token it is given.
resource "cloudcmd_ecs_run_command" "health" {
  type                  = "RunShellScript"
  command_content       = "/opt/health/check --token '{{token}}'"
  enable_parameter      = true
  resource_tags         = { role = "web" }
  parameters_wo         = { token = var.health_token }
  parameters_wo_version = 1

  success_exit_codes = [0, 3]
  keep_output        = "last_bytes"
  keep_output_limit  = 4096
  sensitive_output   = true
}

variable "health_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cloudcmd_ecs_command" "example" {
  name            = "disk-report"
  description     = "Reports disk usage above a threshold"
  type            = "RunShellScript"
  command_content = <<-EOT
    #!/bin/bash
    df -h | awk -v limit={{threshold}} 'NR > 1 && int($5) > limit'
  EOT

  # region_id defaults to the provider's alicloud region.
  timeout     = 120
  working_dir = "/tmp"

  enable_parameter = true

  tags = {
    team = "ops"
  }
}

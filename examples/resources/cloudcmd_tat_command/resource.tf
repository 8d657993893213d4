resource "cloudcmd_tat_command" "disk_report" {
  name        = "disk-report"
  description = "Reports disk usage above a threshold"
  content     = <<-EOT
    #!/bin/bash
    df -h | awk -v limit={{threshold}} 'NR > 1 && int($5) > limit'
  EOT

  timeout           = 120
  working_directory = "/tmp"
  username          = "root"

  enable_parameter   = true
  default_parameters = { threshold = "80" }

  tags = {
    team = "ops"
  }
}

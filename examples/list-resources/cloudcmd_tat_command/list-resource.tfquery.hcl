# Every TAT command the account made in the provider's region: run
#   terraform query -generate-config-out=generated.tf
# to write an import block and a resource block for each, then
#   terraform plan
# to import them.
list "cloudcmd_tat_command" "all" {
  provider         = cloudcmd
  include_resource = true
}

# Only the commands tagged team = ops.
list "cloudcmd_tat_command" "ops" {
  provider = cloudcmd

  config {
    tags = { team = "ops" }
  }
}

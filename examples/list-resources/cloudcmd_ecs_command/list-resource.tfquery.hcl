# Every Cloud Assistant command the account made in the provider's region,
# never Alibaba Cloud's common commands: run
#   terraform query -generate-config-out=generated.tf
# to write an import block and a resource block for each.
list "cloudcmd_ecs_command" "all" {
  provider         = cloudcmd
  include_resource = true
}

# The commands tagged team = ops in another region.
list "cloudcmd_ecs_command" "ops_shanghai" {
  provider = cloudcmd

  config {
    region_id = "cn-shanghai"
    tags      = { team = "ops" }
  }
}

# The Cloud Assistant agents of some instances.
data "cloudcmd_ecs_agent_status" "web" {
  instance_ids = ["i-bp1iudwa5b1tqa1234", "mi-hz018jrc1o0abcd"]
}

output "not_online" {
  value = [for a in data.cloudcmd_ecs_agent_status.web.agents : a.instance_id if !a.online]
}

output "without_agent" {
  value = [for a in data.cloudcmd_ecs_agent_status.web.agents : a.instance_id if !a.installed]
}

# Every Linux instance of a region.
data "cloudcmd_ecs_agent_status" "linux" {
  region_id = "cn-shanghai"
  os_type   = "Linux"
}

# The TAT agents of some instances: which are online, and which have none.
data "cloudcmd_tat_agent_status" "web" {
  instance_ids = ["ins-12345678", "lhins-abcd1234", "rins-8dz6cwxx"]
}

output "offline" {
  value = [for a in data.cloudcmd_tat_agent_status.web.agents : a.instance_id if a.agent_status != "Online"]
}

output "without_agent" {
  value = data.cloudcmd_tat_agent_status.web.missing_instance_ids
}

# Every offline Linux agent in the region.
data "cloudcmd_tat_agent_status" "offline" {
  agent_status = "Offline"
  environment  = "Linux"
}

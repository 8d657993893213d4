# A public command of TAT, found by its exact name.
data "cloudcmd_tat_commands" "public" {
  created_by   = "TAT"
  command_name = "TAT_EchoMessage"
}

# Run it: the data source gives the ID, and its parameters' defaults.
resource "cloudcmd_tat_invocation" "echo" {
  command_id   = data.cloudcmd_tat_commands.public.ids[0]
  instance_ids = ["ins-12345678"]
  parameters   = { message = "hello" }
}

# Your own shell commands tagged team = ops whose names start with deploy-.
data "cloudcmd_tat_commands" "deploy" {
  created_by   = "USER"
  command_type = "SHELL"
  tags         = { team = "ops" }
  name_regex   = "^deploy-"
}

output "deploy_commands" {
  value = { for c in data.cloudcmd_tat_commands.deploy.commands : c.name => c.id }
}

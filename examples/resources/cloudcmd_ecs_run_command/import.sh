# A run is imported by its invocation ID (InvokeId); it is looked up in the
# provider's alicloud region. Its results come with it.
terraform import cloudcmd_ecs_run_command.deploy t-hz0jdfwd9f1a2b3

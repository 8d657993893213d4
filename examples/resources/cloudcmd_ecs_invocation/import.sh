# An invocation is imported by its ID (InvokeId); it is looked up in the
# provider's alicloud region. Its results come with it.
terraform import cloudcmd_ecs_invocation.deploy t-hz0jdfwd9f1a2b3

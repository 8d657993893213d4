# An ECS command is imported by its ID; it is looked up in the provider's
# alicloud region.
terraform import cloudcmd_ecs_command.example c-hz0jdfwcsr1a2b3

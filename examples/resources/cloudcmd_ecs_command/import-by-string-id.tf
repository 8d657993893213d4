# Import the ECS command by its ID, in the provider's alicloud region.
import {
  to = cloudcmd_ecs_command.example
  id = "c-hz0jdfwcsr1a2b3"
}

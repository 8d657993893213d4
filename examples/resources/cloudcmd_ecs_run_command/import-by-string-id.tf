# Import the run by its invocation ID (InvokeId), in the provider's alicloud region.
import {
  to = cloudcmd_ecs_run_command.deploy
  id = "t-hz0jdfwd9f1a2b3"
}

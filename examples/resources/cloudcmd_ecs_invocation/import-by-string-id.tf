# Import the invocation by its InvokeId, in the provider's alicloud region.
import {
  to = cloudcmd_ecs_invocation.deploy
  id = "t-hz0jdfwd9f1a2b3"
}

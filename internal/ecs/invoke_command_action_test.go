package ecs_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
)

// TestAccECSInvokeCommand_action runs a command once, in one
// InvokeCommand.
func TestAccECSInvokeCommand_action(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo invoked {{who}}"
	config := acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_ecs_command" "test" {
  name             = "invoked-by-action"
  type             = "RunShellScript"
  command_content  = %q
  enable_parameter = true
}
`, script) + acctest.ActionTriggered("cloudcmd_ecs_invoke_command", `
    command_id   = cloudcmd_ecs_command.test.id
    instance_ids = ["i-aaaa0001", "i-bbbb0002"]
    parameters   = { who = "by action" }`)
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeTestCheckFunc(
			expectScriptRuns(fake, script, 2),
			expectRunCount(fake, 1),
		),
	}))
}

// TestAccECSInvokeCommand_actionPeriodicRefused refuses a periodic run at
// plan.
func TestAccECSInvokeCommand_actionPeriodicRefused(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_ecs_invoke_command", `
    command_id   = "ACS-ECS-InstanceHealthCheck"
    instance_ids = ["i-aaaa0001"]
    repeat_mode  = "EveryReboot"`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`Action Runs Once`),
	}))
}

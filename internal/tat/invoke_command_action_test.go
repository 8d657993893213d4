package tat_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// invokeCommandActionConfig is a saved command running script, and the
// action invoking it with the action's arguments, body.
func invokeCommandActionConfig(fake *fakecloud.Server, script, body string) string {
	return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name             = "invoked-by-action"
  content          = %q
  enable_parameter = true
}
`, script) + acctest.ActionTriggered("cloudcmd_tat_invoke_command", "    command_id = cloudcmd_tat_command.test.id\n"+body)
}

// TestAccTATInvokeCommand_action runs a saved command once with the
// action's parameters, in one InvokeCommand.
func TestAccTATInvokeCommand_action(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo hello {{who}}"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: invokeCommandActionConfig(fake, script, `
    instance_ids = ["ins-aaaa0001", "ins-bbbb0002"]
    parameters   = { who = "action" }`),
		Check: resource.ComposeTestCheckFunc(
			expectExecutions(fake, script, 2),
			acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
		),
	}))
}

// TestAccTATInvokeCommand_actionPlanTimeRules refuses at plan what the
// resource refuses.
func TestAccTATInvokeCommand_actionPlanTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_tat_invoke_command", `
    command_id   = "not-a-command"
    instance_ids = ["ins-aaaa0001"]`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`command_id`),
	}, resource.TestStep{
		Config: acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_tat_invoke_command", `
    command_id            = "cmd-abcd1234"
    instance_ids          = ["ins-aaaa0001"]
    output_cos_key_prefix = "logs"`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`output_cos_bucket_url`),
	}, resource.TestStep{
		Config: acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_tat_invoke_command", `
    command_id   = "cmd-abcd1234"
    instance_ids = ["ins-aaaa0001", "lhins-bbbb0002"]`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`must not mix CVM`),
	}))
}

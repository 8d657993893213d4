package tat_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// TestAccTATRunCommand_sharedSwitches: the switches every TAT run shares
// work on cloudcmd_tat_run_command too. It waits for an agent that comes
// online late, accepts exit code 3 under success_exit_codes, keeps the last
// line of output, and changing those switches runs nothing again.
func TestAccTATRunCommand_sharedSwitches(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Hour)})
	acctest.AdvanceAfterFirstAnswer(t, fake, clock, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", time.Hour)
	config := func(waitForAgents bool, keep string) string {
		return runCommandConfig(fake.URL(), fmt.Sprintf(`
  content            = "echo first\necho second\nexit 3"
  instance_ids       = ["ins-new00001"]
  wait_for_agents    = %t
  success_exit_codes = [0, 3]
  %s`, waitForAgents, keep))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(true, `keep_output = "last_lines"
  keep_output_limit = 1`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("FAILED")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("second\n")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output_truncated"), knownvalue.Bool(true)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", 2),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 1),
			),
		}, {
			// Every switch changes in place: nothing runs again.
			Config: config(false, `keep_output = "none"
  sensitive_output = true`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.MapExact(map[string]knownvalue.Check{
					"ins-new00001": knownvalue.StringExact(""),
				})),
			},
			Check: acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 1),
		}},
	})
}

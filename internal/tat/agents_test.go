package tat_test

import (
	"regexp"
	"strings"
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

// TestAccTATInvocation_waitForAgents runs on a new instance whose agent
// comes online only after the first look: the run waits for it, then runs.
func TestAccTATInvocation_waitForAgents(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Hour)})
	acctest.AdvanceAfterFirstAnswer(t, fake, clock, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo bootstrapped", `  instance_ids    = ["ins-new00001", "ins-aaaa0001"]
  wait_for_agents = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("wait_for_agents"), knownvalue.Bool(true)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", 2),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
			),
		}},
	})
}

// TestAccTATInvocation_waitForAgentsTimesOut names the instance whose agent
// stayed offline, runs nothing, and runs once the agent is online.
func TestAccTATInvocation_waitForAgentsTimesOut(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline})
	fake.Fleet().Set(fleet.Instance{ID: "ins-noagent1", State: fleet.AgentNotInstalled})
	body := `  instance_ids    = ["ins-offline1", "ins-aaaa0001"]
  wait_for_agents = true
  timeouts        = { create = "1s" }`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: invocationConfig(fake, "echo hi", `  instance_ids    = ["ins-offline1", "ins-noagent1", "ins-aaaa0001"]
  wait_for_agents = true
  timeouts        = { create = "1s" }`),
				ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)Timed Out Waiting For Agents.*agent offline: ins-offline1.*no agent reported.*ins-noagent1.*security group`, " ", `\s+`)),
			},
			{
				// Nothing ran; once the agent is online the same run goes.
				PreConfig: func() {
					if n := fake.Counters().Effect(fakecloud.VendorTencent, "InvokeCommand"); n != 0 {
						t.Errorf("the timed-out wait ran %d invocations, want none", n)
					}
					fake.Fleet().Set(fleet.Instance{ID: "ins-offline1", State: fleet.Running})
				},
				Config: invocationConfig(fake, "echo hi", body),
				Check:  acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
			},
		},
	})
}

// TestAccTATInvocation_waitForAgentsIsASwitch changes wait_for_agents in
// place, without running the command again.
func TestAccTATInvocation_waitForAgentsIsASwitch(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: invocationConfig(fake, "echo hi", `  instance_ids = ["ins-aaaa0001"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("wait_for_agents"), knownvalue.Bool(false)),
				},
				Check: acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
			},
			{
				Config: invocationConfig(fake, "echo hi", `  instance_ids    = ["ins-aaaa0001"]
  wait_for_agents = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
					acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus"),
				),
			},
		},
	})
}

// TestAccTATInvoker_waitForAgents creates an invoker on a new instance once
// its agent is online, and refuses to add an instance whose agent stays
// offline, naming it.
func TestAccTATInvoker_waitForAgents(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Hour)})
	fake.Fleet().Set(fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline})
	acctest.AdvanceAfterFirstAnswer(t, fake, clock, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", time.Hour)
	waiting := func(instances, timeouts string) string {
		args := recurringArgs("0 3 * * *")
		args.instances = instances
		return strings.Replace(args.config(fake), "  schedule_settings = {", "  wait_for_agents = true\n"+timeouts+"  schedule_settings = {", 1)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: waiting(`["ins-new00001"]`, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", 2),
					acctest.CheckEffects(fake, fakecloud.VendorTencent, "CreateInvoker", 1),
				),
			},
			{
				Config: waiting(`["ins-new00001", "ins-offline1"]`, "  timeouts = { update = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(strings.ReplaceAll(
					`(?s)Timed Out Waiting For Agents.*so the invoker was not changed.*agent offline: ins-offline1`, " ", `\s+`)),
			},
		},
	})
}

package ecs_test

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

// TestAccECSRunCommand_waitForAgents runs on a new instance whose agent
// comes online only after the first look: without the wait the run would
// be aborted there.
func TestAccECSRunCommand_waitForAgents(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Hour)})
	acctest.AdvanceAfterFirstAnswer(t, fake, clock, fakecloud.VendorAlicloud, "DescribeCloudAssistantStatus", time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo bootstrapped"
  instance_ids    = ["i-new00001", "i-aaaa0001"]
  wait_for_agents = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.CheckRequestsAtLeast(fake, fakecloud.VendorAlicloud, "DescribeCloudAssistantStatus", 2),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 1),
			),
		}},
	})
}

// TestAccECSInvocation_waitForAgents refuses resource_tags with the wait at
// plan; times out on an offline agent, naming it and running nothing; and
// changing wait_for_agents later runs nothing again.
func TestAccECSInvocation_waitForAgents(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline})
	fake.Fleet().Set(fleet.Instance{ID: "i-noagent1", State: fleet.AgentNotInstalled})
	fake.Fleet().Set(fleet.Instance{ID: "i-gone0001", State: fleet.NotFound})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: invocationConfig(fake, "echo hi", `
  resource_tags   = { role = "web" }
  wait_for_agents = true`),
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText("Attribute wait_for_agents = true waits for the instances in instance_ids, but this run selects its instances with resource_tags"),
			},
			{
				Config: invocationConfig(fake, "echo hi", `
  instance_ids    = ["i-offline1", "i-noagent1", "i-gone0001", "i-aaaa0001"]
  wait_for_agents = true
  timeouts        = { create = "1s" }`),
				ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)Timed Out Waiting For Agents.*Cloud Assistant agent was not online.*`+
					`agent offline: i-offline1.*no agent installed: i-noagent1.*does not exist\): i-gone0001.*security group`, " ", `\s+`)),
			},
			{
				PreConfig: func() {
					if n := fake.Counters().Effect(fakecloud.VendorAlicloud, "InvokeCommand"); n != 0 {
						t.Errorf("the timed-out wait ran %d invocations, want none", n)
					}
				},
				Config: invocationConfig(fake, "echo hi", `
  instance_ids    = ["i-aaaa0001"]`),
				Check: acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
			},
			{
				Config: invocationConfig(fake, "echo hi", `
  instance_ids    = ["i-aaaa0001"]
  wait_for_agents = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
				}},
				Check: acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
			},
		},
	})
}

package tat_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

const agentStatusAddress = "data.cloudcmd_tat_agent_status.test"

func TestAccTATAgentStatusDataSource(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline})
	fake.Fleet().Set(fleet.Instance{ID: "ins-noagent1", State: fleet.AgentNotInstalled})
	fake.Fleet().Set(fleet.Instance{ID: "lhins-down0001", State: fleet.Stopped})
	heartbeat := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Every kind of ID TAT takes, mixed, in one call.
				Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_tat_agent_status" "test" {
  instance_ids = ["ins-offline1", "ins-noagent1", "ins-aaaa0001", "lhins-down0001", "rins-8dz6cwxx"]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("ins-aaaa0001"), "agent_status": knownvalue.StringExact("Online"),
							"version": knownvalue.StringExact("1.0.19"), "last_heartbeat_time": heartbeat,
							"environment": knownvalue.StringExact("Linux"), "support_features": knownvalue.ListExact([]knownvalue.Check{}),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("ins-offline1"), "agent_status": knownvalue.StringExact("Offline")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("lhins-down0001"), "agent_status": knownvalue.StringExact("Offline")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("rins-8dz6cwxx"), "agent_status": knownvalue.StringExact("Online")}),
					})),
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("missing_instance_ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("ins-noagent1"),
					})),
				},
				Check: acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", 1),
			},
			{
				// Filters without IDs: every offline agent the fake knows,
				// paged 100 at a time.
				PreConfig: func() {
					for i := range 100 {
						fake.Fleet().Set(fleet.Instance{ID: fmt.Sprintf("ins-page%04d", i), State: fleet.AgentOffline})
					}
					fake.ResetCounters()
				},
				Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_tat_agent_status" "test" {
  agent_status = "Offline"
  environment  = "Linux"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents"), knownvalue.ListSizeExact(102)),
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents").AtSliceIndex(0).AtMapKey("instance_id"), knownvalue.StringExact("ins-offline1")),
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents").AtSliceIndex(101).AtMapKey("instance_id"), knownvalue.StringExact("lhins-down0001")),
				},
				Check: acctest.CheckRequestsAtLeast(fake, fakecloud.VendorTencent, "DescribeAutomationAgentStatus", 2),
			},
		},
	})
}

func TestAccTATAgentStatusDataSource_planTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(body string) string {
		return acctest.ProviderConfig(fake) + "\ndata \"cloudcmd_tat_agent_status\" \"test\" {\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(`  instance_ids = ["ins-aaaa0001", "i-bp1abc"]`),
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText("must be a CVM instance ID (ins- followed by 8 lowercase letters or digits)"),
			},
			{
				Config:      config(`  instance_ids = []`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`set must contain at least 1 elements`),
			},
			{
				Config:      config(`  agent_status = "Running"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Attribute agent_status value must be one of`),
			},
			{
				Config: config(`  environment = "Mac"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`Attribute environment value must be one of`),
			},
		},
	})
}

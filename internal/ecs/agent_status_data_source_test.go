package ecs_test

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

const agentStatusAddress = "data.cloudcmd_ecs_agent_status.test"

func TestAccECSAgentStatusDataSource(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline})
	fake.Fleet().Set(fleet.Instance{ID: "i-noagent1", State: fleet.AgentNotInstalled})
	fake.Fleet().Set(fleet.Instance{ID: "i-gone0001", State: fleet.NotFound})
	heartbeat := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// ECS and managed instances, mixed, in one call.
				Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_agent_status" "test" {
  instance_ids = ["i-offline1", "i-noagent1", "i-gone0001", "i-aaaa0001", "mi-hz018jrc1o0abcd"]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("i-aaaa0001"), "online": knownvalue.Bool(true), "installed": knownvalue.Bool(true),
							"version": knownvalue.StringExact("2.2.3.189"), "last_heartbeat_time": heartbeat, "os_type": knownvalue.StringExact("Linux"),
							"active_task_count": knownvalue.Int64Exact(0), "invocation_count": knownvalue.Int64Exact(0),
							"last_invoked_time": knownvalue.StringExact(""), "support_session_manager": knownvalue.Bool(true),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-noagent1"), "online": knownvalue.Bool(false), "installed": knownvalue.Bool(false)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-offline1"), "online": knownvalue.Bool(false), "installed": knownvalue.Bool(true)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("mi-hz018jrc1o0abcd"), "online": knownvalue.Bool(true)}),
					})),
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("missing_instance_ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("i-gone0001"),
					})),
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("region_id"), knownvalue.Null()),
				},
			},
			{
				// No IDs: every declared instance of the region, paged 50 at a
				// time.
				PreConfig: func() {
					for i := range 55 {
						fake.Fleet().Set(fleet.Instance{ID: fmt.Sprintf("i-page%04d", i), State: fleet.Running})
					}
					fake.ResetCounters()
				},
				Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_agent_status" "test" {
  region_id = "` + acctest.AlicloudRegion + `"
  os_type   = "Linux"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(agentStatusAddress, tfjsonpath.New("agents"), knownvalue.ListSizeExact(57)),
				},
				Check: acctest.CheckRequestsAtLeast(fake, fakecloud.VendorAlicloud, "DescribeCloudAssistantStatus", 2),
			},
		},
	})
}

func TestAccECSAgentStatusDataSource_planTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(body string) string {
		return acctest.ProviderConfig(fake) + "\ndata \"cloudcmd_ecs_agent_status\" \"test\" {\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(`  instance_ids = ["i-aaaa0001", "ins-abcd0001"]`),
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText("must be an ECS instance ID (i- followed by lowercase letters or digits)"),
			},
			{
				Config:      config(`  os_type = "Mac"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Attribute os_type value must be one of`),
			},
			{
				Config: config(`  region_id = "Hangzhou!"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`region_id`),
			},
		},
	})
}

package tat_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// TestAccTATInvokersDataSource_filtersAndPaging lists 150 invokers, more
// than a page of 100, and one of a second command with parameters, which
// are read only on request and then only into a sensitive map.
func TestAccTATInvokersDataSource_filtersAndPaging(t *testing.T) {
	fake := acctest.StartFake(t)
	client := fastTATClient(t, fake)
	busy := createCommand(t, client, "busy")
	for i := range 150 {
		createInvoker(t, client, busy, fmt.Sprintf("bulk-%03d", i), "")
	}
	withParams := createParameterCommand(t, client, "greeter")
	greeter := createInvoker(t, client, withParams, "greeter", `{"who":"secret-name"}`)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_tat_invokers" "all" {
  type = "SCHEDULE"
}

data "cloudcmd_tat_invokers" "busy" {
  command_id = %[1]q
}

data "cloudcmd_tat_invokers" "greeter" {
  invoker_ids        = [%[2]q]
  include_parameters = true
}
`, busy, greeter),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.all", tfjsonpath.New("invokers"), knownvalue.ListSizeExact(151)),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.all", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(greeter)),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.all", tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.busy", tfjsonpath.New("invokers"), knownvalue.ListSizeExact(150)),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.greeter", tfjsonpath.New("invokers"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":           knownvalue.StringExact(greeter),
						"name":         knownvalue.StringExact("greeter"),
						"type":         knownvalue.StringExact("SCHEDULE"),
						"command_id":   knownvalue.StringExact(withParams),
						"username":     knownvalue.StringExact(""),
						"instance_ids": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("ins-aaaa0001")}),
						"enabled":      knownvalue.Bool(true),
						"policy":       knownvalue.StringExact("RECURRENCE"),
						"recurrence":   knownvalue.StringExact("0 3 * * *"),
						"invoke_time":  knownvalue.NotNull(),
						"created_time": knownvalue.NotNull(),
						"updated_time": knownvalue.NotNull(),
						"tags":         knownvalue.MapExact(map[string]knownvalue.Check{}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_invokers.greeter", tfjsonpath.New("parameters"),
					knownvalue.MapExact(map[string]knownvalue.Check{greeter: knownvalue.StringExact(`{"who":"secret-name"}`)})),
				acctest.ExpectSensitivePaths("data.cloudcmd_tat_invokers.greeter", "parameters"),
			},
		}},
	})
}

func TestAccTATInvokersDataSource_planTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	plan := func(body string, want string) resource.TestStep {
		return resource.TestStep{
			Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_tat_invokers\" \"test\" {\n" + body + "\n}\n",
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvokers"),
		Steps: []resource.TestStep{
			plan(`invoker_ids = ["ivk-1"]`, "Attribute invoker_ids[0] must be a TAT invoker ID"),
			plan(`
  invoker_ids = ["ivk-aaaa0001"]
  type        = "SCHEDULE"`, `Attribute "type" cannot be specified when "invoker_ids" is specified`),
			plan(`command_id = "c-123"`, "Attribute command_id must be a TAT command ID"),
			plan(`type = "ONCE"`, `Attribute type value must be one of: ["SCHEDULE"]`),
		},
	})
}

func createInvoker(t *testing.T, client *conns.TATClient, commandID, name, parameters string) string {
	t.Helper()
	req := &tat.CreateInvokerRequest{
		Name: flex.StringPtr(name), Type: flex.StringPtr("SCHEDULE"), CommandId: flex.StringPtr(commandID),
		InstanceIds:      []*string{flex.StringPtr("ins-aaaa0001")},
		ScheduleSettings: &tat.ScheduleSettings{Policy: flex.StringPtr("RECURRENCE"), Recurrence: flex.StringPtr("0 3 * * *")},
	}
	if parameters != "" {
		req.Parameters = flex.StringPtr(parameters)
	}
	resp, err := client.CreateInvoker(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.InvokerId
}

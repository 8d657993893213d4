package tat_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tatsdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

var invokerIDPattern = regexp.MustCompile(`^ivk-[a-z0-9]{8}$`)

// TestAccTATInvoker_identity checks the identity recorded on create and
// imports the invoker back by it.
func TestAccTATInvoker_identity(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: recurringArgs("0 3 * * *").config(fake),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(invokerAddress, map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(invokerIDPattern),
					"region": knownvalue.StringExact(acctest.TencentRegion),
				}),
				statecheck.ExpectIdentityValueMatchesState(invokerAddress, tfjsonpath.New("id")),
			},
		}, {
			ResourceName:    invokerAddress,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}},
	})
}

// TestAccTATInvoker_list finds invokers made outside Terraform by name and
// by command, and with include_resource the whole invoker as an import
// reads it.
func TestAccTATInvoker_list(t *testing.T) {
	fake := acctest.StartFake(t)
	nightlyCommand := seedTATCommand(t, fake, "nightly-command", nil)
	weeklyCommand := seedTATCommand(t, fake, "weekly-command", nil)
	seedTATInvoker(t, fake, "nightly", nightlyCommand, "0 3 * * *", true)
	seedTATInvoker(t, fake, "weekly", weeklyCommand, "0 4 * * 1", false)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query: true,
			Config: acctest.ProviderConfig(fake) + `
list "cloudcmd_tat_invoker" "all" {
  provider = cloudcmd
}
list "cloudcmd_tat_invoker" "by_name" {
  provider         = cloudcmd
  include_resource = true
  config {
    name = "weekly"
  }
}
list "cloudcmd_tat_invoker" "by_command" {
  provider = cloudcmd
  config {
    command_id = "` + nightlyCommand + `"
  }
}
list "cloudcmd_tat_invoker" "none" {
  provider = cloudcmd
  config {
    name = "no-such-invoker"
  }
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_tat_invoker.all", 2),
				querycheck.ExpectLength("cloudcmd_tat_invoker.by_name", 1),
				querycheck.ExpectIdentity("cloudcmd_tat_invoker.by_name", map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(invokerIDPattern),
					"region": knownvalue.StringExact(acctest.TencentRegion),
				}),
				querycheck.ExpectResourceKnownValues("cloudcmd_tat_invoker.by_name", queryfilter.ByDisplayName(knownvalue.StringExact("weekly")), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("command_id"), KnownValue: knownvalue.StringExact(weeklyCommand)},
					{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(false)},
					{Path: tfjsonpath.New("wait_for_agents"), KnownValue: knownvalue.Bool(false)},
					{Path: tfjsonpath.New("instance_ids"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ins-aaaa0001")})},
					{Path: tfjsonpath.New("schedule_settings").AtMapKey("recurrence"), KnownValue: knownvalue.StringExact("0 4 * * 1")},
				}),
				querycheck.ExpectLength("cloudcmd_tat_invoker.by_command", 1),
				querycheck.ExpectResourceDisplayName("cloudcmd_tat_invoker.by_command", queryfilter.ByDisplayName(knownvalue.StringExact("nightly")), knownvalue.StringExact("nightly")),
				querycheck.ExpectLength("cloudcmd_tat_invoker.none", 0),
			},
		}},
	})
}

// seedTATInvoker creates a RECURRENCE invoker through the API, as made
// outside Terraform, paused unless enabled, and returns its ID.
func seedTATInvoker(t *testing.T, fake *fakecloud.Server, name, commandID, recurrence string, enabled bool) string {
	t.Helper()
	client := acctest.TATClient(t, fake)
	out, err := client.CreateInvoker(context.Background(), &tatsdk.CreateInvokerRequest{
		Name: &name, Type: ptr("SCHEDULE"), CommandId: &commandID,
		InstanceIds:      []*string{ptr("ins-aaaa0001")},
		ScheduleSettings: &tatsdk.ScheduleSettings{Policy: ptr("RECURRENCE"), Recurrence: &recurrence},
	})
	if err != nil {
		t.Fatalf("seeding invoker %s: %v", name, err)
	}
	id := *out.Response.InvokerId
	if !enabled {
		if _, err := client.DisableInvoker(context.Background(), &tatsdk.DisableInvokerRequest{InvokerId: &id}); err != nil {
			t.Fatalf("pausing invoker %s: %v", name, err)
		}
	}
	return id
}

package ecs_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	ecsapi "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// needsQuery gates the tests of resource identity and list resources:
// `import { identity = ... }` in these tests and `terraform query` need
// Terraform 1.14+ (`make test-terraform-latest` runs them).
var needsQuery = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

var commandIDPattern = regexp.MustCompile(`^c-[a-z0-9]+$`)

// TestAccECSCommand_identity checks the identity recorded on create (the
// command's ID and region_id) and imports the command back by it.
func TestAccECSCommand_identity(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_ecs_command" "test" {
  name            = "identity"
  type            = "RunShellScript"
  command_content = "echo identity"
  tags            = { team = "ops" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(commandAddress, map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(commandIDPattern),
					"region": knownvalue.StringExact(acctest.AlicloudRegion),
				}),
				statecheck.ExpectIdentityValueMatchesState(commandAddress, tfjsonpath.New("id")),
				statecheck.ExpectIdentityValueMatchesStateAtPath(commandAddress, tfjsonpath.New("region"), tfjsonpath.New("region_id")),
			},
		}, {
			ResourceName:    commandAddress,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}},
	})
}

// TestAccECSCommand_identityOtherRegion imports, by identity, a command
// made outside Terraform in a region other than the provider's: the
// identity's region is where it is looked up, and becomes region_id.
func TestAccECSCommand_identityOtherRegion(t *testing.T) {
	fake := acctest.StartFake(t)
	const region = "cn-shanghai"
	id := seedECSCommand(t, fake, region, "made-elsewhere")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
import {
  to       = cloudcmd_ecs_command.test
  identity = { id = "` + id + `", region = "` + region + `" }
}
resource "cloudcmd_ecs_command" "test" {
  region_id       = "` + region + `"
  name            = "made-elsewhere"
  type            = "RunShellScript"
  command_content = "echo seeded"
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(commandAddress, map[string]knownvalue.Check{
					"id":     knownvalue.StringExact(id),
					"region": knownvalue.StringExact(region),
				}),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(region)),
			},
		}},
	})
}

// TestAccECSCommand_list finds the account's own commands, never the
// common ones, by name and by tags, and with include_resource the whole
// command as an import reads it; a region with none lists nothing.
func TestAccECSCommand_list(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_ecs_command" "ops" {
  name            = "list-ops"
  type            = "RunShellScript"
  command_content = "echo ops"
  description     = "runs for ops"
  tags            = { team = "ops" }
}
resource "cloudcmd_ecs_command" "dev" {
  name            = "list-dev"
  type            = "RunShellScript"
  command_content = "echo dev"
  tags            = { team = "dev" }
}
`,
		}, {
			Query: true,
			Config: `
list "cloudcmd_ecs_command" "all" {
  provider = cloudcmd
}
list "cloudcmd_ecs_command" "by_tag" {
  provider = cloudcmd
  config {
    tags = { team = "ops" }
  }
}
list "cloudcmd_ecs_command" "by_name" {
  provider         = cloudcmd
  include_resource = true
  config {
    name = "list-ops"
  }
}
list "cloudcmd_ecs_command" "other_region" {
  provider = cloudcmd
  config {
    region_id = "cn-beijing"
  }
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_ecs_command.all", 2),
				querycheck.ExpectResourceDisplayName("cloudcmd_ecs_command.all", queryfilter.ByDisplayName(knownvalue.StringExact("list-dev")), knownvalue.StringExact("list-dev")),
				querycheck.ExpectLength("cloudcmd_ecs_command.by_tag", 1),
				querycheck.ExpectResourceDisplayName("cloudcmd_ecs_command.by_tag", queryfilter.ByDisplayName(knownvalue.StringExact("list-ops")), knownvalue.StringExact("list-ops")),
				querycheck.ExpectLength("cloudcmd_ecs_command.by_name", 1),
				querycheck.ExpectIdentity("cloudcmd_ecs_command.by_name", map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(commandIDPattern),
					"region": knownvalue.StringExact(acctest.AlicloudRegion),
				}),
				querycheck.ExpectResourceKnownValues("cloudcmd_ecs_command.by_name", queryfilter.ByDisplayName(knownvalue.StringExact("list-ops")), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("region_id"), KnownValue: knownvalue.StringExact(acctest.AlicloudRegion)},
					{Path: tfjsonpath.New("command_content"), KnownValue: knownvalue.StringExact("echo ops")},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("runs for ops")},
					{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops")})},
				}),
				querycheck.ExpectLength("cloudcmd_ecs_command.other_region", 0),
			},
		}},
	})
}

// TestAccECSCommand_listPages lists more commands than one DescribeCommands
// page holds (50).
func TestAccECSCommand_listPages(t *testing.T) {
	fake := acctest.StartFake(t)
	const seeded = 55
	for i := range seeded {
		seedECSCommand(t, fake, acctest.AlicloudRegion, fmt.Sprintf("paged-%02d", i))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query: true,
			Config: acctest.ProviderConfig(fake) + `
list "cloudcmd_ecs_command" "every" {
  provider = cloudcmd
  limit    = 1000
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_ecs_command.every", seeded),
			},
		}},
	})
	if n := fake.Alicloud().RequestCount("DescribeCommands"); n != 2 {
		t.Errorf("DescribeCommands was called %d times, want 2 (pages of 50)", n)
	}
}

// seedECSCommand creates a command through the API, as made outside
// Terraform, and returns its ID.
func seedECSCommand(t *testing.T, fake *fakecloud.Server, region, name string) string {
	t.Helper()
	out, err := acctest.ECSClient(t, fake).CreateCommand(context.Background(), &ecsapi.CreateCommandRequest{
		RegionId:        &region,
		Name:            &name,
		Type:            ptr("RunShellScript"),
		CommandContent:  ptr("ZWNobyBzZWVkZWQ="), // echo seeded
		ContentEncoding: ptr("Base64"),
	})
	if err != nil {
		t.Fatalf("seeding command %s: %v", name, err)
	}
	return *out.Body.CommandId
}

func ptr[T any](v T) *T { return &v }

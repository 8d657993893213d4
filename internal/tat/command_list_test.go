package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	tatapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// needsQuery gates the tests of resource identity and list resources:
// `import { identity = ... }` in these tests and `terraform query` need
// Terraform 1.14+ (`make test-terraform-latest` runs them).
var needsQuery = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

var commandIDPattern = regexp.MustCompile(`^cmd-[a-z0-9]{8}$`)

// TestAccTATCommand_identity checks the identity recorded on create (the
// command's ID and the provider's region) and imports the command back by
// that identity.
func TestAccTATCommand_identity(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "test" {
  name    = "identity"
  content = "echo identity"
  tags    = { team = "ops" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(commandAddress, map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(commandIDPattern),
					"region": knownvalue.StringExact(acctest.TencentRegion),
				}),
				statecheck.ExpectIdentityValueMatchesState(commandAddress, tfjsonpath.New("id")),
			},
		}, {
			ResourceName:    commandAddress,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}},
	})
}

// TestAccTATCommand_identityImportWithoutRegion imports a command made
// outside Terraform by an identity naming only its ID: the region is the
// provider's, and the plan imports it with no change. An identity naming
// another region is refused at plan, before anything is imported.
func TestAccTATCommand_identityImportWithoutRegion(t *testing.T) {
	fake := acctest.StartFake(t)
	id := seedTATCommand(t, fake, "made-elsewhere", nil)
	resourceConfig := `
resource "cloudcmd_tat_command" "test" {
  name    = "made-elsewhere"
  content = "echo seeded"
}
`
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + resourceConfig + `
import {
  to       = cloudcmd_tat_command.test
  identity = { id = "` + id + `", region = "ap-shanghai" }
}
`,
			ExpectError: regexp.MustCompile(`(?s)Region Not The Provider's.*reaches TAT in\s+ap-guangzhou`),
		}, {
			Config: acctest.ProviderConfig(fake) + resourceConfig + `
import {
  to       = cloudcmd_tat_command.test
  identity = { id = "` + id + `" }
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(commandAddress, map[string]knownvalue.Check{
					"id":     knownvalue.StringExact(id),
					"region": knownvalue.StringExact(acctest.TencentRegion),
				}),
			},
		}},
	})
}

// TestAccTATCommand_list finds the account's own commands, never TAT's
// public ones (which the fake serves in every region), by name and by tags,
// and with include_resource the whole command as an import reads it.
func TestAccTATCommand_list(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "ops" {
  name        = "list-ops"
  content     = "echo ops"
  description = "runs for ops"
  tags        = { team = "ops" }
}
resource "cloudcmd_tat_command" "dev" {
  name    = "list-dev"
  content = "echo dev"
  tags    = { team = "dev" }
}
`,
		}, {
			Query: true,
			Config: `
list "cloudcmd_tat_command" "all" {
  provider = cloudcmd
}
list "cloudcmd_tat_command" "by_tag" {
  provider = cloudcmd
  config {
    tags = { team = "ops" }
  }
}
list "cloudcmd_tat_command" "by_name" {
  provider         = cloudcmd
  include_resource = true
  config {
    name = "list-ops"
  }
}
list "cloudcmd_tat_command" "none" {
  provider = cloudcmd
  config {
    name = "no-such-command"
  }
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_tat_command.all", 2),
				querycheck.ExpectResourceDisplayName("cloudcmd_tat_command.all", queryfilter.ByDisplayName(knownvalue.StringExact("list-dev")), knownvalue.StringExact("list-dev")),
				querycheck.ExpectLength("cloudcmd_tat_command.by_tag", 1),
				querycheck.ExpectResourceDisplayName("cloudcmd_tat_command.by_tag", queryfilter.ByDisplayName(knownvalue.StringExact("list-ops")), knownvalue.StringExact("list-ops")),
				querycheck.ExpectLength("cloudcmd_tat_command.by_name", 1),
				querycheck.ExpectIdentity("cloudcmd_tat_command.by_name", map[string]knownvalue.Check{
					"id":     knownvalue.StringRegexp(commandIDPattern),
					"region": knownvalue.StringExact(acctest.TencentRegion),
				}),
				querycheck.ExpectResourceKnownValues("cloudcmd_tat_command.by_name", queryfilter.ByDisplayName(knownvalue.StringExact("list-ops")), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("content"), KnownValue: knownvalue.StringExact("echo ops")},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("runs for ops")},
					{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops")})},
				}),
				querycheck.ExpectLength("cloudcmd_tat_command.none", 0),
			},
		}},
	})
}

// TestAccTATCommand_listPages lists more commands than one DescribeCommands
// page holds (100), and stops reading pages once a list block's limit is
// reached; an account with none of its own commands lists nothing.
func TestAccTATCommand_listPages(t *testing.T) {
	fake := acctest.StartFake(t)
	empty := acctest.StartFake(t)
	const seeded = 105
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Query:  true,
			Config: acctest.ProviderConfig(empty) + "list \"cloudcmd_tat_command\" \"mine\" {\n  provider = cloudcmd\n}\n",
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_tat_command.mine", 0),
			},
		}, {
			PreConfig: func() {
				for i := range seeded {
					seedTATCommand(t, fake, fmt.Sprintf("paged-%03d", i), nil)
				}
			},
			Query: true,
			Config: acctest.ProviderConfig(fake) + `
list "cloudcmd_tat_command" "every" {
  provider = cloudcmd
  limit    = 1000
}
list "cloudcmd_tat_command" "first" {
  provider = cloudcmd
  limit    = 3
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudcmd_tat_command.every", seeded),
				querycheck.ExpectLength("cloudcmd_tat_command.first", 3),
			},
		}},
	})
	// Two pages for "every"; one for "first", whose limit the first page
	// meets; the empty account's one page is the other fake's.
	if n := fake.Tencent().RequestCount("DescribeCommands"); n != 3 {
		t.Errorf("DescribeCommands was called %d times, want 3: two pages for the unlimited list and one for the limited one", n)
	}
}

// seedTATCommand creates a command through the API, as made outside
// Terraform, and returns its ID.
func seedTATCommand(t *testing.T, fake *fakecloud.Server, name string, tags []*tatapi.Tag) string {
	t.Helper()
	out, err := acctest.TATClient(t, fake).CreateCommand(context.Background(), &tatapi.CreateCommandRequest{
		CommandName: &name,
		Content:     ptr("ZWNobyBzZWVkZWQ="), // echo seeded
		Tags:        tags,
	})
	if err != nil {
		t.Fatalf("seeding command %s: %v", name, err)
	}
	return *out.Response.CommandId
}

func ptr[T any](v T) *T { return &v }

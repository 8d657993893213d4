package ecs_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
)

// adoptedCommandConfig is a saved command whose CreateCommand the tests
// make ambiguous.
func adoptedCommandConfig(fake *fakecloud.Server, name string) string {
	return commandConfig(fake, commandArgs{
		"name":            fmt.Sprintf("%q", name),
		"command_content": `"echo adopted"`,
		"type":            `"RunShellScript"`,
		"description":     `"made once"`,
	})
}

// TestAccECSCommand_adoptsCommandAfterLostAnswer: CreateCommand reaches
// Cloud Assistant, which makes the command, but the answer is lost with
// the connection. CreateCommand takes no ClientToken in the SDK used, so
// sending it again would leave the first command behind: the provider finds
// the command its request made and records it. Commands of the same name
// that are not it stay alone: one of other content, and one of the same
// content made an hour before.
func TestAccECSCommand_adoptsCommandAfterLostAnswer(t *testing.T) {
	const name = "adopt-me"
	fake := acctest.StartFake(t)
	otherContent := seedECSCommand(t, fake, acctest.AlicloudRegion, name)
	older := seedECSCommand(t, fake, acctest.AlicloudRegion, name)
	fake.Alicloud().UpdateCommand(older, func(c *fakealicloud.Command) {
		c.Content, c.Description = "echo adopted", "made once"
		c.CreationTime = c.CreationTime.Add(-time.Hour)
	})
	fake.Alicloud().DropNextResponse("CreateCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: adoptedCommandConfig(fake, name),
			Check: resource.ComposeTestCheckFunc(
				expectTheNewCommandInState(fake, name, otherContent, older),
				func(*terraform.State) error {
					if n := fake.Alicloud().RequestCount("CreateCommand"); n != 3 {
						return fmt.Errorf("CreateCommand was sent %d times, want 3: two seeds and the lost one, never again", n)
					}
					return nil
				},
			),
		}},
	})
}

// TestAccECSCommand_adoptsCommandAfterServerError: Cloud Assistant makes
// the command, then answers InternalError. A server error is no proof that
// nothing was done: the command is adopted, and CreateCommand is sent once.
func TestAccECSCommand_adoptsCommandAfterServerError(t *testing.T) {
	const name = "adopt-after-5xx"
	fake := acctest.StartFake(t)
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorAlicloud, Action: "CreateCommand", ServerErrorAfter: 1}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: adoptedCommandConfig(fake, name),
			Check: resource.ComposeTestCheckFunc(
				expectTheNewCommandInState(fake, name),
				func(*terraform.State) error {
					c := fake.Counters()
					if n := c.Request(fakecloud.VendorAlicloud, "CreateCommand"); n != 1 {
						return fmt.Errorf("CreateCommand was sent %d times, want once", n)
					}
					if n := c.Effect(fakecloud.VendorAlicloud, "CreateCommand"); n != 1 {
						return fmt.Errorf("CreateCommand took effect %d times, want once", n)
					}
					if n := c.Fault(fakecloud.VendorAlicloud, fakecloud.FaultServerErrorAfter); n != 1 {
						return fmt.Errorf("%d server errors after acting, want 1", n)
					}
					return nil
				},
			),
		}},
	})
}

// expectTheNewCommandInState checks that the fake holds, beside the
// commands named in others, exactly one command of this name, and that it
// is the one in state.
func expectTheNewCommandInState(fake *fakecloud.Server, name string, others ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var made []string
		for _, c := range fake.Alicloud().CommandsNamed(name) {
			if !slices.Contains(others, c.ID) {
				made = append(made, c.ID)
			}
		}
		if len(made) != 1 {
			return fmt.Errorf("the fake holds %d new commands named %s (%v), want 1", len(made), name, made)
		}
		if got := s.RootModule().Resources[commandAddress].Primary.ID; got != made[0] {
			return fmt.Errorf("state records command %s, want %s, the one the request made", got, made[0])
		}
		return nil
	}
}

// TestAccECSCommand_neverAdoptsARunsKeptCommand: a run keeps a command of
// the same name and content, then the command resource's CreateCommand is
// lost before it reaches Cloud Assistant. The search finds the kept
// command, which matches the request in every argument, but it is the
// run's: it is passed over, nothing else is found, and CreateCommand is
// sent again.
func TestAccECSCommand_neverAdoptsARunsKeptCommand(t *testing.T) {
	const name = "shared-name"
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextRequest("CreateCommand")
	var keptID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfigVia(proxy.URL()) + fmt.Sprintf(`
resource "cloudcmd_ecs_run_command" "keeps" {
  name                = %[1]q
  type                = "RunShellScript"
  command_content     = "echo adopted"
  description         = "made once"
  keep_command        = true
  instance_ids        = ["i-aaaa0001"]
  wait_for_completion = false
}

resource "cloudcmd_ecs_command" "test" {
  name            = %[1]q
  type            = "RunShellScript"
  command_content = "echo adopted"
  description     = "made once"
  depends_on      = [cloudcmd_ecs_run_command.keeps]
}
`, name),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrWith("cloudcmd_ecs_run_command.keeps", "command_id", func(id string) error {
					keptID = id
					return nil
				}),
				func(s *terraform.State) error {
					return expectTheNewCommandInState(fake, name, keptID)(s)
				},
				func(*terraform.State) error {
					if n := proxy.Forwarded("CreateCommand"); n != 1 {
						return fmt.Errorf("CreateCommand reached the fake %d times, want once: the lost request, then the one sent again", n)
					}
					return nil
				},
			),
		}},
	})
}

package tat_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	faketat "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
)

const taggedInvocationAddress = "cloudcmd_tat_invocation.test"

// TestAccTATCommand_tagsInPlace changes, corrects and removes a command's
// tags while an invocation uses it: the command keeps its ID, so the
// invocation is left alone and the command never runs again.
func TestAccTATCommand_tagsInPlace(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(tags string) string {
		return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name    = "tagged"
  content = "echo tagged"
  %s
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-aaaa0001"]
}
`, tags)
	}
	var commandID string
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate),
		plancheck.ExpectResourceAction(taggedInvocationAddress, plancheck.ResourceActionNoop),
	}}
	// Only the tags change: ModifyCommand is never needed.
	ranOnce := resource.ComposeTestCheckFunc(
		acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "ModifyCommand"),
		resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error {
			if id != commandID {
				return fmt.Errorf("the command was replaced (%s, then %s); tags must change in place", commandID, id)
			}
			return nil
		}),
		acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
		func(*terraform.State) error {
			if n := len(fake.Tencent().Invocations()); n != 1 {
				return fmt.Errorf("the fake holds %d invocations, want the first one only", n)
			}
			return nil
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: config(`tags = { env = "dev", team = "ops" }`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error { commandID = id; return nil }),
				checkFakeCommandTags(fake, "map[env:dev team:ops]"),
			),
		}, {
			// A value changed, a tag removed and one added, in place.
			Config:           config(`tags = { env = "prod", owner = "alice" }`),
			ConfigPlanChecks: inPlace,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("prod"), "owner": knownvalue.StringExact("alice"),
				})),
			},
			Check: resource.ComposeTestCheckFunc(ranOnce, checkFakeCommandTags(fake, "map[env:prod owner:alice]")),
		}, {
			// Tags changed outside Terraform show in the plan and the
			// apply puts them back, 12 removals taking two calls.
			PreConfig: func() {
				fake.Tencent().UpdateCommand(commandID, func(c *faketat.Command) {
					c.Tags = []faketat.Tag{{Key: "env", Value: "drifted"}}
					for i := range 12 {
						c.Tags = append(c.Tags, faketat.Tag{Key: fmt.Sprintf("extra%d", i), Value: "x"})
					}
				})
			},
			Config:           config(`tags = { env = "prod", owner = "alice" }`),
			ConfigPlanChecks: inPlace,
			Check:            resource.ComposeTestCheckFunc(ranOnce, checkFakeCommandTags(fake, "map[env:prod owner:alice]")),
		}, {
			ResourceName:      commandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			Config:           config(""),
			ConfigPlanChecks: inPlace,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(ranOnce, checkFakeCommandTags(fake, "map[]")),
		}},
	})
}

// TestAccTATCommand_tagRules checks the Tencent Cloud tag rules at plan.
func TestAccTATCommand_tagRules(t *testing.T) {
	fake := acctest.StartFake(t)
	var steps []resource.TestStep
	for body, want := range map[string]string{
		`tags = { "qcloud:owner" = "v" }`: `Attribute tags["qcloud:owner"]: a tag key must not be "project" nor start with "qcloud:" or "tencent:" or "qcs:" or "project:"`,
		`tags = { project = "v" }`:        `a tag key must not be "project" nor start with`,
		`tags = { "a*b" = "v" }`:          `Attribute tags["a*b"]: a tag key may hold only letters, digits, spaces (not at either end) and the marks`,
		`tags = { env = "prod " }`:        `Attribute tags["env"]: a tag value may hold only letters, digits, spaces (not at either end)`,
	} {
		steps = append(steps, resource.TestStep{
			Config:      acctest.ProviderConfig(fake) + commandWith(body),
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := fake.Tencent().RequestCount("CreateCommand"); n != 0 {
		t.Errorf("CreateCommand was called %d times; validation must stop the plan before any API call", n)
	}
}

// checkFakeCommandTags compares the command's tags on the fake, as a
// printed map, with want.
func checkFakeCommandTags(fake *fakecloud.Server, want string) resource.TestCheckFunc {
	return checkFakeCommand(fake, func(c faketat.Command) error {
		got := map[string]string{}
		for _, tag := range c.Tags {
			got[tag.Key] = tag.Value
		}
		if fmt.Sprint(got) != want {
			return fmt.Errorf("tags on the fake = %v, want %s", got, want)
		}
		return nil
	})
}

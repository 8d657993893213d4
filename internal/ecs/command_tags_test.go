package ecs_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
)

// TestAccECSCommand_tagsInPlace changes, corrects and removes a command's
// tags while an invocation uses it: the command keeps its ID, so the
// invocation is left alone and the command never runs again.
func TestAccECSCommand_tagsInPlace(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(tags string) string {
		return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_ecs_command" "test" {
  name            = "tagged"
  type            = "RunShellScript"
  command_content = "echo tagged"
  %s
}

resource "cloudcmd_ecs_invocation" "test" {
  command_id   = cloudcmd_ecs_command.test.id
  instance_ids = ["i-tagged0001"]
}
`, tags)
	}
	var commandID string
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate),
		plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionNoop),
	}}
	// Only the tags change: ModifyCommand is never needed.
	ranOnce := resource.ComposeTestCheckFunc(
		acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "ModifyCommand"),
		resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error {
			if id != commandID {
				return fmt.Errorf("the command was replaced (%s, then %s); tags must change in place", commandID, id)
			}
			return nil
		}),
		acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
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
			Config:           config(`tags = { env = "prod", owner = "" }`),
			ConfigPlanChecks: inPlace,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("prod"), "owner": knownvalue.StringExact(""),
				})),
			},
			Check: resource.ComposeTestCheckFunc(ranOnce, checkFakeCommandTags(fake, "map[env:prod owner:]")),
		}, {
			// Tags changed outside Terraform show in the plan and the
			// apply puts them back.
			PreConfig: func() {
				fake.Alicloud().UpdateCommand(commandID, func(c *fakealicloud.Command) {
					c.Tags = []fakealicloud.Tag{{Key: "env", Value: "drifted"}, {Key: "extra", Value: "x"}}
				})
			},
			Config:           config(`tags = { env = "prod", owner = "" }`),
			ConfigPlanChecks: inPlace,
			Check:            resource.ComposeTestCheckFunc(ranOnce, checkFakeCommandTags(fake, "map[env:prod owner:]")),
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

// checkFakeCommandTags compares the command's tags on the fake, as a
// printed map, with want.
func checkFakeCommandTags(fake *fakecloud.Server, want string) resource.TestCheckFunc {
	return checkFakeCommand(fake, func(c fakealicloud.Command) error {
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

package ecs_test

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
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
)

// TestAccECSRunCommand_tagsInPlace retags a finished run and the command it
// kept without running anything again; once the run's record is purged, a
// change of tags is recorded with a warning and still runs nothing.
func TestAccECSRunCommand_tagsInPlace(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := func(tags string) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content = "echo tagged"
  instance_ids    = ["i-aaaa0001"]
  keep_command    = true
  tags            = %s`, tags))
	}
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(`{ team = "ops", old = "x" }`),
			Check:  checkRunTags(fake, "map[old:x team:ops]"),
		}, {
			Config:           config(`{ team = "dev", env = "" }`),
			ConfigPlanChecks: inPlace,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("dev"), "env": knownvalue.StringExact(""),
				})),
			},
			Check: resource.ComposeTestCheckFunc(
				checkRunTags(fake, "map[env: team:dev]"),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 1),
			),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultAlicloudRecordRetention),
			Config:           config(`{ team = "qa" }`),
			ConfigPlanChecks: inPlace,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("qa"),
				})),
			},
			Check: resource.ComposeTestCheckFunc(
				expectECSPurged(fake, runCommandAddress),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 0),
				checkKeptCommandTags(fake, "map[team:qa]"),
			),
		}},
	})
}

// checkRunTags compares the tags of the run's invocation and of its kept
// command on the fake, as printed maps, with want.
func checkRunTags(fake *fakecloud.Server, want string) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		func(s *terraform.State) error {
			id := s.RootModule().Resources[runCommandAddress].Primary.ID
			inv, ok := fake.Alicloud().Invocation(id)
			if !ok {
				return fmt.Errorf("invocation %s is not on the fake", id)
			}
			return compareTags("invocation", inv.Tags, want)
		},
		checkKeptCommandTags(fake, want),
	)
}

func checkKeptCommandTags(fake *fakecloud.Server, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[runCommandAddress].Primary.Attributes["command_id"]
		cmd, ok := fake.Alicloud().Command(id)
		if !ok {
			return fmt.Errorf("kept command %s is not on the fake", id)
		}
		return compareTags("kept command", cmd.Tags, want)
	}
}

func compareTags(what string, tags []fakealicloud.Tag, want string) error {
	got := map[string]string{}
	for _, tag := range tags {
		got[tag.Key] = tag.Value
	}
	if fmt.Sprint(got) != want {
		return fmt.Errorf("tags of the %s on the fake = %v, want %s", what, got, want)
	}
	return nil
}

// TestAccECSInvocation_tagsInPlace retags an invocation without running the
// command again.
func TestAccECSInvocation_tagsInPlace(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(tags string) string {
		return invocationConfig(fake, "echo {{greeting}}", `
  instance_ids = ["i-aaaa0001"]
  parameters   = { greeting = "hi" }
  tags         = `+tags)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(`{ team = "ops" }`),
		}, {
			Config: config(`{ team = "dev", env = "prod" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					id := s.RootModule().Resources[invocationAddress].Primary.ID
					inv, _ := fake.Alicloud().Invocation(id)
					return compareTags("invocation", inv.Tags, "map[env:prod team:dev]")
				},
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
			),
		}},
	})
}

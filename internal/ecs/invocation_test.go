package ecs_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

const invocationAddress = "cloudcmd_ecs_invocation.test"

// invocationConfig is a saved shell command with content, taking
// parameters, and an invocation of it whose other arguments are body.
func invocationConfig(fake *fakecloud.Server, content, body string) string {
	return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_ecs_command" "test" {
  name             = "invoked"
  type             = "RunShellScript"
  command_content  = %q
  enable_parameter = true
  timeout          = 120
}

resource "cloudcmd_ecs_invocation" "test" {
  command_id = cloudcmd_ecs_command.test.id
%s
}
`, content, body)
}

func TestAccECSInvocation_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	config := invocationConfig(fake, "echo hello\nhostname", `  instance_ids = ["i-bbbb0002", "i-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^t-[a-z0-9]+$`))),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(acctest.AlicloudRegion)),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("repeat_mode"), knownvalue.StringExact("Once")),
				// The command's timeout, as none was given.
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(120)),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":       knownvalue.StringExact("i-aaaa0001"),
						"invocation_status": knownvalue.StringExact("Success"),
						"exit_code":         knownvalue.Int64Exact(0),
						"output":            knownvalue.StringExact("hello\ni-aaaa0001\n"),
						"error_code":        knownvalue.StringExact(""),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-bbbb0002"),
						"output":      knownvalue.StringExact("hello\ni-bbbb0002\n"),
					}),
				})),
			},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrPair(invocationAddress, "command_id", "cloudcmd_ecs_command.test", "id"),
				expectRunCount(fake, 1),
			),
		}, {
			// Refreshing a finished run changes nothing.
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

func TestAccECSInvocation_parameters(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo hello {{who}}", `
  instance_ids = ["i-aaaa0001"]
  parameters   = { who = "terraform" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("hello terraform\n")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters"), knownvalue.MapExact(map[string]knownvalue.Check{"who": knownvalue.StringExact("terraform")})),
			},
		}},
	})
}

func TestAccECSInvocation_writeOnlyParametersStayOutOfState(t *testing.T) {
	const secret = "s3cr3t-v4lue"
	fake := acctest.StartFake(t)
	config := func(version int) string {
		return invocationConfig(fake, "echo {{token}} > /dev/null", fmt.Sprintf(`
  instance_ids          = ["i-aaaa0001"]
  parameters_wo         = { token = %q }
  parameters_wo_version = %d`, secret, version))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config: config(1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: resource.ComposeTestCheckFunc(acctest.CheckSecretNotInState(secret), expectInvocationParameters(fake, secret)),
		}, {
			// Refreshing must not copy the parameters back from the API.
			RefreshState: true,
			Check:        acctest.CheckSecretNotInState(secret),
		}, {
			Config: config(2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
				plancheck.ExpectResourceAction("cloudcmd_ecs_command.test", plancheck.ResourceActionNoop),
			}},
			Check: resource.ComposeTestCheckFunc(acctest.CheckSecretNotInState(secret), expectRunCount(fake, 2)),
		}},
	})
}

func TestAccECSInvocation_triggersRunAgain(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(release string) string {
		return invocationConfig(fake, "echo deploy", fmt.Sprintf(`
  instance_ids = ["i-aaaa0001"]
  triggers     = { release = %q }`, release))
	}
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("v1"),
			Check:  resource.TestCheckResourceAttrWith(invocationAddress, "id", func(id string) error { firstID = id; return nil }),
		}, {
			Config:           config("v1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}, {
			Config: config("v2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 2),
				resource.TestCheckResourceAttrWith(invocationAddress, "id", func(id string) error {
					if id == firstID {
						return fmt.Errorf("a new release must run the command again, but the invocation is still %s", id)
					}
					return nil
				}),
			),
		}, {
			// The behaviour switches change nothing remote: updated in place.
			Config: strings.Replace(config("v2"), "triggers", "fail_on_error = false\n  wait_for_completion = false\n  triggers", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectRunCount(fake, 2),
		}},
	})
}

func TestAccECSInvocation_failureFailsTheApplyAndTaints(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(failOnError bool) string {
		return invocationConfig(fake, "echo checking disks\nfail-on i-bad00001 3", fmt.Sprintf(`
  instance_ids  = ["i-good0001", "i-bad00001"]
  fail_on_error = %t`, failOnError))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config(true),
			ExpectError: acctest.ExpectErrorText("ECS Invocation Failed"),
		}, {
			Config:   config(true),
			PlanOnly: true, ExpectNonEmptyPlan: true,
		}, {
			// The failed run was kept, tainted: the next apply runs it again,
			// and without fail_on_error the failure is only recorded.
			Config: config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
				plancheck.ExpectResourceAction("cloudcmd_ecs_command.test", plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PartialFailed")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("instance_id"), knownvalue.StringExact("i-bad00001")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("invocation_status"), knownvalue.StringExact("Failed")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: expectRunCount(fake, 2),
		}, {
			// Not tainted this time: the recorded failure is accepted and stays.
			Config:           config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectRunCount(fake, 2),
		}},
	})
}

func TestAccECSInvocation_failureReport(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo checking disks\nfail-on i-bad00001 3", `  instance_ids = ["i-good0001", "i-bad00001"]`),
			ExpectError: acctest.ExpectErrorText("ended PartialFailed. i-bad00001: Failed, exit code 3 " +
				"(ExitCodeNonzero: the command execution exit code is not zero.) last lines of output: checking disks " +
				"1 of 2 instances did not succeed. The invocation is recorded in the state, tainted, so the next apply runs it again"),
		}},
	})
}

func TestAccECSInvocation_periodicIsRecordedAndStoppedOnDestroy(t *testing.T) {
	fake := acctest.StartFake(t)
	var commandID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo tick", `
  instance_ids = ["i-aaaa0001"]
  repeat_mode  = "Period"
  frequency    = "rate(5m)"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("frequency"), knownvalue.StringExact("rate(5m)")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Scheduled")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("invocation_status"), knownvalue.StringExact("Scheduled")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(expectRunCount(fake, 1), func(s *terraform.State) error {
				commandID = s.RootModule().Resources[invocationAddress].Primary.Attributes["command_id"]
				return nil
			}),
		}, {
			ResourceName:      invocationAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			// Destroying the invocation alone stops it and keeps the command.
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_ecs_command" "test" {
  name             = "invoked"
  type             = "RunShellScript"
  command_content  = "echo tick"
  enable_parameter = true
  timeout          = 120
}
`,
			Check: func(*terraform.State) error {
				if _, ok := fake.Alicloud().Command(commandID); !ok {
					return fmt.Errorf("destroying the invocation deleted its command %s", commandID)
				}
				return expectAllRunsEnded(fake)(nil)
			},
		}},
	})
	invs := fake.Alicloud().Invocations()
	if len(invs) != 1 || invs[0].Status != "Stopped" {
		t.Errorf("after destroy the fake holds %+v; want one Stopped invocation", invs)
	}
}

func TestAccECSInvocation_retryInvokesOnce(t *testing.T) {
	fake := acctest.StartFake(t)
	// The fake runs the first InvokeCommand and then loses its response, as
	// a dropped connection would: the provider must send it again with the
	// same client token and get the same invocation back.
	fake.Alicloud().DropNextResponse("InvokeCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo once", `  instance_ids = ["i-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 1),
				func(*terraform.State) error {
					if n := fake.Alicloud().RequestCount("InvokeCommand"); n != 2 {
						return fmt.Errorf("InvokeCommand was sent %d times, want 2: the lost one and its retry", n)
					}
					return nil
				},
			),
		}},
	})
}

func TestAccECSInvocation_disappears(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "true", `  instance_ids = ["i-aaaa0001"]`),
			Check: func(s *terraform.State) error {
				if !fake.Alicloud().DeleteInvocation(s.RootModule().Resources[invocationAddress].Primary.ID) {
					return fmt.Errorf("the invocation was not on the fake")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction("cloudcmd_ecs_command.test", plancheck.ResourceActionNoop),
			}},
		}},
	})
}

func TestAccECSInvocation_import(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo {{greeting}}", `
  instance_ids = ["i-aaaa0001", "i-aaaa0002"]
  parameters   = { greeting = "hi" }
  username     = "deploy"
  timeout      = 90
  tags         = { team = "ops" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(90)),
			},
		}, {
			ResourceName:      invocationAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			ResourceName:  invocationAddress,
			ImportState:   true,
			ImportStateId: "t-doesnotexist0",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

// TestAccECSInvocation_validation proves each plan-time rule of this
// resource: the plan fails with the rule spelled out, and InvokeCommand is
// never called.
func TestAccECSInvocation_validation(t *testing.T) {
	const target = "instance_ids = [\"i-aaaa0001\"]\n"
	const command = "command_id = \"c-abc123\"\n"
	cases := map[string]struct {
		body string
		want string
	}{
		"command_id form":        {target + `command_id = "cmd-abc123"`, `Attribute command_id must be an ECS command ID: c- followed by lowercase letters or digits, got: cmd-abc123`},
		"command_id upper":       {target + `command_id = "c-ABC"`, `Attribute command_id must be an ECS command ID: c- followed by lowercase letters or digits, got: c-ABC`},
		"too many instances":     {command + `instance_ids = [` + manyECSInstances(51) + `]`, `Attribute instance_ids set must contain at least 1 elements and at most 50 elements, got: 51`},
		"no instances":           {command + `instance_ids = []`, `Attribute instance_ids set must contain at least 1 elements and at most 50 elements, got: 0`},
		"no target":              {command, `Exactly one of these attributes must be configured: [instance_ids,resource_tags]`},
		"both targets":           {command + target + `resource_tags = { role = "web" }`, `Exactly one of these attributes must be configured: [instance_ids,resource_tags]`},
		"too many resource tags": {command + `resource_tags = {` + acctest.MapEntries(11) + `}`, `Attribute resource_tags map must contain at least 1 elements and at most 10 elements, got: 11`},
		"too many parameters":    {command + target + `parameters = {` + acctest.MapEntries(11) + `}`, `Attribute parameters map must contain at most 10 elements, got: 11`},
		"too many wo parameters": {command + target + `parameters_wo = {` + acctest.MapEntries(11) + `}`, `Attribute parameters_wo map must contain at most 10 elements, got: 11`},
		"parameter key":          {command + target + `parameters = { "a b" = "1" }`, `must contain only letters, digits, underscores (_) and hyphens (-), got: a b`},
		"parameters conflict":    {command + target + `parameters = { a = "1" }` + "\n" + `parameters_wo = { a = "1" }`, `Attribute "parameters_wo" cannot be specified when "parameters" is specified`},
		"wo version alone":       {command + target + `parameters_wo_version = 1`, `Attribute "parameters_wo" must be specified when "parameters_wo_version" is specified`},
		"timeout too short":      {command + target + `timeout = 9`, `Attribute timeout value must be between 10 and 86400, got: 9`},
		"timeout too long":       {command + target + `timeout = 86401`, `Attribute timeout value must be between 10 and 86400, got: 86401`},
		"frequency with once":    {command + target + `frequency = "rate(5m)"`, `Attribute frequency must not be set when repeat_mode is "Once" (the default)`},
		"period no frequency":    {command + target + `repeat_mode = "Period"`, `Attribute frequency is required when repeat_mode is "Period"`},
		"rate too short":         {command + target + "repeat_mode = \"Period\"\n" + `frequency = "rate(30s)"`, `the interval is 30s, shorter than 60 seconds, got: "rate(30s)"`},
		"container_id":           {command + target + `container_id = "abc123"`, `Attribute container_id must be 64 lowercase hexadecimal digits`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			config := acctest.ProviderConfig(fake) + "resource \"cloudcmd_ecs_invocation\" \"test\" {\n" + tc.body + "\n}\n"
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config,
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Alicloud().RequestCount("InvokeCommand"); n != 0 {
				t.Errorf("InvokeCommand was called %d times; validation must stop the plan first", n)
			}
		})
	}
}

// expectInvocationParameters checks that the invocation's parameters
// reached the API.
func expectInvocationParameters(fake *fakecloud.Server, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[invocationAddress].Primary.ID
		inv, ok := fake.Alicloud().Invocation(id)
		if !ok {
			return fmt.Errorf("invocation %s is not on the fake", id)
		}
		if !strings.Contains(inv.Parameters, value) {
			return fmt.Errorf("the API received parameters %q, want the write-only value", inv.Parameters)
		}
		return nil
	}
}

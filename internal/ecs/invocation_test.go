package ecs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
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

// TestAccECSInvocation_periodicRunDisappears deletes a periodic run from
// the fake: a live run that vanished is removed, so the plan runs it again.
func TestAccECSInvocation_periodicRunDisappears(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "true", `
  instance_ids = ["i-aaaa0001"]
  repeat_mode  = "Period"
  frequency    = "rate(5m)"`),
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

// TestAccECSInvocation_finishedRunIsHistory moves the fake's clock past
// Cloud Assistant's record retention: refreshing the finished run reads
// nothing, the plan is empty, and the apply runs nothing again.
func TestAccECSInvocation_finishedRunIsHistory(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := invocationConfig(fake, "echo done", `  instance_ids = ["i-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultAlicloudRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(invocationAddress, "results.0.output", "done\n"),
				expectECSPurged(fake, invocationAddress),
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocations", "DescribeInvocationResults"),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 0),
			),
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
			// An import never reads parameters back: they may have been sent
			// write-only, and the first apply takes them from the configuration.
			ImportStateVerifyIgnore: []string{"parameters"},
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
		"command_id form":        {target + `command_id = "cmd-abc123"`, `Attribute command_id must be an ECS command ID: c- followed by lowercase letters or digits, or a common command's ID, ACS- followed by letters, digits, '.', '_' or '-', got: cmd-abc123`},
		"command_id upper":       {target + `command_id = "c-ABC"`, `Attribute command_id must be an ECS command ID: c- followed by lowercase letters or digits, or a common command's ID, ACS- followed by letters, digits, '.', '_' or '-', got: c-ABC`},
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
		"rate within timeout":    {command + target + "repeat_mode = \"Period\"\ntimeout = 300\n" + `frequency = "rate(5m)"`, `Attribute frequency "rate(5m)" runs every 5m0s, which must be longer than timeout, 300 seconds`},
		"container_id":           {command + target + `container_id = "abc123"`, `Attribute container_id must be 64 lowercase hexadecimal digits`},
		"no success codes":       {command + target + `success_exit_codes = []`, `Attribute success_exit_codes set must contain at least 1 elements, got: 0`},
		"keep output no limit":   {command + target + `keep_output = "last_lines"`, `keep_output = "last_lines" needs keep_output_limit`},
		"limit without mode":     {command + target + `keep_output_limit = 5`, `keep_output_limit is only for keep_output = "last_bytes" or "last_lines"; keep_output is "all".`},
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

// slowInstance runs forever in the wait-timeout tests: an outcome keeps its
// run Running until the command's timeout, far beyond the create timeout.
const slowInstance = "i-slow0001"

func neverFinishOn(fake *fakecloud.Server, instanceID string) {
	fake.Alicloud().SetOutcome(fakealicloud.OutcomeMatch{InstanceID: instanceID}, fakealicloud.Outcome{NeverFinishes: true, Output: "working\n"})
}

// waitTimeoutConfig invokes a command on the slow instance with a create
// timeout of two seconds.
func waitTimeoutConfig(fake *fakecloud.Server, failOnError bool) string {
	return invocationConfig(fake, "echo working", fmt.Sprintf(`
  instance_ids  = [%q]
  fail_on_error = %t
  timeouts      = { create = "2s" }`, slowInstance, failOnError))
}

func TestAccECSInvocation_waitTimeoutKeepsTheInvocationTainted(t *testing.T) {
	fake := acctest.StartFake(t)
	neverFinishOn(fake, slowInstance)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config:      waitTimeoutConfig(fake, true),
			ExpectError: acctest.ExpectErrorText("Timed Out Waiting For ECS Invocation"),
		}, {
			// The run is in the state under the ID the API gave, tainted,
			// with what was known when the wait gave up.
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check: func(s *terraform.State) error {
				rs := s.RootModule().Resources[invocationAddress]
				if rs == nil {
					return fmt.Errorf("the timed-out invocation is not in the state")
				}
				invs := fake.Alicloud().Invocations()
				if len(invs) != 1 || rs.Primary.ID != invs[0].ID {
					return fmt.Errorf("the state holds %s; the fake ran %+v", rs.Primary.ID, invs)
				}
				if !rs.Primary.Tainted {
					return fmt.Errorf("invocation %s is not tainted", rs.Primary.ID)
				}
				if got := rs.Primary.Attributes["invocation_status"]; got != "Running" {
					return fmt.Errorf("invocation_status %q, want Running", got)
				}
				if got := rs.Primary.Attributes["results.0.output"]; got != "working\n" {
					return fmt.Errorf("results.0.output %q, want the output so far", got)
				}
				return nil
			},
			RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
				plancheck.ExpectResourceAction("cloudcmd_ecs_command.test", plancheck.ResourceActionNoop),
			}},
		}},
	})
	// Destroy stopped the run that timed out; nothing ran twice.
	if invs := fake.Alicloud().Invocations(); len(invs) != 1 || invs[0].Status != "Stopped" {
		t.Errorf("after destroy the fake holds %+v; want the one invocation, Stopped", invs)
	}
}

func TestAccECSInvocation_waitTimeoutWithoutFailOnErrorIsRecorded(t *testing.T) {
	fake := acctest.StartFake(t)
	neverFinishOn(fake, slowInstance)
	config := waitTimeoutConfig(fake, false)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Running")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":       knownvalue.StringExact(slowInstance),
						"invocation_status": knownvalue.StringExact("Running"),
						"exit_code":         knownvalue.Null(),
						"output":            knownvalue.StringExact("working\n"),
					}),
				})),
			},
			Check: expectRunCount(fake, 1),
		}, {
			// Accepted, not tainted: nothing runs again.
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectRunCount(fake, 1),
		}},
	})
	invs := fake.Alicloud().Invocations()
	if len(invs) != 1 || invs[0].Status != "Stopped" || invs[0].Instances[0].Status != "Terminated" {
		t.Errorf("after destroy the fake holds %+v; want one Stopped invocation whose run was Terminated", invs)
	}
}

// TestECSInvocationCreate_waitTimeoutDiagnostics calls Create itself, since
// terraform does not hand warnings to the test harness: a wait that times
// out is an error under fail_on_error and a warning without it, and either
// way the invocation's ID is in the state.
func TestECSInvocationCreate_waitTimeoutDiagnostics(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	neverFinishOn(fake, slowInstance)
	client := acctest.ECSClient(t, fake)
	commandID := createListedCommand(t, client, "slow", "echo working")
	for _, failOnError := range []bool{true, false} {
		t.Run(fmt.Sprintf("fail_on_error=%t", failOnError), func(t *testing.T) {
			resp := createInvocationDirectly(t, client, commandID, failOnError)
			var id, status types.String
			resp.State.GetAttribute(context.Background(), path.Root("id"), &id)
			resp.State.GetAttribute(context.Background(), path.Root("invocation_status"), &status)
			if _, ok := fake.Alicloud().Invocation(id.ValueString()); !ok {
				t.Errorf("the state holds ID %s, which the fake did not run", id)
			}
			if status.ValueString() != "Running" {
				t.Errorf("invocation_status %s, want Running", status)
			}
			want := diag.SeverityWarning
			if failOnError {
				want = diag.SeverityError
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity() != want ||
				resp.Diagnostics[0].Summary() != "Timed Out Waiting For ECS Invocation" ||
				!strings.Contains(resp.Diagnostics[0].Detail(), "was still Running after 2s. The command may still be running on the instances: follow it in the console "+
					"or with the cloudcmd_ecs_invocations data source. It is recorded in the state") {
				t.Errorf("diagnostics %v; want one %s about the timeout", resp.Diagnostics, want)
			}
		})
	}
}

// createInvocationDirectly runs the resource's Create on the slow instance
// with a create timeout of two seconds, as terraform would.
func createInvocationDirectly(t *testing.T, client *conns.ECSClient, commandID string, failOnError bool) *fwresource.CreateResponse {
	t.Helper()
	ctx := context.Background()
	r, ok := ecs.NewInvocationResource().(fwresource.ResourceWithConfigure)
	if !ok {
		t.Fatal("cloudcmd_ecs_invocation takes no provider data")
	}
	var configured fwresource.ConfigureResponse
	r.Configure(ctx, fwresource.ConfigureRequest{ProviderData: conns.NewClients(nil, nil, client, nil)}, &configured)
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
	if configured.Diagnostics.HasError() || schemaResp.Diagnostics.HasError() {
		t.Fatalf("configure: %v; schema: %v", configured.Diagnostics, schemaResp.Diagnostics)
	}
	objectType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("the schema's type is %T", schemaResp.Schema.Type().TerraformType(ctx))
	}
	timeoutsType, ok := objectType.AttributeTypes["timeouts"].(tftypes.Object)
	if !ok {
		t.Fatalf("timeouts is %T", objectType.AttributeTypes["timeouts"])
	}
	known := map[string]tftypes.Value{
		"region_id":           tftypes.NewValue(tftypes.String, acctest.AlicloudRegion),
		"command_id":          tftypes.NewValue(tftypes.String, commandID),
		"instance_ids":        tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, slowInstance)}),
		"repeat_mode":         tftypes.NewValue(tftypes.String, "Once"),
		"wait_for_completion": tftypes.NewValue(tftypes.Bool, true),
		"fail_on_error":       tftypes.NewValue(tftypes.Bool, failOnError),
		"timeouts": tftypes.NewValue(timeoutsType, map[string]tftypes.Value{
			"create": tftypes.NewValue(tftypes.String, "2s"),
			"delete": tftypes.NewValue(tftypes.String, nil),
		}),
	}
	computed := []string{"id", "timeout", "username", "invocation_status", "results"}
	plan := objectValue(objectType, known, computed)
	resp := &fwresource.CreateResponse{State: tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objectType, nil)}}
	r.Create(ctx, fwresource.CreateRequest{
		Plan:   tfsdk.Plan{Schema: schemaResp.Schema, Raw: plan},
		Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: objectValue(objectType, known, nil)},
	}, resp)
	return resp
}

// objectValue is an object of this type with the known attributes set, the
// computed ones unknown, as in a plan, and every other one null.
func objectValue(objectType tftypes.Object, known map[string]tftypes.Value, computed []string) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, attrType := range objectType.AttributeTypes {
		switch {
		case known[name].Type() != nil:
			values[name] = known[name]
		case slices.Contains(computed, name):
			values[name] = tftypes.NewValue(attrType, tftypes.UnknownValue)
		default:
			values[name] = tftypes.NewValue(attrType, nil)
		}
	}
	return tftypes.NewValue(objectType, values)
}

func TestAccECSInvocation_resourceTagsSelectInstances(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-web00002", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "prod"}})
	fake.Fleet().Set(fleet.Instance{ID: "i-web00001", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "prod"}})
	fake.Fleet().Set(fleet.Instance{ID: "i-web00003", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "test"}})
	fake.Fleet().Set(fleet.Instance{ID: "i-db000001", State: fleet.Running, Tags: map[string]string{"role": "db", "env": "prod"}})
	config := invocationConfig(fake, "hostname", `  resource_tags = { role = "web", env = "prod" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("instance_ids"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-web00001"),
						"output":      knownvalue.StringExact("i-web00001\n"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-web00002"),
						"output":      knownvalue.StringExact("i-web00002\n"),
					}),
				})),
			},
			Check: func(s *terraform.State) error {
				inv, ok := fake.Alicloud().Invocation(s.RootModule().Resources[invocationAddress].Primary.ID)
				if !ok || len(inv.Instances) != 2 {
					return fmt.Errorf("the fake ran %+v; want one invocation on the two tagged web servers", inv)
				}
				return nil
			},
		}, {
			// The selection is recorded in results only: no diff follows.
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

func TestAccECSInvocation_resourceTagsMatchingNothing(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-web00001", State: fleet.Running, Tags: map[string]string{"role": "web"}})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "hostname", `  resource_tags = { role = "cache" }`),
			ExpectError: regexp.MustCompile(`(?s)Error Invoking ECS Command.*InstanceIds\s+are\s+not\s+found\s+by\s+the\s+specified\s+ResourceTag` +
				`.*error code: InvalidResourceTag\.InstanceNotFound \(HTTP 400\)\s+Request ID:`),
		}},
	})
	// The API answered: the request is known to have failed, and is not sent again.
	if n := fake.Alicloud().RequestCount("InvokeCommand"); n != 1 {
		t.Errorf("InvokeCommand was sent %d times, want 1", n)
	}
	if n := len(fake.Alicloud().Invocations()); n != 0 {
		t.Errorf("the fake ran %d invocations after a refused request", n)
	}
}

// Cloud Assistant reports neither triggers, parameters, resource_tags nor
// resource_group_id: a configuration with all of them plans an update in
// place after an import, never a replacement that would run the command
// again.
func TestAccECSInvocation_importPlansNoReplacement(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-web00001", State: fleet.Running, Tags: map[string]string{"role": "web"}})
	config := invocationConfig(fake, "echo {{greeting}}", fmt.Sprintf(`
  resource_tags     = { role = "web" }
  resource_group_id = %q
  triggers          = { release = "v1" }
  parameters_wo     = { greeting = "secret-value" }
  parameters_wo_version = 1`, fakealicloud.DefaultResourceGroupID))
	var id string
	importedID := lateString{&id}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
				func(s *terraform.State) error {
					id = s.RootModule().Resources[invocationAddress].Primary.ID
					return nil
				},
			),
		}, {
			Config:             config,
			ResourceName:       invocationAddress,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithID,
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				},
			},
			Check: acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
		}, {
			// Forget the run (keeping its command), then import it with an
			// import block and apply: the first apply takes the
			// configuration's arguments in place, and the plan after it is
			// empty.
			Config: config[:strings.Index(config, `resource "cloudcmd_ecs_invocation"`)] + `
removed {
  from = cloudcmd_ecs_invocation.test
  lifecycle {
    destroy = false
  }
}`,
		}, {
			Config: config + `
variable "imported_id" {
  type = string
}

import {
  to = cloudcmd_ecs_invocation.test
  id = var.imported_id
}`,
			ConfigVariables: tfconfig.Variables{"imported_id": importedID},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("triggers"), knownvalue.MapExact(map[string]knownvalue.Check{"release": knownvalue.StringExact("v1")})),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("instance_ids"), knownvalue.Null()),
			},
			Check: acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "InvokeCommand", 1),
		}},
	})
}

// lateString is a configuration variable whose value a test learns in an
// earlier step, such as the ID of the object it created.
type lateString struct{ value *string }

func (v lateString) MarshalJSON() ([]byte, error) { return json.Marshal(*v.value) }

func TestAccECSInvocation_unknownResourceGroup(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(group string) string {
		return invocationConfig(fake, "echo grouped", fmt.Sprintf(`
  instance_ids      = ["i-aaaa0001"]
  resource_group_id = %q`, group))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("rg-nosuchgroup000001"),
			ExpectError: regexp.MustCompile(`(?s)Error Invoking ECS Command.*The\s+ResourceGroup\s+provided\s+does\s+not\s+exist` +
				`.*error code: InvalidResourceGroup\.NotFound \(HTTP 404\)`),
		}, {
			Config: config(fakealicloud.DefaultResourceGroupID),
			Check: func(s *terraform.State) error {
				inv, ok := fake.Alicloud().Invocation(s.RootModule().Resources[invocationAddress].Primary.ID)
				if !ok || inv.ResourceGroupID != fakealicloud.DefaultResourceGroupID {
					return fmt.Errorf("the fake ran %+v; want the invocation in the default group", inv)
				}
				return nil
			},
		}},
	})
}

// TestAccECSInvocation_recording: success_exit_codes, keep_output and
// sensitive_output shape what is recorded of a run, and a change of all
// three applies in place to the record, running nothing again.
func TestAccECSInvocation_recording(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(switches string) string {
		return invocationConfig(fake, "echo checking\necho done\nfail-on i-bad00001 3", `
  instance_ids = ["i-good0001", "i-bad00001"]
`+switches)
	}
	result := func(i int, output knownvalue.Check, truncated bool) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(i), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"output": output, "output_truncated": knownvalue.Bool(truncated),
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(`
  success_exit_codes = [0, 3]
  keep_output        = "last_lines"
  keep_output_limit  = 1
  sensitive_output   = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PartialFailed")),
				result(0, knownvalue.Null(), true),
				result(1, knownvalue.Null(), true),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.MapExact(map[string]knownvalue.Check{
					"i-bad00001": knownvalue.StringExact("done\n"),
					"i-good0001": knownvalue.StringExact("done\n"),
				})),
			},
			Check: expectRunCount(fake, 1),
		}, {
			Config: config(`
  keep_output       = "last_bytes"
  keep_output_limit = 3`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				result(0, knownvalue.StringExact("ne\n"), true),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("success_exit_codes"), knownvalue.SetExact([]knownvalue.Check{knownvalue.Int64Exact(0)})),
			},
			Check: expectRunCount(fake, 1),
		}},
	})
}

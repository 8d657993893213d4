package ecs_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

const runCommandAddress = "cloudcmd_ecs_run_command.test"

// runCommandConfig is a shell script run whose other arguments are body.
func runCommandConfig(fake *fakecloud.Server, body string) string {
	return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_ecs_run_command" "test" {
  type = "RunShellScript"
%s
}
`, body)
}

func TestAccECSRunCommand_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo hello\nhostname"
  instance_ids    = ["i-bbbb0002", "i-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^t-[a-z0-9]+$`))),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("command_id"), knownvalue.StringRegexp(regexp.MustCompile(`^c-[a-z0-9]+$`))),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(acctest.AlicloudRegion)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("repeat_mode"), knownvalue.StringExact("Once")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":       knownvalue.StringExact("i-aaaa0001"),
						"invocation_status": knownvalue.StringExact("Success"),
						"exit_code":         knownvalue.Int64Exact(0),
						"output":            knownvalue.StringExact("hello\ni-aaaa0001\n"),
						"output_truncated":  knownvalue.Bool(false),
						"error_code":        knownvalue.StringExact(""),
						"start_time":        knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)),
						"finish_time":       knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-bbbb0002"),
						"output":      knownvalue.StringExact("hello\ni-bbbb0002\n"),
					}),
				})),
			},
			Check: expectRunCount(fake, 1),
		}, {
			// Refreshing a finished run changes nothing.
			Config: runCommandConfig(fake, `
  command_content = "echo hello\nhostname"
  instance_ids    = ["i-bbbb0002", "i-aaaa0001"]`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccECSRunCommand_managedInstances runs on a managed instance (mi-...)
// beside an ECS instance, and records each one's result.
func TestAccECSRunCommand_managedInstances(t *testing.T) {
	fake := acctest.StartFake(t)
	config := runCommandConfig(fake, `
  command_content = "echo hello\nhostname"
  instance_ids    = ["mi-hz018jrc1o0abcd", "i-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-aaaa0001"),
						"output":      knownvalue.StringExact("hello\ni-aaaa0001\n"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":       knownvalue.StringExact("mi-hz018jrc1o0abcd"),
						"invocation_status": knownvalue.StringExact("Success"),
						"exit_code":         knownvalue.Int64Exact(0),
						"output":            knownvalue.StringExact("hello\nmi-hz018jrc1o0abcd\n"),
					}),
				})),
			},
			Check: expectRunCount(fake, 1),
		}, {
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

func TestAccECSRunCommand_parameters(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content  = "echo hello {{who}}"
  enable_parameter = true
  parameters       = { who = "terraform" }
  instance_ids     = ["i-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("hello terraform\n")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("parameters"), knownvalue.MapExact(map[string]knownvalue.Check{"who": knownvalue.StringExact("terraform")})),
			},
		}, {
			ResourceName:      runCommandAddress,
			ImportState:       true,
			ImportStateVerify: true,
			// An import never reads parameters back: they may have been sent
			// write-only, and the first apply takes them from the configuration.
			ImportStateVerifyIgnore: []string{"parameters"},
		}},
	})
}

func TestAccECSRunCommand_writeOnlyParametersStayOutOfState(t *testing.T) {
	const secret = "s3cr3t-v4lue"
	fake := acctest.StartFake(t)
	config := func(version int) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content       = "echo {{token}} > /dev/null"
  enable_parameter      = true
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
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("parameters_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: resource.ComposeTestCheckFunc(acctest.CheckSecretNotInState(secret), expectRunParameters(fake, secret)),
		}, {
			// Refreshing must not copy the parameters back from the API.
			RefreshState: true,
			Check:        acctest.CheckSecretNotInState(secret),
		}, {
			Config: config(2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(acctest.CheckSecretNotInState(secret), expectRunCount(fake, 2)),
		}},
	})
}

func TestAccECSRunCommand_triggersRunAgain(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(release string) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content = "echo deploy"
  instance_ids    = ["i-aaaa0001"]
  triggers        = { release = %q }`, release))
	}
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("v1"),
			Check:  resource.TestCheckResourceAttrWith(runCommandAddress, "id", func(id string) error { firstID = id; return nil }),
		}, {
			Config:           config("v1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}, {
			Config: config("v2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 2),
				resource.TestCheckResourceAttrWith(runCommandAddress, "id", func(id string) error {
					if id == firstID {
						return fmt.Errorf("a new release must run the script again, but the invocation is still %s", id)
					}
					return nil
				}),
			),
		}, {
			// The behaviour switches change nothing remote: updated in place.
			Config: strings.Replace(config("v2"), "triggers", "fail_on_error = false\n  wait_for_completion = false\n  triggers", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectRunCount(fake, 2),
		}},
	})
}

func TestAccECSRunCommand_failureFailsTheApplyAndTaints(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(failOnError bool) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content = "echo checking disks\nfail-on i-bad00001 3"
  instance_ids    = ["i-good0001", "i-bad00001"]
  fail_on_error   = %t`, failOnError))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(true),
			ExpectError: acctest.ExpectErrorText("ended PartialFailed. i-bad00001: Failed, exit code 3 " +
				"(ExitCodeNonzero: the command execution exit code is not zero.) last lines of output: checking disks " +
				"1 of 2 instances did not succeed. The invocation is recorded in the state, tainted, so the next apply runs it again"),
		}, {
			// The failed run was kept, tainted: the next apply runs it again,
			// and without fail_on_error the failure is only recorded.
			Config: config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PartialFailed")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("instance_id"), knownvalue.StringExact("i-bad00001")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("invocation_status"), knownvalue.StringExact("Failed")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("error_code"), knownvalue.StringExact("ExitCodeNonzero")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: expectRunCount(fake, 2),
		}},
	})
}

func TestAccECSRunCommand_exitCodeWithoutFailOnError(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo partial work\nexit 3"
  instance_ids    = ["i-aaaa0001"]
  fail_on_error   = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Failed")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("partial work\n")),
			},
		}, {
			// Not tainted: the recorded failure is accepted and stays.
			Config: runCommandConfig(fake, `
  command_content = "echo partial work\nexit 3"
  instance_ids    = ["i-aaaa0001"]
  fail_on_error   = false`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectRunCount(fake, 1),
		}},
	})
}

func TestAccECSRunCommand_failureReportNamesEachInstance(t *testing.T) {
	fake := acctest.StartFake(t)
	// One instance's run ends as the test says rather than as the script
	// does; another's agent is offline, so its run is never delivered.
	fake.Alicloud().SetOutcome(fakealicloud.OutcomeMatch{InstanceID: "i-full0001"}, fakealicloud.Outcome{ExitCode: 2, Output: "checking\ndisk full\n"})
	fake.Fleet().Set(fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo fine"
  instance_ids    = ["i-good0001", "i-full0001", "i-offline1"]`),
			ExpectError: acctest.ExpectErrorText("ended PartialFailed. " +
				"i-full0001: Failed, exit code 2 (ExitCodeNonzero: the command execution exit code is not zero.) last lines of output: checking disk full " +
				"i-offline1: Aborted (ClientNotRunning: the aliyun service is not running on the instance.) " +
				"2 of 3 instances did not succeed."),
		}, {
			// Recorded without fail_on_error: a run never delivered has no
			// exit code.
			Config: runCommandConfig(fake, `
  command_content = "echo fine"
  instance_ids    = ["i-good0001", "i-full0001", "i-offline1"]
  fail_on_error   = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-full0001"), "invocation_status": knownvalue.StringExact("Failed"),
						"exit_code": knownvalue.Int64Exact(2), "output": knownvalue.StringExact("checking\ndisk full\n"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-good0001"), "invocation_status": knownvalue.StringExact("Success"),
						"exit_code": knownvalue.Int64Exact(0), "output": knownvalue.StringExact("fine\n"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("i-offline1"), "invocation_status": knownvalue.StringExact("Aborted"),
						"exit_code": knownvalue.Null(), "error_code": knownvalue.StringExact("ClientNotRunning"),
					}),
				})),
			},
			Check: expectRunCount(fake, 2),
		}},
	})
}

func TestAccECSRunCommand_waitTimeoutKeepsTheInvocation(t *testing.T) {
	fake := acctest.StartFake(t)
	config := runCommandConfig(fake, `
  command_content = "sleep 600"
  instance_ids    = ["i-aaaa0001"]
  timeout         = 3600
  timeouts        = { create = "2s" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: acctest.ExpectErrorText("Timed Out Waiting For ECS Command"),
		}, {
			// The run is in the state, tainted: exactly one re-run is planned.
			Config:             config,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			Check:              expectRunCount(fake, 1),
		}},
	})
	if n := len(fake.Alicloud().Invocations()); n != 1 {
		t.Errorf("the fake ran %d invocations, want 1", n)
	}
}

func TestAccECSRunCommand_waitTimeoutWithoutFailOnErrorWarns(t *testing.T) {
	fake := acctest.StartFake(t)
	config := runCommandConfig(fake, `
  command_content = "sleep 600"
  instance_ids    = ["i-aaaa0001"]
  timeout         = 3600
  fail_on_error   = false
  timeouts        = { create = "2s" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Running")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
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

func TestAccECSRunCommand_periodicIsRecordedAndStoppedOnDestroy(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllRunsEnded(fake),
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo tick"
  instance_ids    = ["i-aaaa0001"]
  repeat_mode     = "Period"
  frequency       = "rate(5m)"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("frequency"), knownvalue.StringExact("rate(5m)")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Scheduled")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("invocation_status"), knownvalue.StringExact("Scheduled")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
			Check: expectRunCount(fake, 1),
		}, {
			ResourceName:      runCommandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}},
	})
	for _, inv := range fake.Alicloud().Invocations() {
		if inv.Status != "Stopped" {
			t.Errorf("after destroy the periodic invocation %s is %s, want Stopped", inv.ID, inv.Status)
		}
	}
}

func TestAccECSRunCommand_keepCommandIsDeletedOnDestroy(t *testing.T) {
	fake := acctest.StartFake(t)
	var commandID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkRunCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  name            = "kept"
  command_content = "echo kept"
  instance_ids    = ["i-aaaa0001"]
  keep_command    = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("keep_command"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("name"), knownvalue.StringExact("kept")),
			},
			Check: func(s *terraform.State) error {
				commandID = s.RootModule().Resources[runCommandAddress].Primary.Attributes["command_id"]
				if _, ok := fake.Alicloud().Command(commandID); !ok {
					return fmt.Errorf("the kept command %s is not on the fake", commandID)
				}
				return nil
			},
		}, {
			ResourceName:      runCommandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}},
	})
	if _, ok := fake.Alicloud().Command(commandID); ok {
		t.Errorf("the kept command %s outlived the resource", commandID)
	}
}

func TestAccECSRunCommand_retryRunsTheCommandOnce(t *testing.T) {
	fake := acctest.StartFake(t)
	// The fake runs the first RunCommand and then loses its response, as
	// a dropped connection would: the provider must send it again with the
	// same client token and get the same invocation back.
	fake.Alicloud().DropNextResponse("RunCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "echo once"
  instance_ids    = ["i-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 1),
				func(*terraform.State) error {
					if n := fake.Alicloud().RequestCount("RunCommand"); n != 2 {
						return fmt.Errorf("RunCommand was sent %d times, want 2: the lost one and its retry", n)
					}
					return nil
				},
			),
		}},
	})
}

func TestAccECSRunCommand_resourceTagsSelectInstances(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-web00002", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "prod"}})
	fake.Fleet().Set(fleet.Instance{ID: "i-web00001", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "prod"}})
	fake.Fleet().Set(fleet.Instance{ID: "i-db000001", State: fleet.Running, Tags: map[string]string{"role": "db", "env": "prod"}})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "hostname"
  resource_tags   = { role = "web", env = "prod" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("instance_ids"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
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
		}, {
			// The selection is recorded in results only: no diff follows.
			Config: runCommandConfig(fake, `
  command_content = "hostname"
  resource_tags   = { role = "web", env = "prod" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccECSRunCommand_finishedRunIsHistory moves the fake's clock past
// Cloud Assistant's record retention: refreshing the finished run reads
// nothing, the plan is empty, and the apply runs nothing again.
func TestAccECSRunCommand_finishedRunIsHistory(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := runCommandConfig(fake, `
  command_content = "echo done"
  instance_ids    = ["i-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 1),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultAlicloudRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(runCommandAddress, "results.0.output", "done\n"),
				expectECSPurged(fake, runCommandAddress),
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocations", "DescribeInvocationResults"),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 0),
			),
		}},
	})
}

// TestAccECSRunCommand_regionFromProviderMoves: a finished run that took
// the provider's region stays as it is while that region does, whether
// region_id is left out or spelled out; when the provider's region moves,
// the run is made again there, as a changed region_id would make it.
func TestAccECSRunCommand_regionFromProviderMoves(t *testing.T) {
	fake := acctest.StartFake(t)
	body := `
  command_content = "echo here"
  instance_ids    = ["i-aaaa0001"]`
	inProviderRegion := func(region string) string {
		return strings.Replace(runCommandConfig(fake, body), fmt.Sprintf("region     = %q", acctest.AlicloudRegion), fmt.Sprintf("region     = %q", region), 1)
	}
	unchanged := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, body),
			Check:  acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 1),
		}, {
			PreConfig:        fake.ResetCounters,
			Config:           runCommandConfig(fake, body),
			ConfigPlanChecks: unchanged,
			Check:            acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 0),
		}, {
			PreConfig:        fake.ResetCounters,
			Config:           runCommandConfig(fake, body+fmt.Sprintf("\n  region_id = %q", acctest.AlicloudRegion)),
			ConfigPlanChecks: unchanged,
			Check:            acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 0),
		}, {
			PreConfig: fake.ResetCounters,
			Config:    inProviderRegion("cn-shanghai"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact("cn-shanghai")),
			},
			Check: acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 1),
		}},
	})
}

// TestAccECSRunCommand_unfinishedRunIsRefreshed follows a run created
// without waiting until it ends; once its record is purged it stays in the
// state as last read, and neither apply nor destroy touches it.
func TestAccECSRunCommand_unfinishedRunIsRefreshed(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := runCommandConfig(fake, `
  command_content     = "echo started\nsleep 60\necho ended"
  instance_ids        = ["i-aaaa0001"]
  wait_for_completion = false`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "StopInvocation"),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Running")),
			},
		}, {
			PreConfig:    func() { clock.Advance(2 * time.Minute) },
			RefreshState: true,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(runCommandAddress, "invocation_status", "Success"),
				resource.TestCheckResourceAttr(runCommandAddress, "results.0.output", "started\nended\n"),
				resource.TestCheckResourceAttr(runCommandAddress, "results.0.exit_code", "0"),
			),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultAlicloudRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocations"),
				acctest.CheckEffects(fake, fakecloud.VendorAlicloud, "RunCommand", 0),
			),
		}},
	})
}

// TestAccECSRunCommand_pollErrorsMidWait fails half the status reads of a
// run that takes a few seconds, with no retries in the client layer: the
// wait goes on through them, and the run succeeds once.
func TestAccECSRunCommand_pollErrorsMidWait(t *testing.T) {
	fake := acctest.StartFake(t, func(o *fakecloud.Options) { o.Realistic = true; o.FaultSeed = 7 })
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorAlicloud, Action: "DescribeInvocations", ServerError: 0.5}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfigRetrying(fake.URL(), 0) + `
resource "cloudcmd_ecs_run_command" "test" {
  type            = "RunShellScript"
  command_content = "sleep 3\necho done"
  instance_ids    = ["i-aaaa0001"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("done\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 1),
				acctest.CheckFaultsInjected(fake, fakecloud.VendorAlicloud, fakecloud.FaultServerError),
				// Status and output come in the one DescribeInvocations call.
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocationResults"),
			),
		}},
	})
}

// expectECSPurged checks that the fake no longer keeps the run's record.
func expectECSPurged(fake *fakecloud.Server, address string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[address].Primary.ID
		if _, ok := fake.Alicloud().Invocation(id); ok {
			return fmt.Errorf("the fake still keeps invocation %s", id)
		}
		return nil
	}
}

func TestAccECSRunCommand_import(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  name             = "imported"
  description      = "runs once"
  command_content  = "echo {{greeting}}"
  enable_parameter = true
  parameters       = { greeting = "hi" }
  instance_ids     = ["i-aaaa0001", "i-aaaa0002"]
  username         = "deploy"
  working_dir      = "/srv"
  timeout          = 90
  tags             = { team = "ops" }`),
		}, {
			ResourceName:      runCommandAddress,
			ImportState:       true,
			ImportStateVerify: true,
			// An import never reads parameters back: they may have been sent
			// write-only, and the first apply takes them from the configuration.
			ImportStateVerifyIgnore: []string{"parameters"},
		}, {
			ResourceName:  runCommandAddress,
			ImportState:   true,
			ImportStateId: "t-doesnotexist0",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

func TestAccECSRunCommand_apiErrorIsExplainedAndNotRetried(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "i-gone0001", State: fleet.NotFound})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content = "true"
  instance_ids    = ["i-gone0001"]`),
			ExpectError: regexp.MustCompile(`(?s)Error Running ECS Command.*Could\s+not\s+run\s+RunShellScript\s+on\s+ECS\s+instances\s+in\s+cn-hangzhou.*error code: InvalidInstance\.NotFound \(HTTP 404\)\s+Request ID:`),
		}},
	})
	// The API answered, so the request is known to have failed: sending it
	// again could not help.
	if n := fake.Alicloud().RequestCount("RunCommand"); n != 1 {
		t.Errorf("RunCommand was sent %d times, want 1", n)
	}
	if n := len(fake.Alicloud().Invocations()); n != 0 {
		t.Errorf("the fake ran %d invocations after a refused request", n)
	}
}

// TestAccECSRunCommand_validation proves each plan-time rule: the plan fails
// on the attribute with the rule spelled out, and RunCommand is never called.
func TestAccECSRunCommand_validation(t *testing.T) {
	const target = "instance_ids = [\"i-aaaa0001\"]\n"
	const script = "command_content = \"true\"\n"
	cases := map[string]struct {
		body string
		want string
	}{
		"region_id":                {script + target + `region_id = "Hangzhou"`, `Attribute region_id must be an Alibaba Cloud region ID such as cn-hangzhou`},
		"name empty":               {script + target + `name = ""`, `Attribute name UTF-8 character count must be between 1 and 128, got: 0`},
		"name too long":            {script + target + `name = "` + strings.Repeat("名", 129) + `"`, `Attribute name UTF-8 character count must be between 1 and 128, got: 129`},
		"description":              {script + target + `description = "` + strings.Repeat("d", 513) + `"`, `Attribute description UTF-8 character count must be at most 512, got: 513`},
		"type":                     {script + target + `type = "RunPythonScript"`, `Attribute type value must be one of: ["RunShellScript" "RunBatScript" "RunPowerShellScript"], got: "RunPythonScript"`},
		"content empty":            {target + `command_content = ""`, `Attribute command_content string length must be at least 1, got: 0`},
		"content over 24 KB":       {target + `command_content = "` + strings.Repeat("x", 18433) + `"`, `Attribute command_content must be at most 24576 bytes once base64-encoded (about 18432 bytes of text) when keep_command is false (the default); it is 24580 bytes encoded.`},
		"kept over 18 KB":          {target + "keep_command = true\n" + `command_content = "` + strings.Repeat("x", 13825) + `"`, `Attribute command_content must be at most 18432 bytes once base64-encoded (about 13824 bytes of text) when keep_command is true; it is 18436 bytes encoded.`},
		"working_dir":              {script + target + `working_dir = "/` + strings.Repeat("w", 200) + `"`, `Attribute working_dir UTF-8 character count must be at most 200, got: 201`},
		"timeout too short":        {script + target + `timeout = 9`, `Attribute timeout value must be between 10 and 86400, got: 9`},
		"timeout too long":         {script + target + `timeout = 86401`, `Attribute timeout value must be between 10 and 86400, got: 86401`},
		"too many parameters":      {script + target + "enable_parameter = true\n" + `parameters = {` + acctest.MapEntries(11) + `}`, `Attribute parameters map must contain at most 10 elements, got: 11`},
		"parameter key":            {script + target + "enable_parameter = true\n" + `parameters = { "a b" = "1" }`, `must contain only letters, digits, underscores (_) and hyphens (-), got: a b`},
		"parameter key long":       {script + target + "enable_parameter = true\n" + `parameters = { "` + strings.Repeat("k", 65) + `" = "1" }`, `string length must be between 1 and 64, got: 65`},
		"parameters disabled":      {script + target + `parameters = { a = "1" }`, `Attribute parameters requires enable_parameter = true: without it Cloud Assistant runs {{name}} placeholders as they are written and refuses parameters.`},
		"wo disabled":              {script + target + `parameters_wo = { a = "1" }`, `Attribute parameters_wo requires enable_parameter = true`},
		"parameters conflict":      {script + target + "enable_parameter = true\n" + `parameters = { a = "1" }` + "\n" + `parameters_wo = { a = "1" }`, `Attribute "parameters_wo" cannot be specified when "parameters" is specified`},
		"wo version alone":         {script + target + `parameters_wo_version = 1`, `Attribute "parameters_wo" must be specified when "parameters_wo_version" is specified`},
		"repeat_mode":              {script + target + `repeat_mode = "Daily"`, `Attribute repeat_mode value must be one of: ["Once" "Period" "NextRebootOnly" "EveryReboot"], got: "Daily"`},
		"period without frequency": {script + target + `repeat_mode = "Period"`, `Attribute frequency is required when repeat_mode is "Period": set it to rate(...), at(...) or a cron expression.`},
		"frequency with once":      {script + target + `frequency = "rate(5m)"`, `Attribute frequency must not be set when repeat_mode is "Once" (the default): only repeat_mode = "Period" runs on a schedule.`},
		"frequency with reboot":    {script + target + "repeat_mode = \"EveryReboot\"\n" + `frequency = "rate(5m)"`, `Attribute frequency must not be set when repeat_mode is "EveryReboot"`},
		"rate too short":           {script + target + "repeat_mode = \"Period\"\n" + `frequency = "rate(30s)"`, `the interval is 30s, shorter than 60 seconds, got: "rate(30s)"`},
		"at malformed":             {script + target + "repeat_mode = \"Period\"\n" + `frequency = "at(2026-06-06T13:15:30Z)"`, `a single run is at(yyyy-MM-dd HH:mm:ss) with an optional time zone`},
		"cron invalid":             {script + target + "repeat_mode = \"Period\"\n" + `frequency = "0 0 25 * * ?"`, `Attribute frequency must be rate(<n><s|m|h|d>) with an interval between 60 seconds and 7 days`},
		"cron parser message":      {script + target + "repeat_mode = \"Period\"\n" + `frequency = "0 0 25 * * ?"`, `invalid cron expression: parse cron expression: invalid numeric field 25, got: "0 0 25 * * ?"`},
		"cron time zone":           {script + target + "repeat_mode = \"Period\"\n" + `frequency = "0 0 12 * * ? Mars/Base"`, `unknown time zone Mars/Base`},
		"cron runs too close":      {script + target + "repeat_mode = \"Period\"\n" + `frequency = "*/5 * * * * ?"`, `two runs are only 5s apart, and Cloud Assistant needs at least 10s between runs`},
		"rate within timeout":      {script + target + "repeat_mode = \"Period\"\n" + `frequency = "rate(60s)"`, `Attribute frequency "rate(60s)" runs every 1m0s, which must be longer than timeout (the default), 60 seconds`},
		"rate within set timeout":  {script + target + "repeat_mode = \"Period\"\ntimeout = 600\n" + `frequency = "rate(5m)"`, `Attribute frequency "rate(5m)" runs every 5m0s, which must be longer than timeout, 600 seconds`},
		"cron within timeout":      {script + target + "repeat_mode = \"Period\"\ntimeout = 120\n" + `frequency = "0 * * * * ?"`, `Attribute frequency "0 * * * * ?" runs 1m0s apart at times, which must not be shorter than timeout, 120 seconds`},
		"username":                 {script + target + `username = "` + strings.Repeat("u", 256) + `"`, `Attribute username UTF-8 character count must be at most 255, got: 256`},
		"windows_password_name":    {script + target + `windows_password_name = "` + strings.Repeat("p", 256) + `"`, `Attribute windows_password_name UTF-8 character count must be at most 255, got: 256`},
		"no target":                {script, `Exactly one of these attributes must be configured: [instance_ids,resource_tags]`},
		"both targets":             {script + target + `resource_tags = { role = "web" }`, `Exactly one of these attributes must be configured: [instance_ids,resource_tags]`},
		"no instances":             {script + `instance_ids = []`, `Attribute instance_ids set must contain at least 1 elements and at most 100 elements, got: 0`},
		"too many instances":       {script + `instance_ids = [` + manyECSInstances(101) + `]`, `Attribute instance_ids set must contain at least 1 elements and at most 100 elements, got: 101`},
		"instance id":              {script + `instance_ids = ["ins-abcd1234"]`, `must be an ECS instance ID (i- followed by lowercase letters or digits) or a managed instance ID (mi- followed by lowercase letters or digits), got: ins-abcd1234`},
		"managed instance id":      {script + `instance_ids = ["mi-", "i-abcd1234"]`, `or a managed instance ID (mi- followed by lowercase letters or digits), got: mi-`},
		"too many resource tags":   {script + `resource_tags = {` + acctest.MapEntries(11) + `}`, `Attribute resource_tags map must contain at least 1 elements and at most 10 elements, got: 11`},
		"no resource tags":         {script + `resource_tags = {}`, `Attribute resource_tags map must contain at least 1 elements and at most 10 elements, got: 0`},
		"too many tags":            {script + target + `tags = ` + manyTags(21), `Attribute tags map must contain at most 20 elements, got: 21`},
		"tag key aliyun":           {script + target + `tags = { "aliyun-x" = "v" }`, `Attribute tags["aliyun-x"]: a tag key must not start with "aliyun" or "acs:"`},
		"container_id":             {script + target + `container_id = "abc123"`, `Attribute container_id must be 64 lowercase hexadecimal digits, optionally prefixed by docker://, containerd:// or cri-o://, got: abc123`},
		"container_name":           {script + target + `container_name = ""`, `Attribute container_name string length must be at least 1, got: 0`},
		"termination_mode":         {script + target + `termination_mode = "Kill"`, `Attribute termination_mode value must be one of: ["Process" "ProcessTree"], got: "Kill"`},
		"launcher empty":           {script + target + `launcher = ""`, `Attribute launcher string length must be between 1 and 1024, got: 0`},
		"launcher too long":        {script + target + `launcher = "` + strings.Repeat("l", 1025) + `"`, `Attribute launcher string length must be between 1 and 1024, got: 1025`},
		"resource_group_id":        {script + target + `resource_group_id = ""`, `Attribute resource_group_id string length must be at least 1, got: 0`},
		"no success codes":         {script + target + `success_exit_codes = []`, `Attribute success_exit_codes set must contain at least 1 elements, got: 0`},
		"success code range":       {script + target + `success_exit_codes = [-2147483649]`, `value must be between -2147483648 and 4294967295, got: -2147483649`},
		"keep output mode":         {script + target + `keep_output = "head"`, `Attribute keep_output value must be one of: ["all" "none" "last_bytes" "last_lines"], got: "head"`},
		"keep output no limit":     {script + target + `keep_output = "last_bytes"`, `keep_output = "last_bytes" needs keep_output_limit: how many bytes of output to keep, at least 1.`},
		"limit with none":          {script + target + "keep_output = \"none\"\n" + `keep_output_limit = 5`, `keep_output_limit is only for keep_output = "last_bytes" or "last_lines"; keep_output is "none".`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			body := tc.body
			config := acctest.ProviderConfig(fake) + "resource \"cloudcmd_ecs_run_command\" \"test\" {\n" + body + "\n}\n"
			if !strings.Contains(body, "type =") {
				config = runCommandConfig(fake, body)
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config,
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Alicloud().RequestCount("RunCommand"); n != 0 {
				t.Errorf("RunCommand was called %d times; validation must stop the plan first", n)
			}
		})
	}
}

func manyECSInstances(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"i-%08d"`, i)
	}
	return strings.Join(ids, ", ")
}

func expectRunCount(fake *fakecloud.Server, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(fake.Alicloud().Invocations()); n != want {
			return fmt.Errorf("the fake ran %d invocations, want %d", n, want)
		}
		return nil
	}
}

// expectRunParameters checks that the run's parameters reached the API.
func expectRunParameters(fake *fakecloud.Server, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[runCommandAddress].Primary.ID
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

// expectAllRunsEnded checks that destroy left nothing running or scheduled.
func expectAllRunsEnded(fake *fakecloud.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, inv := range fake.Alicloud().Invocations() {
			if !ecs.InvocationStatus(inv.Status).Done() {
				return fmt.Errorf("invocation %s is still %s after destroy", inv.ID, inv.Status)
			}
		}
		return nil
	}
}

// checkRunCommandDestroyed checks with the provider's own finder that no
// kept command outlived its run.
func checkRunCommandDestroyed(t *testing.T, fake *fakecloud.Server) resource.TestCheckFunc {
	client := acctest.ECSClient(t, fake)
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudcmd_ecs_run_command" {
				continue
			}
			_, err := ecs.FindCommand(context.Background(), client, rs.Primary.Attributes["region_id"], rs.Primary.Attributes["command_id"])
			if errors.Is(err, ecs.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("the command %s kept by run %s still exists", rs.Primary.Attributes["command_id"], rs.Primary.ID)
		}
		return nil
	}
}

// TestAccECSRunCommand_successExitCodes: success_exit_codes decides, per
// instance, which exit codes pass fail_on_error; Cloud Assistant's statuses
// and the exit codes are recorded as it gives them; changing the codes runs
// nothing again; and a timeout never counts as success.
func TestAccECSRunCommand_successExitCodes(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(codes, run string) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content    = "echo checking\nfail-on i-bad00001 3\nfail-on i-bad00002 4"
  instance_ids       = ["i-good0001", "i-bad00001", "i-bad00002"]
  success_exit_codes = %s
  triggers           = { run = %q }`, codes, run))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("[0, 3, 4]", "1"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PartialFailed")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"invocation_status": knownvalue.StringExact("Failed"), "exit_code": knownvalue.Int64Exact(3)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"invocation_status": knownvalue.StringExact("Failed"), "exit_code": knownvalue.Int64Exact(4)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"invocation_status": knownvalue.StringExact("Success"), "exit_code": knownvalue.Int64Exact(0)}),
				})),
			},
			Check: expectRunCount(fake, 1),
		}, {
			Config: config("[0, 3]", "1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectRunCount(fake, 1),
		}, {
			Config: config("[0, 3]", "2"),
			ExpectError: acctest.ExpectErrorText("i-bad00002: Failed, exit code 4 (ExitCodeNonzero: the command execution exit code is not zero.) " +
				"last lines of output: checking 1 of 3 instances did not succeed."),
		}},
	})
}

// TestAccECSRunCommand_timeoutIsNeverSuccess: a run that timed out failed,
// even when its exit code is listed.
func TestAccECSRunCommand_timeoutIsNeverSuccess(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  command_content    = "sleep 30"
  instance_ids       = ["i-aaaa0001"]
  timeout            = 10
  success_exit_codes = [0, -1]`),
			ExpectError: acctest.ExpectErrorText("i-aaaa0001: Timeout"),
		}},
	})
}

// TestAccECSRunCommand_keepOutput: each keep_output mode, from a fresh read
// and as an in-place change of what is recorded, with output_truncated true
// whenever anything was left out, by keep_output or by the agent.
func TestAccECSRunCommand_keepOutput(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(keep string) string {
		return runCommandConfig(fake, `
  command_content = "echo first\necho ✓✓"
  instance_ids    = ["i-aaaa0001"]
`+keep) + `
resource "cloudcmd_ecs_run_command" "big" {
  type            = "RunShellScript"
  command_content = "seq 10000"
  instance_ids    = ["i-aaaa0001"]
}
`
	}
	output := func(want string, truncated bool) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact(want)),
			statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output_truncated"), knownvalue.Bool(truncated)),
		}
	}
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate)}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(`  keep_output = "last_bytes"` + "\n" + `  keep_output_limit = 5`),
			ConfigStateChecks: append(output("✓\n", true),
				statecheck.ExpectKnownValue("cloudcmd_ecs_run_command.big", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output_truncated"), knownvalue.Bool(true)),
			),
			Check: resource.ComposeTestCheckFunc(
				expectRunCount(fake, 2),
				resource.TestCheckResourceAttrWith("cloudcmd_ecs_run_command.big", "results.0.output", func(v string) error {
					if len(v) != 24<<10 {
						return fmt.Errorf("output of %d bytes; want the 24 KB the agent keeps", len(v))
					}
					return nil
				}),
			),
		}, {
			Config:            config(`  keep_output = "last_lines"` + "\n" + `  keep_output_limit = 1`),
			ConfigPlanChecks:  inPlace,
			ConfigStateChecks: output("✓\n", true),
		}, {
			Config:            config(`  keep_output = "none"`),
			ConfigPlanChecks:  inPlace,
			ConfigStateChecks: output("", true),
			Check:             expectRunCount(fake, 2),
		}, {
			Config:            config(`  keep_output = "last_lines"` + "\n" + `  keep_output_limit = 1` + "\n" + `  triggers = { run = "2" }`),
			ConfigStateChecks: output("✓✓\n", true),
		}, {
			Config:            config(`  triggers = { run = "3" }`),
			ConfigStateChecks: output("first\n✓✓\n", false),
			Check:             expectRunCount(fake, 4),
		}},
	})
}

// TestAccECSRunCommand_sensitiveOutput: a script that prints a write-only
// value keeps it out of results with sensitive_output; it is in
// sensitive_outputs, marked sensitive; the switch changes in place.
func TestAccECSRunCommand_sensitiveOutput(t *testing.T) {
	const secret = "wo-s3cr3t-in-output"
	fake := acctest.StartFake(t)
	config := func(sensitive bool) string {
		return runCommandConfig(fake, fmt.Sprintf(`
  command_content       = "echo token={{token}}"
  enable_parameter      = true
  instance_ids          = ["i-aaaa0001"]
  parameters_wo         = { token = %q }
  parameters_wo_version = 1
  sensitive_output      = %t`, secret, sensitive))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config: config(false),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("token="+secret+"\n")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.Null()),
			},
		}, {
			Config: config(true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.MapExact(map[string]knownvalue.Check{
					"i-aaaa0001": knownvalue.StringExact("token=" + secret + "\n"),
				})),
				acctest.ExpectSensitivePaths(runCommandAddress, "parameters", "sensitive_outputs"),
			},
			Check: expectRunCount(fake, 1),
		}},
	})
}

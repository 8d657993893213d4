package tat_test

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

const runCommandAddress = "cloudcmd_tat_run_command.test"

// runCommandConfig is a cloudcmd_tat_run_command whose arguments are body,
// with the provider talking to endpoint.
func runCommandConfig(endpoint, body string) string {
	return acctest.ProviderConfigVia(endpoint) + fmt.Sprintf(`
resource "cloudcmd_tat_run_command" "test" {
%s
}
`, body)
}

func TestAccTATRunCommand_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo {{greeting}} {{who}}\nhostname"
	config := runCommandConfig(fake.URL(), fmt.Sprintf(`
  content            = %q
  instance_ids       = ["ins-bbbb0002", "ins-aaaa0001"]
  enable_parameter   = true
  default_parameters = { greeting = "hello" }
  parameters         = { who = "world" }`, script))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^inv-[a-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("command_id"), knownvalue.StringRegexp(regexp.MustCompile(`^cmd-[a-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("command_type"), knownvalue.StringExact("SHELL")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("username"), knownvalue.StringExact("root")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("working_directory"), knownvalue.StringExact("/root")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("created_time"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":        knownvalue.StringExact("ins-aaaa0001"),
						"invocation_task_id": knownvalue.StringRegexp(regexp.MustCompile(`^invt-`)),
						"task_status":        knownvalue.StringExact("SUCCESS"),
						"exit_code":          knownvalue.Int64Exact(0),
						"output":             knownvalue.StringExact("hello world\nins-aaaa0001\n"),
						"output_truncated":   knownvalue.Bool(false),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("ins-bbbb0002"),
						"output":      knownvalue.StringExact("hello world\nins-bbbb0002\n"),
					}),
				})),
			},
			Check: resource.ComposeTestCheckFunc(
				expectExecutions(fake, script, 2),
				// RunCommand keeps no command unless asked to.
				func(s *terraform.State) error {
					id := s.RootModule().Resources[runCommandAddress].Primary.Attributes["command_id"]
					if _, ok := fake.Tencent().Command(id); ok {
						return fmt.Errorf("command %s was saved without save_command", id)
					}
					return nil
				},
			),
		}, {
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
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
			ImportStateId: "inv-00000000",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

// TestAccTATRunCommand_savedCommand keeps the command, with its name,
// description and tags; import reads them from it. A re-run replaces the
// run, and the command with it: the old one is deleted, so the new run can
// save its own under the same name.
func TestAccTATRunCommand_savedCommand(t *testing.T) {
	fake := acctest.StartFake(t)
	configTagged := func(release, tags string) string {
		return runCommandConfig(fake.URL(), fmt.Sprintf(`
  content          = "echo {{target}}"
  instance_ids     = ["lhins-aaaa0001"]
  save_command     = true
  command_name     = "saved-by-run"
  description      = "kept for later"
  enable_parameter = true
  parameters       = { target = "lighthouse" }
  tags             = %s
  triggers         = { release = %q }`, tags, release))
	}
	config := func(release string) string { return configTagged(release, `{ team = "ops" }`) }
	var firstCommand string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectNoCommandNamed(fake, "saved-by-run"),
		Steps: []resource.TestStep{{
			Config: config("v1"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("lighthouse\n")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("command_name"), knownvalue.StringExact("saved-by-run")),
			},
			Check: resource.TestCheckResourceAttrWith(runCommandAddress, "command_id", func(id string) error {
				firstCommand = id
				cmd, ok := fake.Tencent().Command(id)
				if !ok {
					return fmt.Errorf("command %s was not saved", id)
				}
				if cmd.Name != "saved-by-run" || cmd.Description != "kept for later" || len(cmd.Tags) != 1 || !cmd.EnableParameter {
					return fmt.Errorf("saved command %+v", cmd)
				}
				return nil
			}),
		}, {
			ResourceName:            runCommandAddress,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"triggers", "parameters"},
		}, {
			// Tags change on the saved command in place: nothing runs again.
			Config: configTagged("v1", `{ team = "sre", tier = "web" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 1),
				resource.TestCheckResourceAttrWith(runCommandAddress, "command_id", func(id string) error {
					cmd, ok := fake.Tencent().Command(id)
					if !ok || id != firstCommand {
						return fmt.Errorf("the saved command %s was replaced by %s", firstCommand, id)
					}
					got := map[string]string{}
					for _, tag := range cmd.Tags {
						got[tag.Key] = tag.Value
					}
					if fmt.Sprint(got) != "map[team:sre tier:web]" {
						return fmt.Errorf("tags on the fake = %v", got)
					}
					return nil
				}),
			),
		}, {
			Config: config("v2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 2),
				resource.TestCheckResourceAttrWith(runCommandAddress, "command_id", func(id string) error {
					if _, ok := fake.Tencent().Command(firstCommand); ok || id == firstCommand {
						return fmt.Errorf("the re-run kept the first saved command %s (now %s)", firstCommand, id)
					}
					if _, ok := fake.Tencent().Command(id); !ok {
						return fmt.Errorf("the re-run did not save command %s", id)
					}
					return nil
				}),
			),
		}},
	})
}

func TestAccTATRunCommand_failureFailsTheApplyAndTaints(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(failOnError bool) string {
		return runCommandConfig(fake.URL(), fmt.Sprintf(`
  content       = "echo checking disks\nfail-on ins-bad00001 3"
  instance_ids  = ["ins-good0001", "ins-bad00001"]
  fail_on_error = %t`, failOnError))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config(true),
			ExpectError: acctest.ExpectErrorText("ended PARTIAL_FAILED. ins-bad00001: FAILED, exit code 3 last lines of output: checking disks 1 of 2 instances did not succeed."),
		}, {
			// Kept, tainted: the next apply runs it again, and without
			// fail_on_error the failure is only recorded.
			Config: config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PARTIAL_FAILED")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("task_status"), knownvalue.StringExact("FAILED")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("task_status"), knownvalue.StringExact("SUCCESS")),
			},
			Check: expectInvocationCount(fake, 2),
		}, {
			// Accepted, not tainted: nothing runs again.
			Config:           config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectInvocationCount(fake, 2),
		}},
	})
}

// TestAccTATRunCommand_reRuns: the same configuration runs nothing; a new
// trigger or a changed script runs again; a behaviour switch changes in
// place.
func TestAccTATRunCommand_reRuns(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(script, release, extra string) string {
		return runCommandConfig(fake.URL(), fmt.Sprintf(`
  content      = %q
  instance_ids = ["ins-aaaa0001"]
  triggers     = { release = %q }%s`, script, release, extra))
	}
	replaced := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionDestroyBeforeCreate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("echo deploy", "v1", ""),
			Check:  expectInvocationCount(fake, 1),
		}, {
			Config:           config("echo deploy", "v1", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}, {
			Config:           config("echo deploy", "v2", ""),
			ConfigPlanChecks: replaced,
			Check:            expectInvocationCount(fake, 2),
		}, {
			Config:           config("echo deploy again", "v2", ""),
			ConfigPlanChecks: replaced,
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 3),
				resource.TestCheckResourceAttr(runCommandAddress, "results.0.output", "deploy again\n"),
			),
		}, {
			Config: config("echo deploy again", "v2", "\n  fail_on_error = false"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(runCommandAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectInvocationCount(fake, 3),
		}},
	})
}

// TestAccTATRunCommand_destroyCancelsARunningScript: a run created without
// waiting is still going at destroy, which cancels it, waits for it to
// end, and only then deletes its saved command (TAT refuses to delete a
// command that is still running).
func TestAccTATRunCommand_destroyCancelsARunningScript(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			expectAllInvocationsEnded(fake),
			expectNoCommandNamed(fake, "long-job"),
		),
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake.URL(), `
  content             = "echo started\nsleep 3600"
  instance_ids        = ["ins-aaaa0001"]
  save_command        = true
  command_name        = "long-job"
  wait_for_completion = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("RUNNING")),
			},
		}},
	})
	invs := fake.Tencent().Invocations()
	if len(invs) != 1 || invs[0].Status != "CANCELLED" || invs[0].Tasks[0].Status != "TERMINATED" {
		t.Errorf("after destroy the fake holds %+v; want one CANCELLED invocation whose task was TERMINATED", invs)
	}
	if _, ok := fake.Tencent().Command(invs[0].CommandID); ok {
		t.Errorf("the saved command %s is left after destroy", invs[0].CommandID)
	}
}

// TestAccTATRunCommand_finishedRunIsHistory purges the finished run's
// record: refreshing reads nothing, the plan is empty, nothing runs again,
// and destroy makes no call.
func TestAccTATRunCommand_finishedRunIsHistory(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := runCommandConfig(fake.URL(), `
  content      = "echo done"
  instance_ids = ["ins-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvocations", "CancelInvocation", "DeleteCommand"),
		Steps: []resource.TestStep{{
			Config: config,
			Check:  acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 1),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultTencentRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("done\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					if _, ok := fake.Tencent().Invocation(s.RootModule().Resources[runCommandAddress].Primary.ID); ok {
						return fmt.Errorf("the fake still keeps the run's record")
					}
					return nil
				},
				acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvocations", "DescribeInvocationTasks"),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 0),
			),
		}},
	})
}

// TestAccTATRunCommand_adoptsRunAfterLostResponse: RunCommand reaches TAT,
// which runs the script and saves its command, but the answer is lost with
// the connection. Sending it again would run the script twice (and fail on
// the saved name): the provider finds the invocation its request made and
// records it, with the command it made.
func TestAccTATRunCommand_adoptsRunAfterLostResponse(t *testing.T) {
	const script = "echo once"
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextResponse("RunCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(proxy.URL(), fmt.Sprintf(`
  content      = %q
  instance_ids = ["ins-bbbb0002", "ins-aaaa0001"]
  save_command = true
  command_name = "adopted-run"`, script)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("once\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectExecutions(fake, script, 2),
				expectForwarded(proxy, "RunCommand", 1),
				func(s *terraform.State) error {
					attrs := s.RootModule().Resources[runCommandAddress].Primary.Attributes
					inv, ok := fake.Tencent().Invocation(attrs["id"])
					if !ok || inv.CommandID != attrs["command_id"] {
						return fmt.Errorf("the state records invocation %s of command %q; the fake ran %+v", attrs["id"], attrs["command_id"], fake.Tencent().Invocations())
					}
					return nil
				},
			),
		}},
	})
}

func TestAccTATRunCommand_writeOnlyParametersStayOutOfState(t *testing.T) {
	const secret = "s3cr3t-v4lue"
	fake := acctest.StartFake(t)
	config := runCommandConfig(fake.URL(), fmt.Sprintf(`
  content               = "true {{token}}"
  instance_ids          = ["ins-aaaa0001"]
  enable_parameter      = true
  parameters_wo         = { token = %q }
  parameters_wo_version = 1`, secret))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("parameters_wo"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckSecretNotInState(secret),
				func(s *terraform.State) error {
					inv, _ := fake.Tencent().Invocation(s.RootModule().Resources[runCommandAddress].Primary.ID)
					if !strings.Contains(inv.Parameters, secret) {
						return fmt.Errorf("TAT received parameters %q, want the write-only value", inv.Parameters)
					}
					return nil
				},
			),
		}, {
			// Refreshing must not copy the parameters back from TAT.
			RefreshState: true,
			Check:        acctest.CheckSecretNotInState(secret),
		}},
	})
}

// TestAccTATRunCommand_validation proves the plan-time rules, each raised
// at plan on its attribute with the rule spelled out, before any call.
func TestAccTATRunCommand_validation(t *testing.T) {
	fake := acctest.StartFake(t)
	const instance = `instance_ids = ["ins-aaaa0001"]` + "\n"
	cases := []struct{ body, want string }{
		{`content = ""` + "\n" + instance, `Attribute content string length must be at least 1, got: 0`},
		{`content = "` + strings.Repeat("x", 48*1024+1) + `"` + "\n" + instance, `Attribute content must be at most 65536 bytes once base64-encoded (about 49152 bytes of text); it is 65540 bytes encoded.`},
		{`content = "true"` + "\n" + `command_type = "PYTHON"` + "\n" + instance, `Attribute command_type value must be one of: ["SHELL" "POWERSHELL" "BAT"], got: "PYTHON"`},
		{`content = "true"` + "\n" + `instance_ids = ["i-abc"]`, `got: i-abc`},
		{`content = "true"` + "\n" + `instance_ids = ["ins-aaaa0001", "lhins-aaaa0001"]`, `Attribute instance_ids must not mix CVM (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances`},
		{`content = "true"` + "\n" + instance + `parameters = { a = "1" }`, `Attribute parameters can be set only when enable_parameter = true`},
		{`content = "true"` + "\n" + instance + `enable_parameter = true` + "\n" + `parameters = { "a b" = "1" }`, `must contain only letters, digits, underscores (_) and hyphens (-), got: a b`},
		{`content = "true"` + "\n" + instance + `enable_parameter = true` + "\n" + `parameters = {` + acctest.MapEntries(21) + `}`, `Attribute parameters map must contain at most 20 elements, got: 21`},
		{`content = "true"` + "\n" + instance + `save_command = true`, `Attribute command_name must be set when save_command = true`},
		{`content = "true"` + "\n" + instance + `tags = { team = "ops" }`, `Attribute tags can be set only when save_command = true`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      runCommandConfig(fake.URL(), tc.body),
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(tc.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := fake.Tencent().RequestCount("RunCommand"); n != 0 {
		t.Errorf("RunCommand was called %d times; validation must stop the plan first", n)
	}
}

// expectExecutions checks that script ran exactly this many times in all,
// counting each instance's run.
func expectExecutions(fake *fakecloud.Server, script string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(fake.Executions().ByContent(fakecloud.VendorTencent)[script]); n != want {
			return fmt.Errorf("the script ran %d times on the instances, want %d", n, want)
		}
		return nil
	}
}

// expectNoCommandNamed checks that no command of this name is left.
func expectNoCommandNamed(fake *fakecloud.Server, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, inv := range fake.Tencent().Invocations() {
			if cmd, ok := fake.Tencent().Command(inv.CommandID); ok && cmd.Name == name {
				return fmt.Errorf("command %s (%s) is left after destroy", cmd.ID, name)
			}
		}
		return nil
	}
}

package tat_test

import (
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
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

const invocationAddress = "cloudcmd_tat_invocation.test"

// invocationConfig is a command with the given content and an invocation of
// it whose arguments are body.
func invocationConfig(fake *fakecloud.Server, content, body string) string {
	return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name               = "invocation-test"
  content            = %q
  enable_parameter   = true
  default_parameters = { who = "world" }
}

resource "cloudcmd_tat_invocation" "test" {
  command_id = cloudcmd_tat_command.test.id
%s
}
`, content, body)
}

func TestAccTATInvocation_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo hello {{who}}\nhostname", `  instance_ids = ["ins-bbbb0002", "ins-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^inv-[a-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("username"), knownvalue.StringExact("root")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
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
			Check: expectInvocationCount(fake, 1),
		}},
	})
}

// TestAccTATInvocation_managedInstances runs on TAT managed instances, IDs
// of the form DescribeRegisterInstances shows, and records each one's result.
func TestAccTATInvocation_managedInstances(t *testing.T) {
	fake := acctest.StartFake(t)
	config := invocationConfig(fake, "echo hello {{who}}\nhostname", `  instance_ids = ["rins-xfjkunbgax", "rins-8dz6cwxx"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("rins-8dz6cwxx"),
						"task_status": knownvalue.StringExact("SUCCESS"),
						"exit_code":   knownvalue.Int64Exact(0),
						"output":      knownvalue.StringExact("hello world\nrins-8dz6cwxx\n"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("rins-xfjkunbgax"),
						"task_status": knownvalue.StringExact("SUCCESS"),
						"output":      knownvalue.StringExact("hello world\nrins-xfjkunbgax\n"),
					}),
				})),
			},
			Check: expectInvocationCount(fake, 1),
		}, {
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccTATInvocation_managedInstanceFromTheFleet fails on a managed
// instance the fleet declares offline, as on any other instance.
func TestAccTATInvocation_managedInstanceFromTheFleet(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "rins-offline01", State: fleet.AgentOffline})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      invocationConfig(fake, "true", `  instance_ids = ["rins-offline01"]`),
			ExpectError: regexp.MustCompile(`AgentStatusNotOnline`),
		}},
	})
}

func TestAccTATInvocation_parameters(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo hello {{who}}", `
  instance_ids = ["ins-aaaa0001"]
  parameters   = { who = "terraform" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("hello terraform\n")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters"), knownvalue.MapExact(map[string]knownvalue.Check{"who": knownvalue.StringExact("terraform")})),
			},
		}, {
			ResourceName:      invocationAddress,
			ImportState:       true,
			ImportStateVerify: true,
			// An import never reads parameters back: they may have been sent
			// write-only, and the first apply takes them from the configuration.
			ImportStateVerifyIgnore: []string{"parameters"},
		}},
	})
}

func TestAccTATInvocation_writeOnlyParametersStayOutOfState(t *testing.T) {
	const secret = "s3cr3t-v4lue"
	fake := acctest.StartFake(t)
	config := func(version int) string {
		return invocationConfig(fake, "true {{who}}", fmt.Sprintf(`
  instance_ids          = ["ins-aaaa0001"]
  parameters_wo         = { who = %q }
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
			},
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckSecretNotInState(secret),
				func(s *terraform.State) error {
					inv, _ := fake.Tencent().Invocation(s.RootModule().Resources[invocationAddress].Primary.ID)
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
		}, {
			Config: config(2),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(acctest.CheckSecretNotInState(secret), expectInvocationCount(fake, 2)),
		}},
	})
}

func TestAccTATInvocation_triggersRunAgain(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(release string) string {
		return invocationConfig(fake, "echo deploy", fmt.Sprintf(`
  instance_ids = ["ins-aaaa0001"]
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
			// The same configuration again: nothing to do.
			Config:           config("v1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}, {
			Config: config("v2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 2),
				resource.TestCheckResourceAttrWith(invocationAddress, "id", func(id string) error {
					if id == firstID {
						return fmt.Errorf("a new release must run the command again, but the invocation is still %s", id)
					}
					return nil
				}),
			),
		}, {
			// Switching fail_on_error changes nothing remote: updated in place.
			Config: strings.Replace(config("v2"), "triggers", "fail_on_error = false\n  triggers", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectInvocationCount(fake, 2),
		}},
	})
}

func TestAccTATInvocation_failureFailsTheApplyAndTaints(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(failOnError bool) string {
		return invocationConfig(fake, "echo checking disks\nfail-on ins-bad00001 3", fmt.Sprintf(`
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
			// The failed invocation was kept, tainted: the next apply runs it
			// again, and without fail_on_error the failure is only recorded.
			Config: config(false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PARTIAL_FAILED")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("task_status"), knownvalue.StringExact("FAILED")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("task_status"), knownvalue.StringExact("SUCCESS")),
			},
			Check: expectInvocationCount(fake, 2),
		}},
	})
}

func TestAccTATInvocation_waitTimeoutKeepsTheInvocation(t *testing.T) {
	fake := acctest.StartFake(t)
	config := invocationConfig(fake, "sleep 600", `
  instance_ids = ["ins-aaaa0001"]
  timeouts     = { create = "2s" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllInvocationsEnded(fake),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: acctest.ExpectErrorText("Timed Out Waiting For TAT Command"),
		}, {
			// The invocation is in the state with what was known when the
			// wait ended, and tainted, so a re-run is planned.
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeTestCheckFunc(
				resource.TestMatchResourceAttr(invocationAddress, "id", regexp.MustCompile(`^inv-`)),
				resource.TestCheckResourceAttr(invocationAddress, "invocation_status", "RUNNING"),
				resource.TestCheckResourceAttr(invocationAddress, "results.0.task_status", "RUNNING"),
				expectInvocationCount(fake, 1),
			),
		}, {
			Config:             config,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	if n := len(fake.Tencent().Invocations()); n != 1 {
		t.Errorf("the fake ran %d invocations, want 1", n)
	}
}

func TestAccTATInvocation_waitTimeoutWithoutFailOnErrorWarns(t *testing.T) {
	fake := acctest.StartFake(t)
	config := invocationConfig(fake, "sleep 600", `
  instance_ids  = ["ins-aaaa0001"]
  fail_on_error = false
  timeouts      = { create = "2s" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllInvocationsEnded(fake),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("RUNNING")),
			},
		}, {
			// Accepted, not tainted: nothing runs again.
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectInvocationCount(fake, 1),
		}},
	})
}

func TestAccTATInvocation_destroyCancelsARunningCommand(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectAllInvocationsEnded(fake),
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo started\nsleep 3600", `
  instance_ids        = ["ins-aaaa0001"]
  wait_for_completion = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("RUNNING")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
		}},
	})
	invs := fake.Tencent().Invocations()
	if len(invs) != 1 || invs[0].Status != "CANCELLED" || invs[0].Tasks[0].Status != "TERMINATED" {
		t.Errorf("after destroy the fake holds %+v; want one CANCELLED invocation whose task was TERMINATED", invs)
	}
}

// TestAccTATInvocation_finishedRunIsHistory moves the fake's clock past
// TAT's record retention: the finished run's record is gone, yet refreshing
// it reads nothing, the plan is empty, and the apply runs nothing again.
func TestAccTATInvocation_finishedRunIsHistory(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := invocationConfig(fake, "echo done", `  instance_ids = ["ins-aaaa0001"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultTencentRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("done\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectPurged(fake),
				acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvocations", "DescribeInvocationTasks"),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 0),
			),
		}},
	})
}

// TestAccTATInvocation_historyNeedsNoCredentials refreshes and destroys a
// finished run with the provider's keys gone: history makes no API call,
// so it needs none. It cannot run in parallel: it clears the credential
// variables of the process.
func TestAccTATInvocation_historyNeedsNoCredentials(t *testing.T) {
	t.Setenv("TENCENTCLOUD_SECRET_ID", "")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "")
	fake := acctest.StartFake(t)
	commandID := createCommand(t, acctest.TATClient(t, fake), "history")
	config := func(keys string) string {
		return fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    region   = %q
    endpoint = %q%s
  }
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = %q
  instance_ids = ["ins-aaaa0001"]
}
`, acctest.TencentRegion, fake.URL(), keys, commandID)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(fmt.Sprintf("\n    secret_id  = %q\n    secret_key = %q", fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey)),
		}, {
			PreConfig:        fake.ResetCounters,
			Config:           config(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvocations", "DescribeInvocationTasks"),
		}},
	})
}

// TestAccTATInvocation_unfinishedRunIsRefreshed follows a run created
// without waiting until it ends, then stops reading it; once its record is
// purged it stays in the state as it was, and nothing runs again.
func TestAccTATInvocation_unfinishedRunIsRefreshed(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := invocationConfig(fake, "echo started\nsleep 60\necho ended", `
  instance_ids        = ["ins-aaaa0001"]
  wait_for_completion = false`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("RUNNING")),
			},
		}, {
			PreConfig:    func() { clock.Advance(2 * time.Minute) },
			RefreshState: true,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(invocationAddress, "invocation_status", "SUCCESS"),
				resource.TestCheckResourceAttr(invocationAddress, "results.0.output", "started\nended\n"),
				resource.TestCheckResourceAttr(invocationAddress, "results.0.exit_code", "0"),
			),
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultTencentRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeInvocations", "DescribeInvocationTasks", "CancelInvocation"),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 0),
			),
		}},
	})
}

// TestAccTATInvocation_purgedBeforeItWasSeenToEnd purges the record of a
// run the state still holds as running: the run stays as last recorded,
// the plan is empty, and neither apply nor destroy runs or cancels anything.
func TestAccTATInvocation_purgedBeforeItWasSeenToEnd(t *testing.T) {
	fake, clock := acctest.StartFakeWithClock(t)
	config := invocationConfig(fake, "sleep 60", `
  instance_ids        = ["ins-aaaa0001"]
  wait_for_completion = false`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "CancelInvocation"),
		Steps: []resource.TestStep{{
			Config: config,
		}, {
			PreConfig:        acctest.PastRetention(fake, clock, fakecloud.DefaultTencentRecordRetention),
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(invocationAddress, "invocation_status", "RUNNING"),
				expectPurged(fake),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 0),
			),
		}},
	})
}

// TestAccTATInvocation_resultsUnreadAfterSuccess fails every read of the
// tasks: the run succeeded, so it is recorded with its status, untainted,
// and the refresh after the reads recover fills in its results.
func TestAccTATInvocation_resultsUnreadAfterSuccess(t *testing.T) {
	fake := acctest.StartFake(t)
	failTasks := func() {
		if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: "DescribeInvocationTasks", ServerError: 1}); err != nil {
			t.Fatal(err)
		}
	}
	failTasks()
	config := acctest.ProviderConfigRetrying(fake.URL(), 0) + `
resource "cloudcmd_tat_command" "test" {
  name    = "unread-results"
  content = "echo done"
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-aaaa0001"]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.Null()),
			},
		}, {
			PreConfig:    fake.Faults().Clear,
			RefreshState: true,
			Check:        resource.TestCheckResourceAttr(invocationAddress, "results.0.output", "done\n"),
		}, {
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            expectInvocationCount(fake, 1),
		}},
	})
}

// TestAccTATInvocation_pollErrorsMidWait fails half the status reads of a
// run that takes a few seconds, with no retries in the client layer: the
// wait goes on through them, and the run succeeds once.
func TestAccTATInvocation_pollErrorsMidWait(t *testing.T) {
	fake := acctest.StartFake(t, func(o *fakecloud.Options) { o.Realistic = true; o.FaultSeed = 7 })
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: "DescribeInvocations", ServerError: 0.5}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfigRetrying(fake.URL(), 0) + `
resource "cloudcmd_tat_command" "test" {
  name    = "poll-errors"
  content = "sleep 3\necho done"
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-aaaa0001"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("done\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 1),
				acctest.CheckFaultsInjected(fake, fakecloud.VendorTencent, fakecloud.FaultServerError),
			),
		}},
	})
}

// expectPurged checks that the fake no longer keeps the run's record.
func expectPurged(fake *fakecloud.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[invocationAddress].Primary.ID
		if _, ok := fake.Tencent().Invocation(id); ok {
			return fmt.Errorf("the fake still keeps invocation %s", id)
		}
		return nil
	}
}

func TestAccTATInvocation_import(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo {{who}}", `
  instance_ids      = ["ins-aaaa0001", "ins-aaaa0002"]
  username          = "deploy"
  working_directory = "/srv"
  timeout           = 90`),
		}, {
			ResourceName:      invocationAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			ResourceName:  invocationAddress,
			ImportState:   true,
			ImportStateId: "inv-00000000",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

// An import cannot read triggers or parameters back (parameters may have
// been sent write-only): a configuration with both plans an update in
// place, never a replacement that would run the command again, and the
// parameters' values stay out of the plan and state.
func TestAccTATInvocation_importPlansNoReplacement(t *testing.T) {
	fake := acctest.StartFake(t)
	cases := map[string]string{
		"write-only": `
  parameters_wo         = { who = "secret-value" }
  parameters_wo_version = 1`,
		"in state": `
  parameters = { who = "plain-value" }`,
	}
	for name, params := range cases {
		t.Run(name, func(t *testing.T) {
			config := invocationConfig(fake, "echo {{who}}", `
  instance_ids = ["ins-aaaa0001"]
  triggers     = { release = "v1" }`+params)
			before := len(fake.Tencent().Invocations())
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: config,
				}, {
					Config:             config,
					ResourceName:       invocationAddress,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithID,
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("parameters_wo"), knownvalue.Null()),
						},
					},
				}},
			})
			if ran := len(fake.Tencent().Invocations()) - before; ran != 1 {
				t.Errorf("the fake ran %d invocations, want 1: an import must not run the command", ran)
			}
		})
	}
}

// Keys whose role may not read runs are refused on every status read: the
// wait ends at once rather than at the timeout, and the run, which the
// cloud accepted, stays in the state untainted, so it is not run again;
// once the reads are allowed, the next refresh records its outcome.
func TestAccTATInvocation_refusedStatusReadKeepsTheRun(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { fake.Deny(fakecloud.VendorTencent, "DescribeInvocations") },
			Config:    invocationConfig(fake, "echo refused", `  instance_ids = ["ins-aaaa0001"]`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrSet(invocationAddress, "id"),
				acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
				func(*terraform.State) error {
					// The refresh before the next plan may read again.
					fake.Allow(fakecloud.VendorTencent, "DescribeInvocations")
					return nil
				},
			),
		}, {
			Config: invocationConfig(fake, "echo refused", `  instance_ids = ["ins-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: acctest.CheckEffects(fake, fakecloud.VendorTencent, "InvokeCommand", 1),
		}},
	})
}

func TestAccTATInvocation_apiErrorIsExplained(t *testing.T) {
	fake := acctest.StartFake(t)
	fake.Fleet().Set(fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      invocationConfig(fake, "true", `  instance_ids = ["ins-offline1"]`),
			ExpectError: regexp.MustCompile(`(?s)Error Running TAT Command.*agent of an instance is offline.*ResourceUnavailable\.AgentStatusNotOnline\s+Request ID:`),
		}},
	})
	if n := len(fake.Tencent().Invocations()); n != 0 {
		t.Errorf("the fake ran %d invocations after a refused request", n)
	}
}

// TestAccTATInvocation_validation proves each plan-time rule: the plan fails
// on the attribute with the rule spelled out, and TAT is never called.
func TestAccTATInvocation_validation(t *testing.T) {
	cases := map[string]struct {
		body string
		want string
	}{
		"command id":            {`command_id = "cmd-XYZ"` + "\n" + `instance_ids = ["ins-aaaa0001"]`, `Attribute command_id must be a TAT command ID: cmd- followed by 8 lowercase letters or digits, got: cmd-XYZ`},
		"no instances":          {`instance_ids = []`, `Attribute instance_ids set must contain at least 1 elements and at most 200 elements, got: 0`},
		"too many instances":    {`instance_ids = [` + manyInstances(201) + `]`, `Attribute instance_ids set must contain at least 1 elements and at most 200 elements, got: 201`},
		"instance id":           {`instance_ids = ["i-abc"]`, `must be a CVM instance ID (ins- followed by 8 lowercase letters or digits), a Lighthouse instance ID (lhins- followed by 8) or a TAT managed instance ID (rins- followed by 8 or more), got: i-abc`},
		"managed id too short":  {`instance_ids = ["rins-abc123"]`, `or a TAT managed instance ID (rins- followed by 8 or more), got: rins-abc123`},
		"mixed kinds":           {`instance_ids = ["ins-aaaa0001", "lhins-aaaa0001"]`, `Attribute instance_ids must not mix CVM (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances: one invocation runs on one kind.`},
		"managed mixed":         {`instance_ids = ["rins-8dz6cwxx", "lhins-aaaa0001"]`, `Lighthouse: lhins-aaaa0001; TAT managed: rins-8dz6cwxx.`},
		"too many parameters":   {`instance_ids = ["ins-aaaa0001"]` + "\n" + `parameters = {` + acctest.MapEntries(21) + `}`, `Attribute parameters map must contain at most 20 elements, got: 21`},
		"parameter key":         {`instance_ids = ["ins-aaaa0001"]` + "\n" + `parameters = { "a b" = "1" }`, `must contain only letters, digits, underscores (_) and hyphens (-), got: a b`},
		"parameters conflict":   {`instance_ids = ["ins-aaaa0001"]` + "\n" + `parameters = { a = "1" }` + "\n" + `parameters_wo = { a = "1" }`, `Attribute "parameters_wo" cannot be specified when "parameters" is specified`},
		"wo version alone":      {`instance_ids = ["ins-aaaa0001"]` + "\n" + `parameters_wo_version = 1`, `Attribute "parameters_wo" must be specified when "parameters_wo_version" is specified`},
		"timeout":               {`instance_ids = ["ins-aaaa0001"]` + "\n" + `timeout = 86401`, `Attribute timeout value must be between 1 and 86400, got: 86401`},
		"cos url":               {`instance_ids = ["ins-aaaa0001"]` + "\n" + `output_cos_bucket_url = "https://bucket.s3.amazonaws.com"`, `Attribute output_cos_bucket_url must be a COS bucket URL of the form`},
		"cos prefix alone":      {`instance_ids = ["ins-aaaa0001"]` + "\n" + `output_cos_key_prefix = "logs"`, `Attribute "output_cos_bucket_url" must be specified when "output_cos_key_prefix" is specified`},
		"cos prefix dot folder": {`instance_ids = ["ins-aaaa0001"]` + "\n" + cosBucket + `output_cos_key_prefix = "../logs"`, `it uses ".." as a folder name.`},
		"no success codes":      {`instance_ids = ["ins-aaaa0001"]` + "\n" + `success_exit_codes = []`, `Attribute success_exit_codes set must contain at least 1 elements, got: 0`},
		"success code range":    {`instance_ids = ["ins-aaaa0001"]` + "\n" + `success_exit_codes = [0, 4294967296]`, `value must be between -2147483648 and 4294967295, got: 4294967296`},
		"keep output mode":      {`instance_ids = ["ins-aaaa0001"]` + "\n" + `keep_output = "first_bytes"`, `Attribute keep_output value must be one of: ["all" "none" "last_bytes" "last_lines"], got: "first_bytes"`},
		"keep output no limit":  {`instance_ids = ["ins-aaaa0001"]` + "\n" + `keep_output = "last_lines"`, `keep_output = "last_lines" needs keep_output_limit: how many lines of output to keep, at least 1.`},
		"keep output limit":     {`instance_ids = ["ins-aaaa0001"]` + "\n" + `keep_output = "last_bytes"` + "\n" + `keep_output_limit = 0`, `Attribute keep_output_limit value must be at least 1, got: 0`},
		"limit without mode":    {`instance_ids = ["ins-aaaa0001"]` + "\n" + `keep_output_limit = 5`, `keep_output_limit is only for keep_output = "last_bytes" or "last_lines"; keep_output is "all".`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			body := tc.body
			if !strings.Contains(body, "command_id") {
				body = "command_id = \"cmd-abcd1234\"\n" + body
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + "resource \"cloudcmd_tat_invocation\" \"test\" {\n" + body + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Tencent().RequestCount("InvokeCommand"); n != 0 {
				t.Errorf("InvokeCommand was called %d times; validation must stop the plan first", n)
			}
		})
	}
}

func manyInstances(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"ins-%08d"`, i)
	}
	return strings.Join(ids, ", ")
}

func expectInvocationCount(fake *fakecloud.Server, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(fake.Tencent().Invocations()); n != want {
			return fmt.Errorf("the fake ran %d invocations, want %d", n, want)
		}
		return nil
	}
}

func expectAllInvocationsEnded(fake *fakecloud.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, inv := range fake.Tencent().Invocations() {
			switch inv.Status {
			case "PENDING", "RUNNING", "CANCELLING":
				return fmt.Errorf("invocation %s is still %s after destroy", inv.ID, inv.Status)
			}
		}
		return nil
	}
}

// TestAccTATInvocation_successExitCodes: success_exit_codes decides, per
// instance, which exit codes pass fail_on_error; TAT's statuses and the exit
// codes are recorded as TAT gives them; changing the codes runs nothing
// again; and a timeout never counts as success, whatever its exit code.
func TestAccTATInvocation_successExitCodes(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(codes, run string) string {
		return invocationConfig(fake, "echo checking\nfail-on ins-bad00001 3\nfail-on ins-bad00002 4", fmt.Sprintf(`
  instance_ids       = ["ins-good0001", "ins-bad00001", "ins-bad00002"]
  success_exit_codes = %s
  triggers           = { run = %q }`, codes, run))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config("[0, 3, 4]", "1"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("PARTIAL_FAILED")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"task_status": knownvalue.StringExact("FAILED"), "exit_code": knownvalue.Int64Exact(3)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"task_status": knownvalue.StringExact("FAILED"), "exit_code": knownvalue.Int64Exact(4)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"task_status": knownvalue.StringExact("SUCCESS"), "exit_code": knownvalue.Int64Exact(0)}),
				})),
			},
			Check: expectInvocationCount(fake, 1),
		}, {
			// A behaviour switch: changed in place, the command is not run.
			Config: config("[0, 3]", "1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate),
			}},
			Check: expectInvocationCount(fake, 1),
		}, {
			// Run again: exit code 4 is no longer accepted, 3 still is.
			Config:      config("[0, 3]", "2"),
			ExpectError: acctest.ExpectErrorText("ins-bad00002: FAILED, exit code 4 last lines of output: checking 1 of 3 instances did not succeed."),
		}, {
			// 0 counts only when listed.
			Config:      config("[3, 4]", "3"),
			ExpectError: acctest.ExpectErrorText("ended PARTIAL_FAILED. ins-good0001: SUCCESS, exit code 0 last lines of output: checking 1 of 3 instances did not succeed."),
		}},
	})
}

// TestAccTATInvocation_timeoutIsNeverSuccess: a task that timed out failed,
// even when its exit code is listed.
func TestAccTATInvocation_timeoutIsNeverSuccess(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "sleep 5", `
  instance_ids       = ["ins-aaaa0001"]
  timeout            = 1
  success_exit_codes = [0, -1]`),
			ExpectError: acctest.ExpectErrorText("ins-aaaa0001: TIMEOUT, exit code -1 1 of 1 instances did not succeed."),
		}},
	})
}

// TestAccTATInvocation_keepOutput: each keep_output mode, from a fresh read
// and as an in-place change of what is recorded, with output_truncated
// true whenever anything was left out, by keep_output or by TAT; no change
// runs the command again, and no cut splits a character.
func TestAccTATInvocation_keepOutput(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(keep string) string {
		return invocationConfig(fake, "echo first\necho ✓✓", `
  instance_ids = ["ins-aaaa0001"]
`+keep) + `
resource "cloudcmd_tat_command" "big" {
  name    = "big-output"
  content = "seq 10000"
}

resource "cloudcmd_tat_invocation" "big" {
  command_id   = cloudcmd_tat_command.big.id
  instance_ids = ["ins-aaaa0001"]
}
`
	}
	output := func(want string, truncated bool) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact(want)),
			statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output_truncated"), knownvalue.Bool(truncated)),
		}
	}
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(invocationAddress, plancheck.ResourceActionUpdate)}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(`  keep_output = "last_lines"` + "\n" + `  keep_output_limit = 1`),
			ConfigStateChecks: append(output("✓✓\n", true),
				// TAT keeps the first 24 KB and says it dropped the rest.
				statecheck.ExpectKnownValue("cloudcmd_tat_invocation.big", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output_truncated"), knownvalue.Bool(true)),
			),
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 2),
				resource.TestCheckResourceAttrWith("cloudcmd_tat_invocation.big", "results.0.output", func(v string) error {
					if len(v) != 24<<10 || !strings.HasPrefix(v, "1\n2\n3\n") {
						return fmt.Errorf("output of %d bytes starting %.10q; want the first 24 KB of seq's", len(v), v)
					}
					return nil
				}),
			),
		}, {
			// Keeping more cannot bring back what was left out.
			Config:            config(`  keep_output = "all"`),
			ConfigPlanChecks:  inPlace,
			ConfigStateChecks: output("✓✓\n", true),
		}, {
			// 5 bytes would split the first ✓ (3 bytes): it is left out whole.
			Config:            config(`  keep_output = "last_bytes"` + "\n" + `  keep_output_limit = 5`),
			ConfigPlanChecks:  inPlace,
			ConfigStateChecks: output("✓\n", true),
		}, {
			Config:            config(`  keep_output = "none"`),
			ConfigPlanChecks:  inPlace,
			ConfigStateChecks: output("", true),
			Check:             expectInvocationCount(fake, 2),
		}, {
			// A fresh run keeps all by default, and nothing was left out.
			Config:            config(`  triggers = { run = "2" }`),
			ConfigStateChecks: output("first\n✓✓\n", false),
			Check:             expectInvocationCount(fake, 3),
		}},
	})
}

// TestAccTATInvocation_sensitiveOutput: a script that prints a write-only
// value keeps it out of results with sensitive_output; the output is in
// sensitive_outputs, marked sensitive, and turning the switch off and on
// moves it back and forth without running the command again.
func TestAccTATInvocation_sensitiveOutput(t *testing.T) {
	const secret = "wo-s3cr3t-in-output"
	fake := acctest.StartFake(t)
	config := func(sensitive bool) string {
		return invocationConfig(fake, "echo token={{who}}", fmt.Sprintf(`
  instance_ids          = ["ins-aaaa0001"]
  parameters_wo         = { who = %q }
  parameters_wo_version = 1
  sensitive_output      = %t`, secret, sensitive))
	}
	hidden := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.Null()),
		statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.MapExact(map[string]knownvalue.Check{
			"ins-aaaa0001": knownvalue.StringExact("token=" + secret + "\n"),
		})),
		// parameters is null, but marked by the schema; results are not.
		acctest.ExpectSensitivePaths(invocationAddress, "parameters", "sensitive_outputs"),
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config:            config(true),
			ConfigStateChecks: hidden,
		}, {
			Config: config(false),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("token="+secret+"\n")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("sensitive_outputs"), knownvalue.Null()),
			},
		}, {
			Config:            config(true),
			ConfigStateChecks: hidden,
			Check:             expectInvocationCount(fake, 1),
		}},
	})
}

package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tatsdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	faketat "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
)

const (
	recordsAddress = "data.cloudcmd_tat_invoker_records.test"
	runsAddress    = "data.cloudcmd_invocations.runs"
)

// startFakeWithClock starts a fake on a clock the test moves. The SDK keeps
// stamping requests with the wall clock, so the fake must accept
// timestamps that far behind its own.
func startFakeWithClock(t *testing.T) (*fakecloud.Server, *fakecloud.ManualClock) {
	clock := fakecloud.NewManualClock(time.Now())
	fake := acctest.StartFake(t, func(o *fakecloud.Options) {
		o.Clock = clock
		o.TencentSkew = 7 * 24 * time.Hour
	})
	return fake, clock
}

// scheduledConfig is a command and two invokers of it: one every half hour,
// one once at onceAt; with the data sources when withData.
func scheduledConfig(fake *fakecloud.Server, onceAt string, recurringEnabled, withData bool) string {
	config := acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "job" {
  name    = "scheduled-job"
  content = "echo job ran on\nhostname"
}

resource "cloudcmd_tat_invoker" "half_hourly" {
  name         = "half-hourly"
  command_id   = cloudcmd_tat_command.job.id
  instance_ids = ["ins-aaaa0001"]
  enabled      = %t
  schedule_settings = {
    policy     = "RECURRENCE"
    recurrence = "*/30 * * * *"
  }
}

resource "cloudcmd_tat_invoker" "once" {
  name         = "once"
  command_id   = cloudcmd_tat_command.job.id
  instance_ids = ["ins-bbbb0002"]
  schedule_settings = {
    policy      = "ONCE"
    invoke_time = %q
  }
}
`, recurringEnabled, onceAt)
	if withData {
		config += `
data "cloudcmd_tat_invoker_records" "test" {
  invoker_ids = [cloudcmd_tat_invoker.half_hourly.id, cloudcmd_tat_invoker.once.id]
}

data "cloudcmd_invocations" "runs" {
  command_id     = cloudcmd_tat_command.job.id
  include_output = true
}
`
	}
	return config
}

// TestAccTATInvokerRecordsDataSource_firingsOnTheFakeClock moves the fake's
// clock two hours: the half-hourly invoker fires four times and the ONCE
// invoker once, and each firing is a real invocation that both data sources
// show. Once the half-hourly invoker is disabled, moving the clock again
// adds no firing.
func TestAccTATInvokerRecordsDataSource_firingsOnTheFakeClock(t *testing.T) {
	fake, clock := startFakeWithClock(t)
	onceAt := inFuture(time.Hour)
	onceAtUTC, _ := time.Parse(time.RFC3339, onceAt)
	advance := func(d time.Duration) resource.TestCheckFunc {
		return func(*terraform.State) error { clock.Advance(d); return nil }
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: scheduledConfig(fake, onceAt, true, false),
			Check:  advance(2 * time.Hour),
		}, {
			Config: scheduledConfig(fake, onceAt, true, true),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(recordsAddress, tfjsonpath.New("records"), knownvalue.ListSizeExact(5)),
				statecheck.ExpectKnownValue(runsAddress, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(5)),
			},
			Check: resource.ComposeTestCheckFunc(
				checkRecordsPerInvoker(map[string]int{"cloudcmd_tat_invoker.half_hourly": 4, "cloudcmd_tat_invoker.once": 1}),
				checkOnceRecord(onceAtUTC.UTC().Format("2006-01-02T15:04:05Z")),
				checkRecordsMatchInvocations,
			),
		}, {
			Config: scheduledConfig(fake, onceAt, false, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("cloudcmd_tat_invoker.half_hourly", plancheck.ResourceActionUpdate),
			}},
			Check: advance(2 * time.Hour),
		}, {
			Config: scheduledConfig(fake, onceAt, false, true),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(recordsAddress, tfjsonpath.New("records"), knownvalue.ListSizeExact(5)),
				statecheck.ExpectKnownValue(runsAddress, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(5)),
			},
		}},
	})
}

// checkRecordsPerInvoker counts the records of each invoker resource.
func checkRecordsPerInvoker(want map[string]int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		records := flatList(s, recordsAddress, "records")
		for address, n := range want {
			id := s.RootModule().Resources[address].Primary.ID
			got := 0
			for _, r := range records {
				if r["invoker_id"] == id {
					got++
				}
			}
			if got != n {
				return fmt.Errorf("%s (%s) has %d records, want %d", address, id, got, n)
			}
		}
		return nil
	}
}

// checkOnceRecord checks that the ONCE invoker fired at its time, in UTC.
func checkOnceRecord(at string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources["cloudcmd_tat_invoker.once"].Primary.ID
		for _, r := range flatList(s, recordsAddress, "records") {
			if r["invoker_id"] == id && r["invoke_time"] != at {
				return fmt.Errorf("the ONCE invoker fired at %s, want %s", r["invoke_time"], at)
			}
		}
		return nil
	}
}

var invocationIDPattern = regexp.MustCompile(`^inv-[a-z0-9]{8}$`)

// checkRecordsMatchInvocations checks that every record names a successful
// invocation that cloudcmd_invocations lists as started by an invoker, with
// the output of the instance it ran on, and the other way round.
func checkRecordsMatchInvocations(s *terraform.State) error {
	invocations := map[string]map[string]string{}
	for _, inv := range flatList(s, runsAddress, "invocations") {
		invocations[inv["invocation_id"]] = inv
	}
	records := flatList(s, recordsAddress, "records")
	if len(records) != len(invocations) {
		return fmt.Errorf("%d records but %d invocations", len(records), len(invocations))
	}
	for _, r := range records {
		inv, ok := invocations[r["invocation_id"]]
		switch {
		case !invocationIDPattern.MatchString(r["invocation_id"]) || !ok:
			return fmt.Errorf("record %v names no listed invocation", r)
		case r["result"] != "SUCCESS" || r["reason"] != "start an invocation at scheduled time.":
			return fmt.Errorf("record %v did not succeed", r)
		case inv["invocation_source"] != "INVOKER" || inv["invocation_status"] != "SUCCESS" || inv["created_time"] != r["invoke_time"]:
			return fmt.Errorf("invocation %v does not match record %v", inv, r)
		case inv["tasks.0.output"] != "job ran on\n"+inv["tasks.0.instance_id"]+"\n":
			return fmt.Errorf("invocation %s printed %q on %s", r["invocation_id"], inv["tasks.0.output"], inv["tasks.0.instance_id"])
		}
	}
	return nil
}

// flatList reads a list of objects from a resource's flattened attributes:
// one map per element, keyed by the path below the element.
func flatList(s *terraform.State, address, list string) []map[string]string {
	attrs := s.RootModule().Resources[address].Primary.Attributes
	n, _ := strconv.Atoi(attrs[list+".#"])
	out := make([]map[string]string, n)
	for i := range out {
		out[i] = map[string]string{}
		prefix := fmt.Sprintf("%s.%d.", list, i)
		for k, v := range attrs {
			if rest, ok := strings.CutPrefix(k, prefix); ok {
				out[i][rest] = v
			}
		}
	}
	return out
}

// TestAccTATInvoker_renameAfterItRan changes a ONCE invoker whose time has
// passed: only the name is sent, since TAT would refuse the past time again.
func TestAccTATInvoker_renameAfterItRan(t *testing.T) {
	fake, clock := startFakeWithClock(t)
	args := onceArgs(inFuture(time.Hour))
	renamed := args
	renamed.name = "renamed-after-running"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: args.config(fake),
			Check: func(*terraform.State) error {
				clock.Advance(2 * time.Hour)
				return nil
			},
		}, {
			// The fired invoker is still there, unchanged.
			Config:           args.config(fake),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: checkFakeInvoker(fake, func(ivk faketat.InvokerSnapshot) error {
				return expect(len(ivk.Records) == 1 && ivk.Records[0].Result == "SUCCESS", "records %+v", ivk.Records)
			}),
		}, {
			Config: renamed.config(fake),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invokerAddress, plancheck.ResourceActionUpdate),
			}},
			Check: checkFakeInvoker(fake, func(ivk faketat.InvokerSnapshot) error {
				return expect(ivk.Name == "renamed-after-running", "name %q", ivk.Name)
			}),
		}},
	})
}

func TestAccTATInvokerRecordsDataSource_validation(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"no ids":       {`invoker_ids = []`, `Attribute invoker_ids list must contain at least 1 elements and at most 100 elements, got: 0`},
		"too many ids": {`invoker_ids = [` + manyInvokerIDs(101) + `]`, `Attribute invoker_ids list must contain at least 1 elements and at most 100 elements, got: 101`},
		"id form":      {`invoker_ids = ["inv-aaaa0001"]`, `must be a TAT invoker ID: ivk- followed by 8 lowercase letters or digits, got: inv-aaaa0001`},
		"ids missing":  {``, `The argument "invoker_ids" is required`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_tat_invoker_records\" \"test\" {\n" + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Tencent().RequestCount("DescribeInvokerRecords"); n != 0 {
				t.Errorf("DescribeInvokerRecords was called %d times; validation must stop first", n)
			}
		})
	}
}

func TestAccTATInvokerRecordsDataSource_unknownInvokerHasNoRecords(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_tat_invoker_records" "test" {
  invoker_ids = ["ivk-00000000"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(recordsAddress, tfjsonpath.New("records"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(recordsAddress, tfjsonpath.New("id"), knownvalue.StringExact("invoker-records,ivk-00000000")),
			},
		}},
	})
}

// TestAccTATInvokerRecordsDataSource_paging reads more records than two
// pages hold.
func TestAccTATInvokerRecordsDataSource_paging(t *testing.T) {
	fake, clock := startFakeWithClock(t)
	client := acctest.TATClient(t, fake)
	command := createCommand(t, client, "every-minute")
	name, kind, policy, expr := "every-minute", "SCHEDULE", "RECURRENCE", "* * * * *"
	instance := "ins-aaaa0001"
	out, err := client.CreateInvoker(context.Background(), &tatsdk.CreateInvokerRequest{
		Name: &name, Type: &kind, CommandId: &command, InstanceIds: []*string{&instance},
		ScheduleSettings: &tatsdk.ScheduleSettings{Policy: &policy, Recurrence: &expr},
	})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(250 * time.Minute)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_tat_invoker_records" "test" {
  invoker_ids = [%q]
}
`, *out.Response.InvokerId),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(recordsAddress, tfjsonpath.New("records"), knownvalue.ListSizeExact(250)),
			},
			Check: func(s *terraform.State) error {
				records := flatList(s, recordsAddress, "records")
				seen := map[string]bool{}
				for i, r := range records {
					if seen[r["invocation_id"]] {
						return fmt.Errorf("invocation %s is listed twice: the pages overlap", r["invocation_id"])
					}
					seen[r["invocation_id"]] = true
					if i > 0 && records[i-1]["invoke_time"] <= r["invoke_time"] {
						return fmt.Errorf("records are not newest first at %d: %s then %s", i, records[i-1]["invoke_time"], r["invoke_time"])
					}
				}
				return nil
			},
		}},
	})
}

func manyInvokerIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"ivk-%08d"`, i)
	}
	return strings.Join(ids, ", ")
}

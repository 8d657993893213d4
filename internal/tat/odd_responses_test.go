package tat_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// These tests feed the provider answers no documentation promises: fields
// left out, nulls where objects, lists and strings belong, a status no list
// names, JSON cut short. Each must end in a diagnostic or a sensible state;
// a panic would crash the test binary, so a passing run also proves there
// was none.

// oddInvocationConfig is a command and one invocation of it, with the
// provider pointed at endpoint and no retries, so a bad answer is reported
// at once.
func oddInvocationConfig(endpoint, body string) string {
	return acctest.ProviderConfigRetrying(endpoint, 0) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name    = "odd-responses"
  content = "echo hi"
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-aaaa0001"]
%s
}
`, body)
}

// tatResponse is the fields of a TAT answer, inside its envelope.
func tatResponse(body map[string]any) map[string]any { return acctest.Object(body, "Response") }

// rewriteTAT applies change to the answers of one TAT action.
func rewriteTAT(action string, change func(response map[string]any)) acctest.RewriteFunc {
	return func(vendor, got string, body map[string]any) {
		if vendor == fakecloud.VendorTencent && got == action && tatResponse(body) != nil {
			change(tatResponse(body))
		}
	}
}

// TestAccTATInvocation_oddMissingFields leaves out the status, the task
// set and the output: the invocation is recorded with a null status and
// the instances the configuration named, not with none.
func TestAccTATInvocation_oddMissingFields(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		rewriteTAT("DescribeInvocations", func(r map[string]any) {
			for _, inv := range acctest.Objects(r, "InvocationSet") {
				delete(inv, "InvocationStatus")
				delete(inv, "InvocationTaskBasicInfoSet")
			}
		})(vendor, action, body)
		rewriteTAT("DescribeInvocationTasks", func(r map[string]any) {
			for _, task := range acctest.Objects(r, "InvocationTaskSet") {
				delete(acctest.Object(task, "TaskResult"), "Output")
				delete(task, "TaskStatus")
			}
		})(vendor, action, body)
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Without a status the wait could never end, so it is not asked for.
			Config: oddInvocationConfig(proxy.URL(), `  wait_for_completion = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^inv-`))),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("instance_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ins-aaaa0001")})),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("task_status"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
		}, passThrough(proxy)},
	})
}

// TestAccTATInvocation_oddNulls puts nulls where the task set, a task and
// a task's result belong: the run still completes, with one result and no
// output.
func TestAccTATInvocation_oddNulls(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		rewriteTAT("DescribeInvocations", func(r map[string]any) {
			for _, inv := range acctest.Objects(r, "InvocationSet") {
				inv["InvocationTaskBasicInfoSet"] = nil
				inv["Username"] = nil
				inv["Timeout"] = nil
			}
			r["InvocationSet"] = append(r["InvocationSet"].([]any), nil) //nolint:forcetypeassert // the fake always sends the set
		})(vendor, action, body)
		rewriteTAT("DescribeInvocationTasks", func(r map[string]any) {
			for _, task := range acctest.Objects(r, "InvocationTaskSet") {
				task["TaskResult"] = nil
			}
			r["InvocationTaskSet"] = append([]any{nil}, r["InvocationTaskSet"].([]any)...) //nolint:forcetypeassert // as above
		})(vendor, action, body)
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: oddInvocationConfig(proxy.URL(), ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("username"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("ins-aaaa0001"),
						"task_status": knownvalue.StringExact("SUCCESS"),
						"exit_code":   knownvalue.Null(),
						"output":      knownvalue.StringExact(""),
					}),
				})),
			},
		}, passThrough(proxy)},
	})
}

// TestAccTATInvocation_oddNullResponse answers DescribeInvocations with
// "Response": null: the wait goes on until its timeout, the error names
// what was wrong, and the invocation, which did run, is kept in the state.
func TestAccTATInvocation_oddNullResponse(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		if vendor == fakecloud.VendorTencent && action == "DescribeInvocations" {
			body["Response"] = nil
		}
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      oddInvocationConfig(proxy.URL(), `  timeouts = { create = "3s" }`),
			ExpectError: acctest.ExpectErrorText("The last read failed: Tencent Cloud DescribeInvocations: no readable answer came back after the request was sent (the connection failed or the answer was cut short), so whether it took effect is unknown: malformed API response: Tencent Cloud DescribeInvocations answered without a Response object"),
		}, {
			// The invocation ran, so it was kept, tainted.
			PreConfig:          proxy.Off,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestMatchResourceAttr(invocationAddress, "id", regexp.MustCompile(`^inv-`)),
		}},
	})
	if n := len(fake.Tencent().Invocations()); n != 1 {
		t.Errorf("the fake ran %d invocations, want 1", n)
	}
}

// TestAccTATInvocation_oddUnknownStatus reports a status no list names. It
// is read as still running, never as success or failure: the wait ends with
// its timeout, the status is recorded as sent, and the invocation is
// tainted so the next apply runs it again.
func TestAccTATInvocation_oddUnknownStatus(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, rewriteTAT("DescribeInvocations", func(r map[string]any) {
		for _, inv := range acctest.Objects(r, "InvocationSet") {
			inv["InvocationStatus"] = "QUARANTINED"
		}
	}))
	config := oddInvocationConfig(proxy.URL(), `  timeouts = { create = "2s" }`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: acctest.ExpectErrorText("was still QUARANTINED after 2s"),
		}, {
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestCheckResourceAttr(invocationAddress, "invocation_status", "QUARANTINED"),
		}, {
			PreConfig:          proxy.Off,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccTATInvocation_oddTruncatedJSON cuts every DescribeInvocations
// answer in half with the fake's truncate fault: the wait goes on until
// its timeout, and the provider reports the answer it could not read.
func TestAccTATInvocation_oddTruncatedJSON(t *testing.T) {
	fake := acctest.StartFake(t)
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: "DescribeInvocations", Truncate: 1}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      oddInvocationConfig(fake.URL(), `  timeouts = { create = "3s" }`),
			ExpectError: acctest.ExpectErrorText("The last read failed: Tencent Cloud DescribeInvocations: no readable answer came back after the request was sent (the connection failed or the answer was cut short)"),
		}, {
			// The invocation ran, so it was kept, tainted.
			PreConfig:          fake.Faults().Clear,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestMatchResourceAttr(invocationAddress, "id", regexp.MustCompile(`^inv-`)),
		}},
	})
	if n := fake.Counters().Fault(fakecloud.VendorTencent, fakecloud.FaultTruncate); n == 0 {
		t.Error("no answer was truncated")
	}
}

// TestAccInvocationsDataSource_oddResponses lists invocations whose answer
// has nulls in the set and in place of strings and lists, then one cut
// short: the first is listed, the second is a diagnostic.
func TestAccInvocationsDataSource_oddResponses(t *testing.T) {
	fake := acctest.StartFake(t)
	client := acctest.TATClient(t, fake)
	commandID := createCommand(t, client, "odd")
	invoke(t, client, commandID, "ins-aaaa0001")
	proxy := acctest.StartRewritingProxy(t, fake, rewriteTAT("DescribeInvocations", func(r map[string]any) {
		for _, inv := range acctest.Objects(r, "InvocationSet") {
			inv["InvocationTaskBasicInfoSet"] = []any{nil}
			inv["CommandContent"] = nil
			delete(inv, "InvocationStatus")
		}
		r["InvocationSet"] = append([]any{nil}, r["InvocationSet"].([]any)...) //nolint:forcetypeassert // the fake always sends the set
		r["TotalCount"] = nil
	}))
	config := func(endpoint string) string {
		return acctest.ProviderConfigRetrying(endpoint, 0) + fmt.Sprintf(`
data "cloudcmd_invocations" "test" {
  command_id = %q
}
`, commandID)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(proxy.URL()),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_id":        knownvalue.StringExact(commandID),
						"invocation_status": knownvalue.StringExact(""),
						"command_content":   knownvalue.StringExact(""),
						"tasks":             knownvalue.ListSizeExact(0),
					}),
				})),
			},
		}, {
			PreConfig: func() {
				if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: "DescribeInvocations", Truncate: 1}); err != nil {
					t.Fatal(err)
				}
			},
			Config:      config(fake.URL()),
			ExpectError: acctest.ExpectErrorText("Error Listing TAT Invocations"),
		}, {
			PreConfig: fake.Faults().Clear,
			Config:    config(fake.URL()),
		}},
	})
}

// passThrough is a last step that turns the rewriting off, so the destroy
// after it sees the fake's real answers and cleans up.
func passThrough(proxy *acctest.RewritingProxy) resource.TestStep {
	return resource.TestStep{PreConfig: proxy.Off, RefreshState: true}
}

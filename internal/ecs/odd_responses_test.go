package ecs_test

import (
	"fmt"
	"regexp"
	"testing"

	aliecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
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

// oddRunConfig is one run on one instance, with the provider pointed at
// endpoint and no retries, so a bad answer is reported at once.
func oddRunConfig(endpoint, body string) string {
	return acctest.ProviderConfigRetrying(endpoint, 0) + fmt.Sprintf(`
resource "cloudcmd_ecs_run_command" "test" {
  type            = "RunShellScript"
  command_content = "echo hi"
  instance_ids    = ["i-aaaa0001"]
%s
}
`, body)
}

// rewriteECS applies change to the answers of one ECS action.
func rewriteECS(action string, change func(body map[string]any)) acctest.RewriteFunc {
	return func(vendor, got string, body map[string]any) {
		if vendor == fakecloud.VendorAlicloud && got == action {
			change(body)
		}
	}
}

// listedInvocations are the invocations of a DescribeInvocations answer.
func listedInvocations(body map[string]any) []map[string]any {
	return acctest.Objects(acctest.Object(body, "Invocations"), "Invocation")
}

// invokeInstances are the per-instance runs of one invocation of a
// DescribeInvocations answer.
func invokeInstances(inv map[string]any) []map[string]any {
	return acctest.Objects(acctest.Object(inv, "InvokeInstances"), "InvokeInstance")
}

// passThrough is a last step that turns the rewriting off, so the destroy
// after it sees the fake's real answers and cleans up.
func passThrough(proxy *acctest.RewritingProxy) resource.TestStep {
	return resource.TestStep{PreConfig: proxy.Off, RefreshState: true}
}

// TestAccECSRunCommand_oddMissingFields leaves out the status, the
// instances and the output: the run is recorded with an empty status and
// empty output rather than failing.
func TestAccECSRunCommand_oddMissingFields(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		rewriteECS("DescribeInvocations", func(body map[string]any) {
			for _, inv := range listedInvocations(body) {
				delete(inv, "InvocationStatus")
				for _, r := range invokeInstances(inv) {
					delete(r, "Output")
					delete(r, "InvocationStatus")
				}
			}
		})(vendor, action, body)
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Without a status the wait could never end, so it is not asked for.
			Config: oddRunConfig(proxy.URL(), `  wait_for_completion = false`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^t-`))),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("exit_code"), knownvalue.Null()),
			},
		}, passThrough(proxy)},
	})
}

// TestAccECSRunCommand_oddNulls puts nulls in the result list and where
// the output and error strings belong: the run completes with one result.
func TestAccECSRunCommand_oddNulls(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		rewriteECS("DescribeInvocations", func(body map[string]any) {
			for _, inv := range listedInvocations(body) {
				inv["CommandName"] = nil
				for _, r := range invokeInstances(inv) {
					r["Output"] = nil
					r["ErrorInfo"] = nil
				}
				list := acctest.Object(inv, "InvokeInstances")
				if list != nil {
					list["InvokeInstance"] = append([]any{nil}, list["InvokeInstance"].([]any)...) //nolint:forcetypeassert // the fake always sends the list
				}
			}
		})(vendor, action, body)
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: oddRunConfig(proxy.URL(), ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("Success")),
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id":       knownvalue.StringExact("i-aaaa0001"),
						"invocation_status": knownvalue.StringExact("Success"),
						"output":            knownvalue.StringExact(""),
						"error_info":        knownvalue.StringExact(""),
					}),
				})),
			},
		}, passThrough(proxy)},
	})
}

// TestAccECSRunCommand_oddNullBody answers DescribeInvocations with null
// in place of the invocation list: the run, which did happen, is not
// found; the wait goes on until its timeout, which is reported, and the
// run is kept in the state.
func TestAccECSRunCommand_oddNullBody(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, rewriteECS("DescribeInvocations", func(body map[string]any) {
		body["Invocations"] = nil
		body["TotalCount"] = nil
	}))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      oddRunConfig(proxy.URL(), `  timeouts = { create = "3s" }`),
			ExpectError: acctest.ExpectErrorText("Timed Out Waiting For ECS Command"),
		}, {
			PreConfig:          proxy.Off,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestMatchResourceAttr(runCommandAddress, "id", regexp.MustCompile(`^t-`)),
		}},
	})
}

// TestAccECSRunCommand_oddUnknownStatus reports a status no list names. It
// is read as still running, never as success or failure: the wait ends with
// its timeout, the status is recorded as sent, and the run is tainted.
func TestAccECSRunCommand_oddUnknownStatus(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartRewritingProxy(t, fake, rewriteECS("DescribeInvocations", func(body map[string]any) {
		for _, inv := range listedInvocations(body) {
			inv["InvocationStatus"] = "Quarantined"
		}
	}))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      oddRunConfig(proxy.URL(), `  timeouts = { create = "2s" }`),
			ExpectError: acctest.ExpectErrorText("was still Quarantined after 2s"),
		}, {
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestCheckResourceAttr(runCommandAddress, "invocation_status", "Quarantined"),
		}, {
			PreConfig:          proxy.Off,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccECSRunCommand_oddTruncatedJSON cuts every DescribeInvocations
// answer in half with the fake's truncate fault: the wait goes on until
// its timeout, and the provider reports the answer it could not read and
// keeps the run in the state.
func TestAccECSRunCommand_oddTruncatedJSON(t *testing.T) {
	fake := acctest.StartFake(t)
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorAlicloud, Action: "DescribeInvocations", Truncate: 1}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      oddRunConfig(fake.URL(), `  timeouts = { create = "3s" }`),
			ExpectError: acctest.ExpectErrorText("The last read failed: Alibaba Cloud DescribeInvocations: no readable answer came back after the request was sent (the connection failed or the answer was cut short)"),
		}, {
			PreConfig:          fake.Faults().Clear,
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check:              resource.TestMatchResourceAttr(runCommandAddress, "id", regexp.MustCompile(`^t-`)),
		}},
	})
	if n := fake.Counters().Fault(fakecloud.VendorAlicloud, fakecloud.FaultTruncate); n == 0 {
		t.Error("no answer was truncated")
	}
}

// TestAccECSInvocationsDataSource_oddResponses lists an invocation whose
// answer has nulls in the lists and in place of strings, with output read
// from results holding a null: it is listed. Then an answer cut short is a
// diagnostic.
func TestAccECSInvocationsDataSource_oddResponses(t *testing.T) {
	fake := acctest.StartFake(t)
	client := acctest.ECSClient(t, fake)
	runListedCommand(t, client, &aliecs.RunCommandRequest{CommandContent: alStr("echo odd"), InstanceId: []*string{alStr("i-aaaa0001")}})
	proxy := acctest.StartRewritingProxy(t, fake, func(vendor, action string, body map[string]any) {
		rewriteECS("DescribeInvocations", func(body map[string]any) {
			for _, inv := range listedInvocations(body) {
				inv["InvokeInstances"] = map[string]any{"InvokeInstance": []any{nil}}
				inv["CommandContent"] = nil
				delete(inv, "InvocationStatus")
			}
			list := acctest.Object(body, "Invocations")
			list["Invocation"] = append([]any{nil}, list["Invocation"].([]any)...) //nolint:forcetypeassert // the fake always sends the list
		})(vendor, action, body)
		rewriteECS("DescribeInvocationResults", func(body map[string]any) {
			acctest.Object(body, "Invocation")["InvocationResults"] = map[string]any{"InvocationResult": []any{nil}}
		})(vendor, action, body)
	})
	config := func(endpoint string) string {
		return acctest.ProviderConfigRetrying(endpoint, 0) + `
data "cloudcmd_ecs_invocations" "test" {
  include_output = true
}
`
	}
	const address = "data.cloudcmd_ecs_invocations.test"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(proxy.URL()),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"invoke_id":         knownvalue.StringRegexp(regexp.MustCompile(`^t-`)),
						"invocation_status": knownvalue.StringExact(""),
						"command_content":   knownvalue.StringExact(""),
						"instances":         knownvalue.ListSizeExact(0),
					}),
				})),
			},
		}, {
			PreConfig: func() {
				if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorAlicloud, Action: "DescribeInvocations", Truncate: 1}); err != nil {
					t.Fatal(err)
				}
			},
			Config:      config(fake.URL()),
			ExpectError: acctest.ExpectErrorText("Error Listing ECS Invocations"),
		}, {
			PreConfig: fake.Faults().Clear,
			Config:    config(fake.URL()),
		}},
	})
}

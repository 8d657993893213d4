package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
	"golang.org/x/time/rate"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	tatpkg "github.com/cloudcmd/terraform-provider-cloudcmd/internal/tat"
)

const invocationsAddress = "data.cloudcmd_invocations.test"

// TestAccInvocationsDataSource_basic reads a run made in the same
// configuration by its ID, with each instance's output.
func TestAccInvocationsDataSource_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: invocationConfig(fake, "echo hi {{who}}", `  instance_ids = ["ins-aaaa0001"]`) + `
data "cloudcmd_invocations" "test" {
  invocation_ids = [cloudcmd_tat_invocation.test.id]
  include_output = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"invocation_id":      knownvalue.StringRegexp(regexp.MustCompile(`^inv-`)),
						"invocation_status":  knownvalue.StringExact("SUCCESS"),
						"command_content":    knownvalue.StringExact("echo hi {{who}}"),
						"command_type":       knownvalue.StringExact("SHELL"),
						"default_parameters": knownvalue.StringExact(`{"who":"world"}`),
						"instance_kind":      knownvalue.StringExact("CVM"),
						"invocation_source":  knownvalue.StringExact("USER"),
						"tasks": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("ins-aaaa0001"),
							"task_status": knownvalue.StringExact("SUCCESS"),
							"exit_code":   knownvalue.Int64Exact(0),
							"output":      knownvalue.StringExact("hi world\n"),
						})}),
					}),
				})),
				// Parameters only when asked for.
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
			},
		}},
	})
}

// TestAccInvocationsDataSource_filtersAndPaging lists more invocations than
// three pages hold, and filters them by command and instance kind.
func TestAccInvocationsDataSource_filtersAndPaging(t *testing.T) {
	fake := acctest.StartFake(t)
	client := acctest.TATClient(t, fake)
	busy := createCommand(t, client, "busy")
	quiet := createCommand(t, client, "quiet")
	for range 255 {
		invoke(t, client, busy, "ins-aaaa0001")
	}
	invoke(t, client, quiet, "lhins-aaaa0001")
	invoke(t, client, quiet, "ins-aaaa0001")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_invocations" "busy" {
  command_id = %q
}
data "cloudcmd_invocations" "quiet_lighthouse" {
  command_id    = %q
  instance_kind = "LIGHTHOUSE"
}
data "cloudcmd_invocations" "all_user" {
  command_created_by = "USER"
}
`, busy, quiet),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_invocations.busy", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(255)),
				statecheck.ExpectKnownValue("data.cloudcmd_invocations.all_user", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(257)),
				statecheck.ExpectKnownValue("data.cloudcmd_invocations.quiet_lighthouse", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_kind": knownvalue.StringExact("LIGHTHOUSE"),
						"tasks": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("lhins-aaaa0001"),
							"output":      knownvalue.Null(), // no include_output
						})}),
					}),
				})),
			},
		}},
	})
}

func TestAccInvocationsDataSource_validation(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"ids with filter": {`invocation_ids = ["inv-aaaa0001"]` + "\n" + `command_id = "cmd-aaaa0001"`, `Attribute "command_id" cannot be specified when "invocation_ids" is specified`},
		"id form":         {`invocation_ids = ["inv-X"]`, `must be an invocation ID: inv- followed by 8 lowercase letters or digits, got: inv-X`},
		"too many ids":    {`invocation_ids = [` + manyInvocationIDs(101) + `]`, `Attribute invocation_ids list must contain at least 1 elements and at most 100 elements, got: 101`},
		"created by":      {`command_created_by = "ME"`, `Attribute command_created_by value must be one of: ["TAT" "USER"], got: "ME"`},
		"instance kind":   {`instance_kind = "ECS"`, `Attribute instance_kind value must be one of: ["CVM" "LIGHTHOUSE"], got: "ECS"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_invocations\" \"test\" {\n" + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Tencent().RequestCount("DescribeInvocations"); n != 0 {
				t.Errorf("DescribeInvocations was called %d times; validation must stop first", n)
			}
		})
	}
}

func manyInvocationIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"inv-%08d"`, i)
	}
	return strings.Join(ids, ", ")
}

func createCommand(t *testing.T, client *conns.TATClient, name string) string {
	t.Helper()
	content := "dHJ1ZQ==" // "true"
	resp, err := client.CreateCommand(context.Background(), &tat.CreateCommandRequest{CommandName: &name, Content: &content})
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.CommandId
}

func invoke(t *testing.T, client *conns.TATClient, commandID, instanceID string) {
	t.Helper()
	if _, err := client.InvokeCommand(context.Background(), &tat.InvokeCommandRequest{CommandId: &commandID, InstanceIds: []*string{&instanceID}}); err != nil {
		t.Fatal(err)
	}
}

// TestAccInvocationsDataSource_outputAndParametersAtScale lists 151
// invocations, 150 on one instance and one on two, with each task's output
// and the parameters of each: the output comes 100 tasks a call, and the
// parameters in one sensitive map, so neither the calls nor the sensitive
// paths Terraform tracks grow with every invocation.
func TestAccInvocationsDataSource_outputAndParametersAtScale(t *testing.T) {
	const oneTask = 150
	fake := acctest.StartFake(t)
	client := fastTATClient(t, fake)
	commandID := createParameterCommand(t, client, "scale")
	ids := make([]string, 0, oneTask+1)
	for i := range oneTask {
		ids = append(ids, invokeWith(t, client, commandID, fmt.Sprintf(`{"who":"secret-%03d"}`, i), "ins-aaaa0001"))
	}
	pair := invokeWith(t, client, commandID, `{"who":"pair"}`, "ins-bbbb0002", "ins-aaaa0001")
	ids = append(ids, pair)
	fake.ResetCounters()

	const withParameters = "data.cloudcmd_invocations.with_parameters"
	config := acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_invocations" "test" {
  command_id     = %[1]q
  include_output = true
}

data "cloudcmd_invocations" "with_parameters" {
  command_id         = %[1]q
  include_parameters = true
}

output "statuses" {
  value = [for inv in data.cloudcmd_invocations.test.invocations : inv.invocation_status]
}
`, commandID)
	output := func(who string) knownvalue.Check { return knownvalue.StringExact("hi " + who + "\n") }
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(oneTask+1)),
				// Newest first: the pair, then the last of the others.
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invocation_id": knownvalue.StringExact(pair),
					"tasks": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("ins-aaaa0001"), "exit_code": knownvalue.Int64Exact(0), "output": output("pair"),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("ins-bbbb0002"), "exit_code": knownvalue.Int64Exact(0), "output": output("pair"),
						}),
					}),
				})),
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invocation_id": knownvalue.StringExact(ids[oneTask-1]),
					"tasks": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instance_id": knownvalue.StringExact("ins-aaaa0001"), "task_status": knownvalue.StringExact("SUCCESS"),
						"output": output(fmt.Sprintf("secret-%03d", oneTask-1)),
					})}),
				})),
				// The last on the second page of tasks.
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations").AtSliceIndex(oneTask), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invocation_id": knownvalue.StringExact(ids[0]),
					"tasks": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"output": output("secret-000"),
					})}),
				})),
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("parameters"), knownvalue.MapSizeExact(oneTask+1)),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("parameters").AtMapKey(ids[7]), knownvalue.StringExact(`{"who":"secret-007"}`)),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("parameters").AtMapKey(pair), knownvalue.StringExact(`{"who":"pair"}`)),
				// Without include_output the tasks carry no result.
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("invocations").AtSliceIndex(1).AtMapKey("tasks").AtSliceIndex(0).AtMapKey("output"), knownvalue.Null()),
				// One sensitive path for the whole data source, none per row.
				acctest.ExpectSensitivePaths(invocationsAddress, "parameters"),
				acctest.ExpectSensitivePaths(withParameters, "parameters"),
			},
			Check: func(*terraform.State) error {
				// Each read of the output lists two pages of invocations and
				// reads two pages of tasks, however many reads the step made.
				counters := fake.Counters()
				lists := counters.Request(fakecloud.VendorTencent, "DescribeInvocations")
				tasks := counters.Request(fakecloud.VendorTencent, "DescribeInvocationTasks")
				if lists == 0 || lists%4 != 0 || tasks != lists/2 {
					return fmt.Errorf("%d DescribeInvocations and %d DescribeInvocationTasks calls; want 2 of each per read of the output and 2 lists per read of the parameters", lists, tasks)
				}
				return nil
			},
		}, {
			// The parameters cannot leave the data source unmarked.
			Config: config + `
output "parameters" {
  value = data.cloudcmd_invocations.with_parameters.parameters
}
`,
			ExpectError: acctest.ExpectErrorText("Output refers to sensitive values"),
		}},
	})
}

// TestAccInvocationsDataSource_parametersSensitiveOnce: only the top-level
// parameters map is sensitive. A sensitive attribute inside the rows would
// be one sensitive path per row for Terraform, whose plan time grows with
// the square of the paths.
func TestAccInvocationsDataSource_parametersSensitiveOnce(t *testing.T) {
	var resp datasource.SchemaResponse
	tatpkg.NewInvocationsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	for name, a := range resp.Schema.Attributes {
		if a.IsSensitive() != (name == "parameters") {
			t.Errorf("%s: sensitive is %t", name, a.IsSensitive())
		}
	}
	for _, path := range nestedSensitive(resp.Schema.Attributes, "") {
		t.Errorf("%s is sensitive inside a list", path)
	}
}

// nestedSensitive lists the sensitive attributes nested in list attributes.
func nestedSensitive(attrs map[string]schema.Attribute, prefix string) []string {
	var found []string
	for name, a := range attrs {
		nested, ok := a.(schema.ListNestedAttribute)
		if !ok {
			continue
		}
		for inner, b := range nested.NestedObject.Attributes {
			if b.IsSensitive() {
				found = append(found, prefix+name+"[*]."+inner)
			}
		}
		found = append(found, nestedSensitive(nested.NestedObject.Attributes, prefix+name+"[*].")...)
	}
	return found
}

// fastTATClient is a client of the fake's TAT API without the provider's
// client-side rate limit, to set up many invocations quickly.
func fastTATClient(t *testing.T, fake *fakecloud.Server) *conns.TATClient {
	t.Helper()
	c, err := conns.NewTATClient(conns.TATConfig{
		SecretID: fakecloud.DefaultTencentSecretID, SecretKey: fakecloud.DefaultTencentSecretKey,
		Region: acctest.TencentRegion, Endpoint: fake.URL(),
	}, conns.WithDefaultRateLimit(conns.RateLimit{Rate: rate.Inf}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// createParameterCommand creates a command that echoes its who parameter.
func createParameterCommand(t *testing.T, client *conns.TATClient, name string) string {
	t.Helper()
	content := "ZWNobyBoaSB7e3dob319" // "echo hi {{who}}"
	enable, defaults := true, `{"who":"world"}`
	resp, err := client.CreateCommand(context.Background(), &tat.CreateCommandRequest{
		CommandName: &name, Content: &content, EnableParameter: &enable, DefaultParameters: &defaults,
	})
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.CommandId
}

// invokeWith runs a command with parameters and returns the invocation ID.
func invokeWith(t *testing.T, client *conns.TATClient, commandID, parameters string, instanceIDs ...string) string {
	t.Helper()
	req := &tat.InvokeCommandRequest{CommandId: &commandID, Parameters: &parameters}
	for _, id := range instanceIDs {
		req.InstanceIds = append(req.InstanceIds, &id)
	}
	resp, err := client.InvokeCommand(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.InvocationId
}

// TestAccInvocationsDataSource_taskMissingFromPage: a task that the answer
// for a page of task IDs leaves out is read again with the rest of its
// invocation, so its output is not lost.
func TestAccInvocationsDataSource_taskMissingFromPage(t *testing.T) {
	fake := acctest.StartFake(t)
	client := fastTATClient(t, fake)
	commandID := createParameterCommand(t, client, "gaps")
	for _, who := range []string{"a", "b", "c"} {
		invokeWith(t, client, commandID, fmt.Sprintf(`{"who":%q}`, who), "ins-aaaa0001")
	}
	// Pages of several tasks lose their first; a single task comes whole.
	proxy := acctest.StartRewritingProxy(t, fake, rewriteTAT("DescribeInvocationTasks", func(r map[string]any) {
		if set, ok := r["InvocationTaskSet"].([]any); ok && len(set) > 1 {
			r["InvocationTaskSet"] = set[1:]
		}
	}))
	fake.ResetCounters()
	task := func(who string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"tasks": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"output": knownvalue.StringExact("hi " + who + "\n"),
			})}),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfigVia(proxy.URL()) + fmt.Sprintf(`
data "cloudcmd_invocations" "test" {
  command_id     = %q
  include_output = true
}
`, commandID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationsAddress, tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					task("c"), task("b"), task("a"),
				})),
			},
			Check: func(*terraform.State) error {
				// Per read: one page of three task IDs, then the invocation
				// whose task was left out.
				counters := fake.Counters()
				lists := counters.Request(fakecloud.VendorTencent, "DescribeInvocations")
				tasks := counters.Request(fakecloud.VendorTencent, "DescribeInvocationTasks")
				if lists == 0 || tasks != 2*lists {
					return fmt.Errorf("%d DescribeInvocations and %d DescribeInvocationTasks calls; want 2 task calls per list", lists, tasks)
				}
				return nil
			},
		}},
	})
}

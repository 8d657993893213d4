package ecs_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	aliecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"golang.org/x/time/rate"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

var timestampCheck = knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))

// TestAccECSInvocationsDataSource_basic reads a run made in the same
// configuration: by its ID (output from DescribeInvocations'
// IncludeOutput), by its command (output from DescribeInvocationResults),
// and without output.
func TestAccECSInvocationsDataSource_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, `
  name             = "greet"
  description      = "says hello"
  command_content  = "echo hello {{who}}\nhostname\nexit 3"
  enable_parameter = true
  parameters       = { who = "world" }
  instance_ids     = ["i-bbbb0002", "i-aaaa0001"]
  fail_on_error    = false
  tags             = { team = "ops" }`) + `
data "cloudcmd_ecs_invocations" "by_id" {
  invoke_id      = cloudcmd_ecs_run_command.test.id
  include_output = true
}

data "cloudcmd_ecs_invocations" "by_command" {
  command_id     = cloudcmd_ecs_run_command.test.command_id
  include_output = true
}

data "cloudcmd_ecs_invocations" "no_output" {
  invoke_id          = cloudcmd_ecs_run_command.test.id
  include_parameters = true
}

output "parameters" {
  value     = data.cloudcmd_ecs_invocations.no_output.parameters[cloudcmd_ecs_run_command.test.id]
  sensitive = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_id", tfjsonpath.New("region_id"), knownvalue.Null()),
				// Parameters only when asked for, in one sensitive map.
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_id", tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.no_output", tfjsonpath.New("parameters"), knownvalue.MapSizeExact(1)),
				statecheck.ExpectKnownOutputValue("parameters", knownvalue.StringExact(`{"who":"world"}`)),
				acctest.ExpectSensitivePaths("data.cloudcmd_ecs_invocations.no_output", "parameters"),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_id", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"invoke_id":           knownvalue.StringRegexp(regexp.MustCompile(`^t-[a-z0-9]+$`)),
						"command_id":          knownvalue.StringRegexp(regexp.MustCompile(`^c-[a-z0-9]+$`)),
						"command_name":        knownvalue.StringExact("greet"),
						"command_type":        knownvalue.StringExact("RunShellScript"),
						"command_content":     knownvalue.StringExact("echo hello {{who}}\nhostname\nexit 3"),
						"command_description": knownvalue.StringExact("says hello"),
						"timeout":             knownvalue.Int64Exact(60),
						"working_dir":         knownvalue.NotNull(),
						"username":            knownvalue.NotNull(),
						"frequency":           knownvalue.StringExact(""),
						"repeat_mode":         knownvalue.StringExact("Once"),
						"timed":               knownvalue.Bool(false),
						"creation_time":       timestampCheck,
						"container_id":        knownvalue.StringExact(""),
						"container_name":      knownvalue.StringExact(""),
						"launcher":            knownvalue.StringExact(""),
						"termination_mode":    knownvalue.StringExact(""),
						"resource_group_id":   knownvalue.Null(),
						"invocation_status":   knownvalue.StringExact("Failed"),
						"invoke_status":       knownvalue.StringExact("Finished"),
						"tags":                knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops")}),
						"history":             knownvalue.Null(),
						"instances": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"instance_id":            knownvalue.StringExact("i-aaaa0001"),
								"invocation_status":      knownvalue.StringExact("Failed"),
								"instance_invoke_status": knownvalue.StringExact("Finished"),
								"exit_code":              knownvalue.Int64Exact(3),
								"output":                 knownvalue.StringExact("hello world\ni-aaaa0001\n"),
								"output_truncated":       knownvalue.Bool(false),
								"dropped":                knownvalue.Int64Exact(0),
								"error_code":             knownvalue.StringExact("ExitCodeNonzero"),
								"error_info":             knownvalue.NotNull(),
								"repeats":                knownvalue.Int64Exact(1),
								"timed":                  knownvalue.Bool(false),
								"creation_time":          timestampCheck,
								"start_time":             timestampCheck,
								"finish_time":            timestampCheck,
								"stop_time":              knownvalue.StringExact(""),
								"update_time":            timestampCheck,
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id": knownvalue.StringExact("i-bbbb0002"),
								"output":      knownvalue.StringExact("hello world\ni-bbbb0002\n"),
							}),
						}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_command", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instances": knownvalue.ListExact([]knownvalue.Check{
							// Output from DescribeInvocationResults, the rest from the listing.
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id":            knownvalue.StringExact("i-aaaa0001"),
								"exit_code":              knownvalue.Int64Exact(3),
								"output":                 knownvalue.StringExact("hello world\ni-aaaa0001\n"),
								"finish_time":            timestampCheck,
								"instance_invoke_status": knownvalue.StringExact("Finished"),
								"update_time":            timestampCheck,
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id": knownvalue.StringExact("i-bbbb0002"),
								"output":      knownvalue.StringExact("hello world\ni-bbbb0002\n"),
							}),
						}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.no_output", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"instances": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id": knownvalue.StringExact("i-aaaa0001"),
								"exit_code":   knownvalue.Int64Exact(3),
								"output":      knownvalue.Null(),
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id": knownvalue.StringExact("i-bbbb0002"),
								"output":      knownvalue.Null(),
							}),
						}),
					}),
				})),
			},
		}},
	})
}

// TestAccECSInvocationsDataSource_filters narrows a mix of runs made
// through the API by each filter.
func TestAccECSInvocationsDataSource_filters(t *testing.T) {
	fake := acctest.StartFake(t)
	client := acctest.ECSClient(t, fake)
	commandID := createListedCommand(t, client, "kept", "echo kept")
	invokeListedCommand(t, client, commandID, "i-aaaa0001")
	invokeListedCommand(t, client, commandID, "i-bbbb0002")
	// A non-zero exit leaves InvokeStatus Finished; an instance whose agent
	// is offline makes it Failed.
	runListedCommand(t, client, &aliecs.RunCommandRequest{CommandContent: alStr("exit 1"), InstanceId: []*string{alStr("i-cccc0003")}})
	fake.Fleet().Set(fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline})
	runListedCommand(t, client, &aliecs.RunCommandRequest{CommandContent: alStr("echo never"), InstanceId: []*string{alStr("i-offline1")}})
	runListedCommand(t, client, &aliecs.RunCommandRequest{
		CommandContent: alStr("echo tick"), InstanceId: []*string{alStr("i-aaaa0001")},
		RepeatMode: alStr("Period"), Frequency: alStr("rate(1h)"), Name: alStr("ticker"),
		Tag: []*aliecs.RunCommandRequestTag{{Key: alStr("team"), Value: alStr("ops")}},
	})

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_ecs_invocations" "all" {
  region_id = %[2]q
}
data "cloudcmd_ecs_invocations" "by_command" {
  command_id = %[1]q
}
data "cloudcmd_ecs_invocations" "by_instance" {
  instance_id    = "i-aaaa0001"
  include_output = true
}
data "cloudcmd_ecs_invocations" "failed" {
  invoke_status = "Failed"
}
data "cloudcmd_ecs_invocations" "finished" {
  invoke_status = "Finished"
}
data "cloudcmd_ecs_invocations" "running" {
  invoke_status = "Running"
}
data "cloudcmd_ecs_invocations" "periodic" {
  repeat_mode  = "Period"
  command_name = "ticker"
  command_type = "RunShellScript"
  tags         = { team = "ops" }
}
data "cloudcmd_ecs_invocations" "none" {
  command_name = "no-such-command"
}
data "cloudcmd_ecs_invocations" "other_region" {
  region_id = "cn-beijing"
}
`, commandID, acctest.AlicloudRegion),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.all", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(5)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_command", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					// Newest first.
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_id":      knownvalue.StringExact(commandID),
						"command_content": knownvalue.StringExact("echo kept"),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("i-bbbb0002"),
						})}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_id": knownvalue.StringExact(commandID),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("i-aaaa0001"),
						})}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_instance", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"repeat_mode":   knownvalue.StringExact("Period"),
						"frequency":     knownvalue.StringExact("rate(1h)"),
						"invoke_status": knownvalue.StringExact("Running"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_id": knownvalue.StringExact(commandID),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("i-aaaa0001"),
							"output":      knownvalue.StringExact("kept\n"),
						})}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.failed", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_content":   knownvalue.StringExact("echo never"),
						"invocation_status": knownvalue.StringExact("Failed"),
						"invoke_status":     knownvalue.StringExact("Failed"),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id":       knownvalue.StringExact("i-offline1"),
							"invocation_status": knownvalue.StringExact("Aborted"),
							"exit_code":         knownvalue.Null(), // never ran
							"error_code":        knownvalue.StringExact("ClientNotRunning"),
						})}),
					}),
				})),
				// The two runs of the kept command and the non-zero exit.
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.finished", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.running", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.periodic", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_name": knownvalue.StringExact("ticker"),
						"tags":         knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops")}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.none", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.other_region", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

// TestAccECSInvocationsDataSource_paging lists more invocations than three
// pages of 50 hold.
func TestAccECSInvocationsDataSource_paging(t *testing.T) {
	const runs = 163
	fake := acctest.StartFake(t)
	client := acctest.ECSClient(t, fake)
	for i := range runs {
		runListedCommand(t, client, &aliecs.RunCommandRequest{
			CommandContent: alStr(fmt.Sprintf("echo %d", i)), InstanceId: []*string{alStr("i-aaaa0001")},
		})
	}
	before := fake.Alicloud().RequestCount("DescribeInvocations")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_invocations" "test" {
  invoke_status = "Finished"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.test", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(runs)),
				// Newest first, across pages.
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.test", tfjsonpath.New("invocations").AtSliceIndex(0).AtMapKey("command_content"),
					knownvalue.StringExact(fmt.Sprintf("echo %d", runs-1))),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.test", tfjsonpath.New("invocations").AtSliceIndex(runs-1).AtMapKey("command_content"),
					knownvalue.StringExact("echo 0")),
			},
			Check: func(*terraform.State) error {
				// One read takes four pages: 50, 50, 50 and 13.
				if n := fake.Alicloud().RequestCount("DescribeInvocations") - before; n < 4 || n%4 != 0 {
					return fmt.Errorf("DescribeInvocations was called %d times; want a multiple of 4 pages per read", n)
				}
				return nil
			},
		}},
	})
}

func TestAccECSInvocationsDataSource_validation(t *testing.T) {
	cases := map[string]struct{ body, want string }{
		"invoke status": {`invoke_status = "Success"`,
			`Attribute invoke_status value must be one of: ["Running" "Finished" "Failed" "PartialFailed" "Stopped"], got: "Success"`},
		"repeat mode": {`repeat_mode = "Daily"`,
			`Attribute repeat_mode value must be one of: ["Once" "Period" "NextRebootOnly" "EveryReboot"], got: "Daily"`},
		"command type": {`command_type = "RunPythonScript"`,
			`Attribute command_type value must be one of: ["RunShellScript" "RunBatScript" "RunPowerShellScript"], got: "RunPythonScript"`},
		"instance id": {`instance_id = "ins-aaaa0001"`,
			`must be an ECS instance ID (i- followed by lowercase letters or digits) or a managed instance ID (mi- followed by lowercase letters or digits), got: ins-aaaa0001`},
		"region":               {`region_id = "China (Hangzhou)"`, `Attribute region_id must be an Alibaba Cloud region ID such as cn-hangzhou`},
		"tag key":              {`tags = { "acs:env" = "v" }`, `Attribute tags["acs:env"]: a tag key must not start with "aliyun" or "acs:"`},
		"empty invoke id":      {`invoke_id = ""`, `Attribute invoke_id string length must be at least 1, got: 0`},
		"empty resource group": {`resource_group_id = ""`, `Attribute resource_group_id string length must be at least 1, got: 0`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_ecs_invocations\" \"test\" {\n" + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			expectNoDescribeInvocations(t, fake)
		})
	}
}

// TestAccECSInvocationsDataSource_missingRegion: with no region_id and no
// provider region, the read fails before any call.
func TestAccECSInvocationsDataSource_missingRegion(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  alicloud {
    access_key = %q
    secret_key = %q
    endpoint   = %q
  }
}

data "cloudcmd_ecs_invocations" "test" {}
`, fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, fake.URL()),
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText("Attribute region_id is not set and the provider has no default Alibaba Cloud region."),
		}},
	})
	expectNoDescribeInvocations(t, fake)
}

// TestAccECSInvocationsDataSource_parametersAreSensitive: parameters may
// carry secrets, so plans and output hide them. Only the top-level
// parameters map is sensitive: a sensitive attribute inside the rows would
// be one sensitive path per row for Terraform, whose plan time grows with
// the square of the paths.
func TestAccECSInvocationsDataSource_parametersAreSensitive(t *testing.T) {
	var resp datasource.SchemaResponse
	ecs.NewInvocationsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
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

func expectNoDescribeInvocations(t *testing.T, fake *fakecloud.Server) {
	t.Helper()
	if n := fake.Alicloud().RequestCount("DescribeInvocations"); n != 0 {
		t.Errorf("DescribeInvocations was called %d times; validation must stop first", n)
	}
}

func alStr(s string) *string { return &s }

func alInt64(v int64) *int64 { return &v }

func createListedCommand(t *testing.T, client *conns.ECSClient, name, content string) string {
	t.Helper()
	resp, err := client.CreateCommand(context.Background(), &aliecs.CreateCommandRequest{
		RegionId: alStr(acctest.AlicloudRegion), Name: &name, Type: alStr("RunShellScript"),
		CommandContent: &content, ContentEncoding: alStr("PlainText"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Body.CommandId
}

func invokeListedCommand(t *testing.T, client *conns.ECSClient, commandID, instanceID string) {
	t.Helper()
	if _, err := client.InvokeCommand(context.Background(), &aliecs.InvokeCommandRequest{
		RegionId: alStr(acctest.AlicloudRegion), CommandId: &commandID, InstanceId: []*string{&instanceID},
	}); err != nil {
		t.Fatal(err)
	}
}

// runListedCommand runs a shell script in the test region.
func runListedCommand(t *testing.T, client *conns.ECSClient, req *aliecs.RunCommandRequest) {
	t.Helper()
	req.RegionId = alStr(acctest.AlicloudRegion)
	req.Type = alStr("RunShellScript")
	if _, err := client.RunCommand(context.Background(), req); err != nil {
		t.Fatal(err)
	}
}

// TestAccECSInvocationsDataSource_groupsLauncherAndTimed lists by resource
// group and by Timed, and reports the launcher and termination mode a run
// was given.
func TestAccECSInvocationsDataSource_groupsLauncherAndTimed(t *testing.T) {
	const group = "rg-teamops0000000001"
	fake := acctest.StartFake(t)
	fake.Alicloud().AddResourceGroup(group)
	client := acctest.ECSClient(t, fake)
	runListedCommand(t, client, &aliecs.RunCommandRequest{
		CommandContent: alStr("echo tick"), InstanceId: []*string{alStr("i-aaaa0001")},
		RepeatMode: alStr("Period"), Frequency: alStr("rate(1h)"), ResourceGroupId: alStr(fakealicloud.DefaultResourceGroupID),
	})
	listing := func(name, filters string) string {
		return fmt.Sprintf("data \"cloudcmd_ecs_invocations\" %q {\n%s\n  depends_on = [cloudcmd_ecs_run_command.test]\n}\n", name, filters)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake, fmt.Sprintf(`
  command_content   = "echo hi"
  instance_ids      = ["i-bbbb0002"]
  launcher          = "bash -e"
  termination_mode  = "ProcessTree"
  resource_group_id = %q`, group)) +
				listing("by_group", fmt.Sprintf("  resource_group_id = %q", group)) +
				listing("default_group", fmt.Sprintf("  resource_group_id = %q", fakealicloud.DefaultResourceGroupID)) +
				listing("unknown_group", `  resource_group_id = "rg-nosuchgroup000001"`) +
				listing("timed", "  timed = true") +
				listing("not_timed", "  timed = false"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.by_group", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_content":   knownvalue.StringExact("echo hi"),
						"launcher":          knownvalue.StringExact("bash -e"),
						"termination_mode":  knownvalue.StringExact("ProcessTree"),
						"resource_group_id": knownvalue.StringExact(group),
						"timed":             knownvalue.Bool(false),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"instance_id": knownvalue.StringExact("i-bbbb0002"),
							"timed":       knownvalue.Bool(false),
						})}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.default_group", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_content":   knownvalue.StringExact("echo tick"),
						"resource_group_id": knownvalue.StringExact(fakealicloud.DefaultResourceGroupID),
						"launcher":          knownvalue.StringExact(""),
						"termination_mode":  knownvalue.StringExact(""),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.unknown_group", tfjsonpath.New("invocations"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.timed", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"command_content":   knownvalue.StringExact("echo tick"),
						"timed":             knownvalue.Bool(true),
						"resource_group_id": knownvalue.Null(),
						"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"timed":                  knownvalue.Bool(true),
							"invocation_status":      knownvalue.StringExact("Scheduled"),
							"instance_invoke_status": knownvalue.StringExact("Running"),
						})}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.not_timed", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"command_content": knownvalue.StringExact("echo hi")}),
				})),
			},
		}},
	})
}

// TestAccECSInvocationsDataSource_history lists every run of a periodic
// invocation, with and without output, on every instance or one.
func TestAccECSInvocationsDataSource_history(t *testing.T) {
	// The fake's clock stands still, so the runs stay as they are however
	// long the test waits for its turn to run in parallel. Requests are
	// stamped with the real time: the fake accepts any drift within a day.
	clock := fakecloud.NewManualClock(time.Now())
	fake := acctest.StartFake(t, func(o *fakecloud.Options) { o.Clock, o.AlicloudSkew = clock, 24*time.Hour })
	client := acctest.ECSClient(t, fake)
	periodic := &aliecs.RunCommandRequest{
		CommandContent: alStr("echo tick"), InstanceId: []*string{alStr("i-bbbb0002"), alStr("i-aaaa0001")},
		RepeatMode: alStr("Period"), Frequency: alStr("rate(2m)"), Timeout: alInt64(30),
	}
	runListedCommand(t, client, periodic)
	runListedCommand(t, client, &aliecs.RunCommandRequest{CommandContent: alStr("echo once"), InstanceId: []*string{alStr("i-aaaa0001")}})
	// Runs at 2 and 4 minutes; the next one is a minute or more away.
	clock.Advance(5 * time.Minute)

	pastRun := func(instanceID string, repeats int64, output knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"instance_id":          knownvalue.StringExact(instanceID),
			"invocation_status":    knownvalue.StringExact("Success"),
			"invoke_record_status": knownvalue.StringExact("Finished"),
			"exit_code":            knownvalue.Int64Exact(0),
			"output":               output,
			"output_truncated":     knownvalue.Bool(false),
			"dropped":              knownvalue.Int64Exact(0),
			"error_code":           knownvalue.StringExact(""),
			"error_info":           knownvalue.StringExact(""),
			"repeats":              knownvalue.Int64Exact(repeats),
			"start_time":           timestampCheck,
			"finish_time":          timestampCheck,
			"stop_time":            knownvalue.StringExact(""),
		})
	}
	tick := knownvalue.StringExact("tick\n")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_invocations" "with_output" {
  repeat_mode     = "Period"
  include_history = true
  include_output  = true
}
data "cloudcmd_ecs_invocations" "all" {
  include_history = true
}
data "cloudcmd_ecs_invocations" "one_instance" {
  instance_id     = "i-bbbb0002"
  repeat_mode     = "Period"
  include_history = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.with_output", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						// The latest run of each instance, between runs.
						"instances": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"instance_id": knownvalue.StringExact("i-aaaa0001"), "invocation_status": knownvalue.StringExact("Scheduled"),
								"repeats": knownvalue.Int64Exact(2), "output": tick,
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-bbbb0002"), "repeats": knownvalue.Int64Exact(2)}),
						}),
						"history": knownvalue.ListExact([]knownvalue.Check{
							pastRun("i-aaaa0001", 1, tick), pastRun("i-aaaa0001", 2, tick),
							pastRun("i-bbbb0002", 1, tick), pastRun("i-bbbb0002", 2, tick),
						}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.all", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					// One-time runs have no history beyond instances.
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"repeat_mode": knownvalue.StringExact("Once"), "history": knownvalue.Null()}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"repeat_mode": knownvalue.StringExact("Period"),
						"history": knownvalue.ListExact([]knownvalue.Check{
							pastRun("i-aaaa0001", 1, knownvalue.Null()), pastRun("i-aaaa0001", 2, knownvalue.Null()),
							pastRun("i-bbbb0002", 1, knownvalue.Null()), pastRun("i-bbbb0002", 2, knownvalue.Null()),
						}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_invocations.one_instance", tfjsonpath.New("invocations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"history": knownvalue.ListExact([]knownvalue.Check{
							pastRun("i-bbbb0002", 1, knownvalue.Null()), pastRun("i-bbbb0002", 2, knownvalue.Null()),
						}),
					}),
				})),
			},
		}},
	})
}

// TestAccECSInvocationsDataSource_outputAndParametersAtScale lists 153
// invocations: 150 on one instance, one on two, all of one command, and two
// older ones that failed. The output of all of them comes from
// DescribeInvocationResults 50 runs a call, as many calls as the listing
// takes, not one per invocation; a listing the results cannot be filtered
// like (by status) reads each invocation's own once paging would cost more.
// The parameters come in one sensitive map.
func TestAccECSInvocationsDataSource_outputAndParametersAtScale(t *testing.T) {
	const oneInstance = 150
	fake := acctest.StartFake(t)
	client := fastECSClient(t, fake)
	fake.Fleet().Set(fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline})
	for range 2 {
		runListedCommand(t, client, &aliecs.RunCommandRequest{CommandContent: alStr("echo never"), InstanceId: []*string{alStr("i-offline1")}})
	}
	commandID := createParameterCommand(t, client, "scale")
	ids := make([]string, 0, oneInstance+1)
	for i := range oneInstance {
		ids = append(ids, invokeWithParameters(t, client, commandID, fmt.Sprintf("secret-%03d", i), "i-aaaa0001"))
	}
	pair := invokeWithParameters(t, client, commandID, "pair", "i-bbbb0002", "i-aaaa0001")
	ids = append(ids, pair)

	output := func(who string) knownvalue.Check { return knownvalue.StringExact("hi " + who + "\n") }
	const address, withParameters = "data.cloudcmd_ecs_invocations.test", "data.cloudcmd_ecs_invocations.with_parameters"
	// perRead checks, after a step, that each read made results calls per
	// list call: the reads of a step are as many as terraform needs.
	perRead := func(lists, results int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			counters := fake.Counters()
			gotLists := counters.Request(fakecloud.VendorAlicloud, "DescribeInvocations")
			gotResults := counters.Request(fakecloud.VendorAlicloud, "DescribeInvocationResults")
			if gotLists == 0 || gotLists%lists != 0 || gotResults != gotLists/lists*results {
				return fmt.Errorf("%d DescribeInvocations and %d DescribeInvocationResults calls; want %d and %d per read", gotLists, gotResults, lists, results)
			}
			return nil
		}
	}
	byCommand := acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_ecs_invocations" "test" {
  command_id     = %[1]q
  include_output = true
}

data "cloudcmd_ecs_invocations" "with_parameters" {
  command_id         = %[1]q
  include_parameters = true
}
`, commandID)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: fake.ResetCounters,
			Config:    byCommand,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(oneInstance+1)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invoke_id": knownvalue.StringExact(pair),
					"instances": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-aaaa0001"), "output": output("pair")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-bbbb0002"), "output": output("pair")}),
					}),
				})),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invoke_id": knownvalue.StringExact(ids[oneInstance-1]),
					"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"exit_code": knownvalue.Int64Exact(0), "output": output(fmt.Sprintf("secret-%03d", oneInstance-1)),
					})}),
				})),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations").AtSliceIndex(oneInstance), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"invoke_id": knownvalue.StringExact(ids[0]),
					"instances": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{"output": output("secret-000")})}),
				})),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("parameters"), knownvalue.MapSizeExact(oneInstance+1)),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("parameters").AtMapKey(ids[7]), knownvalue.StringExact(`{"who":"secret-007"}`)),
				statecheck.ExpectKnownValue(withParameters, tfjsonpath.New("invocations").AtSliceIndex(1).AtMapKey("instances").AtSliceIndex(0).AtMapKey("output"), knownvalue.Null()),
				// One sensitive path for the whole data source, none per row.
				acctest.ExpectSensitivePaths(address, "parameters"),
				acctest.ExpectSensitivePaths(withParameters, "parameters"),
			},
			// 151 invocations and 152 runs: 4 pages of each, and 4 more
			// pages of invocations for the parameters.
			Check: perRead(8, 4),
		}, {
			PreConfig: fake.ResetCounters,
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_invocations" "test" {
  include_output = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(oneInstance+3)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations").AtSliceIndex(oneInstance+2).AtMapKey("instances"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_id": knownvalue.StringExact("i-offline1"), "output": knownvalue.StringExact("")}),
				})),
			},
			// 153 invocations and 154 runs: 4 pages of each.
			Check: perRead(4, 4),
		}, {
			PreConfig: fake.ResetCounters,
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_invocations" "test" {
  invoke_status  = "Failed"
  include_output = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("invocations"), knownvalue.ListSizeExact(2)),
			},
			// The results of every invocation would take 4 pages, reading
			// the two failed ones on their own 2 calls: one page shows
			// which, then the two.
			Check: perRead(1, 3),
		}, {
			// The parameters cannot leave the data source unmarked.
			Config: byCommand + `
output "parameters" {
  value = data.cloudcmd_ecs_invocations.with_parameters.parameters
}
`,
			ExpectError: acctest.ExpectErrorText("Output refers to sensitive values"),
		}},
	})
}

// fastECSClient is a client of the fake's ECS API without the provider's
// client-side rate limit, to set up many invocations quickly.
func fastECSClient(t *testing.T, fake *fakecloud.Server) *conns.ECSClient {
	t.Helper()
	c, err := conns.NewECSClient(conns.ECSConfig{
		AccessKey: fakecloud.DefaultAlicloudAccessKey, SecretKey: fakecloud.DefaultAlicloudSecretKey,
		Region: acctest.AlicloudRegion, Endpoint: fake.URL(),
	}, conns.WithDefaultRateLimit(conns.RateLimit{Rate: rate.Inf}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// createParameterCommand creates a command that echoes its who parameter.
func createParameterCommand(t *testing.T, client *conns.ECSClient, name string) string {
	t.Helper()
	resp, err := client.CreateCommand(context.Background(), &aliecs.CreateCommandRequest{
		RegionId: alStr(acctest.AlicloudRegion), Name: &name, Type: alStr("RunShellScript"),
		CommandContent: alStr("echo hi {{who}}"), ContentEncoding: alStr("PlainText"), EnableParameter: new(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Body.CommandId
}

// invokeWithParameters runs a command with who set and returns the
// invocation ID.
func invokeWithParameters(t *testing.T, client *conns.ECSClient, commandID, who string, instanceIDs ...string) string {
	t.Helper()
	req := &aliecs.InvokeCommandRequest{
		RegionId: alStr(acctest.AlicloudRegion), CommandId: &commandID, Parameters: map[string]any{"who": who},
	}
	for _, id := range instanceIDs {
		req.InstanceId = append(req.InstanceId, &id)
	}
	resp, err := client.InvokeCommand(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Body.InvokeId
}

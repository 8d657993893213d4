package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

const invocationsAddress = "data.cloudcmd_invocations.test"

func TestAccInvocationsDataSource_byIDWithOutput(t *testing.T) {
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

package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// TestAccTATCommandsDataSource_filtersAndPaging lists 201 commands of the
// account and TAT's 3 public commands, more than two pages of 100, and
// narrows them with each filter.
func TestAccTATCommandsDataSource_filtersAndPaging(t *testing.T) {
	fake := acctest.StartFake(t)
	client := fastTATClient(t, fake)
	for i := range 200 {
		createCommand(t, client, fmt.Sprintf("bulk-%03d", i))
	}
	tagged := createCommandWith(t, client, &tat.CreateCommandRequest{
		CommandName: flex.StringPtr("tagged-ps"), Content: flex.EncodeContent("Get-Date"), CommandType: flex.StringPtr("POWERSHELL"),
		Tags: []*tat.Tag{{Key: flex.StringPtr("team"), Value: flex.StringPtr("ops")}, {Key: flex.StringPtr("env"), Value: flex.StringPtr("prod")}},
	})
	count := func(name string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.cloudcmd_tat_commands."+name, tfjsonpath.New("commands"), knownvalue.ListSizeExact(n))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + fmt.Sprintf(`
data "cloudcmd_tat_commands" "all" {}

data "cloudcmd_tat_commands" "public" {
  created_by = "TAT"
}

data "cloudcmd_tat_commands" "public_shell" {
  created_by   = "TAT"
  command_type = "SHELL"
  name_regex   = "^TAT_Echo"
}

data "cloudcmd_tat_commands" "by_name" {
  command_name = "bulk-042"
  created_by   = "USER"
}

data "cloudcmd_tat_commands" "by_tags" {
  tags = { team = "ops", env = "prod" }
}

data "cloudcmd_tat_commands" "by_ids" {
  command_ids = [%q, "cmd-tatpub01"]
}

data "cloudcmd_tat_commands" "regex_only" {
  name_regex = "^bulk-1[0-4][0-9]$"
}
`, tagged),
			ConfigStateChecks: []statecheck.StateCheck{
				count("all", 201+3),
				count("public", 3),
				count("regex_only", 50),
				// Own commands newest first, then the public ones.
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.all", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(tagged)),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.all", tfjsonpath.New("ids").AtSliceIndex(203), knownvalue.StringExact("cmd-tatpub03")),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.public_shell", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":                     knownvalue.StringExact("cmd-tatpub02"),
						"name":                   knownvalue.StringExact("TAT_EchoMessage"),
						"description":            knownvalue.StringExact("Print a message given as the parameter message."),
						"formatted_description":  knownvalue.StringRegexp(regexp.MustCompile(`cmd_description`)),
						"content":                knownvalue.StringExact("echo {{message}}"),
						"command_type":           knownvalue.StringExact("SHELL"),
						"working_directory":      knownvalue.StringExact("/root"),
						"timeout":                knownvalue.Int64Exact(60),
						"username":               knownvalue.StringExact("root"),
						"enable_parameter":       knownvalue.Bool(true),
						"default_parameters":     knownvalue.MapExact(map[string]knownvalue.Check{"message": knownvalue.StringExact("hello from TAT")}),
						"parameter_descriptions": knownvalue.MapExact(map[string]knownvalue.Check{"message": knownvalue.StringExact("The text to print.")}),
						"created_by":             knownvalue.StringExact("TAT"),
						"created_time":           knownvalue.StringExact("2023-01-01T00:00:00Z"),
						"updated_time":           knownvalue.StringExact("2023-01-01T00:00:00Z"),
						"output_cos_bucket_url":  knownvalue.StringExact(""),
						"output_cos_key_prefix":  knownvalue.StringExact(""),
						"tags":                   knownvalue.MapExact(map[string]knownvalue.Check{}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.by_name", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("bulk-042"), "content": knownvalue.StringExact("true"), "created_by": knownvalue.StringExact("USER")}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.by_tags", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":           knownvalue.StringExact(tagged),
						"command_type": knownvalue.StringExact("POWERSHELL"),
						"content":      knownvalue.StringExact("Get-Date"),
						"tags":         knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops"), "env": knownvalue.StringExact("prod")}),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_tat_commands.by_ids", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(tagged), knownvalue.StringExact("cmd-tatpub01"),
				})),
			},
		}},
	})
}

// TestAccTATCommandsDataSource_runPublicCommand looks a public command up by
// name and runs it with a parameter of its own.
func TestAccTATCommandsDataSource_runPublicCommand(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_tat_commands" "echo" {
  created_by   = "TAT"
  command_name = "TAT_EchoMessage"
}

resource "cloudcmd_tat_invocation" "echo" {
  command_id   = data.cloudcmd_tat_commands.echo.ids[0]
  instance_ids = ["ins-aaaa0001"]
  parameters   = { message = "looked up" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("cloudcmd_tat_invocation.echo", tfjsonpath.New("command_id"), knownvalue.StringExact("cmd-tatpub02")),
				statecheck.ExpectKnownValue("cloudcmd_tat_invocation.echo", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("looked up\n")),
			},
		}},
	})
}

func TestAccTATCommandsDataSource_planTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	plan := func(body string, want string) resource.TestStep {
		return resource.TestStep{
			Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_tat_commands\" \"test\" {\n" + body + "\n}\n",
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// Every rule holds at plan time, before any call.
		CheckDestroy: acctest.CheckNoCalls(fake, fakecloud.VendorTencent, "DescribeCommands"),
		Steps: []resource.TestStep{
			plan(`command_ids = ["cmd-1"]`, "Attribute command_ids[0] must be a TAT command ID: cmd- followed by 8 lowercase letters"),
			plan(`command_ids = []`, "Attribute command_ids list must contain at least 1 elements"),
			plan(`
  command_ids = ["cmd-aaaa0001"]
  created_by  = "USER"`, `Attribute "created_by" cannot be specified when "command_ids" is specified`),
			plan(`created_by = "tat"`, `Attribute created_by value must be one of: ["TAT" "USER"]`),
			plan(`command_type = "bash"`, `Attribute command_type value must be one of: ["SHELL" "POWERSHELL" "BAT"]`),
			plan(`command_name = ""`, "Attribute command_name string length must be between 1 and 60"),
			plan(`name_regex = "("`, "Attribute name_regex must be a regular expression in RE2 syntax"),
			plan(`
  command_name = "x"
  tags = { a = "1", b = "2", c = "3", d = "4", e = "5", f = "6", g = "7", h = "8", i = "9", j = "10" }`,
				"TAT DescribeCommands takes at most 10 filters"),
		},
	})
}

func createCommandWith(t *testing.T, client interface {
	CreateCommand(context.Context, *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error)
}, req *tat.CreateCommandRequest) string {
	t.Helper()
	resp, err := client.CreateCommand(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.CommandId
}

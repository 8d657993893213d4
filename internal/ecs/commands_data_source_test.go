package ecs_test

import (
	"context"
	"fmt"
	"testing"

	aliecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// TestAccECSCommandsDataSource_ownAndCommon lists 120 commands of the
// account, more than two pages of 50, and the fake's common commands, and
// narrows each with the filters.
func TestAccECSCommandsDataSource_ownAndCommon(t *testing.T) {
	fake := acctest.StartFake(t)
	client := fastECSClient(t, fake)
	for i := range 120 {
		createListedCommand(t, client, fmt.Sprintf("bulk-%03d", i), "true")
	}
	resp, err := client.CreateCommand(context.Background(), &aliecs.CreateCommandRequest{
		RegionId: alStr(acctest.AlicloudRegion), Name: alStr("tagged"), Type: alStr("RunPowerShellScript"),
		CommandContent: alStr("Get-Date"), ContentEncoding: alStr("PlainText"),
		Tag: []*aliecs.CreateCommandRequestTag{{Key: alStr("team"), Value: alStr("ops")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tagged := *resp.Body.CommandId
	count := func(name string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands."+name, tfjsonpath.New("commands"), knownvalue.ListSizeExact(n))
	}
	ids := func(name string, want ...string) statecheck.StateCheck {
		checks := make([]knownvalue.Check, len(want))
		for i, id := range want {
			checks[i] = knownvalue.StringExact(id)
		}
		return statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands."+name, tfjsonpath.New("ids"), knownvalue.ListExact(checks))
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_commands" "mine" {}

data "cloudcmd_ecs_commands" "by_regex" {
  name_regex = "^bulk-0[0-4][0-9]$"
}

data "cloudcmd_ecs_commands" "by_name" {
  name = "bulk-007"
}

data "cloudcmd_ecs_commands" "by_tag" {
  tags             = { team = "ops" }
  content_encoding = "base64"
}

data "cloudcmd_ecs_commands" "common" {
  command_provider = "AlibabaCloud"
}

data "cloudcmd_ecs_commands" "common_latest_uptime" {
  command_provider = "AlibabaCloud.ECS.GuestOS"
  name             = "ShowUptime"
  latest           = true
}

data "cloudcmd_ecs_commands" "common_windows" {
  command_provider = "AlibabaCloud"
  type             = "RunPowerShellScript"
}

data "cloudcmd_ecs_commands" "echo" {
  command_provider = "AlibabaCloud"
  description      = "message"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				count("mine", 121),
				count("by_regex", 50),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands.mine", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(tagged)),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands.by_name", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("bulk-007"), "command_content": knownvalue.StringExact("true"),
						"provider": knownvalue.StringExact(""), "version": knownvalue.Int64Exact(1), "latest": knownvalue.Bool(true),
					}),
				})),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands.by_tag", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":              knownvalue.StringExact(tagged),
						"type":            knownvalue.StringExact("RunPowerShellScript"),
						"command_content": knownvalue.StringExact("R2V0LURhdGU="), // Get-Date
						"tags":            knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("ops")}),
					}),
				})),
				ids("common", "ACS-ECS-EchoMessage-linux.sh", "ACS-ECS-ShowDate-windows.ps1", "ACS-ECS-ShowUptime-linux.sh", "ACS-ECS-ShowUptime-v1-linux.sh"),
				ids("common_latest_uptime", "ACS-ECS-ShowUptime-linux.sh"),
				ids("common_windows", "ACS-ECS-ShowDate-windows.ps1"),
				statecheck.ExpectKnownValue("data.cloudcmd_ecs_commands.echo", tfjsonpath.New("commands"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":               knownvalue.StringExact("ACS-ECS-EchoMessage-linux.sh"),
						"name":             knownvalue.StringExact("ACS-ECS-EchoMessage-linux.sh"),
						"description":      knownvalue.StringExact("Print the message given as the parameter message."),
						"type":             knownvalue.StringExact("RunShellScript"),
						"command_content":  knownvalue.StringExact("echo {{message}}"),
						"working_dir":      knownvalue.StringExact(""),
						"timeout":          knownvalue.Int64Exact(60),
						"enable_parameter": knownvalue.Bool(true),
						"parameter_names":  knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("message")}),
						"parameter_definitions": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name":            knownvalue.StringExact("message"),
							"default_value":   knownvalue.StringExact(""),
							"description":     knownvalue.StringExact(""),
							"required":        knownvalue.Bool(true),
							"possible_values": knownvalue.ListExact([]knownvalue.Check{}),
						})}),
						"launcher":          knownvalue.StringExact(""),
						"invoke_times":      knownvalue.Int64Exact(0),
						"created_time":      knownvalue.StringExact("2023-01-01T00:00:00Z"),
						"provider":          knownvalue.StringExact("AlibabaCloud.ECS.GuestOS"),
						"category":          knownvalue.StringExact("GuestOS"),
						"version":           knownvalue.Int64Exact(1),
						"latest":            knownvalue.Bool(true),
						"resource_group_id": knownvalue.StringExact(""),
						"tags":              knownvalue.MapExact(map[string]knownvalue.Check{}),
					}),
				})),
			},
		}},
	})
}

// TestAccECSCommandsDataSource_runCommonCommand looks a common command up
// and runs it with a parameter.
func TestAccECSCommandsDataSource_runCommonCommand(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
data "cloudcmd_ecs_commands" "echo" {
  command_provider = "AlibabaCloud"
  name_regex       = "^ACS-ECS-EchoMessage-"
  latest           = true
}

resource "cloudcmd_ecs_invocation" "echo" {
  command_id   = data.cloudcmd_ecs_commands.echo.ids[0]
  instance_ids = ["i-aaaa0001"]
  parameters   = { message = "looked up" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("cloudcmd_ecs_invocation.echo", tfjsonpath.New("command_id"), knownvalue.StringExact("ACS-ECS-EchoMessage-linux.sh")),
				statecheck.ExpectKnownValue("cloudcmd_ecs_invocation.echo", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("looked up\n")),
			},
		}},
	})
}

func TestAccECSCommandsDataSource_planTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	plan := func(body string, want string) resource.TestStep {
		return resource.TestStep{
			Config:      acctest.ProviderConfig(fake) + "data \"cloudcmd_ecs_commands\" \"test\" {\n" + body + "\n}\n",
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeCommands"),
		Steps: []resource.TestStep{
			plan(`type = "RunBashScript"`, `Attribute type value must be one of: ["RunShellScript" "RunBatScript" "RunPowerShellScript"]`),
			plan(`latest = true`, `Attribute "command_provider" must be specified when "latest" is specified`),
			plan(`description = "disk"`, `Attribute "command_provider" must be specified when "description" is specified`),
			plan(`content_encoding = "hex"`, `Attribute content_encoding value must be one of: ["PlainText" "Base64"]`),
			plan(`name_regex = "[a-"`, "Attribute name_regex must be a regular expression in RE2 syntax"),
			plan(`command_provider = ""`, "Attribute command_provider string length must be at least 1"),
			plan(`tags = { "acs:x" = "1" }`, "acs:"),
			plan(`region_id = "Hangzhou"`, "Attribute region_id"),
		},
	})
}

package ecs_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
)

const commandAddress = "cloudcmd_ecs_command.test"

func TestAccECSCommand_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_ecs_command" "test" {
  name            = "hello-world"
  command_content = "echo hello\n"
  type            = "RunShellScript"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^c-[a-z0-9]+$`))),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(acctest.AlicloudRegion)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("command_content"), knownvalue.StringExact("echo hello\n")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("type"), knownvalue.StringExact("RunShellScript")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("description"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("enable_parameter"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("parameter_names"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("launcher"), knownvalue.Null()),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.Null()),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("created_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))),
			},
			Check: checkFakeCommand(fake, func(c fakealicloud.Command) error {
				// The content crosses the wire base64-encoded; the fake
				// stores it decoded.
				if c.Content != "echo hello\n" || c.RegionID != acctest.AlicloudRegion {
					return fmt.Errorf("the fake holds content %q in %s, want the script in %s", c.Content, c.RegionID, acctest.AlicloudRegion)
				}
				return nil
			}),
		}},
	})
}

// commandArgs are the arguments of a test command; commandConfig writes
// them in a stable order.
type commandArgs map[string]string

func commandConfig(fake *fakecloud.Server, args commandArgs) string {
	names := make([]string, 0, len(args))
	for name := range args {
		names = append(names, name)
	}
	slices.Sort(names) // a fixed order keeps each run's configuration the same
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig(fake))
	b.WriteString("resource \"cloudcmd_ecs_command\" \"test\" {\n")
	for _, name := range names {
		fmt.Fprintf(&b, "  %s = %s\n", name, args[name])
	}
	b.WriteString("}\n")
	return b.String()
}

// with returns a copy of args with changes applied; an empty value removes
// the argument.
func (args commandArgs) with(changes commandArgs) commandArgs {
	out := commandArgs{}
	for k, v := range args {
		out[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}

var baseCommand = commandArgs{
	"name":            `"base"`,
	"command_content": `"echo base"`,
	"type":            `"RunShellScript"`,
}

func TestAccECSCommand_update(t *testing.T) {
	fake := acctest.StartFake(t)
	first := baseCommand.with(commandArgs{
		"description": `"one"`,
		"working_dir": `"/root"`,
		"timeout":     "60",
		"launcher":    `"bash {{ACS::ScriptFileName}}"`,
	})
	steps := []struct {
		args  commandArgs
		check func(fakealicloud.Command) error
	}{
		{first.with(commandArgs{"name": `"renamed"`}), func(c fakealicloud.Command) error { return expect("name", c.Name, "renamed") }},
		{first.with(commandArgs{"name": `"renamed"`, "description": `"two"`}), func(c fakealicloud.Command) error { return expect("description", c.Description, "two") }},
		{first.with(commandArgs{"name": `"renamed"`, "description": `"two"`, "working_dir": `"/tmp"`}), func(c fakealicloud.Command) error { return expect("working_dir", c.WorkingDir, "/tmp") }},
		{first.with(commandArgs{"name": `"renamed"`, "description": `"two"`, "working_dir": `"/tmp"`, "timeout": "600"}), func(c fakealicloud.Command) error {
			return expect("timeout", fmt.Sprint(c.Timeout), "600")
		}},
		{first.with(commandArgs{"name": `"renamed"`, "description": `"two"`, "working_dir": `"/tmp"`, "timeout": "600", "launcher": `"sh {{ACS::ScriptFileName}}"`}), func(c fakealicloud.Command) error {
			return expect("launcher", c.Launcher, "sh {{ACS::ScriptFileName}}")
		}},
		// Removing the description and the launcher clears them rather than
		// keeping the old values.
		{first.with(commandArgs{"name": `"renamed"`, "description": "", "working_dir": `"/tmp"`, "timeout": "600", "launcher": ""}), func(c fakealicloud.Command) error {
			return errors.Join(expect("description", c.Description, ""), expect("launcher", c.Launcher, ""))
		}},
	}

	var firstID string
	testSteps := []resource.TestStep{{
		Config: commandConfig(fake, first),
		Check:  resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error { firstID = id; return nil }),
	}}
	for _, step := range steps {
		testSteps = append(testSteps, resource.TestStep{
			Config: commandConfig(fake, step.args),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate)},
			},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error {
					if id != firstID {
						return fmt.Errorf("the command was replaced (%s, then %s); it should change in place", firstID, id)
					}
					return nil
				}),
				checkFakeCommand(fake, step.check),
			),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps:                    testSteps,
	})
}

func TestAccECSCommand_replace(t *testing.T) {
	fake := acctest.StartFake(t)
	first := baseCommand.with(commandArgs{"tags": `{ env = "dev" }`})
	changes := []commandArgs{
		{"type": `"RunPowerShellScript"`},
		{"type": `"RunPowerShellScript"`, "command_content": `"Write-Output base"`},
		{"type": `"RunPowerShellScript"`, "command_content": `"Write-Output base"`, "enable_parameter": "true"},
		{"type": `"RunPowerShellScript"`, "command_content": `"Write-Output base"`, "enable_parameter": "true", "resource_group_id": `"rg-acfm0000000001"`},
	}
	steps := []resource.TestStep{{Config: commandConfig(fake, first)}}
	for _, change := range changes {
		steps = append(steps, resource.TestStep{
			Config: commandConfig(fake, first.with(change)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionDestroyBeforeCreate)},
			},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps:                    steps,
	})
}

func TestAccECSCommand_import(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: commandConfig(fake, commandArgs{
				"name":              `"greeter"`,
				"command_content":   `"echo hello {{target}} from {{ACS::InstanceId}}"`,
				"type":              `"RunShellScript"`,
				"description":       `"says hello"`,
				"working_dir":       `"/tmp"`,
				"timeout":           "300",
				"enable_parameter":  "true",
				"launcher":          `"bash {{ACS::ScriptFileName}}"`,
				"tags":              `{ team = "ops", env = "" }`,
				"resource_group_id": `"rg-acfm0000000001"`,
			}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("parameter_names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("target")})),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("ops"),
					"env":  knownvalue.StringExact(""),
				})),
			},
		}, {
			ResourceName:      commandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			ResourceName:  commandAddress,
			ImportState:   true,
			ImportStateId: "c-00000000000000",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

func TestAccECSCommand_disappears(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: commandConfig(fake, baseCommand),
			Check: func(s *terraform.State) error {
				if !fake.Alicloud().DeleteCommand(s.RootModule().Resources[commandAddress].Primary.ID) {
					return errors.New("the command was not on the fake")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionCreate)},
			},
		}},
	})
}

func TestAccECSCommand_drift(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: commandConfig(fake, baseCommand),
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[commandAddress].Primary.ID
				if !fake.Alicloud().UpdateCommand(id, func(c *fakealicloud.Command) { c.Name = "renamed-elsewhere" }) {
					return errors.New("the command was not on the fake")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(commandAddress, tfjsonpath.New("name"), knownvalue.StringExact("base")),
				},
			},
		}, {
			// The next apply puts the name back.
			Config: commandConfig(fake, baseCommand),
			Check:  checkFakeCommand(fake, func(c fakealicloud.Command) error { return expect("name", c.Name, "base") }),
		}},
	})
}

func TestAccECSCommand_regionFromProvider(t *testing.T) {
	fake := acctest.StartFake(t)
	inRegion := func(region string) resource.TestCheckFunc {
		return checkFakeCommand(fake, func(c fakealicloud.Command) error { return expect("region", c.RegionID, region) })
	}
	replaced := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionDestroyBeforeCreate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			// Left out, the region is the provider's, and the plan says so.
			Config: commandConfig(fake, baseCommand),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(commandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(acctest.AlicloudRegion)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("region_id"), knownvalue.StringExact(acctest.AlicloudRegion)),
			},
			Check: inRegion(acctest.AlicloudRegion),
		}, {
			// Spelling out the same region changes nothing.
			Config: commandConfig(fake, baseCommand.with(commandArgs{"region_id": fmt.Sprintf("%q", acctest.AlicloudRegion)})),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		}, {
			Config:           commandConfig(fake, baseCommand.with(commandArgs{"region_id": `"cn-shanghai"`})),
			ConfigPlanChecks: replaced,
			Check:            inRegion("cn-shanghai"),
		}, {
			// Back to the provider's region: the command moves back.
			Config:           commandConfig(fake, baseCommand),
			ConfigPlanChecks: replaced,
			Check:            inRegion(acctest.AlicloudRegion),
		}},
	})
}

func TestAccECSCommand_missingRegion(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// An explicit empty region is not replaced by ALICLOUD_REGION,
			// so the test does not depend on the environment.
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  alicloud {
    access_key = %q
    secret_key = %q
    region     = ""
    endpoint   = %q
  }
}
resource "cloudcmd_ecs_command" "test" {
  name            = "nowhere"
  command_content = "true"
  type            = "RunShellScript"
}
`, fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, fake.URL()),
			ExpectError: acctest.ExpectErrorText(`Set region_id on this resource, or region in the provider's alicloud block (alicloud.region) or the ALICLOUD_REGION environment variable.`),
		}},
	})
	expectNoCreateCommand(t, fake)
}

// TestAccECSCommand_validation proves each plan-time rule: the plan fails on
// the attribute with the rule spelled out, and the API is never called.
func TestAccECSCommand_validation(t *testing.T) {
	cases := map[string]struct {
		args commandArgs
		want string
	}{
		"name empty":           {commandArgs{"name": `""`}, `Attribute name UTF-8 character count must be between 1 and 128, got: 0`},
		"name too long":        {commandArgs{"name": quoted(strings.Repeat("名", 129))}, `Attribute name UTF-8 character count must be between 1 and 128, got: 129`},
		"content empty":        {commandArgs{"command_content": `""`}, `Attribute command_content string length must be at least 1, got: 0`},
		"content too large":    {commandArgs{"command_content": quoted(strings.Repeat("x", 13825))}, `Attribute command_content must be at most 18432 bytes once base64-encoded (about 13824 bytes of text); it is 18436 bytes encoded.`},
		"description too long": {commandArgs{"description": quoted(strings.Repeat("d", 513))}, `Attribute description UTF-8 character count must be at most 512, got: 513`},
		"type":                 {commandArgs{"type": `"RunPythonScript"`}, `Attribute type value must be one of: ["RunShellScript" "RunBatScript" "RunPowerShellScript"], got: "RunPythonScript"`},
		"working_dir too long": {commandArgs{"working_dir": quoted("/" + strings.Repeat("w", 200))}, `Attribute working_dir UTF-8 character count must be at most 200, got: 201`},
		"timeout too short":    {commandArgs{"timeout": "9"}, `Attribute timeout value must be between 10 and 86400, got: 9`},
		"timeout too long":     {commandArgs{"timeout": "86401"}, `Attribute timeout value must be between 10 and 86400, got: 86401`},
		"launcher empty":       {commandArgs{"launcher": `""`}, `Attribute launcher string length must be between 1 and 1024, got: 0`},
		"launcher too long":    {commandArgs{"launcher": quoted(strings.Repeat("é", 513))}, `Attribute launcher string length must be between 1 and 1024, got: 1026`},
		"too many tags":        {commandArgs{"tags": manyTags(21)}, `Attribute tags map must contain at most 20 elements, got: 21`},
		"tag key empty":        {commandArgs{"tags": `{ "" = "v" }`}, `Attribute tags[""] UTF-8 character count must be between 1 and 64, got: 0`},
		"tag key too long":     {commandArgs{"tags": `{ "` + strings.Repeat("k", 65) + `" = "v" }`}, `UTF-8 character count must be between 1 and 64, got: 65`},
		"tag key aliyun":       {commandArgs{"tags": `{ "Aliyun-owner" = "v" }`}, `Attribute tags["Aliyun-owner"]: a tag key must not start with "aliyun" or "acs:"`},
		"tag key acs:":         {commandArgs{"tags": `{ "acs:env" = "v" }`}, `Attribute tags["acs:env"]: a tag key must not start with "aliyun" or "acs:"`},
		"tag key URL":          {commandArgs{"tags": `{ "http://k" = "v" }`}, `Attribute tags["http://k"]: a tag key must not contain "http://" or "https://"`},
		"tag value too long":   {commandArgs{"tags": `{ k = "` + strings.Repeat("v", 129) + `" }`}, `Attribute tags["k"] UTF-8 character count must be at most 128, got: 129`},
		"tag value URL":        {commandArgs{"tags": `{ k = "see https://example.com" }`}, `Attribute tags["k"]: a tag value must not contain "http://" or "https://"`},
		"region_id":            {commandArgs{"region_id": `"China (Hangzhou)"`}, `Attribute region_id must be an Alibaba Cloud region ID such as cn-hangzhou`},
		"resource_group_id":    {commandArgs{"resource_group_id": `""`}, `Attribute resource_group_id string length must be at least 1, got: 0`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      commandConfig(fake, baseCommand.with(tc.args)),
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			expectNoCreateCommand(t, fake)
		})
	}
}

func TestAccECSCommand_apiErrorIsExplained(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(accessKey, secretKey string) string {
		return fmt.Sprintf(`
provider "cloudcmd" {
  alicloud {
    access_key = %q
    secret_key = %q
    region     = %q
    endpoint   = %q
  }
}
resource "cloudcmd_ecs_command" "test" {
  name            = "denied"
  command_content = "true"
  type            = "RunShellScript"
}
`, accessKey, secretKey, acctest.AlicloudRegion, fake.URL())
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config(fakecloud.DefaultAlicloudAccessKey, "not-the-secret"),
			ExpectError: regexp.MustCompile(`(?s)Error Creating ECS Command.*Check the access_key and secret_key of the provider's alicloud\s+block.*error code: SignatureDoesNotMatch \(HTTP 400\)\s+Request ID: [0-9A-F-]{36}`),
		}, {
			Config:      config("LTAIunknown", fakecloud.DefaultAlicloudSecretKey),
			ExpectError: regexp.MustCompile(`(?s)Error Creating ECS Command.*error code: InvalidAccessKeyId\.NotFound \(HTTP 404\)\s+Request ID: [0-9A-F-]{36}`),
		}},
	})
}

// TestAccECSCommand_missingCredentials needs ALICLOUD_ACCESS_KEY and
// ALICLOUD_SECRET_KEY unset for its first step, as they are in CI; the
// second step sets the attributes to empty, which the environment cannot
// fill in.
func TestAccECSCommand_missingCredentials(t *testing.T) {
	// Not parallel: the first step must not find credentials in the environment.
	t.Setenv("ALICLOUD_ACCESS_KEY", "")
	t.Setenv("ALICLOUD_SECRET_KEY", "")
	fake := acctest.StartFake(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id  = %q
    secret_key = %q
    region     = %q
    endpoint   = %q
  }
}
resource "cloudcmd_ecs_command" "test" {
  name            = "nocreds"
  command_content = "true"
  type            = "RunShellScript"
}
`, fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey, acctest.TencentRegion, fake.URL()),
			ExpectError: acctest.ExpectErrorText(`alicloud.access_key is not set: set alicloud.access_key in the provider block or the ALICLOUD_ACCESS_KEY environment variable`),
		}, {
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  alicloud {
    access_key = ""
    secret_key = ""
    region     = %q
    endpoint   = %q
  }
}
resource "cloudcmd_ecs_command" "test" {
  name            = "nocreds"
  command_content = "true"
  type            = "RunShellScript"
}
`, acctest.AlicloudRegion, fake.URL()),
			ExpectError: acctest.ExpectErrorText(`alicloud.access_key is not set: set alicloud.access_key in the provider block or the ALICLOUD_ACCESS_KEY environment variable`),
		}},
	})
	expectNoCreateCommand(t, fake)
}

func quoted(s string) string { return fmt.Sprintf("%q", s) }

func manyTags(n int) string {
	parts := make([]string, n)
	for i := range n {
		parts[i] = fmt.Sprintf("k%d = \"v\"", i)
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func expect(what, got, want string) error {
	if got != want {
		return fmt.Errorf("%s on the fake = %q, want %q", what, got, want)
	}
	return nil
}

func expectNoCreateCommand(t *testing.T, fake *fakecloud.Server) {
	t.Helper()
	if n := fake.Alicloud().RequestCount("CreateCommand"); n != 0 {
		t.Errorf("CreateCommand was called %d times; the plan must fail before any API call", n)
	}
}

func checkFakeCommand(fake *fakecloud.Server, check func(fakealicloud.Command) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[commandAddress].Primary.ID
		c, ok := fake.Alicloud().Command(id)
		if !ok {
			return fmt.Errorf("command %s is not on the fake", id)
		}
		return check(c)
	}
}

func checkCommandDestroyed(t *testing.T, fake *fakecloud.Server) resource.TestCheckFunc {
	client := acctest.ECSClient(t, fake)
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudcmd_ecs_command" {
				continue
			}
			_, err := ecs.FindCommand(context.Background(), client, rs.Primary.Attributes["region_id"], rs.Primary.ID)
			if errors.Is(err, ecs.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("ECS command %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

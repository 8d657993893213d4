package tat_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	faketat "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/tat"
)

const commandAddress = "cloudcmd_tat_command.test"

func TestAccTATCommand_basic(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "test" {
  name    = "hello-world"
  content = "echo hello\n"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cmd-[a-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("content"), knownvalue.StringExact("echo hello\n")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("command_type"), knownvalue.StringExact("SHELL")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("working_directory"), knownvalue.StringExact("/root")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("enable_parameter"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("default_parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("created_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`))),
			},
			Check: checkFakeCommand(fake, func(c faketat.Command) error {
				// The content crosses the wire base64-encoded and is stored as sent.
				if c.Content != "ZWNobyBoZWxsbwo=" {
					return fmt.Errorf("content on the fake = %q, want the base64 of the script", c.Content)
				}
				return nil
			}),
		}},
	})
}

func TestAccTATCommand_allArguments(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + commandAllArgumentsConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("default_parameters"), knownvalue.MapExact(map[string]knownvalue.Check{
					"target": knownvalue.StringExact("world"),
				})),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("ops"),
				})),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("output_cos_key_prefix"), knownvalue.StringExact("runs/hello")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("username"), knownvalue.StringExact("deploy")),
			},
		}, {
			ResourceName:      commandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}},
	})
}

const commandAllArgumentsConfig = `
resource "cloudcmd_tat_command" "test" {
  name                  = "hello.param_cmd-1"
  content               = "echo hello {{target}}"
  description           = "says hello"
  command_type          = "SHELL"
  working_directory     = "/tmp"
  timeout               = 300
  username              = "deploy"
  enable_parameter      = true
  default_parameters    = { target = "world" }
  output_cos_bucket_url = "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com"
  output_cos_key_prefix = "runs/hello"
  tags                  = { team = "ops" }
}
`

func TestAccTATCommand_update(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(name, content, description, commandType, dir string, timeout int, params string) string {
		return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name               = %q
  content            = %q
  description        = %q
  command_type       = %q
  working_directory  = %q
  timeout            = %d
  enable_parameter   = true
  default_parameters = %s
}
`, name, content, description, commandType, dir, timeout, params)
	}
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: config("before", "echo {{a}}", "one", "SHELL", "/root", 60, `{ a = "1" }`),
			Check:  resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error { firstID = id; return nil }),
		}, {
			Config: config("after", "Write-Output {{a}}", "two", "POWERSHELL", "C:\\work", 600, `{ a = "2", b = "3" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("name"), knownvalue.StringExact("after")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("command_type"), knownvalue.StringExact("POWERSHELL")),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(600)),
				statecheck.ExpectKnownValue(commandAddress, tfjsonpath.New("default_parameters"), knownvalue.MapSizeExact(2)),
			},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrWith(commandAddress, "id", func(id string) error {
					if id != firstID {
						return fmt.Errorf("the command was replaced (%s, then %s); it should change in place", firstID, id)
					}
					return nil
				}),
				checkFakeCommand(fake, func(c faketat.Command) error {
					if c.Name != "after" || c.Description != "two" || c.WorkingDirectory != `C:\work` || c.DefaultParameters != `{"a":"2","b":"3"}` {
						return fmt.Errorf("the fake holds %+v, not the update", c)
					}
					return nil
				}),
			),
		}, {
			// Removing every default must clear them, not keep the old ones.
			Config: config("after", "Write-Output {{a}}", "two", "POWERSHELL", "C:\\work", 600, `{}`),
			Check: checkFakeCommand(fake, func(c faketat.Command) error {
				if c.DefaultParameters != "" && c.DefaultParameters != "{}" {
					return fmt.Errorf("default parameters on the fake = %q, want none", c.DefaultParameters)
				}
				return nil
			}),
		}},
	})
}

func TestAccTATCommand_replaceOnEnableParameter(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(enable bool, tag string) string {
		return acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name             = "replace-me"
  content          = "true"
  enable_parameter = %t
  tags             = { env = %q }
}
`, enable, tag)
	}
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionDestroyBeforeCreate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{
			{Config: config(false, "dev")},
			{Config: config(true, "dev"), ConfigPlanChecks: replace},
		},
	})
}

func TestAccTATCommand_import(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "test" {
  name    = "imported"
  content = "uptime"
}
`,
		}, {
			ResourceName:      commandAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			ResourceName:  commandAddress,
			ImportState:   true,
			ImportStateId: "cmd-00000000",
			ExpectError:   regexp.MustCompile(`(?s)Cannot import non-existent remote object`),
		}},
	})
}

func TestAccTATCommand_disappears(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "test" {
  name    = "vanishing"
  content = "true"
}
`,
			Check: func(s *terraform.State) error {
				if !fake.Tencent().DeleteCommand(s.RootModule().Resources[commandAddress].Primary.ID) {
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

func TestAccTATCommand_driftIsReverted(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkCommandDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_command" "test" {
  name    = "drifting"
  content = "true"
  timeout = 30
}
`,
			Check: func(s *terraform.State) error {
				fake.Tencent().UpdateCommand(s.RootModule().Resources[commandAddress].Primary.ID, func(c *faketat.Command) {
					c.Timeout = 999
					c.Content = "ZmFsc2U=" // "false"
				})
				return nil
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(commandAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(commandAddress, tfjsonpath.New("timeout"), knownvalue.Int64Exact(30)),
				},
			},
		}},
	})
}

// TestAccTATCommand_validation proves each plan-time rule: the plan fails on
// the attribute with the rule spelled out, and TAT is never called.
func TestAccTATCommand_validation(t *testing.T) {
	cases := map[string]struct {
		body string
		want string // literal text of the error; terraform may wrap it
	}{
		"name too long":          {`name = "` + strings.Repeat("n", 61) + `"`, `Attribute name string length must be between 1 and 60, got: 61`},
		"name charset":           {`name = "hello world"`, `Attribute name must contain only letters, digits, Chinese characters, underscores (_), hyphens (-) and dots (.)`},
		"content empty":          {`content = ""`, `Attribute content string length must be at least 1, got: 0`},
		"content too large":      {`content = "` + strings.Repeat("x", 49153) + `"`, `Attribute content must be at most 65536 bytes once base64-encoded (about 49152 bytes of text); it is 65540 bytes encoded.`},
		"description too long":   {`description = "` + strings.Repeat("d", 121) + `"`, `Attribute description UTF-8 character count must be at most 120, got: 121`},
		"command type":           {`command_type = "BASH"`, `Attribute command_type value must be one of: ["SHELL" "POWERSHELL" "BAT"], got: "BASH"`},
		"timeout low":            {`timeout = 0`, `Attribute timeout value must be between 1 and 86400, got: 0`},
		"timeout high":           {`timeout = 86401`, `Attribute timeout value must be between 1 and 86400, got: 86401`},
		"parameter key charset":  {"enable_parameter = true\ndefault_parameters = { \"a.b\" = \"1\" }", `Attribute default_parameters["a.b"] must contain only letters, digits, underscores (_) and hyphens (-), got: a.b`},
		"parameter key too long": {"enable_parameter = true\ndefault_parameters = { \"" + strings.Repeat("k", 65) + "\" = \"1\" }", `string length must be between 1 and 64, got: 65`},
		"too many parameters":    {"enable_parameter = true\ndefault_parameters = {" + acctest.MapEntries(21) + "}", `Attribute default_parameters map must contain at most 20 elements, got: 21`},
		"parameters not enabled": {`default_parameters = { a = "1" }`, `Attribute default_parameters can be set only when enable_parameter = true`},
		"cos bucket url":         {`output_cos_bucket_url = "http://logs.cos.ap-guangzhou.myqcloud.com"`, `Attribute output_cos_bucket_url must be a COS bucket URL of the form https://<bucket>-<appid>.cos.<region>.myqcloud.com`},
		"cos prefix alone":       {`output_cos_key_prefix = "logs"`, `Attribute "output_cos_bucket_url" must be specified when "output_cos_key_prefix" is specified`},
		"cos prefix leading /":   {cosBucket + `output_cos_key_prefix = "/logs"`, `must not start with "/", contain "//", or use ".." as a folder name: it starts with "/".`},
		"cos prefix //":          {cosBucket + `output_cos_key_prefix = "a//b"`, `or use ".." as a folder name: it contains "//".`},
		"cos prefix ..":          {cosBucket + `output_cos_key_prefix = "a/../b"`, `or use ".." as a folder name: it uses ".." as a folder name.`},
		"cos prefix too long":    {cosBucket + `output_cos_key_prefix = "` + strings.Repeat("p", 61) + `"`, `Attribute output_cos_key_prefix must be at most 60 visible characters; "/" separates folders; it must not start with "/", contain "//", or use ".." as a folder name: it has 61 characters.`},
		"too many tags":          {`tags = {` + acctest.MapEntries(11) + `}`, `Attribute tags map must contain at most 10 elements, got: 11`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + commandWith(tc.body),
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Tencent().RequestCount("CreateCommand"); n != 0 {
				t.Errorf("CreateCommand was called %d times; validation must stop the plan before any API call", n)
			}
		})
	}
}

const cosBucket = "output_cos_bucket_url = \"https://logs-1250000000.cos.ap-guangzhou.myqcloud.com\"\n"

// commandWith is a valid command whose arguments body overrides or adds to.
func commandWith(body string) string {
	args := map[string]string{"name": `"valid"`, "content": `"true"`}
	for _, line := range strings.Split(body, "\n") {
		if k, _, ok := strings.Cut(line, "="); ok {
			delete(args, strings.TrimSpace(k))
		}
	}
	var b strings.Builder
	b.WriteString("resource \"cloudcmd_tat_command\" \"test\" {\n")
	for k, v := range args {
		fmt.Fprintf(&b, "  %s = %s\n", k, v)
	}
	b.WriteString(body + "\n}\n")
	return b.String()
}

func TestAccTATCommand_apiErrorIsExplained(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id  = %q
    secret_key = "not-the-secret"
    region     = "ap-guangzhou"
    endpoint   = %q
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "denied"
  content = "true"
}
`, fakecloud.DefaultTencentSecretID, fake.URL()),
			ExpectError: regexp.MustCompile(`(?s)Error Creating TAT Command.*Check the secret_id and secret_key.*AuthFailure\.SignatureFailure.*Request ID: [0-9a-f-]{36}`),
		}},
	})
}

func TestAccTATCommand_missingCredentials(t *testing.T) {
	t.Setenv("TENCENTCLOUD_SECRET_ID", "")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "")
	t.Setenv("TENCENTCLOUD_REGION", "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "cloudcmd" {
  alicloud {
    access_key = "only-alibaba-is-configured"
    secret_key = "x"
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "nocreds"
  content = "true"
}
`,
			ExpectError: acctest.ExpectErrorText(`tencentcloud.secret_id is not set: set tencentcloud.secret_id in the provider block or the TENCENTCLOUD_SECRET_ID environment variable`),
		}},
	})
}

func checkFakeCommand(fake *fakecloud.Server, check func(faketat.Command) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[commandAddress].Primary.ID
		c, ok := fake.Tencent().Command(id)
		if !ok {
			return fmt.Errorf("command %s is not on the fake", id)
		}
		return check(c)
	}
}

func checkCommandDestroyed(t *testing.T, fake *fakecloud.Server) resource.TestCheckFunc {
	client := acctest.TATClient(t, fake)
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudcmd_tat_command" {
				continue
			}
			_, err := tat.FindCommand(context.Background(), client, rs.Primary.ID)
			if errors.Is(err, tat.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("TAT command %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

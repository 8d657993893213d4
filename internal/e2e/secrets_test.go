package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// Secret values used by TestSecretsStayOutOfStatePlanAndLogs. Each is
// distinctive, so finding it anywhere can only mean a leak.
const (
	tencentSecretKey     = "tc-secret-key-8f3a1c"
	tencentSecurityToken = "tc-session-token-77e2b9"
	alicloudSecretKey    = "ali-secret-key-5d0c4e"
	alicloudSecurityTok  = "ali-session-token-1b9f63"
	tatWriteOnlyValue    = "tat-write-only-value-3c81"
	ecsWriteOnlyValue    = "ecs-write-only-value-92de"
	tatSensitiveValue    = "tat-sensitive-value-4a6f"
)

// TestSecretsStayOutOfStatePlanAndLogs applies a configuration holding
// every kind of secret the provider takes, with TF_LOG=TRACE, and looks for
// each secret in what a pipeline keeps: the plan and apply output, the TRACE
// log of terraform and the provider, and the state. Only the values of
// `parameters`, which the user chose to keep in state (marked sensitive),
// may appear, and only in the state.
func TestSecretsStayOutOfStatePlanAndLogs(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t, func(o *fakecloud.Options) {
		o.TencentSecretKey = tencentSecretKey
		o.TencentSecurityToken = tencentSecurityToken
		o.AlicloudSecretKey = alicloudSecretKey
		o.AlicloudSecurityToken = alicloudSecurityTok
	})
	w := newWorkspace(t, secretsConfig(fake))
	logFile := w.path("trace.log")
	traceEnv := []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile}

	plan := w.mustRun(traceEnv, "plan", "-no-color", "-input=false", "-out=tfplan")
	apply := w.mustRun(traceEnv, "apply", "-no-color", "-input=false", "tfplan")
	replan := w.mustRun(traceEnv, "plan", "-no-color", "-input=false", "-detailed-exitcode")
	show := w.mustRun(nil, "show", "-no-color")

	if !strings.Contains(apply.stdout, "Apply complete! Resources: 5 added") {
		t.Fatalf("the apply did not create the five resources:\n%s", apply)
	}
	if tat, ecs := len(fake.Tencent().Invocations()), len(fake.Alicloud().Invocations()); tat != 3 || ecs != 1 {
		t.Fatalf("invocations in the fake: TAT %d, ECS %d; want 3 and 1", tat, ecs)
	}
	log := readFile(t, logFile)
	if !strings.Contains(log, "provider.terraform-provider-cloudcmd") {
		t.Fatalf("the TRACE log holds nothing from the provider; the test would prove nothing:\n%.2000s", log)
	}
	expectMaskedExchanges(t, log)
	state := readFile(t, w.path("terraform.tfstate"))

	places := map[string]string{
		"plan output":   plan.stdout + plan.stderr,
		"apply output":  apply.stdout + apply.stderr,
		"replan output": replan.stdout + replan.stderr,
		"show output":   show.stdout,
		"TRACE log":     log,
		"state":         state,
	}
	neverShown := []string{
		tencentSecretKey, tencentSecurityToken, alicloudSecretKey, alicloudSecurityTok,
		tatWriteOnlyValue, ecsWriteOnlyValue,
	}
	for place, text := range places {
		for _, secret := range neverShown {
			if strings.Contains(text, secret) {
				t.Errorf("secret %q found in the %s", secret, place)
			}
		}
		if place != "state" && strings.Contains(text, tatSensitiveValue) {
			t.Errorf("the sensitive parameter value found in the %s", place)
		}
	}
	if !strings.Contains(state, tatSensitiveValue) {
		t.Errorf("the state lacks the value of `parameters`, which is kept there (marked sensitive)")
	}
}

// secretsConfig runs one TAT command twice (write-only and sensitive
// parameters), one TAT script and one ECS command with write-only
// parameters, signing with secret keys and security tokens.
func secretsConfig(fake *fakecloud.Server) string {
	return requiredProviders + fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id      = %[2]q
    secret_key     = %[3]q
    security_token = %[4]q
    region         = %[5]q
    endpoint       = %[1]q
  }
  alicloud {
    access_key     = %[6]q
    secret_key     = %[7]q
    security_token = %[8]q
    region         = %[9]q
    endpoint       = %[1]q
  }
}

resource "cloudcmd_tat_command" "uses_token" {
  name             = "e2e-uses-token"
  command_type     = "SHELL"
  content          = "echo started # {{token}}"
  enable_parameter = true
}

resource "cloudcmd_tat_invocation" "write_only" {
  command_id            = cloudcmd_tat_command.uses_token.id
  instance_ids          = ["ins-e2e00001"]
  parameters_wo         = { token = %[10]q }
  parameters_wo_version = 1
}

resource "cloudcmd_tat_invocation" "sensitive" {
  command_id   = cloudcmd_tat_command.uses_token.id
  instance_ids = ["ins-e2e00001"]
  parameters   = { token = %[12]q }
}

resource "cloudcmd_tat_run_command" "write_only" {
  content               = "echo started # {{token}}"
  enable_parameter      = true
  instance_ids          = ["ins-e2e00001"]
  parameters_wo         = { token = %[10]q }
  parameters_wo_version = 1
}

resource "cloudcmd_ecs_run_command" "write_only" {
  type                  = "RunShellScript"
  command_content       = "echo started # {{token}}"
  enable_parameter      = true
  instance_ids          = ["i-e2e00001"]
  parameters_wo         = { token = %[11]q }
  parameters_wo_version = 1
}
`, fake.URL(),
		fakecloud.DefaultTencentSecretID, tencentSecretKey, tencentSecurityToken, acctest.TencentRegion,
		fakecloud.DefaultAlicloudAccessKey, alicloudSecretKey, alicloudSecurityTok, acctest.AlicloudRegion,
		tatWriteOnlyValue, ecsWriteOnlyValue, tatSensitiveValue)
}

// expectMaskedExchanges checks that the TRACE log holds the exchanges that
// carried the parameter values, with those values masked where they stood:
// the searches for secrets would prove nothing if the exchanges were not
// logged at all.
func expectMaskedExchanges(t *testing.T, log string) {
	t.Helper()
	wants := []struct{ what, message, action, masked string }{
		{"TAT InvokeCommand request body", "Sending vendor API request", "InvokeCommand", `\"Parameters\":\"***\"`},
		{"TAT RunCommand request body", "Sending vendor API request", "RunCommand", `\"Parameters\":\"***\"`},
		{"TAT DescribeInvocations response body", "Received vendor API response", "DescribeInvocations", `\"Parameters\":\"***\"`},
		{"ECS RunCommand request URL", "Sending vendor API request", "RunCommand", "Parameters=***"},
	}
	for _, want := range wants {
		lines := linesWith(log, want.message)
		found := false
		for _, line := range lines {
			found = found || strings.Contains(line, "action="+want.action) && strings.Contains(line, want.masked)
		}
		if !found {
			t.Errorf("the TRACE log holds no %s with %s; its lines %q are:\n%.4000s", want.what, want.masked, want.message, strings.Join(lines, "\n"))
		}
	}
}

// linesWith is the lines of text that contain s.
func linesWith(text, s string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if strings.Contains(line, s) {
			out = append(out, strings.TrimRight(line, "\n"))
		}
	}
	return out
}

package e2e

import (
	"encoding/base64"
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

// Values printed by the scripts of TestSensitiveOutputStaysOutOfPlanAndShow.
const (
	tatOutputSecret = "tat-output-secret-6e20"
	ecsOutputSecret = "ecs-output-secret-d71b"
	// plainOutputMark is printed by a run without sensitive_output: the
	// plan must show it, or finding no secret would prove nothing.
	plainOutputMark = "plain-output-mark-0f3c"
)

// TestSensitiveOutputStaysOutOfPlanAndShow runs scripts that print a
// write-only value, with sensitive_output, then changes a switch of each
// run, a plan whose diff lists the recorded results, and shows the state:
// the printed secrets appear in none of terraform's output, nor in the
// TRACE log of the apply that read them, while they are recorded (in
// sensitive_outputs, in the state file).
func TestSensitiveOutputStaysOutOfPlanAndShow(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	config := func(keep string) string {
		return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "prints" {
  name             = "e2e-prints"
  content          = "echo {{token}}"
  enable_parameter = true
}

resource "cloudcmd_tat_invocation" "sensitive" {
  command_id            = cloudcmd_tat_command.prints.id
  instance_ids          = ["ins-e2e00001"]
  parameters_wo         = { token = %[1]q }
  parameters_wo_version = 1
  sensitive_output      = true
  keep_output           = %[4]q
}

resource "cloudcmd_tat_invocation" "plain" {
  command_id   = cloudcmd_tat_command.prints.id
  instance_ids = ["ins-e2e00001"]
  parameters   = { token = %[3]q }
  keep_output  = %[4]q
}

resource "cloudcmd_ecs_run_command" "sensitive" {
  type                  = "RunShellScript"
  command_content       = "echo {{token}}"
  enable_parameter      = true
  instance_ids          = ["i-e2e00001"]
  parameters_wo         = { token = %[2]q }
  parameters_wo_version = 1
  sensitive_output      = true
  keep_output           = %[4]q
}
`, tatOutputSecret, ecsOutputSecret, plainOutputMark, keep)
	}
	w := newWorkspace(t, config("all"))
	logFile := w.path("trace.log")
	apply := w.mustRun([]string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile}, "apply", "-no-color", "-input=false", "-auto-approve")
	writeFile(t, w.path("main.tf"), config("none"))
	plan := w.mustRun(nil, "plan", "-no-color", "-input=false", "-out=tfplan")
	state := readFile(t, w.path("terraform.tfstate"))
	reapply := w.mustRun(nil, "apply", "-no-color", "-input=false", "tfplan")
	show := w.mustRun(nil, "show", "-no-color")

	if !strings.Contains(plan.stdout, plainOutputMark) || !strings.Contains(plan.stdout, "sensitive_outputs") {
		t.Fatalf("the plan lists neither the recorded outputs nor sensitive_outputs; the test would prove nothing:\n%s", plan)
	}
	if !strings.Contains(plan.stdout, "0 to add, 3 to change, 0 to destroy") {
		t.Errorf("changing keep_output must change the runs in place:\n%s", plan)
	}
	// The agents return output in Base64: the log must hold neither form.
	log := readFile(t, logFile)
	if len(linesWith(log, "Received vendor API response")) == 0 {
		t.Fatalf("the TRACE log holds no response; the test would prove nothing:\n%.2000s", log)
	}
	for _, secret := range []string{tatOutputSecret, ecsOutputSecret} {
		for _, form := range []string{secret, base64.StdEncoding.EncodeToString([]byte(secret + "\n"))} {
			if strings.Contains(log, form) {
				t.Errorf("the printed secret %q found in the TRACE log as %q", secret, form)
			}
		}
		if !strings.Contains(state, secret) {
			t.Errorf("the state lacks the output %q, kept in sensitive_outputs", secret)
		}
		for place, text := range map[string]string{
			"apply output": apply.stdout + apply.stderr, "plan output": plan.stdout + plan.stderr,
			"second apply output": reapply.stdout + reapply.stderr, "show output": show.stdout,
		} {
			if strings.Contains(text, secret) {
				t.Errorf("the printed secret %q found in the %s", secret, place)
			}
		}
	}
}

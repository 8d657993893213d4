package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// actionConfig declares actions and nothing else: `terraform apply
// -invoke` carries one out with no resource to create.
const actionConfig = `
action "cloudcmd_tat_run_command" "restart" {
  config {
    content         = "echo restarting\necho restarted on $(hostname)"
    instance_ids    = ["ins-aaaa0001", "ins-aaaa0002", "ins-aaaa0003"]
    max_concurrency = "2"
  }
}

action "cloudcmd_ecs_run_command" "check" {
  config {
    type            = "RunShellScript"
    command_content = "echo checking\nfail-on i-bbbb0002 5"
    instance_ids    = ["i-aaaa0001", "i-bbbb0002"]
  }
}
`

// TestTerraformInvokeAction_progress invokes actions with `terraform apply
// -invoke`, as a user would for a day-2 operation: Terraform shows the
// progress of each wave and one line per instance as `Action
// action.TYPE.NAME: ...`, the script runs once per invocation, nothing is
// recorded in state, and a failed instance fails the apply, named.
func TestTerraformInvokeAction_progress(t *testing.T) {
	t.Parallel()
	terraform := preCheck(t)
	requireTerraformAtLeast(t, terraform, "1.14.0", "terraform apply -invoke")
	fake := acctest.StartFake(t)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+actionConfig)

	apply := w.mustRun(nil, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_tat_run_command.restart")
	const prefix = `(?m)^Action action\.cloudcmd_tat_run_command\.restart \(triggered by CLI\): `
	for _, want := range []string{
		prefix + `wave 1 of 2 \(2 instances\): TAT invocation inv-[a-z0-9]{8}: sent after 0s$`,
		prefix + `wave 1 of 2 \(2 instances\): TAT invocation inv-[a-z0-9]{8}: SUCCESS \(2 SUCCESS\) after \d+m?s$`,
		prefix + `wave 2 of 2 \(1 instance\): TAT invocation inv-[a-z0-9]{8}: SUCCESS \(1 SUCCESS\) after \d+m?s$`,
		prefix + `ins-aaaa0001: SUCCESS, exit code 0; last lines: "restarting", "restarted on ins-aaaa0001"$`,
		prefix + `ins-aaaa0003: SUCCESS, exit code 0; last lines: "restarting", "restarted on ins-aaaa0003"$`,
		`Action complete: action\.cloudcmd_tat_run_command\.restart`,
	} {
		if !regexp.MustCompile(want).MatchString(apply.stdout) {
			t.Errorf("the apply does not show %s:\n%s", want, apply)
		}
	}
	if n := len(fake.Executions().ByContent(fakecloud.VendorTencent)); n != 1 {
		t.Errorf("%d scripts ran, want 1", n)
	}
	runs := func() int {
		for _, hosts := range fake.Executions().ByContent(fakecloud.VendorTencent) {
			return len(hosts)
		}
		return 0
	}
	if n := runs(); n != 3 {
		t.Errorf("the script ran %d times, want once on each of 3 instances", n)
	}
	if state, err := os.ReadFile(w.path("terraform.tfstate")); err == nil && strings.Contains(string(state), "inv-") {
		t.Errorf("an action left a record in state:\n%s", state)
	}

	// Invoked again, it runs again: an action has no state to compare.
	w.mustRun(nil, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_tat_run_command.restart")
	if n := runs(); n != 6 {
		t.Errorf("after a second invocation the script ran %d times, want 6", n)
	}

	failed := w.run(t.Context(), nil, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_ecs_run_command.check")
	if failed.err == nil {
		t.Fatalf("the apply succeeded although i-bbbb0002 failed:\n%s", failed)
	}
	for _, want := range []string{
		`Action action\.cloudcmd_ecs_run_command\.check \(triggered by CLI\): i-bbbb0002: Failed, exit code 5.*last lines: "checking"`,
		`Action action\.cloudcmd_ecs_run_command\.check \(triggered by CLI\): i-aaaa0001: Success, exit code 0`,
		`Action failed: action\.cloudcmd_ecs_run_command\.check`,
	} {
		if !regexp.MustCompile(want).MatchString(failed.stdout) {
			t.Errorf("the failed apply does not show %s:\n%s", want, failed)
		}
	}
	if !strings.Contains(failed.stderr, "ECS Command Failed") || !strings.Contains(failed.stderr, "i-bbbb0002: Failed, exit code 5") {
		t.Errorf("the error does not name the instance that failed:\n%s", failed)
	}
}

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
)

// TestWaitCutByItsTimeout runs a command that outlasts the resource's create
// timeout. The apply fails, but the invocation the cloud accepted is in
// state, tainted, and the next plan proposes exactly one re-run.
func TestWaitCutByItsTimeout(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+longRunConfig)

	apply := w.run(t.Context(), nil, "apply", "-no-color", "-input=false", "-auto-approve")
	if apply.err == nil {
		t.Fatalf("the apply succeeded although the wait timed out:\n%s", apply)
	}
	invocations := fake.Tencent().Invocations()
	if len(invocations) != 1 {
		t.Fatalf("the fake holds %d invocations, want 1", len(invocations))
	}
	requireTaintedRunInState(t, w, invocations[0].ID)
}

// requireTaintedRunInState checks that the state records the run with this
// ID, tainted, and that the next plan replaces it and nothing else.
func requireTaintedRunInState(t *testing.T, w *workspace, id string) {
	t.Helper()
	state := readFile(t, w.path("terraform.tfstate"))
	if !strings.Contains(state, fmt.Sprintf("%q", id)) {
		t.Fatalf("the state does not record invocation %s:\n%s", id, state)
	}
	if !strings.Contains(state, `"status": "tainted"`) {
		t.Errorf("the invocation is not tainted in state:\n%s", state)
	}
	plan := w.mustRun(nil, "plan", "-no-color", "-input=false")
	for _, want := range []string{
		"cloudcmd_tat_invocation.long is tainted, so must be replaced",
		"Plan: 1 to add, 0 to change, 1 to destroy.",
	} {
		if !strings.Contains(plan.stdout, want) {
			t.Errorf("the plan lacks %q:\n%s", want, plan)
		}
	}
}

// longRunConfig runs a ten-minute script with a create timeout of a few
// seconds. The fake runs scripts in simulated time on the wall clock, so
// the script is still running when the wait gives up.
const longRunConfig = `
resource "cloudcmd_tat_command" "long" {
  name         = "long"
  command_type = "SHELL"
  content      = "sleep 600"
  timeout      = 3600
}

resource "cloudcmd_tat_invocation" "long" {
  command_id   = cloudcmd_tat_command.long.id
  instance_ids = ["ins-long0001"]
  timeouts = {
    create = "3s"
  }
}
`

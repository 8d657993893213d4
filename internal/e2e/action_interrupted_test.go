//go:build linux

package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// longActionConfig is an action whose first wave of two runs a ten-minute
// script.
const longActionConfig = `
action "cloudcmd_tat_run_command" "long" {
  config {
    content         = "sleep 600"
    timeout         = 3600
    instance_ids    = ["ins-aaaa0001", "ins-aaaa0002", "ins-aaaa0003"]
    max_concurrency = "2"
  }
}
`

// TestTerraformInvokeAction_interrupted presses Ctrl-C (SIGINT to
// terraform) while an action waits for its first wave: the run is stopped
// on its instances, and the second wave is never sent. Terraform shows no
// diagnostic of an action it interrupted, so the progress line that names
// the invocation, shown once it was sent, is what the user follows it by.
func TestTerraformInvokeAction_interrupted(t *testing.T) {
	t.Parallel()
	terraform := preCheck(t)
	requireTerraformAtLeast(t, terraform, "1.14.0", "terraform apply -invoke")
	fake := acctest.StartFake(t)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+longActionConfig)

	apply, out := w.start("apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_tat_run_command.long")
	waitFor(t, "the invocation to reach the fake", func() bool { return len(fake.Tencent().Invocations()) == 1 })
	if err := apply.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("interrupting terraform: %v", err)
	}
	_ = apply.Wait() // Terraform 1.15 ends an interrupted -invoke with "Apply complete!"
	inv := requireOneCancelledRun(t, fake)
	if !strings.Contains(out.String(), "wave 1 of 2 (2 instances): TAT invocation "+inv+": sent") {
		t.Errorf("the progress does not name invocation %s:\n%s", inv, out)
	}
}

// TestTerraformInvokeAction_providerStopped sends SIGTERM to the provider
// while an action waits for its first wave: the run is stopped, the action
// fails naming it and the instances never sent.
func TestTerraformInvokeAction_providerStopped(t *testing.T) {
	t.Parallel()
	terraform := preCheck(t)
	requireTerraformAtLeast(t, terraform, "1.14.0", "terraform apply -invoke")
	fake := acctest.StartFake(t)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+longActionConfig)

	apply, out := w.start("apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_tat_run_command.long")
	waitFor(t, "the invocation to reach the fake", func() bool { return len(fake.Tencent().Invocations()) == 1 })
	pid := waitForChild(t, apply.Process.Pid, filepath.Join(providerBinaries(t), "terraform-provider-cloudcmd"))
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatalf("signalling the provider: %v", err)
	}
	if err := apply.Wait(); err == nil {
		t.Fatalf("the apply succeeded although the provider was stopped:\n%s", out)
	}
	inv := requireOneCancelledRun(t, fake)
	shown := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{
		`TAT Command Interrupted`,
		regexp.QuoteMeta(`waiting for TAT invocation ` + inv),
		`It was asked to stop on every instance`,
		`cloudcmd_invocations data source`,
		`1 instances were never sent: ins-aaaa0003`,
	} {
		if !regexp.MustCompile(want).MatchString(shown) {
			t.Errorf("the output lacks %s:\n%s", want, out)
		}
	}
}

// requireOneCancelledRun checks that the fake holds one invocation,
// cancelled, and returns its ID.
func requireOneCancelledRun(t *testing.T, fake *fakecloud.Server) string {
	t.Helper()
	invocations := fake.Tencent().Invocations()
	if len(invocations) != 1 {
		t.Fatalf("the fake holds %d invocations, want the first wave's alone", len(invocations))
	}
	if invocations[0].Status != "CANCELLED" {
		t.Errorf("the interrupted invocation is %s, want CANCELLED", invocations[0].Status)
	}
	return invocations[0].ID
}

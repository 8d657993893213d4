//go:build linux

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
)

// TestProviderStoppedMidWait sends SIGTERM to the provider process while it
// waits for a ten-minute command. The provider answers terraform before it
// exits, so the run the cloud accepted is in state, tainted, and the next
// plan proposes exactly one re-run.
func TestProviderStoppedMidWait(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	config := strings.Replace(longRunConfig, `create = "3s"`, `create = "10m"`, 1)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+config)

	apply, stdout := w.start("apply", "-no-color", "-input=false", "-auto-approve")
	waitFor(t, "the invocation to reach the fake", func() bool { return len(fake.Tencent().Invocations()) == 1 })
	pid := waitForChild(t, apply.Process.Pid, filepath.Join(providerBinaries(t), "terraform-provider-cloudcmd"))
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatalf("signalling the provider: %v", err)
	}
	if err := apply.Wait(); err == nil {
		t.Fatalf("the apply succeeded although the provider was stopped:\n%s", stdout)
	}
	if !strings.Contains(stdout.String(), "Provider Stopped While Waiting") {
		t.Errorf("the apply does not say the provider stopped:\n%s", stdout)
	}
	requireTaintedRunInState(t, w, fake.Tencent().Invocations()[0].ID)
}

// TestTerraformInterruptedMidWait sends SIGINT (Ctrl-C) to terraform while
// the provider waits for a ten-minute command. Terraform asks the provider
// to stop; the wait ends, is said to be an interruption (not a timeout),
// and the run the cloud accepted is in state, tainted.
func TestTerraformInterruptedMidWait(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	config := strings.Replace(longRunConfig, `create = "3s"`, `create = "10m"`, 1)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake)+config)

	apply, stdout := w.start("apply", "-no-color", "-input=false", "-auto-approve")
	waitFor(t, "the invocation to reach the fake", func() bool { return len(fake.Tencent().Invocations()) == 1 })
	if err := apply.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("interrupting terraform: %v", err)
	}
	if err := apply.Wait(); err == nil {
		t.Fatalf("the apply succeeded although it was interrupted:\n%s", stdout)
	}
	out := stdout.String()
	if !strings.Contains(out, "Interrupted While Waiting") || strings.Contains(out, "Timed Out") {
		t.Errorf("the apply does not say it was interrupted, or calls it a timeout:\n%s", out)
	}
	requireTaintedRunInState(t, w, fake.Tencent().Invocations()[0].ID)
}

// start runs terraform in the background; its stdout and stderr go to the
// returned buffer.
func (w *workspace) start(args ...string) (*exec.Cmd, *bytes.Buffer) {
	w.t.Helper()
	cmd := exec.CommandContext(w.t.Context(), w.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(cleanEnv(), w.env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	return cmd, &out
}

// waitFor polls cond until it holds, failing the test after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitForChild finds the process running binary whose parent is ppid.
func waitForChild(t *testing.T, ppid int, binary string) int {
	t.Helper()
	var pid int
	waitFor(t, "the provider process", func() bool {
		pid = childRunning(ppid, binary)
		return pid != 0
	})
	return pid
}

func childRunning(ppid int, binary string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err != nil || exe != binary {
			continue
		}
		if parentOf(pid) == ppid {
			return pid
		}
	}
	return 0
}

// parentOf reads a process's parent from /proc/PID/stat, whose second field
// (the command name, in parentheses) may itself hold spaces.
func parentOf(pid int) int {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	_, rest, ok := strings.Cut(string(stat), ") ")
	if !ok {
		return 0
	}
	fields := strings.Fields(rest)
	if len(fields) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(fields[1])
	return ppid
}

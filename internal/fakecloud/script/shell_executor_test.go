package script

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shellRun runs script with ShellExecutor in dir under timeout.
func shellRun(t *testing.T, script, dir string, timeout time.Duration) ExecResult {
	t.Helper()
	requireShell(t)
	return ShellExecutor{}.Execute(context.Background(), ExecRequest{
		InstanceID: "ins-local001", Script: script, CommandType: "SHELL", WorkingDirectory: dir, Timeout: timeout,
	})
}

func TestShellExecutorEcho(t *testing.T) {
	t.Parallel()
	got := shellRun(t, "echo hello\necho oops >&2\nprintf done", t.TempDir(), 10*time.Second)
	if string(got.Output) != "hello\noops\ndone" || got.ExitCode != 0 || got.Dropped != 0 || got.StartError != "" {
		t.Errorf("got %+v (output %q)", got, got.Output)
	}
	if got.Duration <= 0 || got.Duration >= 10*time.Second {
		t.Errorf("Duration %v", got.Duration)
	}
}

func TestShellExecutorExitCode(t *testing.T) {
	t.Parallel()
	got := shellRun(t, "echo before\nexit 3\necho after", t.TempDir(), 10*time.Second)
	if string(got.Output) != "before\n" || got.ExitCode != 3 {
		t.Errorf("exit code %d, output %q; want 3 and %q", got.ExitCode, got.Output, "before\n")
	}
}

func TestShellExecutorTimeout(t *testing.T) {
	t.Parallel()
	// Long enough for a real shell to start and print on a loaded machine.
	const timeout = time.Second
	got := shellRun(t, "echo started\nsleep 30\necho never", t.TempDir(), timeout)
	if string(got.Output) != "started\n" || got.ExitCode != ExitKilled {
		t.Errorf("exit code %d, output %q; want %d and %q", got.ExitCode, got.Output, ExitKilled, "started\n")
	}
	// Killing the process group stops the sleep too, so the run does not
	// wait for the output to be let go.
	if got.Duration <= timeout || got.Duration >= timeout+shellWaitDelay {
		t.Errorf("Duration %v, want just over %v", got.Duration, timeout)
	}
}

func TestShellExecutorWorkingDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := shellRun(t, "pwd -P", dir, 10*time.Second); string(got.Output) != resolved+"\n" {
		t.Errorf("ran in %q, want %q", got.Output, resolved)
	}

	missing := filepath.Join(dir, "missing")
	got := shellRun(t, "pwd", missing, 10*time.Second)
	tmp := strings.TrimSpace(string(got.Output))
	if got.ExitCode != 0 || tmp == "" || tmp == missing {
		t.Fatalf("with a missing directory: exit code %d, ran in %q", got.ExitCode, tmp)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary directory %s is left behind (%v)", tmp, err)
	}
}

func TestShellExecutorOutputIsCapped(t *testing.T) {
	t.Parallel()
	// 3000 lines of 10 bytes.
	got := shellRun(t, `i=0; while [ $i -lt 3000 ]; do echo 123456789; i=$((i+1)); done`, t.TempDir(), 30*time.Second)
	if len(got.Output) != MaxOutputBytes || got.Dropped != 30000-MaxOutputBytes || got.ExitCode != 0 {
		t.Errorf("kept %d bytes, dropped %d, exit code %d; want %d, %d, 0", len(got.Output), got.Dropped, got.ExitCode, MaxOutputBytes, 30000-MaxOutputBytes)
	}
}

func TestShellExecutorRunsBothVendorsShellScripts(t *testing.T) {
	t.Parallel()
	requireShell(t)
	for _, commandType := range []string{"SHELL", "RunShellScript"} {
		got := ShellExecutor{}.Execute(context.Background(), ExecRequest{Script: "echo hi", CommandType: commandType, Timeout: 10 * time.Second})
		if string(got.Output) != "hi\n" || got.StartError != "" {
			t.Errorf("%s: %+v", commandType, got)
		}
	}
}

func TestShellExecutorRunsShellOnly(t *testing.T) {
	t.Parallel()
	for _, commandType := range []string{"POWERSHELL", "BAT", "RunPowerShellScript", "RunBatScript"} {
		got := ShellExecutor{}.Execute(context.Background(), ExecRequest{Script: "echo hi", CommandType: commandType, Timeout: time.Second})
		if got.StartError != "invalid cmd_type: "+commandType || len(got.Output) != 0 {
			t.Errorf("%s: %+v", commandType, got)
		}
	}
}

// requireShell skips a test where there is no shell to run scripts with.
func requireShell(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(ShellPath); err != nil {
		t.Skipf("no %s here: %v", ShellPath, err)
	}
}

func TestShellExecutorHostnameIsTheInstanceID(t *testing.T) {
	t.Parallel()
	got := shellRun(t, `hostname; echo "on $(hostname)"; sh -c hostname`, t.TempDir(), 10*time.Second)
	if want := "ins-local001\non ins-local001\nins-local001\n"; string(got.Output) != want || got.ExitCode != 0 {
		t.Errorf("output %q, exit code %d; want %q", got.Output, got.ExitCode, want)
	}
}

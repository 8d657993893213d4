package script

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// boundedRun interprets script with a 10-second timeout.
func boundedRun(script string) Run {
	return Interpret(ExecRequest{InstanceID: testInstance, Script: script, CommandType: "SHELL", Timeout: 10 * time.Second})
}

// TestShellAliasCannotSmuggleProcessSubstitution: an alias is expanded as
// the script runs, after the check of the parsed script.
func TestShellAliasCannotSmuggleProcessSubstitution(t *testing.T) {
	fifos := func() []string {
		found, _ := filepath.Glob(filepath.Join(os.TempDir(), "sh-interp-*"))
		return found
	}
	before := len(fifos())
	for _, script := range []string{
		"shopt -s expand_aliases; alias p='cat <(echo x)'; p; wait; echo done",
		"shopt -s expand_aliases; eval \"alias p='cat >(echo x)'\"; p; wait; echo done",
	} {
		got, run := shellOutput(t, script)
		if want := "sh: line 1: alias: process substitution is not simulated\nsh: line 1: p: command not found\ndone\n"; got != want || run.TimedOut {
			t.Errorf("%q: output %q (timed out %v), want %q", script, got, run.TimedOut, want)
		}
	}
	if after := len(fifos()); after > before {
		t.Errorf("%d named pipes appeared in %s", after-before, os.TempDir())
	}
}

// TestShellLoopsWithoutCommandsAreCounted: arithmetic and test commands do
// not reach the call handler, but every turn of a loop does.
func TestShellLoopsWithoutCommandsAreCounted(t *testing.T) {
	t.Parallel()
	for _, script := range []string{
		"while ((1)); do ((1)); done",
		"until ((0)); do [[ -n x ]]; done",
		"for ((i = 0; 1; i++)); do ((++i)); done",
		"eval 'while ((1)); do ((1)); done'",
		"f() { while ((1)); do ((1)); done; }; f",
		"echo 'while ((1)); do ((1)); done' > /tmp/spin; . /tmp/spin",
		"x=$(while ((1)); do ((1)); done); echo never",
	} {
		t.Run(script, func(t *testing.T) {
			t.Parallel()
			run := boundedRun(script)
			if !run.TimedOut || run.ExitCode != ExitKilled {
				t.Errorf("timed out %v, exit code %d; want it run until its timeout", run.TimedOut, run.ExitCode)
			}
		})
	}
}

// TestShellMemoryIsBounded: a script's variables and captured output stay
// within their bounds whatever it does.
func TestShellMemoryIsBounded(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, script, output string }{
		{"a doubling variable", "x=x; while true; do x=$x$x; done", "xmalloc: cannot allocate"},
		// Elements of 1 KiB reach the bound in few elements, so the memory
		// bound, not the real-time one, ends it even under the race detector.
		{"a growing array", "x=0123456789abcdef; for i in 1 2 3 4 5 6; do x=$x$x; done; a=(\"$x\"); while true; do a+=(\"${a[@]}\"); done", "xmalloc: cannot allocate"},
		{"a huge command substitution", "x=$(seq 1000000000000); echo ${#x}", "1"},
		{"echo into a capture", "x=0123456789abcdef; while ((${#x} < 500000)); do x=$x$x; done; y=$(while true; do echo $x; done)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			run := boundedRun(tt.script)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			out, _ := run.OutputUntil(run.Duration)
			if !strings.Contains(string(out), tt.output) {
				t.Errorf("output %q, want it to hold %q", out, tt.output)
			}
			if run.ExitCode == 0 && !strings.Contains(tt.script, "echo ${#x}") {
				t.Errorf("exit code 0, want a failure")
			}
			// TotalAlloc counts every allocation of the test binary, which
			// the other tests share: the bound is far above what a bounded
			// script allocates and far below an unbounded one.
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 2<<30 {
				t.Errorf("allocated %d MiB", grown>>20)
			}
		})
	}
}

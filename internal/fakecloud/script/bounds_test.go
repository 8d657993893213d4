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

// memoryBoundRun is boundedRun with 30 seconds of real time in place of
// maxShellRealTime, so that a bound on memory, not the real-time bound,
// ends the script whatever else the machine runs.
func memoryBoundRun(script string) Run {
	return interpretShellWithin(ExecRequest{InstanceID: testInstance, Script: script, CommandType: "SHELL", Timeout: 10 * time.Second}, 30*time.Second)
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
	// big is a variable of 512 KiB, half the bound of all variables.
	const big = "x=0123456789abcdef; for i in $(seq 15); do x=$x$x; done"
	// medium is a variable of 128 KiB: code made of it passes the bound on
	// code in a few turns, with little to parse.
	const medium = "x=0123456789abcdef; for i in $(seq 13); do x=$x$x; done"
	tests := []struct{ name, script, output string }{
		{"a doubling variable", "x=x; while true; do x=$x$x; done", "xmalloc: cannot allocate"},
		// Elements of 1 KiB reach the bound in few elements, so the memory
		// bound, not the real-time one, ends it even under the race detector.
		{"a growing array", "x=0123456789abcdef; for i in 1 2 3 4 5 6; do x=$x$x; done; a=(\"$x\"); while true; do a+=(\"${a[@]}\"); done", "xmalloc: cannot allocate"},
		{"a huge command substitution", "x=$(seq 1000000000000); echo ${#x}", "1"},
		{"echo into a capture", "x=0123456789abcdef; while ((${#x} < 500000)); do x=$x$x; done; y=$(while true; do echo $x; done)", ""},
		// Within one statement: what a single expansion allocates.
		{"a replacement by a variable", big + "; z=${x//?/$x}; echo never", "line 1: xmalloc: cannot allocate"},
		{"a replacement in a double-quoted argument", big + "; echo \"${x//[0-9]/$x$x}\"", "xmalloc: cannot allocate"},
		{"doublings with no command between", big + strings.Repeat("; x=$x$x", 12) + "; echo never", "xmalloc: cannot allocate"},
		{"doublings in one statement", big + "; x=$x$x" + strings.Repeat(" x=$x$x", 11) + "; echo never", "xmalloc: cannot allocate"},
		{"a word naming a variable many times", big + "; echo " + strings.Repeat("$x", 500), "xmalloc: cannot allocate"},
		{"a brace expansion of a variable", big + "; echo {1..16000}$x", "xmalloc: cannot allocate"},
		{"a here-document naming a variable many times", big + "; cat <<EOF\n" + strings.Repeat("$x", 500) + "\nEOF\n", "xmalloc: cannot allocate"},
		{"a default value", big + "; echo ${unset:-" + strings.Repeat("$x", 500) + "}", "xmalloc: cannot allocate"},
		{"eval of a replacement", big + "; eval 'y=${x//?/$x}'", "xmalloc: cannot allocate"},
		{"positional parameters doubling", big + "; set -- $x; while true; do set -- \"$@\" \"$@\"; done", "xmalloc: cannot allocate"},
		{"eval of ever new code", medium + "; for i in $(seq 100); do eval \"f$i() { : $x; }\"; done", "xmalloc: cannot allocate"},
		{"aliases of large values", medium + "; for i in $(seq 100); do alias a$i=\": $x\"; done", "xmalloc: cannot allocate"},
		{"sh -c of large code", medium + "; for i in $(seq 100); do sh -c \": $x\"; done", "xmalloc: cannot allocate"},
		{"globs listing a directory many times over", "cd /tmp; touch " + strings.Repeat("a-file-with-a-long-name-", 8) + "{1..300}; y='*'; for i in $(seq 14); do y=\"$y $y\"; done; echo $y", "xmalloc: cannot allocate"},
		{"a replacement made of globs", "cd /tmp; touch " + strings.Repeat("a-file-with-a-long-name-", 8) + "{1..300}; y=x; for i in $(seq 14); do y=$y$y; done; echo ${y//?/* }", "xmalloc: cannot allocate"},
		{"a recursion holding its arguments", big + "; f() { f \"${1}x\"; }; f \"$x\"", "xmalloc: cannot allocate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			run := memoryBoundRun(tt.script)
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

// TestShellFileEntriesAreBounded: empty files and directories take room
// too, so a script that makes them without end runs out of it; removing
// them gives it back.
func TestShellFileEntriesAreBounded(t *testing.T) {
	t.Parallel()
	run := memoryBoundRun("cd /tmp; for i in $(seq 100); do touch f$i-{1..1000} || { echo full at $i; break; }; done; rm -f f*; touch again && echo room again")
	out, _ := run.OutputUntil(run.Duration)
	if !strings.Contains(string(out), "No space left on device") || !strings.Contains(string(out), "full at ") || !strings.HasSuffix(string(out), "room again\n") {
		t.Errorf("output %q, want touch to run out of room, then room again after rm", out)
	}
	run = memoryBoundRun("for i in $(seq 100); do mkdir -p /srv/d$i/{1..1000} || { echo full; break; }; done")
	if out, _ := run.OutputUntil(run.Duration); !strings.Contains(string(out), "full\n") {
		t.Errorf("output %q, want mkdir to run out of room", out)
	}
}

// TestShellRecursionIsBounded: functions nest at most maxFunctionDepth
// deep, as bash's FUNCNEST bounds them, and a function that returns frees
// its frame.
func TestShellRecursionIsBounded(t *testing.T) {
	t.Parallel()
	run := memoryBoundRun("f() { f; }; f; echo never")
	out, _ := run.OutputUntil(run.Duration)
	if want := "sh: line 1: f: maximum function nesting level exceeded (500)\n"; string(out) != want || run.ExitCode != 1 {
		t.Errorf("output %q, exit code %d; want %q, 1", out, run.ExitCode, want)
	}
	// 110 calls 10 deep: 1,100 frames in all, never more than 10 at once.
	run = memoryBoundRun("n=0; f() { n=$((n+1)); if ((n % 10)); then f; fi; }; for i in $(seq 110); do f; done; echo $n")
	if out, _ := run.OutputUntil(run.Duration); string(out) != "1100\n" || run.ExitCode != 0 {
		t.Errorf("output %q, exit code %d; want 1100, 0", out, run.ExitCode)
	}
}

// TestShellCodeRunAgainIsCountedOnce: eval of the same code in a loop
// brings it in once; ten times 128 KiB counted every turn would pass the
// bound on code.
func TestShellCodeRunAgainIsCountedOnce(t *testing.T) {
	t.Parallel()
	run := memoryBoundRun("x=0123456789abcdef; for i in $(seq 13); do x=$x$x; done; for i in $(seq 10); do eval \": $x\"; done; echo ok")
	if out, _ := run.OutputUntil(run.Duration); string(out) != "ok\n" || run.ExitCode != 0 {
		t.Errorf("output %q, exit code %d; want ok, 0", out, run.ExitCode)
	}
}

// TestShellGuardsAreInvisible: the guards of the statements that expand
// parameters change nothing a script sees: not $?, not the trace of set
// -x, not where a statement's standard error goes.
func TestShellGuardsAreInvisible(t *testing.T) {
	t.Parallel()
	tests := []struct{ script, want string }{
		{"false; echo $? ${HOME//o/0}", "1 /r00t\n"},
		{"set -x; y=$HOME; echo \"$y\"", "+ y=/root\n+ echo /root\n/root\n"},
		{"echo ${HOME} >&2; echo ${HOME} 2>/dev/null >&2; ls /nowhere 2>/dev/null || echo $?", "/root\n2\n"},
		{"f() { echo \"$1${2:-}\"; return 4; }; f a b; echo $?", "ab\n4\n"},
		{"for i in $(seq 3); do eval 'x=${i}${HOME//o/0}'; echo $x; done", "1/r00t\n2/r00t\n3/r00t\n"},
		{"set -e; if false; then :; else echo ${HOME}; fi; echo done", "/root\ndone\n"},
	}
	for _, tt := range tests {
		run := boundedRun(tt.script)
		if out, _ := run.OutputUntil(run.Duration); string(out) != tt.want || run.ExitCode != 0 {
			t.Errorf("%s: output %q, exit code %d; want %q, 0", tt.script, out, run.ExitCode, tt.want)
		}
	}
}

// TestShellAliasesExpandNothing: an alias is expanded when it is used,
// past the guards given to the parsed script, so its value may not expand
// anything; an alias of plain words works.
func TestShellAliasesExpandNothing(t *testing.T) {
	t.Parallel()
	run := boundedRun("shopt -s expand_aliases; alias p='echo ${HOME//?/$HOME}'; p; alias l='echo plain words'; l")
	want := "sh: line 1: alias: expansions in an alias are not simulated\nsh: line 1: p: command not found\nplain words\n"
	if out, _ := run.OutputUntil(run.Duration); string(out) != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

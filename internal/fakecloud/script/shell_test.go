package script

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shellOutput runs a shell script on testInstance in /srv with a generous
// timeout and returns its whole output.
func shellOutput(t *testing.T, script string) (string, Run) {
	t.Helper()
	run := Interpret(ExecRequest{InstanceID: testInstance, Script: script, CommandType: "SHELL", WorkingDirectory: "/srv", Timeout: time.Hour})
	out, _ := run.OutputUntil(run.Duration)
	return string(out), run
}

func TestShellGrammar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"semicolon", "echo checking; exit 4", "checking\n", 4},
		{"and", "true && echo yes; false && echo no", "yes\n", 1},
		{"or", "false || echo fallback", "fallback\n", 0},
		{"if", `if [ "$(hostname)" = ` + testInstance + ` ]; then echo match; else echo other; fi`, "match\n", 0},
		{"for", "for i in a b c; do echo $i; done", "a\nb\nc\n", 0},
		{"while", "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done", "1\n2\n3\n", 0},
		{"case", `case "$HOME" in /root) echo home;; *) echo elsewhere;; esac`, "home\n", 0},
		{"variables", `x=hello; echo "$x world" '$x'`, "hello world $x\n", 0},
		{"functions", `greet() { echo "hi $1"; return 3; }; greet bob`, "hi bob\n", 3},
		{"pipe", "seq 3 | cat", "1\n2\n3\n", 0},
		{"pipe into a loop", `printf 'a\nb\n' | while read -r line; do echo "got $line"; done`, "got a\ngot b\n", 0},
		{"command substitution", `echo "on $(hostname)"`, "on " + testInstance + "\n", 0},
		{"exit status of a pipeline", "true | false", "", 1},
		{"subshell exit", "(exit 5); echo $?", "5\n", 0},
		{"set -e", "set -e; echo one; false; echo two", "one\n", 1},
		{"background job", "echo a & wait; echo b", "a\nb\n", 0},
		{"here document", "cat <<EOF\nline $((1+1))\nEOF", "line 2\n", 0},
		{"stderr is output too", "echo oops >&2", "oops\n", 0},
		{"printf", `printf '%s=%d\n' a 1 b 2`, "a=1\nb=2\n", 0},
		{"CRLF line endings", "echo a\r\necho b\r\n", "a\nb\n", 0},
		{"shebang and comments", "#!/bin/bash\n# note\necho x # trailing", "x\n", 0},
		{"exit modulo 256", "exit 257", "", 1},
		{"negative exit", "exit -1", "", 255},
		{"bare exit takes the last status", "false\nexit", "", 1},
		{"the last status is the script's", "echo x\nfalse", "x\n", 1},
		{"hostname", "hostname", testInstance + "\n", 0},
		{"hostname by path", "/bin/hostname", testInstance + "\n", 0},
		{"hostname file", "cat /etc/hostname", testInstance + "\n", 0},
		{"seq", "seq 3; seq 0", "1\n2\n3\n", 0},
		{"invalid seq fails", "seq -3", "seq: invalid argument \"-3\"\n", 1},
		{"invalid sleep fails", "sleep soon", "sleep: invalid time interval \"soon\"\n", 1},
		{"fail-on this instance", "fail-on " + testInstance + "\necho never", "", 1},
		{"fail-on with a code", "fail-on " + testInstance + " 42", "", 42},
		{"fail-on another instance", "fail-on ins-other001 42; echo fine", "fine\n", 0},
		{"fail-on in a condition", "if fail-on ins-other001; then echo passed; fi", "passed\n", 0},
		{"home directories", "echo ~ ~root ~deployer/.ssh", "/root /root /home/deployer/.ssh\n", 0},
		{"environment", `echo "$HOME $USER $PATH $HOSTNAME"`, "/root root " + shellPath + " " + testInstance + "\n", 0},
		{"working directory", "pwd; cd /tmp && pwd -P; cd /nowhere || echo no", "/srv\n/tmp\ncd: no such file or directory: \"/nowhere\"\nno\n", 0},
		{"files of the run", "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; [ -f /tmp/f ] && echo file", "one\ntwo\nfile\n", 0},
		{"writing creates directories", "echo v > /etc/app/conf; cat /etc/app/conf; [ -d /etc/app ] && echo dir", "v\ndir\n", 0},
		{"redirect to a file prints nothing", "echo secret > out.txt; echo shown", "shown\n", 0},
		{"/dev/null", "echo gone > /dev/null; cat /dev/null; echo ok", "ok\n", 0},
		{"globs see the run's files", "cd /tmp; : > b; : > a; echo *", "a b\n", 0},
		{"a missing file", "cat /etc/passwd; echo $?", "cat: /etc/passwd: No such file or directory\n1\n", 0},
		{"reading a missing file", "read -r x < /etc/shadow || echo refused", "open /etc/shadow: no such file or directory\nrefused\n", 0},
		{"ownership", "echo > /tmp/f; [ -O /tmp/f ] && test -G /tmp/f && [[ -O /tmp/f ]] && echo owned; [ -O /tmp/none ] || echo missing", "owned\nmissing\n", 0},
		{"source", "echo 'echo sourced $x' > /tmp/lib.sh; x=1; . /tmp/lib.sh", "sourced 1\n", 0},
		{"command -v", "command -v hostname; command -v echo; command -v docker || echo missing", "/usr/bin/hostname\necho\nmissing\n", 0},
		{"type", "f() { :; }; type f sleep if echo", "f is a shell function\nsleep is /usr/bin/sleep\nif is a shell keyword\necho is a shell builtin\n", 0},
		{"type of an unknown command", "type docker", "sh: type: docker: not found\n", 1},
		{"syntax error", `echo "open ended`, "sh: 1:6: reached EOF without closing quote `\"`\n", 2},
		{"process substitution is refused", "cat <(echo hi)", "sh: line 1: process substitution is not simulated\n", 2},
		{"process substitution in eval is refused", "eval 'cat <(echo hi)'; echo $?", "sh: line 1: process substitution is not simulated\n1\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, run := shellOutput(t, tt.script)
			if got != tt.want || run.ExitCode != tt.exitCode || run.TimedOut {
				t.Errorf("output %q, exit code %d (timed out %v); want %q, %d", got, run.ExitCode, run.TimedOut, tt.want, tt.exitCode)
			}
		})
	}
}

func TestShellUnknownCommandsAreNotFound(t *testing.T) {
	t.Parallel()
	for _, script := range []string{"nginx -t", "docker run nginx", "/usr/bin/python3", "command docker", "exec docker", "builtin ls"} {
		got, run := shellOutput(t, script)
		name := strings.Fields(script)[0]
		if name == "command" || name == "exec" {
			name = "docker"
		}
		if name == "builtin" {
			if run.ExitCode == 0 {
				t.Errorf("%q succeeded", script)
			}
			continue
		}
		if want := "sh: line 1: " + name + ": command not found\n"; got != want || run.ExitCode != 127 {
			t.Errorf("%q: output %q, exit code %d; want %q, 127", script, got, run.ExitCode, want)
		}
	}
}

// TestShellRunsNothingOnThisMachine checks the sandbox: no program runs,
// no file of this machine is read or written, no variable of the fake's
// environment is seen.
func TestShellRunsNothingOnThisMachine(t *testing.T) {
	dir := t.TempDir()
	touched := filepath.Join(dir, "touched")
	written := filepath.Join(dir, "written")
	hostFile := filepath.Join(dir, "host.txt")
	if err := os.WriteFile(hostFile, []byte("host content\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CLOUDCMD_FAKE_HOST_VARIABLE", "leaked")
	here, err := os.Getwd() // a directory of this machine the script never wrote to
	if err != nil {
		t.Fatal(err)
	}

	script := strings.Join([]string{
		"touch " + touched,
		"echo $?",
		"echo data > " + written,
		"cat " + hostFile,
		"cd " + here + " || echo no directory",
		"echo \"${CLOUDCMD_FAKE_HOST_VARIABLE:-unset}\"",
		"command -v sh || echo no sh",
		"sh -c 'echo data > " + written + "; cat " + hostFile + "'",
		"type -p go || echo no go",
	}, "\n")
	got, _ := shellOutput(t, script)
	want := strings.Join([]string{
		"0",
		"cat: " + hostFile + ": No such file or directory",
		"cd: no such file or directory: \"" + here + "\"",
		"no directory",
		"unset",
		"/usr/bin/sh",
		"cat: " + hostFile + ": No such file or directory",
		"no go",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("output\n%s\nwant\n%s", got, want)
	}
	for _, path := range []string{touched, written} {
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s exists on this machine (%v)", path, err)
		}
	}
}

func TestShellSleepFollowsSimulatedTime(t *testing.T) {
	t.Parallel()
	script := "echo start\nsleep 2\necho middle\nfor i in 1 2; do sleep 0.5s; done; sleep 1m\necho end"
	run := Interpret(ExecRequest{InstanceID: testInstance, Script: script, CommandType: "RunShellScript", Timeout: time.Hour})
	if want := 63 * time.Second; run.Duration != want || run.TimedOut || run.ExitCode != 0 {
		t.Fatalf("duration %v (timed out %v, exit code %d), want %v", run.Duration, run.TimedOut, run.ExitCode, want)
	}
	for _, tt := range []struct {
		at   time.Duration
		want string
	}{
		{0, "start\n"},
		{1999 * time.Millisecond, "start\n"},
		{2 * time.Second, "start\nmiddle\n"},
		{62 * time.Second, "start\nmiddle\n"},
		{63 * time.Second, "start\nmiddle\nend\n"},
	} {
		if got, _ := run.OutputUntil(tt.at); string(got) != tt.want {
			t.Errorf("output at %v = %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestShellTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, output string
	}{
		{"sleep past the timeout", "echo start; sleep 5; echo at five; sleep 6; echo never", "start\nat five\n"},
		{"a loop that sleeps", "while true; do echo tick; sleep 4; done", "tick\ntick\ntick\n"},
		{"a sleep in a pipeline", "echo before; sleep 60 | cat; echo never", "before\n"},
		{"a loop that never sleeps", "echo spinning; while true; do :; done", "spinning\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := Interpret(ExecRequest{InstanceID: testInstance, Script: tt.script, CommandType: "SHELL", Timeout: 10 * time.Second})
			if !run.TimedOut || run.Duration != 10*time.Second || run.ExitCode != ExitKilled {
				t.Fatalf("timed out %v, duration %v, exit code %d; want true, 10s, %d", run.TimedOut, run.Duration, run.ExitCode, ExitKilled)
			}
			if got, _ := run.OutputUntil(run.Duration); string(got) != tt.output {
				t.Errorf("output %q, want %q", got, tt.output)
			}
		})
	}

	// Exactly the timeout is not past it.
	run := Interpret(ExecRequest{InstanceID: testInstance, Script: "sleep 10; echo made it", CommandType: "SHELL", Timeout: 10 * time.Second})
	if run.TimedOut || run.ExitCode != 0 || run.Duration != 10*time.Second {
		t.Errorf("a script taking exactly its timeout: timed out %v, exit code %d, duration %v", run.TimedOut, run.ExitCode, run.Duration)
	}
}

func TestShellOutputLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
		total  int64
	}{
		{"seq past the limit", "seq 10000", linesBytes(1, 10000)},
		{"huge seq is counted, not built", "seq 1000000000000", linesBytes(1, 1_000_000_000_000)},
		{"many echoes", "for i in $(seq 2000); do echo 0123456789abcdef; done", 2000 * 17},
		{"output after the limit is dropped", "seq 6000; echo tail", linesBytes(1, 6000) + 5},
		{"through a pipe", "seq 10000 | cat", linesBytes(1, 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := Interpret(ExecRequest{InstanceID: testInstance, Script: tt.script, CommandType: "SHELL", Timeout: time.Hour})
			out, dropped := run.OutputUntil(run.Duration)
			if len(out) != MaxOutputBytes || int64(dropped) != tt.total-MaxOutputBytes {
				t.Fatalf("kept %d bytes, dropped %d; want %d, %d", len(out), dropped, MaxOutputBytes, tt.total-MaxOutputBytes)
			}
			if !strings.HasPrefix(string(out), "1\n2\n3\n") && !strings.HasPrefix(string(out), "0123") {
				t.Errorf("kept output starts %q", out[:10])
			}
		})
	}
}

func TestShellFilesAreBounded(t *testing.T) {
	t.Parallel()
	got, run := shellOutput(t, "seq 1000000 > /tmp/big; echo $?")
	if got != "1\n" || run.ExitCode != 0 {
		t.Errorf("output %q, exit code %d; want the write to fail", got, run.ExitCode)
	}
}

// TestWindowsScriptsAreReadLineByLine keeps the Windows types' reading:
// a line is one command, whatever its operators; each type expands its
// own variables.
func TestWindowsScriptsAreReadLineByLine(t *testing.T) {
	t.Parallel()
	for commandType, variable := range map[string]string{
		"POWERSHELL": "$env:COMPUTERNAME", "RunPowerShellScript": "$env:COMPUTERNAME", "BAT": "%COMPUTERNAME%", "RunBatScript": "%COMPUTERNAME%",
	} {
		run := Interpret(ExecRequest{InstanceID: testInstance, Script: "echo checking; exit 4\necho " + variable, CommandType: commandType, Timeout: time.Hour})
		out, _ := run.OutputUntil(run.Duration)
		if want := "checking; exit 4\n" + testInstance + "\n"; string(out) != want || run.ExitCode != 0 {
			t.Errorf("%s: output %q, exit code %d; want %q, 0", commandType, out, run.ExitCode, want)
		}
	}
}

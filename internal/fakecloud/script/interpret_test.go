package script

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

const testInstance = "i-test00000000000001"

// interpretLines interprets script as PowerShell on instanceID.
func interpretLines(script, instanceID string, timeout time.Duration) Run {
	return interpretLinesAs(&powerShell, nil, script, instanceID, timeout)
}

// runOutput reads a script line by line, as the Windows command types are
// read, on testInstance with a generous timeout and returns its whole
// output.
func runOutput(t *testing.T, script string) (string, Run) {
	t.Helper()
	run := interpretLines(script, testInstance, time.Hour)
	out, _ := run.OutputUntil(run.Duration)
	return string(out), run
}

func TestScriptOutput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
		want   string
	}{
		{"echo", "echo hello world", "hello world\n"},
		{"echo joins words with one space", "echo   a    b\tc", "a b c\n"},
		{"echo without arguments", "echo", "\n"},
		{"echo -n", "echo -n no newline", "no newline"},
		{"double quotes keep spaces", `echo "a   b"`, "a   b\n"},
		{"single quotes keep spaces", `echo 'a   b'`, "a   b\n"},
		{"only one level of quotes is removed", `echo "'quoted'" '"too"'`, "'quoted' \"too\"\n"},
		{"backslashes are path separators", `echo C:\Windows\Temp "C:\Program Files\app"`, "C:\\Windows\\Temp C:\\Program Files\\app\n"},
		{"quotes join a word", `echo pre"mid dle"post`, "premid dlepost\n"},
		{"unterminated quote runs to the end", `echo "open ended`, "open ended\n"},
		{"variables are not expanded", "echo $HOME", "$HOME\n"},
		{"trailing comment", "echo visible # hidden", "visible\n"},
		{"hash inside a word", "echo a#b", "a#b\n"},
		{"comments and blank lines", "#!/bin/bash\n\n   # note\necho x\n", "x\n"},
		{"CRLF line endings", "echo a\r\necho b\r\n", "a\nb\n"},
		{"printf", `printf 'a\tb\n%s=%d%%\n' key 42`, "a\tb\nkey=42%\n"},
		{"printf without arguments for %s", `printf '[%s]'`, "[]"},
		{"printf keeps unknown sequences", `printf '\q %x'`, `\q %x`},
		{"hostname", "hostname", testInstance + "\n"},
		{"seq", "seq 3", "1\n2\n3\n"},
		{"seq 0", "seq 0", ""},
		{"redirect to a file", "echo secret > /tmp/f\necho shown", "shown\n"},
		{"attached redirect", "echo secret >>/tmp/f", ""},
		{"stdout and stderr redirect", "echo secret &> /tmp/f", ""},
		{"stderr redirect keeps stdout", "echo shown 2>/dev/null", "shown\n"},
		{"redirect to stderr keeps the output", "echo shown >&2", "shown\n"},
		{"quoted > is an argument", `echo a ">" b`, "a > b\n"},
		{"unknown commands are not recognized", "apt-get install -y nginx", "apt-get : The term 'apt-get' is not recognized as the name of a cmdlet, function, script file, or operable program.\n"},
		{"exit stops the script", "echo before\nexit 0\necho after", "before\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, _ := runOutput(t, tt.script); got != tt.want {
				t.Errorf("output %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScriptExitCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
		want   int64
	}{
		{"empty script", "", 0},
		{"exit N", "exit 3", 3},
		{"exit modulo 256", "exit 257", 1},
		{"negative exit", "exit -1", 255},
		{"exit with a word", "exit nope", 2},
		{"bare exit takes the last status", "false\nexit", 1},
		{"false does not stop the script", "false\necho still here", 0},
		{"false as the last line", "echo x\nfalse", 1},
		{"true", "false\ntrue", 0},
		{"fail-on this instance", "fail-on " + testInstance + "\necho never", 1},
		{"fail-on with a code", "fail-on " + testInstance + " 42", 42},
		{"fail-on another instance", "fail-on ins-other001 42", 0},
		{"invalid sleep fails", "sleep soon", 1},
		{"invalid seq fails", "seq -3", 1},
		{"an unknown command fails", "true\nsomething", 1},
		{"a known cmdlet succeeds", "false\nRestart-Service W32Time", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, run := runOutput(t, tt.script); run.ExitCode != tt.want || run.TimedOut {
				t.Errorf("exit code %d (timed out %v), want %d", run.ExitCode, run.TimedOut, tt.want)
			}
		})
	}
}

func TestScriptSleep(t *testing.T) {
	t.Parallel()
	run := interpretLines("echo start\nsleep 2\necho middle\nsleep 1.5 0.5s\nsleep 1m\necho end", testInstance, time.Hour)
	if want := 64 * time.Second; run.Duration != want || run.TimedOut {
		t.Fatalf("duration %v (timed out %v), want %v", run.Duration, run.TimedOut, want)
	}
	for _, tt := range []struct {
		at   time.Duration
		want string
	}{
		{0, "start\n"},
		{1999 * time.Millisecond, "start\n"},
		{2 * time.Second, "start\nmiddle\n"},
		{63 * time.Second, "start\nmiddle\n"},
		{64 * time.Second, "start\nmiddle\nend\n"},
	} {
		if got, _ := run.OutputUntil(tt.at); string(got) != tt.want {
			t.Errorf("output at %v = %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestScriptTimeout(t *testing.T) {
	t.Parallel()
	run := interpretLines("echo start\nsleep 5\necho at five\nsleep 6\necho never", testInstance, 10*time.Second)
	if !run.TimedOut || run.Duration != 10*time.Second || run.ExitCode != ExitKilled {
		t.Fatalf("timed out %v, duration %v, exit code %d; want true, 10s, %d", run.TimedOut, run.Duration, run.ExitCode, ExitKilled)
	}
	if got, _ := run.OutputUntil(run.Duration); string(got) != "start\nat five\n" {
		t.Errorf("output %q", got)
	}

	// Exactly the timeout is not past it.
	run = interpretLines("sleep 10\necho made it", testInstance, 10*time.Second)
	if run.TimedOut || run.ExitCode != 0 {
		t.Errorf("a script taking exactly its timeout: timed out %v, exit code %d", run.TimedOut, run.ExitCode)
	}
}

func TestScriptOutputLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
		total  int64
	}{
		{"seq past the limit", "seq 10000", linesBytes(1, 10000)},
		{"huge seq is counted, not built", "seq 1000000000000", linesBytes(1, 1_000_000_000_000)},
		{"many echoes", strings.Repeat("echo 0123456789abcdef\n", 2000), 2000 * 17},
		{"output after the limit is dropped", "seq 6000\necho tail", linesBytes(1, 6000) + 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := interpretLines(tt.script, testInstance, time.Hour)
			out, dropped := run.OutputUntil(run.Duration)
			if len(out) != MaxOutputBytes {
				t.Fatalf("kept %d bytes, want %d", len(out), MaxOutputBytes)
			}
			if int64(dropped) != tt.total-MaxOutputBytes {
				t.Errorf("dropped %d, want %d", dropped, tt.total-MaxOutputBytes)
			}
		})
	}
	// The first bytes are kept, as the agents keep them.
	run := interpretLines("seq 10000", testInstance, time.Hour)
	out, _ := run.OutputUntil(run.Duration)
	if !strings.HasPrefix(string(out), "1\n2\n3\n") {
		t.Errorf("kept output starts %q", out[:10])
	}
}

func TestLinesBytes(t *testing.T) {
	t.Parallel()
	for _, n := range []int64{0, 1, 9, 10, 99, 100, 12345} {
		var b strings.Builder
		for i := int64(1); i <= n; i++ {
			b.WriteString(strconv.FormatInt(i, 10) + "\n")
		}
		if got := linesBytes(1, n); got != int64(b.Len()) {
			t.Errorf("linesBytes(1, %d) = %d, want %d", n, got, b.Len())
		}
	}
	if got := linesBytes(95, 105); got != 5*3+6*4 {
		t.Errorf("linesBytes(95, 105) = %d", got)
	}
}

func TestSplitWords(t *testing.T) {
	t.Parallel()
	got := splitWords(`a 'b c' "d" e\ f >out # rest`)
	want := []word{{"a", false}, {"b c", true}, {"d", true}, {"e f", true}, {">out", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitWords = %+v, want %+v", got, want)
	}
}

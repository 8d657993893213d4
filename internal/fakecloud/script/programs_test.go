package script

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// TestPeersScripts runs the scripts of the TAT and Cloud Assistant peers'
// acceptance tests: ls, ps -ef, echo with a filled-in parameter.
func TestPeersScripts(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ script, holds string }{
		{"ls", ""},
		{"ls\n", ""},
		{"ps -ef", "UID          PID    PPID"},
		{"echo hello,world", "hello,world"},
	} {
		run := Interpret(ExecRequest{InstanceID: testInstance, Script: tt.script, CommandType: "SHELL", Timeout: time.Minute})
		out, _ := run.OutputUntil(run.Duration)
		if run.ExitCode != 0 || !strings.Contains(string(out), tt.holds) {
			t.Errorf("%q: exit code %d, output %q", tt.script, run.ExitCode, out)
		}
	}
}

func TestStockPrograms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"files", "mkdir -p a/b && touch a/b/f a/g && ls a && find a -type f && rm -r a && ls a", "b\ng\na/b/f\na/g\nls: cannot access 'a': No such file or directory\n", 2},
		{"cp and mv", "echo x > f; cp f g; mv g h; cat h; ls", "x\nf\nh\n", 0},
		{"tee", "echo hi | tee /tmp/t >/dev/null; cat /tmp/t", "hi\n", 0},
		{"grep", "printf 'nginx 1\\napache 2\\nnginx 3\\n' | grep -c nginx; printf 'a\\nb\\n' | grep -v a; grep -q zz /etc/hostname || echo none", "2\nb\nnone\n", 0},
		{"grep basic groups", "echo 'ab ab' | grep -o '\\(ab\\)'", "ab\nab\n", 0},
		{"head and tail", "seq 10 | head -3; seq 10 | tail -n 2; seq 5 | tail -n +4", "1\n2\n3\n9\n10\n4\n5\n", 0},
		{"wc", "seq 3 | wc -l; echo 'a b' | wc -w", "3\n2\n", 0},
		{"sort and uniq", "printf 'b\\na\\nb\\n' | sort | uniq -c", "      1 a\n      2 b\n", 0},
		{"sort numbers", "printf '10\\n9\\n' | sort -n; printf '1\\n2\\n' | sort -rn", "9\n10\n2\n1\n", 0},
		{"cut and tr", "echo 'a:b:c' | cut -d: -f2,3; echo hello | tr a-z A-Z", "b:c\nHELLO\n", 0},
		{"xargs", "printf 'a\\nb\\n' | xargs echo got", "got a b\n", 0},
		{"system", "uname; uname -n; whoami; id -u", "Linux\n" + testInstance + "\nroot\n0\n", 0},
		{"services and packages", "yum install -y nginx >/dev/null && systemctl restart nginx && systemctl is-active nginx", "active\n", 0},
		{"no route out", "curl -fsS https://example.com/x; echo $?", "curl: (7) Failed to connect to example.com port 80 after 0 ms: Couldn't connect to server\n7\n", 0},
		{"env", "FOO=bar env | grep FOO; printenv HOME", "FOO=bar\n/root\n", 0},
	}
	for _, tt := range tests {
		got, run := shellOutput(t, tt.script)
		if got != tt.want || run.ExitCode != tt.exitCode {
			t.Errorf("%s: output %q, exit code %d; want %q, %d", tt.name, got, run.ExitCode, tt.want, tt.exitCode)
		}
	}
}

func TestFleetProgramChanges(t *testing.T) {
	t.Parallel()
	programs := fleet.Programs{"systemctl": {ExitCode: 5, Output: "Job failed\n"}, "curl": {Missing: true}}
	run := Interpret(ExecRequest{InstanceID: testInstance, Script: "systemctl restart nginx; echo $?; command -v curl || echo gone; curl x", CommandType: "SHELL", Timeout: time.Minute, Programs: &programs})
	out, _ := run.OutputUntil(run.Duration)
	if want := "Job failed\n5\ngone\nsh: line 1: curl: command not found\n"; string(out) != want || run.ExitCode != 127 {
		t.Errorf("output %q, exit code %d; want %q, 127", out, run.ExitCode, want)
	}

	// Through the programs that run others, too.
	run = Interpret(ExecRequest{InstanceID: testInstance, Script: "service nginx restart; echo $?; echo x | xargs curl; echo $?", CommandType: "SHELL", Timeout: time.Minute, Programs: &programs})
	out, _ = run.OutputUntil(run.Duration)
	if want := "Redirecting to /bin/systemctl restart nginx.service\nJob failed\n5\nxargs: curl: No such file or directory\n127\n"; string(out) != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestEveryProgramIsDocumented keeps the list users read in step with the
// programs the shell has.
func TestEveryProgramIsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../tencent/EXECUTION.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range programNames() {
		if !strings.Contains(string(doc), "`"+name+"`") && !strings.Contains(string(doc), "`"+name+" ") {
			t.Errorf("%s is not in EXECUTION.md", name)
		}
	}
}

func TestChildShells(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"-c", "bash -c 'echo $0 $1; exit 3' name arg; echo $?; sh -c 'echo $0'", "name arg\n3\nsh\n", 0},
		{"a file", "printf 'echo from file $1\\n' > /tmp/s.sh; sh /tmp/s.sh x", "from file x\n", 0},
		{"standard input", "echo 'hostname; exit 4' | bash; echo $?", testInstance + "\n4\n", 0},
		{"options", "bash -ec 'false; echo never'; echo $?", "1\n", 0},
		{"exported variables only", "export A=1; B=2; bash -c 'echo ${A}-${B}'", "1-\n", 0},
		{"a missing file", "bash /tmp/none.sh", "bash: /tmp/none.sh: No such file or directory\n", 127},
		{"the child's sleep is the run's", "bash -c 'sleep 5'; echo done", "done\n", 0},
		{"sudo", "sudo -u root systemctl is-active sshd; sudo echo hi", "active\nhi\n", 0},
		{"which", "which grep; which docker || echo none", "/usr/bin/grep\nwhich: no docker in (" + shellPath + ")\nnone\n", 0},
		{"a busy child", "bash -c 'while ((1)); do ((1)); done'; echo never", "", ExitKilled},
		{"process substitution in a child", "bash -c 'cat <(echo x)'", "bash: line 1: process substitution is not simulated\n", 2},
		{"nesting is bounded", "echo 'bash /tmp/r.sh' > /tmp/r.sh; bash /tmp/r.sh", "bash: too many nested shells\n", 1},
	}
	for _, tt := range tests {
		got, run := shellOutput(t, tt.script)
		if got != tt.want || run.ExitCode != tt.exitCode {
			t.Errorf("%s: output %q, exit code %d; want %q, %d", tt.name, got, run.ExitCode, tt.want, tt.exitCode)
		}
	}
}

func TestAdministrationPrograms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"os-release", ". /etc/os-release; echo $ID $VERSION_ID", "centos 9\n", 0},
		{"base64", "echo -n hello | base64; echo aGVsbG8= | base64 -d; echo", "aGVsbG8=\nhello\n", 0},
		{"mktemp", "f=$(mktemp); d=$(mktemp -d); [ -f $f ] && [ -d $d ] && [ $f != $d ] && echo ok", "ok\n", 0},
		{"ln", "echo v > /opt/a; ln -s /opt/a /usr/local/bin/b; cat /usr/local/bin/b", "v\n", 0},
		{"nproc", "nproc", "2\n", 0},
		{"crontab", "crontab -l", "crontab: no crontab for root\n", 1},
		{"silent administration", "useradd deploy && sysctl -w vm.swappiness=10 && firewall-cmd --reload && getenforce", "Disabled\n", 0},
	}
	for _, tt := range tests {
		got, run := shellOutput(t, tt.script)
		if got != tt.want || run.ExitCode != tt.exitCode {
			t.Errorf("%s: output %q, exit code %d; want %q, %d", tt.name, got, run.ExitCode, tt.want, tt.exitCode)
		}
	}
}

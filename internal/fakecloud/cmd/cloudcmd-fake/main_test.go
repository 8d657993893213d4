package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// The test binary doubles as the program: when this variable is set, TestMain
// runs main() instead of the tests. That way the tests run the real program,
// built by "go test" with the same flags (-race included), as a separate
// process that can be sent signals, without a nested "go build".
const runAsProgramEnv = "CLOUDCMD_FAKE_RUN_AS_PROGRAM"

func TestMain(m *testing.M) {
	if os.Getenv(runAsProgramEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

var listeningLine = regexp.MustCompile(`^cloudcmd-fake listening on (http://127\.0\.0\.1:[1-9][0-9]*)$`)

// process is a running cloudcmd-fake.
type process struct {
	cmd    *exec.Cmd
	stdout *bufio.Reader
	stderr *lockedBuffer
	done   chan struct{}
	err    error // set once done is closed
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the program with args. The process is killed at cleanup if the
// test has not already stopped it.
func start(t *testing.T, args ...string) *process {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("finding the test binary: %v", err)
	}
	// A pipe of our own rather than cmd.StdoutPipe, so reading it never
	// races with cmd.Wait closing it.
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), runAsProgramEnv+"=1")
	if os.Getenv("GORACE") == "" {
		// Under -race the child would otherwise sleep a second before exiting.
		cmd.Env = append(cmd.Env, "GORACE=atexit_sleep_ms=0")
	}
	cmd.Stdout = stdoutW
	p := &process{cmd: cmd, stdout: bufio.NewReader(stdoutR), stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stderr = p.stderr
	err = cmd.Start()
	_ = stdoutW.Close() // the child holds its own copy
	if err != nil {
		_ = stdoutR.Close()
		t.Fatalf("starting %s: %v", exe, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = cmd.Process.Kill()
			<-p.done
		}
		_ = stdoutR.Close()
	})
	return p
}

// firstLine reads the first line of standard output, failing the test if it
// does not come in time.
func (p *process) firstLine(t *testing.T) string {
	t.Helper()
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := p.stdout.ReadString('\n')
		ch <- result{strings.TrimSuffix(line, "\n"), err}
		// Keep draining so later writes never block.
		_, _ = io.Copy(io.Discard, p.stdout)
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatalf("reading the first line of stdout: %v (got %q; stderr: %s)", r.err, r.line, p.stderr.String())
		}
		return r.line
	case <-time.After(30 * time.Second):
		t.Fatalf("no line on stdout after 30s; stderr: %s", p.stderr.String())
		return ""
	}
}

// wait waits for the process to exit and returns its exit code.
func (p *process) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("process still running 30s later; stderr: %s", p.stderr.String())
	}
	if p.err == nil {
		return 0
	}
	var exitErr *exec.ExitError
	if errors.As(p.err, &exitErr) {
		return exitErr.ExitCode()
	}
	t.Fatalf("waiting for the process: %v", p.err)
	return -1
}

// url reads the listening line and returns the base URL it names.
func (p *process) url(t *testing.T) string {
	t.Helper()
	line := p.firstLine(t)
	m := listeningLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first line = %q, want it to match %s", line, listeningLine)
	}
	return m[1]
}

// health asks the server at baseURL whether it is up.
func health(baseURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/_fake/health", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != "ok" {
		return fmt.Errorf("GET /_fake/health = %d %q, want 200 \"ok\"", resp.StatusCode, body)
	}
	return nil
}

func getHealth(t *testing.T, baseURL string) {
	t.Helper()
	if err := health(baseURL); err != nil {
		t.Fatal(err)
	}
}

func TestProgram_startsAnswersAndStopsOnSignal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
	}{
		{"SIGTERM", syscall.SIGTERM},
		{"SIGINT", syscall.SIGINT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := start(t, "-listen", "127.0.0.1:0")
			baseURL := p.url(t)
			getHealth(t, baseURL)

			if err := p.cmd.Process.Signal(tc.sig); err != nil {
				t.Fatalf("sending %s: %v", tc.name, err)
			}
			if code := p.wait(t); code != 0 {
				t.Fatalf("exit code after %s = %d, want 0; stderr: %s", tc.name, code, p.stderr.String())
			}
			if err := health(baseURL); err == nil {
				t.Errorf("server still answers after exit")
			}
		})
	}
}

func TestProgram_fleetFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "fleet.json")
	fleetJSON := `{"instances": [
		{"id": "ins-down0001", "state": "stopped"},
		{"id": "rins-8dz6cwxx", "state": "agent-offline"},
		{"id": "i-web00000000000000001", "state": "running", "tags": {"role": "web"}},
		{"id": "mi-hz018jrc1o0abcd", "state": "stopped"}
	]}`
	if err := os.WriteFile(path, []byte(fleetJSON), 0o600); err != nil {
		t.Fatal(err)
	}
	p := start(t, "-listen", "127.0.0.1:0", "-fleet", path, "-realistic")
	getHealth(t, p.url(t))
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, p.stderr.String())
	}
}

func TestProgram_badFleetFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		name string
		path string
		want []string
	}{
		{
			name: "unknown state",
			path: write("state.json", `{"instances": [{"id": "ins-abcdefgh", "state": "sleeping"}]}`),
			want: []string{"cannot load fleet", "ins-abcdefgh", `"sleeping"`},
		},
		{
			name: "not JSON",
			path: write("broken.json", `{"instances": [`),
			want: []string{"cannot load fleet", "broken.json"},
		},
		{
			name: "missing id",
			path: write("noid.json", `{"instances": [{"state": "stopped"}]}`),
			want: []string{"cannot load fleet", "has no id"},
		},
		{
			name: "no such file",
			path: filepath.Join(dir, "absent.json"),
			want: []string{"cannot load fleet", "absent.json"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := start(t, "-listen", "127.0.0.1:0", "-fleet", tc.path)
			code := p.wait(t)
			if code == 0 {
				t.Fatalf("exit code = 0, want non-zero")
			}
			stderr := p.stderr.String()
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr = %q, want it to contain %q", stderr, w)
				}
			}
		})
	}
}

// The cases below need no signal, so they call run in-process.

func TestRun_help(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-help"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit code = %d, want %d", code, exitOK)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
	for _, want := range []string{
		"-listen", "127.0.0.1:8787",
		"-tencent-secret-id", "AKIDcloudcmdfake",
		"-alicloud-access-key", "LTAIcloudcmdfake",
		"-fleet", "-realistic",
		`"instances"`, "agent-not-installed", "not-found",
		"-faults", "-faults-file", "-enforce-rate-limits", "-seed",
		"throttle", "5xx", "drop_before", "drop_after", "latency", "/_fake/faults", "/_fake/counters",
		"-tencent-record-retention", "-alicloud-record-retention", "672h0m0s",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("-help output lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestRun_usageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"-no-such-flag"}, exitUsage, "no-such-flag"},
		{"stray argument", []string{"serve"}, exitUsage, `unexpected argument "serve"`},
		{"empty listen", []string{"-listen", ""}, exitUsage, "-listen must not be empty"},
		{"bad listen", []string{"-listen", "127.0.0.1:notaport"}, exitError, "cannot listen on 127.0.0.1:notaport"},
		{"bad fault rate", []string{"-faults", "tencent:*:throttle=2"}, exitUsage, "between 0 and 1"},
		{"bad fault kind", []string{"-faults", "alicloud:RunCommand:slow=1"}, exitUsage, `unknown fault kind "slow"`},
		{"bad seed", []string{"-seed", "-1"}, exitUsage, "-seed"},
		{"missing faults file", []string{"-faults-file", "/nonexistent/faults.json"}, exitError, "cannot load faults"},
		{"retention not a duration", []string{"-tencent-record-retention", "4w"}, exitUsage, "-tencent-record-retention"},
		{"zero retention", []string{"-alicloud-record-retention", "0"}, exitUsage, "-alicloud-record-retention must be a positive duration"},
		{"negative retention", []string{"-tencent-record-retention", "-1h"}, exitUsage, "-tencent-record-retention must be a positive duration"},
		{"exec on every interface", []string{"-listen", "0.0.0.0:0", "-exec"}, exitUsage, "-exec is refused on 0.0.0.0:0, which is not a loopback address"},
		{"exec on every interface, no host", []string{"-listen", ":0", "-exec"}, exitUsage, "-exec is refused on :0"},
		{"exec on a public IPv6 listener", []string{"-listen", "[::]:0", "-exec"}, exitUsage, "-exec is refused on [::]:0"},
		{"default credentials on every interface", []string{"-listen", "0.0.0.0:0"}, exitUsage, "the default credentials are refused on 0.0.0.0:0"},
		{"default Alibaba Cloud credentials on every interface", []string{
			"-listen", "0.0.0.0:0", "-tencent-secret-id", "AKIDmine", "-tencent-secret-key", "mine",
		}, exitUsage, "the default credentials are refused on 0.0.0.0:0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // should a case start serving after all, it stops at once
			code := run(ctx, tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit code = %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestRun_stopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0"}, pw, &stderr)
		_ = pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v; stderr: %s", err, stderr.String())
	}
	m := listeningLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		t.Fatalf("first line = %q, want it to match %s", line, listeningLine)
	}
	getHealth(t, m[1])
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit code = %d, want 0; stderr: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return 30s after its context ended")
	}
}

// TestRefuseRemoteShell: loopback listeners take anything; others take
// neither -exec nor the published credentials, and serve with credentials
// of the user's own.
func TestRefuseRemoteShell(t *testing.T) {
	t.Parallel()
	own := fakecloud.Options{TencentSecretID: "AKIDmine", TencentSecretKey: "mine", AlicloudAccessKey: "LTAImine", AlicloudSecretKey: "mine-too"}
	published := fakecloud.Options{TencentSecretKey: fakecloud.DefaultTencentSecretKey, AlicloudSecretKey: fakecloud.DefaultAlicloudSecretKey}
	for _, tc := range []struct {
		listen  string
		exec    bool
		opts    fakecloud.Options
		refused bool
	}{
		{"127.0.0.1:8787", true, published, false},
		{"localhost:0", true, published, false},
		{"[::1]:0", true, published, false},
		{"127.0.0.2:0", true, published, false},
		{"0.0.0.0:8787", false, own, false},
		{"192.0.2.10:8787", false, own, false},
		{"192.0.2.10:8787", true, own, true},
		{"0.0.0.0:8787", false, published, true},
	} {
		err := refuseRemoteShell(config{listen: tc.listen, exec: tc.exec, opts: tc.opts})
		if (err != nil) != tc.refused {
			t.Errorf("listen %s, exec %t: err = %v, want refused %t", tc.listen, tc.exec, err, tc.refused)
		}
	}
}

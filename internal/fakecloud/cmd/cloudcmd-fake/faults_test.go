package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// request sends one request to the program and returns status and body.
func request(t *testing.T, method, url string, header map[string]string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	for name, value := range header {
		req.Header.Set(name, value)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func getFaultConfig(t *testing.T, baseURL string) fakecloud.FaultConfig {
	t.Helper()
	status, body := request(t, http.MethodGet, baseURL+"/_fake/faults", nil)
	var cfg fakecloud.FaultConfig
	if err := json.Unmarshal(body, &cfg); status != http.StatusOK || err != nil {
		t.Fatalf("GET /_fake/faults: %d %s (%v)", status, body, err)
	}
	return cfg
}

// TestProgram_faultFlags runs the program with fault flags and checks the
// listening line is unchanged, the faults are in force, the admin endpoint
// shows them, the counters count them, and stderr announces them.
func TestProgram_faultFlags(t *testing.T) {
	t.Parallel()
	p := start(t, "-listen", "127.0.0.1:0",
		"-faults", "tencent:*:throttle=1",
		"-faults", "alicloud:RunCommand:5xx=1",
		"-enforce-rate-limits", "-seed", "3")
	baseURL := p.url(t)

	cfg := getFaultConfig(t, baseURL)
	want := []fakecloud.FaultRule{
		{Vendor: "alicloud", Action: "RunCommand", ServerError: 1},
		{Vendor: "tencent", Action: "*", Throttle: 1},
	}
	if cfg.EnforceRateLimits == nil || !*cfg.EnforceRateLimits || !reflect.DeepEqual(cfg.Rules, want) {
		t.Errorf("faults = %+v, want rate limits enforced and %+v", cfg, want)
	}

	status, body := request(t, http.MethodPost, baseURL+"/", map[string]string{"X-TC-Action": "InvokeCommand", "Content-Type": "application/json"})
	if status != http.StatusOK || !strings.Contains(string(body), `"Code":"RequestLimitExceeded"`) {
		t.Errorf("TAT request: %d %s, want RequestLimitExceeded", status, body)
	}
	status, body = request(t, http.MethodPost, baseURL+"/?RegionId=cn-hangzhou", map[string]string{"x-acs-action": "RunCommand"})
	if status < 500 {
		t.Errorf("ECS RunCommand: %d %s, want a 5xx", status, body)
	}

	status, body = request(t, http.MethodGet, baseURL+"/_fake/counters", nil)
	var counters fakecloud.Counters
	if err := json.Unmarshal(body, &counters); status != http.StatusOK || err != nil {
		t.Fatalf("GET /_fake/counters: %d %s (%v)", status, body, err)
	}
	if counters.Fault("tencent", fakecloud.FaultThrottle) != 1 || counters.Fault("alicloud", fakecloud.FaultServerError) != 1 {
		t.Errorf("counters = %s", body)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit code = %d; stderr: %s", code, p.stderr.String())
	}
	for _, line := range []string{"fault rule tencent:*:throttle=1", "fault rule alicloud:RunCommand:5xx=1", "enforcing the documented rate limits"} {
		if !strings.Contains(p.stderr.String(), line) {
			t.Errorf("stderr lacks %q:\n%s", line, p.stderr.String())
		}
	}
}

// TestRun_faultsFile serves with a faults file, overridden in part by
// flags, and reads the merged set-up back over HTTP.
func TestRun_faultsFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "faults.json")
	file := `{"enforce_rate_limits": true, "seed": 9, "rules": [
		{"vendor": "tencent", "action": "*", "throttle": 0.1},
		{"vendor": "alicloud", "action": "RunCommand", "drop_after": 0.5}
	]}`
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-faults-file", path, "-faults", "tencent:*:5xx=0.2", "-enforce-rate-limits=false"}, pw, &stderr)
		_ = pw.Close()
	}()
	reader := bufio.NewReader(pr)
	line, err := reader.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v; stderr: %s", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, reader) }()
	m := listeningLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		t.Fatalf("first line = %q, want it to match %s", line, listeningLine)
	}

	cfg := getFaultConfig(t, m[1])
	want := []fakecloud.FaultRule{
		{Vendor: "alicloud", Action: "RunCommand", DropAfter: 0.5},
		{Vendor: "tencent", Action: "*", ServerError: 0.2},
	}
	if cfg.EnforceRateLimits == nil || *cfg.EnforceRateLimits || !reflect.DeepEqual(cfg.Rules, want) {
		t.Errorf("faults = %+v, want enforcement off (the flag wins) and %+v", cfg, want)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit code = %d; stderr: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return")
	}
}

// TestFaultConfig_precedence checks how the file and the flags combine.
func TestFaultConfig_precedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "faults.json")
	if err := os.WriteFile(path, []byte(`{"enforce_rate_limits": true, "seed": 9, "rules": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		args        []string
		wantEnforce bool
		wantSeed    uint64
	}{
		{"flags only", []string{"-seed", "4", "-enforce-rate-limits"}, true, 4},
		{"defaults", nil, false, 0},
		{"file only", []string{"-faults-file", path}, true, 9},
		{"flags over file", []string{"-faults-file", path, "-seed", "0", "-enforce-rate-limits=false"}, false, 0},
	} {
		cfg, err := parseFlags(tc.args, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		faults, err := faultConfig(cfg)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if *faults.EnforceRateLimits != tc.wantEnforce || *faults.Seed != tc.wantSeed {
			t.Errorf("%s: enforce %v, seed %d; want %v, %d", tc.name, *faults.EnforceRateLimits, *faults.Seed, tc.wantEnforce, tc.wantSeed)
		}
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"rules": [{"vendor": "tencent", "action": "*", "throttle": 7}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := run(ctx, []string{"-listen", "127.0.0.1:0", "-faults-file", bad}, &stdout, &stderr); code != exitError ||
		!strings.Contains(stderr.String(), "cannot load faults") || stdout.String() != "" {
		t.Errorf("invalid rule in the file: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

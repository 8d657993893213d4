// Package e2e drives the real terraform CLI against the built provider
// binary, as a user's pipeline does, for what in-process acceptance tests
// cannot show: what terraform prints and logs, and what happens when the
// provider process itself is stopped.
package e2e

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
)

// providerAddress is the address configurations use for the provider; the
// CLI configuration points it at the binary built for the tests. It names
// no registry host, so terraform reads it as registry.terraform.io's and
// OpenTofu as registry.opentofu.org's, as each reads the configurations'
// source "cloudcmd/cloudcmd": the same tests drive either CLI.
const providerAddress = "cloudcmd/cloudcmd"

// requiredProviders starts every configuration: without it terraform would
// look for hashicorp/cloudcmd.
const requiredProviders = `
terraform {
  required_providers {
    cloudcmd = {
      source = "cloudcmd/cloudcmd"
    }
  }
}
`

// providerDir holds the provider binary that TestMain builds for the
// package; buildErr says why there is none.
var (
	providerDir string
	buildErr    error
)

// TestMain builds the provider once for every test in the package, and only
// when acceptance tests or benchmarks are asked for. After the benchmarks it
// prints their results table (bench_test.go).
func TestMain(m *testing.M) {
	flag.Parse()
	if os.Getenv("TF_ACC") != "" || benchmarksAsked() {
		providerDir, buildErr = build()
	}
	code := m.Run()
	if providerDir != "" {
		_ = os.RemoveAll(providerDir)
	}
	if err := reportBenchmarks(os.Stdout); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// benchmarksAsked reports whether -test.bench selects any benchmark.
func benchmarksAsked() bool {
	f := flag.Lookup("test.bench")
	return f != nil && f.Value.String() != ""
}

func build() (string, error) {
	dir, err := os.MkdirTemp("", "cloudcmd-e2e-provider-")
	if err != nil {
		return "", err
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		return dir, err
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-cloudcmd"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return dir, fmt.Errorf("go build: %w\n%s", err, out)
	}
	return dir, nil
}

// providerBinaries returns the directory holding the built provider.
func providerBinaries(t testing.TB) string {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return providerDir
}

// preCheck skips unless acceptance tests are asked for, as
// terraform-plugin-testing does, and finds the terraform CLI.
func preCheck(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that drive the terraform CLI")
	}
	acctest.PreCheck(t)
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		t.Fatal("no terraform CLI: set TF_ACC_TERRAFORM_PATH")
	}
	return bin
}

// workspace is a terraform working directory wired to the built provider
// through a dev_overrides CLI configuration, so no init or download is
// needed.
type workspace struct {
	t         testing.TB
	terraform string
	dir       string
	env       []string
	// timeout bounds each terraform command.
	timeout time.Duration
}

func newWorkspace(t *testing.T, config string) *workspace {
	t.Helper()
	return newWorkspaceWith(t, preCheck(t), config)
}

// newWorkspaceWith is a workspace driving this terraform CLI; benchmarks,
// which TF_ACC does not gate, find theirs themselves.
func newWorkspaceWith(t testing.TB, terraform, config string) *workspace {
	t.Helper()
	providers := providerBinaries(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "cli.tfrc")
	writeFile(t, cliConfig, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", providerAddress, providers))
	writeFile(t, filepath.Join(dir, "main.tf"), config)
	return &workspace{
		t:         t,
		terraform: terraform,
		dir:       dir,
		env: []string{
			"TF_CLI_CONFIG_FILE=" + cliConfig,
			"CHECKPOINT_DISABLE=1",
			"TF_IN_AUTOMATION=1",
		},
		timeout: 5 * time.Minute,
	}
}

// result is what one terraform command printed.
type result struct {
	stdout, stderr string
	err            error
}

func (r result) String() string {
	return fmt.Sprintf("error: %v\n--- stdout\n%s\n--- stderr\n%s", r.err, r.stdout, r.stderr)
}

// run runs terraform with args in the workspace, with extra environment.
func (w *workspace) run(ctx context.Context, extraEnv []string, args ...string) result {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(append(cleanEnv(), w.env...), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return result{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// mustRun is run that fails the test when terraform fails.
func (w *workspace) mustRun(extraEnv []string, args ...string) result {
	w.t.Helper()
	r := w.run(w.t.Context(), extraEnv, args...)
	if r.err != nil {
		w.t.Fatalf("terraform %s failed:\n%s", strings.Join(args, " "), r)
	}
	return r
}

// path is a file in the workspace.
func (w *workspace) path(name string) string { return filepath.Join(w.dir, name) }

// cleanEnv is this process's environment without terraform settings that
// would change what the workspace's commands do.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "TENCENTCLOUD_") || strings.HasPrefix(name, "ALICLOUD_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

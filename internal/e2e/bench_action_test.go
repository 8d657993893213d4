package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	version "github.com/hashicorp/go-version"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Targets of an action over a fleet: one run request, and the action's own
// time within this multiple of the script's own time, plus the poll
// interval the engine waits at that point.
const (
	targetActionRunRequests = 1
	targetActionRatio       = 1.2
)

// BenchmarkInvokeActionTAT invokes cloudcmd_tat_run_command over 100
// instances running `sleep 3`, with `terraform apply -invoke -json`, the
// fake enforcing TAT's rate limits. The action's own time is Terraform's,
// from its action_start message to action_complete; the script's own time
// is the fake's, from the invocation to the last instance's end. The floor
// is 1.2 times the script's time plus the poll interval after that long:
// the action must not take more. It needs Terraform 1.14 or later (make
// bench runs it with the pinned one).
func BenchmarkInvokeActionTAT(b *testing.B) {
	n := benchSize(b, envActionInstances, 100, 100)
	terraform := benchTerraform(b)
	if !terraformAtLeast(b, terraform, "1.14.0") {
		b.Skip("actions need Terraform 1.14 or later: make bench runs this benchmark with the pinned one")
	}
	fake := startBenchFake(b, fakecloud.Options{EnforceRateLimits: true})
	w := benchWorkspace(b, actionBenchConfig(fake, n))

	var m measurement
	var action, script time.Duration
	for b.Loop() {
		seen := map[string]bool{}
		for _, inv := range fake.Tencent().Invocations() {
			seen[inv.ID] = true
		}
		r := m.add(b, w, fake, "apply", "-json", "-input=false", "-auto-approve", "-invoke=action.cloudcmd_tat_run_command.bench")
		action += actionSpan(b, r.stdout)
		script += scriptSpan(b, fake, seen, n)
	}
	action /= time.Duration(m.runs)
	script /= time.Duration(m.runs)
	floor := time.Duration(targetActionRatio*float64(script)) + runs.PollInterval(script)
	b.ReportMetric(action.Seconds(), "s-action")
	b.ReportMetric(action.Seconds()/floor.Seconds(), "x-floor")
	ownTime := m
	ownTime.total = action * time.Duration(m.runs)
	recordRow(benchRow{
		scenario:   fmt.Sprintf("5. invoke an action over %d instances, `sleep %d`", n, sleepSeconds),
		run:        "`apply -invoke`, action_start to action_complete",
		m:          ownTime,
		callTarget: targetActionRunRequests, callActions: []string{fakecloud.VendorTencent + " RunCommand"},
		ratios: []benchRatio{{
			floor:     fmt.Sprintf("%.1f × the script's own time in the fake (%.2f s) + the poll interval then", targetActionRatio, script.Seconds()),
			floorWall: floor, target: 1,
		}},
	})
}

// actionSpan is the time from Terraform's action_start message to its
// action_complete, in `-json` output; an action_errored fails the
// benchmark.
func actionSpan(b *testing.B, stdout string) time.Duration {
	b.Helper()
	var started, completed time.Time
	lines := bufio.NewScanner(strings.NewReader(stdout))
	lines.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for lines.Scan() {
		var msg struct {
			Timestamp time.Time `json:"@timestamp"`
			Type      string    `json:"type"`
			Message   string    `json:"@message"`
		}
		if json.Unmarshal(lines.Bytes(), &msg) != nil {
			continue
		}
		switch msg.Type {
		case "action_start":
			started = msg.Timestamp
		case "action_complete":
			completed = msg.Timestamp
		case "action_errored":
			b.Fatalf("the action failed: %s", msg.Message)
		}
	}
	if started.IsZero() || completed.IsZero() {
		b.Fatalf("no action_start and action_complete in the output:\n%s", stdout)
	}
	return completed.Sub(started)
}

// scriptSpan is the time, in the fake, from the one invocation made since
// seen to the end of its last instance's run; it must cover n instances,
// all succeeded.
func scriptSpan(b *testing.B, fake *fakecloud.Server, seen map[string]bool, n int) time.Duration {
	b.Helper()
	var made []string
	var span time.Duration
	for _, inv := range fake.Tencent().Invocations() {
		if seen[inv.ID] {
			continue
		}
		made = append(made, inv.ID)
		if len(inv.Tasks) != n {
			b.Fatalf("invocation %s ran on %d instances, want %d", inv.ID, len(inv.Tasks), n)
		}
		for _, task := range inv.Tasks {
			if task.Status != "SUCCESS" {
				b.Fatalf("invocation %s ended %s on %s, want SUCCESS", inv.ID, task.Status, task.InstanceID)
			}
			span = max(span, task.EndTime.Sub(inv.CreatedTime))
		}
	}
	if len(made) != 1 {
		b.Fatalf("the action made %d invocations (%v), want 1", len(made), made)
	}
	return span
}

// terraformAtLeast reports whether the CLI is this version or later.
func terraformAtLeast(b *testing.B, terraform, minimum string) bool {
	b.Helper()
	out, err := exec.CommandContext(b.Context(), terraform, "version", "-json").Output()
	if err != nil {
		b.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		b.Fatalf("reading terraform version -json %q: %v", out, err)
	}
	return !version.Must(version.NewVersion(v.Version)).LessThan(version.Must(version.NewVersion(minimum)))
}

// actionBenchConfig is one action running `sleep 3` on n instances.
func actionBenchConfig(fake *fakecloud.Server, n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%q", fmt.Sprintf("ins-ac%06d", i))
	}
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
action "cloudcmd_tat_run_command" "bench" {
  config {
    content      = "sleep %d"
    instance_ids = [%s]
    timeout      = 600
  }
}
`, sleepSeconds, strings.Join(ids, ", "))
}

package e2e

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// chaosRuns is how many runs of each vendor the chaos apply makes.
const chaosRuns = 50

// TestChaosApply applies 50 TAT invocations and 50 ECS runs with
// -parallelism=20 while the fake throttles 10% of requests, fails 10% with
// 5xx, drops 5% of connections before and 5% after processing, and enforces
// the vendors' rate limits. The apply must succeed with exactly one
// execution per resource, every one recorded in state; a plan afterwards
// shows no changes, and destroy succeeds under the same faults.
func TestChaosApply(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t, func(o *fakecloud.Options) {
		o.EnforceRateLimits = true
		o.FaultSeed = 20261123
	})
	for _, vendor := range []string{fakecloud.VendorTencent, fakecloud.VendorAlicloud} {
		rule := fakecloud.FaultRule{
			Vendor: vendor, Action: fakecloud.AnyAction,
			Throttle: 0.10, ServerError: 0.10, DropBefore: 0.05, DropAfter: 0.05,
		}
		if err := fake.Faults().Set(rule); err != nil {
			t.Fatal(err)
		}
	}
	w := newWorkspace(t, chaosConfig(fake))

	started := time.Now()
	w.mustRun(nil, "apply", "-no-color", "-input=false", "-auto-approve", "-parallelism=20")
	applyTime := time.Since(started)
	counters := fake.Counters()

	tatRuns, ecsRuns := fakeRunsByInstance(fake)
	requireOneRunEach(t, "TAT", tatRuns, chaosTATInstance)
	requireOneRunEach(t, "ECS", ecsRuns, chaosECSInstance)
	requireStateHolds(t, stateIDs(t, readFile(t, w.path("terraform.tfstate"))), tatRuns, ecsRuns)

	if r := w.run(t.Context(), nil, "plan", "-no-color", "-input=false", "-detailed-exitcode", "-parallelism=20"); r.err != nil {
		t.Fatalf("the plan after the chaos apply is not empty (or failed):\n%s", r)
	}
	w.mustRun(nil, "destroy", "-no-color", "-input=false", "-auto-approve", "-parallelism=20")
	if ids := stateIDs(t, readFile(t, w.path("terraform.tfstate"))); len(ids) != 0 {
		t.Errorf("after destroy the state still holds %d objects", len(ids))
	}
	logChaosFigures(t, counters, applyTime, len(tatRuns)+len(ecsRuns))
}

func chaosTATInstance(i int) string { return fmt.Sprintf("ins-chaos%03d", i) }
func chaosECSInstance(i int) string { return fmt.Sprintf("i-chaos%03d", i) }

func chaosConfig(fake *fakecloud.Server) string {
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "chaos" {
  name         = "chaos"
  command_type = "SHELL"
  content      = "echo chaos"
}

resource "cloudcmd_tat_invocation" "chaos" {
  count        = %[1]d
  command_id   = cloudcmd_tat_command.chaos.id
  instance_ids = [format("ins-chaos%%03d", count.index)]
}

resource "cloudcmd_ecs_run_command" "chaos" {
  count           = %[1]d
  type            = "RunShellScript"
  command_content = "echo chaos"
  instance_ids    = [format("i-chaos%%03d", count.index)]
}
`, chaosRuns)
}

// fakeRunsByInstance lists the invocation IDs the fake holds, by the
// instance each ran on.
func fakeRunsByInstance(fake *fakecloud.Server) (tat, ecs map[string][]string) {
	tat, ecs = map[string][]string{}, map[string][]string{}
	for _, inv := range fake.Tencent().Invocations() {
		for _, task := range inv.Tasks {
			tat[task.InstanceID] = append(tat[task.InstanceID], inv.ID)
		}
	}
	for _, inv := range fake.Alicloud().Invocations() {
		for _, run := range inv.Instances {
			ecs[run.InstanceID] = append(ecs[run.InstanceID], inv.ID)
		}
	}
	return tat, ecs
}

func requireOneRunEach(t *testing.T, vendor string, runs map[string][]string, instance func(int) string) {
	t.Helper()
	if len(runs) != chaosRuns {
		t.Errorf("%s: runs on %d instances, want %d", vendor, len(runs), chaosRuns)
	}
	for i := range chaosRuns {
		if got := runs[instance(i)]; len(got) != 1 {
			t.Errorf("%s: %s ran %d times (%v), want exactly once", vendor, instance(i), len(got), got)
		}
	}
}

// requireStateHolds checks that the state records exactly the runs the
// fake made, no more and no fewer.
func requireStateHolds(t *testing.T, inState map[string]bool, runMaps ...map[string][]string) {
	t.Helper()
	var missing []string
	made := map[string]bool{}
	for _, runs := range runMaps {
		for _, ids := range runs {
			for _, id := range ids {
				made[id] = true
				if !inState[id] {
					missing = append(missing, id)
				}
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("runs the fake made but the state does not record: %v", missing)
	}
	for id := range inState {
		if !made[id] && (strings.HasPrefix(id, "inv-") || strings.HasPrefix(id, "t-")) {
			t.Errorf("the state records a run the fake never made: %s", id)
		}
	}
}

// stateIDs reads the id of every resource instance in a state file.
func stateIDs(t *testing.T, state string) map[string]bool {
	t.Helper()
	var parsed struct {
		Resources []struct {
			Instances []struct {
				Attributes struct {
					ID string `json:"id"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(state), &parsed); err != nil {
		t.Fatalf("reading the state: %v", err)
	}
	ids := map[string]bool{}
	for _, r := range parsed.Resources {
		for _, inst := range r.Instances {
			ids[inst.Attributes.ID] = true
		}
	}
	return ids
}

// logChaosFigures reports what the apply went through; `go test -v` shows it.
func logChaosFigures(t *testing.T, c fakecloud.Counters, applyTime time.Duration, executions int) {
	t.Helper()
	for _, vendor := range []string{fakecloud.VendorTencent, fakecloud.VendorAlicloud} {
		t.Logf("%s apply: %d requests; faults: %d throttled, %d rate-limited, %d 5xx, %d dropped before, %d dropped after; %d replays answered",
			vendor, c.Request(vendor, fakecloud.AnyAction),
			c.Fault(vendor, fakecloud.FaultThrottle), c.Fault(vendor, fakecloud.FaultRateLimit), c.Fault(vendor, fakecloud.FaultServerError),
			c.Fault(vendor, fakecloud.FaultDropBefore), c.Fault(vendor, fakecloud.FaultDropAfter),
			c.Replay(vendor, fakecloud.AnyAction))
	}
	t.Logf("executions counted: %d; apply wall time: %s", executions, applyTime.Round(time.Millisecond))
}

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// chaosRuns is how many runs of each vendor the chaos apply makes.
const chaosRuns = 50

// The fake's fault draws are seeded. Without CHAOS_SEEDS the test runs
// once with a fixed seed, so `make test` meets the same faults in the same
// order as far as concurrency allows; `make chaos` names several seeds
// there, and each runs as a parallel subtest with a fake of its own.
const (
	chaosSeedsEnv    = "CHAOS_SEEDS"
	defaultChaosSeed = 20261123
	// chaosLogDirEnv names a directory that receives terraform's DEBUG log
	// of each seed's commands, which shows every attempt of every call.
	chaosLogDirEnv = "CHAOS_LOG_DIR"
	// chaosServerErrorAfterEnv is the rate, 0 to 1, of requests the fake
	// carries out and then answers with a server error, on top of the
	// normal chaos levels (see chaosRule); 0 or unset for the harsh mix.
	chaosServerErrorAfterEnv = "CHAOS_5XX_AFTER"
)

// chaosRule is the fault mix the chaos apply runs under, for every action of
// a vendor. Without CHAOS_5XX_AFTER, the harsh mix: a fifth of requests
// throttled, 15% failing with 5xx, and a tenth each dropped before and
// after the service acted; more than half of all attempts fail, and the
// retry layer has to absorb all of it. With it, the normal chaos levels
// (FAULTS.md: a tenth throttled, a tenth 5xx, 5% dropped before and 5%
// after) and that share of requests carried out, then answered with a
// server error, which the provider must not take for requests that did
// nothing.
func chaosRule(vendor string, serverErrorAfter float64) fakecloud.FaultRule {
	if serverErrorAfter == 0 {
		return fakecloud.FaultRule{
			Vendor: vendor, Action: fakecloud.AnyAction,
			Throttle: 0.20, ServerError: 0.15, DropBefore: 0.10, DropAfter: 0.10,
		}
	}
	return fakecloud.FaultRule{
		Vendor: vendor, Action: fakecloud.AnyAction,
		Throttle: 0.10, ServerError: 0.10, DropBefore: 0.05, DropAfter: 0.05,
		ServerErrorAfter: serverErrorAfter,
	}
}

// chaosServerErrorAfter reads CHAOS_5XX_AFTER, 0 without it.
func chaosServerErrorAfter(t *testing.T) float64 {
	t.Helper()
	text := os.Getenv(chaosServerErrorAfterEnv)
	if text == "" {
		return 0
	}
	rate, err := strconv.ParseFloat(text, 64)
	if err != nil || !(rate >= 0 && rate <= 1) {
		t.Fatalf("%s=%q: want a rate between 0 and 1", chaosServerErrorAfterEnv, text)
	}
	return rate
}

// TestChaosApply applies 50 TAT invocations and 50 ECS runs with
// -parallelism=20 while the fake enforces the vendors' rate limits and
// injects chaosRule on both vendors. The apply must succeed, with each
// command run exactly once: one execution on each instance, one execution
// of each ECS script, one TAT command created, every run recorded in state.
// A plan afterwards shows no changes, and destroy succeeds under the same
// faults, running nothing more.
func TestChaosApply(t *testing.T) {
	t.Parallel()
	for _, seed := range chaosSeeds(t) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			chaosApply(t, seed)
		})
	}
}

func chaosApply(t *testing.T, seed uint64) {
	fake := acctest.StartFake(t, func(o *fakecloud.Options) {
		o.EnforceRateLimits = true
		o.FaultSeed = seed
	})
	after := chaosServerErrorAfter(t)
	for _, vendor := range []string{fakecloud.VendorTencent, fakecloud.VendorAlicloud} {
		if err := fake.Faults().Set(chaosRule(vendor, after)); err != nil {
			t.Fatal(err)
		}
	}
	w := newWorkspace(t, chaosConfig(fake))
	// Each create the fake answers with a server error is looked for until
	// the search settles, which takes a while when nothing was made; on a
	// busy machine the apply needs more than the harness's default.
	w.timeout = 30 * time.Minute

	started := time.Now()
	apply := w.run(t.Context(), chaosLog(seed, "apply"), "apply", "-no-color", "-input=false", "-auto-approve", "-parallelism=20")
	applyTime := time.Since(started)
	counters := fake.Counters()
	logChaosFigures(t, counters, applyTime)
	if apply.err != nil {
		// What ran, and what the state holds, is checked all the same:
		// a failed apply must still not have run anything twice.
		t.Errorf("the chaos apply failed (seed %d):\n%s", seed, failureLines(apply))
	}

	requireEachRanOnce(t, fake, "after the apply")
	if n := counters.Effect(fakecloud.VendorTencent, "CreateCommand"); n != 1 {
		t.Errorf("the TAT command was created %d times, want exactly once", n)
	}
	state := readFile(t, w.path("terraform.tfstate"))
	requireStateHolds(t, stateIDs(t, state), fake.Executions())
	commandID := stateID(t, state, "cloudcmd_tat_command", "chaos")
	if apply.err != nil {
		t.FailNow()
	}

	started = time.Now()
	if r := w.run(t.Context(), chaosLog(seed, "plan"), "plan", "-no-color", "-input=false", "-detailed-exitcode", "-parallelism=20"); r.err != nil {
		t.Errorf("the plan after the chaos apply is not empty (or failed, seed %d):\n%s", seed, failureLines(r))
	}
	t.Logf("plan wall time: %s", time.Since(started).Round(time.Millisecond))
	started = time.Now()
	destroy := w.run(t.Context(), chaosLog(seed, "destroy"), "destroy", "-no-color", "-input=false", "-auto-approve", "-parallelism=20")
	t.Logf("destroy wall time: %s", time.Since(started).Round(time.Millisecond))
	if destroy.err != nil {
		t.Errorf("the destroy under chaos failed (seed %d):\n%s", seed, failureLines(destroy))
	}
	if ids := stateIDs(t, readFile(t, w.path("terraform.tfstate"))); len(ids) != 0 && destroy.err == nil {
		t.Errorf("after destroy the state still holds %d objects", len(ids))
	}
	if _, ok := fake.Tencent().Command(commandID); ok && destroy.err == nil {
		t.Errorf("after destroy the fake still holds TAT command %s", commandID)
	}
	requireEachRanOnce(t, fake, "after the plan and destroy")
}

// chaosSeeds reads CHAOS_SEEDS, seeds separated by spaces or commas; the
// fixed default without it.
func chaosSeeds(t *testing.T) []uint64 {
	t.Helper()
	fields := strings.FieldsFunc(os.Getenv(chaosSeedsEnv), func(r rune) bool { return r == ' ' || r == ',' })
	if len(fields) == 0 {
		return []uint64{defaultChaosSeed}
	}
	seeds := make([]uint64, 0, len(fields))
	for _, f := range fields {
		seed, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %q is not a non-negative integer", chaosSeedsEnv, os.Getenv(chaosSeedsEnv), f)
		}
		seeds = append(seeds, seed)
	}
	return seeds
}

// chaosLog is the environment that logs a command of this seed to
// CHAOS_LOG_DIR, when it is set.
func chaosLog(seed uint64, command string) []string {
	dir := os.Getenv(chaosLogDirEnv)
	if dir == "" {
		return nil
	}
	return []string{"TF_LOG=DEBUG", "TF_LOG_PATH=" + filepath.Join(dir, fmt.Sprintf("seed-%d-%s.log", seed, command))}
}

func chaosTATInstance(i int) string { return fmt.Sprintf("ins-chaos%03d", i) }
func chaosECSInstance(i int) string { return fmt.Sprintf("i-chaos%03d", i) }
func chaosECSScript(i int) string   { return fmt.Sprintf("echo chaos %d", i) }

// chaosConfig runs one shared TAT command on 50 instances, one each, and
// 50 ECS scripts, each its own, on 50 instances.
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
  command_content = format("echo chaos %%d", count.index)
  instance_ids    = [format("i-chaos%%03d", count.index)]
}
`, chaosRuns)
}

// requireEachRanOnce checks the fake's executions: each TAT instance ran
// the command exactly once, and each ECS script ran exactly once, on its
// own instance; nothing else ran.
func requireEachRanOnce(t *testing.T, fake *fakecloud.Server, when string) {
	t.Helper()
	execs := fake.Executions()
	tat := execs.ByInstance(fakecloud.VendorTencent)
	requireOnce(t, when, "TAT instance", tat, chaosRuns, chaosTATInstance)
	ecsByScript := execs.ByContent(fakecloud.VendorAlicloud)
	requireOnce(t, when, "ECS script", ecsByScript, chaosRuns, chaosECSScript)
	requireOnce(t, when, "ECS instance", execs.ByInstance(fakecloud.VendorAlicloud), chaosRuns, chaosECSInstance)
	for _, x := range execs {
		if x.Vendor == fakecloud.VendorAlicloud && x.Content != "" {
			var i int
			if _, err := fmt.Sscanf(x.Content, "echo chaos %d", &i); err == nil && x.InstanceID != chaosECSInstance(i) {
				t.Errorf("%s: ECS script %q ran on %s, want %s", when, x.Content, x.InstanceID, chaosECSInstance(i))
			}
		}
	}
}

// requireOnce checks that runs holds exactly the keys key(0..n-1), each
// with exactly one invocation.
func requireOnce(t *testing.T, when, what string, runs map[string][]string, n int, key func(int) string) {
	t.Helper()
	want := map[string]bool{}
	var never []string
	for i := range n {
		k := key(i)
		want[k] = true
		switch got := runs[k]; len(got) {
		case 0:
			never = append(never, k)
		case 1:
		default:
			t.Errorf("%s: %s %q ran %d times (invocations %v), want exactly once", when, what, k, len(got), got)
		}
	}
	if len(never) > 0 {
		t.Errorf("%s: %d of %d %ss never ran: %v", when, len(never), n, what, never)
	}
	var unexpected []string
	for k := range runs {
		if !want[k] {
			unexpected = append(unexpected, fmt.Sprintf("%q (%d runs)", k, len(runs[k])))
		}
	}
	sort.Strings(unexpected)
	if len(unexpected) > 0 {
		t.Errorf("%s: runs on %ss the configuration does not name: %v", when, what, unexpected)
	}
}

// requireStateHolds checks that the state records exactly the runs the
// fake made, no more and no fewer.
func requireStateHolds(t *testing.T, inState map[string]bool, execs fakecloud.Executions) {
	t.Helper()
	var missing []string
	made := map[string]bool{}
	for _, x := range execs {
		if made[x.InvocationID] {
			continue
		}
		made[x.InvocationID] = true
		if !inState[x.InvocationID] {
			missing = append(missing, x.Vendor+" "+x.InvocationID)
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

// terraformState is the part of a state file the tests read.
type terraformState struct {
	Resources []struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			Attributes struct {
				ID string `json:"id"`
			} `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

func parseState(t *testing.T, state string) terraformState {
	t.Helper()
	var parsed terraformState
	if err := json.Unmarshal([]byte(state), &parsed); err != nil {
		t.Fatalf("reading the state: %v", err)
	}
	return parsed
}

// stateIDs reads the id of every resource instance in a state file.
func stateIDs(t *testing.T, state string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range parseState(t, state).Resources {
		for _, inst := range r.Instances {
			ids[inst.Attributes.ID] = true
		}
	}
	return ids
}

// stateID reads the id of a resource without count, "" when the state has
// none.
func stateID(t *testing.T, state, typ, name string) string {
	t.Helper()
	for _, r := range parseState(t, state).Resources {
		if r.Type == typ && r.Name == name && len(r.Instances) == 1 {
			return r.Instances[0].Attributes.ID
		}
	}
	return ""
}

// failureLines is what a failed terraform command said, without the
// progress lines of a large apply: its errors and warnings, from the first
// diagnostic on.
func failureLines(r result) string {
	out := r.stderr
	if i := strings.Index(out, "Error:"); i > 0 {
		out = out[max(0, strings.LastIndex(out[:i], "\n")):]
	}
	const limit = 20000
	if len(out) > limit {
		out = out[:limit] + "\n[... cut]"
	}
	return fmt.Sprintf("error: %v\n%s", r.err, out)
}

// logChaosFigures reports what the apply went through; `go test -v` shows it.
func logChaosFigures(t *testing.T, c fakecloud.Counters, applyTime time.Duration) {
	t.Helper()
	for _, vendor := range []string{fakecloud.VendorTencent, fakecloud.VendorAlicloud} {
		t.Logf("%s apply: %d requests; faults: %d throttled, %d rate-limited, %d 5xx, %d dropped before, %d dropped after, %d 5xx after acting; %d replays answered",
			vendor, c.Request(vendor, fakecloud.AnyAction),
			c.Fault(vendor, fakecloud.FaultThrottle), c.Fault(vendor, fakecloud.FaultRateLimit), c.Fault(vendor, fakecloud.FaultServerError),
			c.Fault(vendor, fakecloud.FaultDropBefore), c.Fault(vendor, fakecloud.FaultDropAfter), c.Fault(vendor, fakecloud.FaultServerErrorAfter),
			c.Replay(vendor, fakecloud.AnyAction))
	}
	t.Logf("apply wall time: %s", applyTime.Round(time.Millisecond))
}

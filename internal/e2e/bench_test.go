package e2e

// Benchmarks of the provider as users meet it: the terraform CLI driving the
// built provider binary against the fake, in-process here, whose counters
// tell how many API calls each terraform command made. Every figure is
// compared with a floor measured in the same run (the same plan without
// refresh, the same plan over terraform_data, which is built into terraform)
// or derived from what the fake did in this run, so the ratios hold on any
// machine. `make bench` runs them and prints the results table
// (bench_report_test.go); `make test` never does: they are benchmarks.
//
// Sizes come from the environment. BENCH_QUICK=1 picks sizes that run in
// about two minutes; each size can also be set on its own:
//
//	BENCH_TAT_RUNS         finished TAT runs planned over       1000 (quick 100)
//	BENCH_ECS_RUNS         finished ECS runs planned over        100 (quick 20)
//	BENCH_UNFINISHED_RUNS  running TAT runs planned over         100 (quick 20)
//	BENCH_SLEEP_RUNS       TAT runs of `sleep 3` applied         100 (quick 20)
//	BENCH_ACTION_INSTANCES instances of one `sleep 3` action     100 (quick 100)
//
// BENCH_TABLE=FILE also writes the table to FILE.

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// The environment variables that size the benchmarks.
const (
	envQuick           = "BENCH_QUICK"
	envTATRuns         = "BENCH_TAT_RUNS"
	envECSRuns         = "BENCH_ECS_RUNS"
	envUnfinishedRuns  = "BENCH_UNFINISHED_RUNS"
	envSleepRuns       = "BENCH_SLEEP_RUNS"
	envActionInstances = "BENCH_ACTION_INSTANCES"
)

var benchSizeEnvs = []string{envTATRuns, envECSRuns, envUnfinishedRuns, envSleepRuns, envActionInstances}

// Targets the provider is measured against.
const (
	targetFinishedPlanCalls  = 10  // a plan over finished runs, whatever their number
	targetFinishedPlanRatio  = 1.1 // ... against the same plan without refresh
	targetUnfinishedCalls    = 20  // a plan over running runs at the default parallelism
	targetUnfinishedCalls100 = 4   // ... at -parallelism=100
	targetSleepRatio         = 1.2 // an apply of sleeping runs against the sleep floor
	targetRateRatio          = 1.5 // ... against the InvokeCommand rate floor
)

// TAT's documented rate limit, per action, and the script the apply
// benchmark runs.
const (
	tatRatePerSecond = 20
	sleepSeconds     = 3
	// defaultParallelism is terraform's own.
	defaultParallelism = 10
)

// BenchmarkPlanFinishedTAT plans over 1000 finished TAT invocations sharing
// one command, with the fake enforcing TAT's rate limits, against the same
// plan with -refresh=false and a plan over as many terraform_data.
func BenchmarkPlanFinishedTAT(b *testing.B) {
	n := benchSize(b, envTATRuns, 1000, 100)
	fake := startBenchFake(b, fakecloud.Options{})
	w := benchWorkspace(b, finishedTATConfig(fake, n))
	benchSetup(b, w, fmt.Sprintf("%d finished TAT runs", n), "apply", "-auto-approve", "-parallelism=100")
	requireExecutions(b, fake, fakecloud.VendorTencent, n, "SUCCESS")
	fake.Faults().SetEnforceRateLimits(true)
	planOverFinished(b, fmt.Sprintf("1. plan over %d finished TAT runs", n), n, w, fake)
}

// BenchmarkPlanFinishedECS is BenchmarkPlanFinishedTAT for 100 finished
// cloudcmd_ecs_run_command runs.
func BenchmarkPlanFinishedECS(b *testing.B) {
	n := benchSize(b, envECSRuns, 100, 20)
	fake := startBenchFake(b, fakecloud.Options{})
	w := benchWorkspace(b, finishedECSConfig(fake, n))
	benchSetup(b, w, fmt.Sprintf("%d finished ECS runs", n), "apply", "-auto-approve", "-parallelism=100")
	requireExecutions(b, fake, fakecloud.VendorAlicloud, n, "Success")
	fake.Faults().SetEnforceRateLimits(true)
	planOverFinished(b, fmt.Sprintf("2. plan over %d finished ECS runs", n), n, w, fake)
}

// planOverFinished measures a plan of w, its floors, and records them.
func planOverFinished(b *testing.B, scenario string, n int, w *workspace, fake *fakecloud.Server) {
	b.Helper()
	data := benchWorkspace(b, terraformDataConfig(n))
	benchSetup(b, data, fmt.Sprintf("%d terraform_data", n), "apply", "-auto-approve", "-parallelism=100")

	var dataPlan, noRefresh, plan measurement
	b.Run("terraform_data", func(b *testing.B) { dataPlan = measurePlan(b, data, nil, planArgs()...) })
	b.Run("refresh=false", func(b *testing.B) {
		noRefresh = measurePlan(b, w, fake, planArgs("-refresh=false")...)
		reportRatio(b, noRefresh, dataPlan, "x-terraform_data")
	})
	b.Run("plan", func(b *testing.B) {
		plan = measurePlan(b, w, fake, planArgs()...)
		reportRatio(b, plan, noRefresh, "x-refresh=false")
		reportRatio(b, plan, dataPlan, "x-terraform_data")
	})

	recordRow(benchRow{
		scenario: scenario, run: "`plan`", m: plan, callTarget: targetFinishedPlanCalls,
		ratios: []benchRatio{
			{floor: "`plan -refresh=false`", floorWall: noRefresh.wall(), target: targetFinishedPlanRatio},
			{floor: fmt.Sprintf("`plan` of %d `terraform_data`", n), floorWall: dataPlan.wall()},
		},
	})
	recordRow(benchRow{
		scenario: scenario, run: "`plan -refresh=false`", m: noRefresh,
		ratios: []benchRatio{{floor: fmt.Sprintf("`plan` of %d `terraform_data`", n), floorWall: dataPlan.wall()}},
	})
	recordRow(benchRow{scenario: scenario, run: fmt.Sprintf("`plan` of %d `terraform_data`", n), m: dataPlan})
}

// BenchmarkPlanUnfinishedTAT plans over 100 TAT invocations still running
// (wait_for_completion = false, a script sleeping for 100000 seconds of the
// fake's time), at terraform's default parallelism and at 100.
func BenchmarkPlanUnfinishedTAT(b *testing.B) {
	n := benchSize(b, envUnfinishedRuns, 100, 20)
	fake := startBenchFake(b, fakecloud.Options{})
	w := benchWorkspace(b, unfinishedTATConfig(fake, n))
	benchSetup(b, w, fmt.Sprintf("%d running TAT runs", n), "apply", "-auto-approve", "-parallelism=100")
	requireExecutions(b, fake, fakecloud.VendorTencent, n, "RUNNING")
	fake.Faults().SetEnforceRateLimits(true)
	scenario := fmt.Sprintf("3. plan over %d running TAT runs", n)

	var noRefresh, plan10, plan100 measurement
	b.Run("refresh=false", func(b *testing.B) { noRefresh = measurePlan(b, w, fake, planArgs("-refresh=false")...) })
	b.Run("parallelism=default", func(b *testing.B) {
		plan10 = measurePlan(b, w, fake, planArgs()...)
		reportRatio(b, plan10, noRefresh, "x-refresh=false")
	})
	b.Run("parallelism=100", func(b *testing.B) {
		plan100 = measurePlan(b, w, fake, planArgs("-parallelism=100")...)
		reportRatio(b, plan100, noRefresh, "x-refresh=false")
	})
	requireExecutions(b, fake, fakecloud.VendorTencent, n, "RUNNING")

	floor := []benchRatio{{floor: "`plan -refresh=false`", floorWall: noRefresh.wall()}}
	reads := []string{fakecloud.VendorTencent + " DescribeInvocations", fakecloud.VendorTencent + " DescribeInvocationTasks"}
	recordRow(benchRow{scenario: scenario, run: fmt.Sprintf("`plan` (default parallelism, %d)", defaultParallelism), m: plan10,
		callTarget: targetUnfinishedCalls, callActions: reads, ratios: floor})
	recordRow(benchRow{scenario: scenario, run: "`plan -parallelism=100`", m: plan100,
		callTarget: targetUnfinishedCalls100, callActions: reads, ratios: floor})
	recordRow(benchRow{scenario: scenario, run: "`plan -refresh=false`", m: noRefresh})
}

// BenchmarkApplySleepingTAT applies 100 TAT invocations of `sleep 3` on the
// wall clock, so each sleep takes three real seconds, with TAT's rate
// limits enforced. Delivery takes no time (the fake's realistic timing
// would add two seconds before each script starts, which no provider can
// win back), so the floors are the script's own: at -parallelism=10 ten
// rounds of sleeps (30 s); at -parallelism=100 sending 100 InvokeCommand at
// 20 a second (5 s). Each apply is also compared with the fastest schedule
// the fake allows, from the run time it measured: each run sent as soon as
// the rate limit and a free slot of -parallelism let it, and seen to end
// the moment it did.
func BenchmarkApplySleepingTAT(b *testing.B) {
	n := benchSize(b, envSleepRuns, 100, 20)
	for _, p := range []int{10, 100} {
		b.Run(fmt.Sprintf("parallelism=%d", p), func(b *testing.B) {
			applySleeping(b, n, p)
		})
	}
}

func applySleeping(b *testing.B, n, parallelism int) {
	fake := startBenchFake(b, fakecloud.Options{EnforceRateLimits: true})
	w := benchWorkspace(b, sleepingTATConfig(fake, parallelism))
	benchSetup(b, w, "the TAT command", "apply", "-auto-approve")

	var m measurement
	var runTime time.Duration // the shortest run, invocation to end, in the fake
	for b.Loop() {
		if m.runs > 0 {
			b.StopTimer()
			w.mustRun(nil, "apply", "-no-color", "-input=false", "-auto-approve", "-var", "runs=0")
			b.StartTimer()
		}
		seen := map[string]bool{}
		for _, x := range fake.Executions() {
			seen[x.InvocationID] = true
		}
		m.add(b, w, fake, "apply", "-no-color", "-input=false", "-auto-approve",
			fmt.Sprintf("-parallelism=%d", parallelism), "-var", fmt.Sprintf("runs=%d", n))
		if d := shortestRun(b, fake, seen, n); runTime == 0 || d < runTime {
			runTime = d
		}
	}

	rounds := (n + parallelism - 1) / parallelism
	sleepFloor := time.Duration(rounds) * sleepSeconds * time.Second
	// The last of n InvokeCommand calls at the rate limit goes out (n-1)/20 s
	// after the first, and its script still runs for its 3 s after it.
	rateFloor := time.Duration(n-1)*time.Second/tatRatePerSecond + sleepSeconds*time.Second
	stated := benchRatio{
		floor:     fmt.Sprintf("sleep floor, %d rounds of %d s", rounds, sleepSeconds),
		floorWall: sleepFloor, target: targetSleepRatio,
	}
	if rateFloor > sleepFloor {
		stated = benchRatio{
			floor:     fmt.Sprintf("InvokeCommand rate floor, %d calls at %d/s, then the last one's %d s", n, tatRatePerSecond, sleepSeconds),
			floorWall: rateFloor, target: targetRateRatio,
		}
	}
	schedule := benchRatio{
		floor: fmt.Sprintf("fake's schedule, runs of %.2f s sent at %d/s, %d at a time",
			runTime.Seconds(), tatRatePerSecond, parallelism),
		floorWall: scheduleFloor(n, parallelism, runTime),
	}
	b.ReportMetric(float64(m.totalCalls()), "calls/op")
	reportRatio(b, m, measurement{total: stated.floorWall, runs: 1}, "x-stated-floor")
	reportRatio(b, m, measurement{total: schedule.floorWall, runs: 1}, "x-schedule-floor")
	recordRow(benchRow{
		scenario: fmt.Sprintf("4. apply %d × `sleep %d` TAT runs", n, sleepSeconds),
		run:      fmt.Sprintf("`apply -parallelism=%d`", parallelism),
		m:        m, ratios: []benchRatio{stated, schedule},
	})
}

// shortestRun is the shortest time, in the fake, from an invocation made
// since seen to the end of its run; every one of those n runs must have
// succeeded.
func shortestRun(b *testing.B, fake *fakecloud.Server, seen map[string]bool, n int) time.Duration {
	b.Helper()
	var shortest time.Duration
	made := 0
	for _, inv := range fake.Tencent().Invocations() {
		if seen[inv.ID] {
			continue
		}
		made++
		for _, task := range inv.Tasks {
			if task.Status != "SUCCESS" {
				b.Fatalf("invocation %s ended %s on %s, want SUCCESS", inv.ID, task.Status, task.InstanceID)
			}
			if d := task.EndTime.Sub(inv.CreatedTime); shortest == 0 || d < shortest {
				shortest = d
			}
		}
	}
	if made != n {
		b.Fatalf("the apply made %d invocations, want %d", made, n)
	}
	return shortest
}

// scheduleFloor is when the last of n runs would end if each were sent the
// moment the rate limit and a free slot of parallelism allowed, and noticed
// the moment it ended: each run takes runTime from its InvokeCommand.
func scheduleFloor(n, parallelism int, runTime time.Duration) time.Duration {
	spacing := time.Second / tatRatePerSecond
	slots := make([]time.Duration, parallelism) // when each slot is free again
	var last time.Duration
	for i := range n {
		free := slices.Index(slots, slices.Min(slots))
		start := max(slots[free], time.Duration(i)*spacing)
		slots[free] = start + runTime
		last = max(last, slots[free])
	}
	return last
}

// measurement is what the measured terraform commands took and cost.
type measurement struct {
	runs        int
	total       time.Duration
	calls       map[string]int // by vendor, then action, summed over runs
	rateLimited int            // requests the fake refused for the rate limit
	changes     bool           // a plan proposed changes
	used        bool           // the fake was watched
}

func (m measurement) wall() time.Duration {
	if m.runs == 0 {
		return 0
	}
	return m.total / time.Duration(m.runs)
}

// perRun is a count over all runs as a mean per run.
func (m measurement) perRun(n int) int {
	if m.runs == 0 {
		return 0
	}
	return int(math.Round(float64(n) / float64(m.runs)))
}

// callsOf is the number of requests of these actions ("vendor action"),
// per run.
func (m measurement) callsOf(actions []string) int {
	total := 0
	for _, a := range actions {
		total += m.calls[a]
	}
	return m.perRun(total)
}

func (m measurement) totalCalls() int {
	total := 0
	for _, n := range m.calls {
		total += n
	}
	return m.perRun(total)
}

// measure runs terraform with args in w once per benchmark iteration,
// counting the fake's requests (when fake is not nil).
func measure(b *testing.B, w *workspace, fake *fakecloud.Server, args ...string) measurement {
	b.Helper()
	var m measurement
	for b.Loop() {
		m.add(b, w, fake, args...)
	}
	b.ReportMetric(float64(m.totalCalls()), "calls/op")
	return m
}

// planRuns is how many times a plan is timed at the least. A plan over a
// large state varies by about half a second from one run to the next, as
// much as its ratios tell apart, so one run alone is not a figure.
const planRuns = 5

// measurePlan is measure for a plan, run at least planRuns times whatever
// -benchtime says; its figures are the mean of all the runs.
func measurePlan(b *testing.B, w *workspace, fake *fakecloud.Server, args ...string) measurement {
	b.Helper()
	m := measure(b, w, fake, args...)
	for m.runs < planRuns {
		m.add(b, w, fake, args...)
	}
	return m
}

// add runs terraform once and adds its time and requests to m. A plan's
// -detailed-exitcode 2 (changes proposed) is noted, not a failure.
func (m *measurement) add(b *testing.B, w *workspace, fake *fakecloud.Server, args ...string) result {
	b.Helper()
	if fake != nil {
		fake.ResetCounters()
	}
	started := time.Now()
	r := w.run(b.Context(), nil, args...)
	m.total += time.Since(started)
	m.runs++
	if r.err != nil {
		var exit *exec.ExitError
		if !errors.As(r.err, &exit) || exit.ExitCode() != 2 || !slices.Contains(args, "-detailed-exitcode") {
			b.Fatalf("terraform %s failed:\n%s", strings.Join(args, " "), failureLines(r))
		}
		m.changes = true
	}
	if fake == nil {
		return r
	}
	m.used = true
	c := fake.Counters()
	if m.calls == nil {
		m.calls = map[string]int{}
	}
	for vendor, actions := range c.Requests {
		for action, n := range actions {
			m.calls[vendor+" "+action] += n
		}
	}
	for _, vendor := range []string{fakecloud.VendorTencent, fakecloud.VendorAlicloud} {
		m.rateLimited += c.Fault(vendor, fakecloud.FaultRateLimit)
	}
	return r
}

// reportRatio adds m's wall time over floor's to the benchmark's line.
func reportRatio(b *testing.B, m, floor measurement, unit string) {
	if m.runs > 0 && floor.wall() > 0 {
		b.ReportMetric(m.wall().Seconds()/floor.wall().Seconds(), unit)
	}
}

func planArgs(extra ...string) []string {
	return append([]string{"plan", "-no-color", "-input=false", "-detailed-exitcode"}, extra...)
}

// benchSize reads a scenario's size from env, else its quick or full
// default.
func benchSize(b *testing.B, env string, full, quick int) int {
	b.Helper()
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want a positive integer", env, v)
		}
		return n
	}
	if v := os.Getenv(envQuick); v != "" && v != "0" {
		return quick
	}
	return full
}

// benchTerraform finds the terraform CLI as acctest.PreCheck does, without
// asking for TF_ACC: benchmarks run only when asked for by -bench.
func benchTerraform(b *testing.B) string {
	b.Helper()
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		if p, err := exec.LookPath("terraform"); err == nil {
			path = p
		} else if _, err := os.Stat("/usr/local/bin/terraform"); err == nil {
			path = "/usr/local/bin/terraform"
		}
	}
	if path == "" {
		b.Fatal("no terraform CLI: put terraform on PATH or set TF_ACC_TERRAFORM_PATH")
	}
	benchRows.Lock()
	benchRows.terraform = path
	benchRows.Unlock()
	return path
}

// benchWorkspace is a workspace whose commands may take as long as a
// large apply at the vendors' rate limits does.
func benchWorkspace(b *testing.B, config string) *workspace {
	b.Helper()
	w := newWorkspaceWith(b, benchTerraform(b), config)
	w.timeout = time.Hour
	return w
}

// startBenchFake starts a fake on a free port for one benchmark.
func startBenchFake(b *testing.B, opts fakecloud.Options) *fakecloud.Server {
	b.Helper()
	fake := fakecloud.New(opts)
	if _, err := fake.Start("127.0.0.1:0"); err != nil {
		b.Fatalf("starting the fake endpoint: %v", err)
	}
	b.Cleanup(func() { _ = fake.Close() })
	return fake
}

// benchSetup runs an unmeasured terraform command that makes what, and
// notes how long it took.
func benchSetup(b *testing.B, w *workspace, what string, args ...string) {
	b.Helper()
	started := time.Now()
	args = append(args[:1:1], append([]string{"-no-color", "-input=false"}, args[1:]...)...)
	if r := w.run(b.Context(), nil, args...); r.err != nil {
		b.Fatalf("setup: terraform %s failed:\n%s", strings.Join(args, " "), failureLines(r))
	}
	recordSetup(fmt.Sprintf("%s: %s, `terraform %s`: %s", b.Name(), what, strings.Join(args, " "), seconds(time.Since(started))))
}

// requireExecutions checks the setup: the fake holds n runs of vendor, all
// in this status.
func requireExecutions(b *testing.B, fake *fakecloud.Server, vendor string, n int, status string) {
	b.Helper()
	got := 0
	for _, x := range fake.Executions() {
		if x.Vendor != vendor {
			continue
		}
		got++
		if x.Status != status {
			b.Fatalf("setup: run %s on %s is %s, want %s", x.InvocationID, x.InstanceID, x.Status, status)
		}
	}
	if got != n {
		b.Fatalf("setup: the fake holds %d %s runs, want %d", got, vendor, n)
	}
}

func finishedTATConfig(fake *fakecloud.Server, n int) string {
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "bench" {
  name         = "bench"
  command_type = "SHELL"
  content      = "echo bench"
}

resource "cloudcmd_tat_invocation" "bench" {
  count        = %d
  command_id   = cloudcmd_tat_command.bench.id
  instance_ids = [format("ins-bn%%06d", count.index)]
}
`, n)
}

func finishedECSConfig(fake *fakecloud.Server, n int) string {
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_ecs_run_command" "bench" {
  count           = %d
  type            = "RunShellScript"
  command_content = "echo bench"
  instance_ids    = [format("i-bench%%06d", count.index)]
}
`, n)
}

func unfinishedTATConfig(fake *fakecloud.Server, n int) string {
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "bench" {
  name         = "bench-running"
  command_type = "SHELL"
  content      = "sleep 100000"
  timeout      = 86400
}

resource "cloudcmd_tat_invocation" "bench" {
  count               = %d
  command_id          = cloudcmd_tat_command.bench.id
  instance_ids        = [format("ins-ru%%06d", count.index)]
  wait_for_completion = false
}
`, n)
}

// sleepingTATConfig makes var.runs invocations of `sleep 3`; 0 by default,
// so the first apply makes the command alone.
func sleepingTATConfig(fake *fakecloud.Server, parallelism int) string {
	return requiredProviders + acctest.ProviderConfig(fake) + fmt.Sprintf(`
variable "runs" {
  type    = number
  default = 0
}

resource "cloudcmd_tat_command" "bench" {
  name         = "bench-sleep-%[1]d"
  command_type = "SHELL"
  content      = "sleep %[2]d"
  timeout      = 600
}

resource "cloudcmd_tat_invocation" "bench" {
  count        = var.runs
  command_id   = cloudcmd_tat_command.bench.id
  instance_ids = [format("ins-sl%%06d", count.index)]
}
`, parallelism, sleepSeconds)
}

// terraformDataConfig is the floor of a plan over n resources: terraform's
// built-in terraform_data, which needs no provider and makes no calls.
func terraformDataConfig(n int) string {
	return fmt.Sprintf(`
resource "terraform_data" "bench" {
  count = %d
  input = count.index
}
`, n)
}

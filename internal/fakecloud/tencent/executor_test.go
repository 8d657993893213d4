package tencent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// withExecutor configures a test service to run scripts with e.
func withExecutor(e Executor) func(*Config) {
	return func(cfg *Config) { cfg.Executor = e }
}

// waitRuns waits until every real run has been recorded.
func (e *testEnv) waitRuns() { e.svc.live.Wait() }

func TestExecutorRunsTheScriptAndItsResultFollowsTheClock(t *testing.T) {
	t.Parallel()
	requests := make(chan ExecRequest, 1)
	release := make(chan struct{})
	env := newTestEnv(t, withExecutor(ExecutorFunc(func(_ context.Context, req ExecRequest) ExecResult {
		requests <- req
		<-release
		return ExecResult{ExitCode: 0, Output: []byte("real output\n"), Duration: 3 * time.Second}
	})))
	c := env.tatClient(t)
	cmd := createScript(t, c, "real", "echo {{who}}", func(r *tat.CreateCommandRequest) {
		r.EnableParameter = common.BoolPtr(true)
		r.DefaultParameters = common.StringPtr(`{"who":"world"}`)
		r.WorkingDirectory = common.StringPtr("/srv")
		r.Timeout = common.Uint64Ptr(30)
	})
	id := invoke(t, c, cmd, "ins-exec0001")

	want := ExecRequest{InstanceID: "ins-exec0001", Script: "echo world", CommandType: "SHELL", WorkingDirectory: "/srv", Timeout: 30 * time.Second}
	if got := <-requests; got != want {
		t.Errorf("the executor was asked for\n %+v\nwant %+v", got, want)
	}
	// Until the process reports back, the task runs, wherever the clock is.
	followTimeline(t, env, c, id, []step{
		{0, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "", "0s", "-"}},
		{10 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "", "0s", "-"}},
	})
	close(release)
	env.waitRuns()
	followTimeline(t, env, c, id, []step{
		{0, "SUCCESS", "3s", taskMoment{"SUCCESS", "0s", "3s", "3s", 0, "real output\n", "0s", "3s"}},
	})
}

func TestExecutorRunIsPlacedOnTheClockFromTheStart(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic, withExecutor(ExecutorFunc(func(context.Context, ExecRequest) ExecResult {
		return ExecResult{ExitCode: 0, Output: []byte("quick\n"), Duration: 10 * time.Millisecond}
	})))
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "quick", "true"), "ins-exec0001")
	env.waitRuns()
	// Recorded at once, the run still waits for its turn on the clock: the
	// realistic delivery, then at least a second of running.
	followTimeline(t, env, c, id, []step{
		{0, "PENDING", "-", taskMoment{"PENDING", "-", "-", "0s", 0, "", "-", "-"}},
		{2 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "2s", "-", "2s", 0, "quick\n", "2s", "-"}},
		{time.Second, "SUCCESS", "3s", taskMoment{"SUCCESS", "2s", "3s", "3s", 0, "quick\n", "2s", "3s"}},
	})
}

func TestExecutorResults(t *testing.T) {
	t.Parallel()
	results := map[string]ExecResult{
		"ins-ok000001": {ExitCode: 0, Output: []byte("fine\n")},
		"ins-fail0001": {ExitCode: 2, Output: []byte("broken\n"), Duration: time.Second},
		"ins-slow0001": {ExitCode: 0, Output: []byte("late\n"), Duration: 2 * time.Minute},
		"ins-nostart1": {StartError: "UserNotExists: user `deployer` not exists", Output: []byte("ignored")},
		"ins-chatty01": {Output: []byte(strings.Repeat("y", script.MaxOutputBytes+10)), Dropped: 90},
	}
	env := newTestEnv(t, withExecutor(ExecutorFunc(func(_ context.Context, req ExecRequest) ExecResult {
		return results[req.InstanceID]
	})))
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "mixed", "true"), "ins-ok000001", "ins-fail0001", "ins-slow0001", "ins-nostart1", "ins-chatty01")
	env.waitRuns()
	env.advance(time.Minute)

	snap, _ := env.svc.Invocation(id)
	type result struct {
		status    string
		exitCode  int64
		output    string
		dropped   uint64
		errorInfo string
	}
	want := []result{
		{"SUCCESS", 0, "fine\n", 0, ""},
		{"FAILED", 2, "broken\n", 0, ""},
		{"TIMEOUT", -1, "late\n", 0, ""},
		{"START_FAILED", 0, "", 0, "UserNotExists: user `deployer` not exists"},
		{"SUCCESS", 0, strings.Repeat("y", script.MaxOutputBytes), 100, ""},
	}
	for i, task := range snap.Tasks {
		got := result{task.Status, task.ExitCode, task.Output, task.Dropped, task.ErrorInfo}
		if got != want[i] {
			t.Errorf("task on %s: %+v, want %+v", task.InstanceID, got, want[i])
		}
	}
	if snap.Status != "PARTIAL_FAILED" {
		t.Errorf("invocation %s, want PARTIAL_FAILED", snap.Status)
	}
}

func TestExecutorContextEndsAtTheTimeout(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, withExecutor(ExecutorFunc(func(ctx context.Context, _ ExecRequest) ExecResult {
		<-ctx.Done()
		return ExecResult{ExitCode: -1, Output: []byte("partial\n")}
	})))
	c := env.tatClient(t)
	req := invokeRequestFor(createScript(t, c, "hangs", "true"), "ins-hang0001")
	req.Timeout = common.Uint64Ptr(1)
	id := invokeWith(t, c, req)
	env.waitRuns() // a second of real time
	followTimeline(t, env, c, id, []step{
		{time.Second, "TIMEOUT", "1s", taskMoment{"TIMEOUT", "0s", "1s", "1s", -1, "partial\n", "0s", "1s"}},
	})
}

// A record forgotten while its real run is under way takes the run with it,
// as ECS's does: the process is killed, not left to its timeout.
func TestDeleteInvocationKillsARealRun(t *testing.T) {
	t.Parallel()
	stopped, release := make(chan struct{}, 1), make(chan struct{})
	env := newTestEnv(t, withExecutor(blockingExecutor(stopped, release)))
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "purged", "true"), "ins-purge001")
	if !env.svc.DeleteInvocation(id) {
		t.Fatalf("DeleteInvocation(%s) found no invocation", id)
	}
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the real run was not killed when its record was deleted")
	}
	close(release)
	env.waitRuns()
}

// blockingExecutor runs until its context ends, then reports on stopped and
// waits for release before returning, so a test sees every step.
func blockingExecutor(stopped chan<- struct{}, release <-chan struct{}) Executor {
	return ExecutorFunc(func(ctx context.Context, _ ExecRequest) ExecResult {
		<-ctx.Done()
		stopped <- struct{}{}
		<-release
		return ExecResult{ExitCode: -1, Output: []byte("partial\n"), Duration: 5 * time.Second}
	})
}

func TestCancelARealRun(t *testing.T) {
	t.Parallel()
	stopped, release := make(chan struct{}, 1), make(chan struct{})
	env := newTestEnv(t, withExecutor(blockingExecutor(stopped, release)))
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "long", "true"), "ins-long0001")
	env.advance(2 * time.Second)
	cancelInvocation(t, c, id)
	<-stopped // the process was told to stop
	// Until the process is gone, the agent is still killing it.
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLING", "-", taskMoment{"CANCELLING", "0s", "-", "2s", 0, "", "0s", "-"}},
	})
	close(release)
	env.waitRuns()
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLED", "2s", taskMoment{"TERMINATED", "0s", "2s", "2s", -1, "partial\n", "0s", "2s"}},
	})
}

func TestCancelARealRunBeforeItsTurn(t *testing.T) {
	t.Parallel()
	stopped, release := make(chan struct{}, 1), make(chan struct{})
	env := newTestEnv(t, realistic, withExecutor(blockingExecutor(stopped, release)))
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "queued", "true"), "ins-queue001")
	cancelInvocation(t, c, id)
	<-stopped
	close(release)
	env.waitRuns()
	followTimeline(t, env, c, id, []step{
		{5 * time.Second, "CANCELLED", "0s", taskMoment{"CANCELLED", "-", "0s", "0s", 0, "", "-", "-"}},
	})
}

func TestOutcomesAndMissingDirectoriesComeBeforeTheExecutor(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, withExecutor(ExecutorFunc(func(_ context.Context, req ExecRequest) ExecResult {
		t.Errorf("the executor ran on %s", req.InstanceID)
		return ExecResult{}
	})))
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-outcome1"}, Outcome{ExitCode: 6})
	env.svc.SetMissingDirectory("ins-nodir001", "/root")
	id := invoke(t, c, createScript(t, c, "planned", "true"), "ins-outcome1", "ins-nodir001")
	env.waitRuns()
	assertStatuses(t, env, id, "FAILED", "FAILED", "START_FAILED")
}

func TestCloseStopsRealRuns(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, withExecutor(ExecutorFunc(func(ctx context.Context, _ ExecRequest) ExecResult {
		<-ctx.Done()
		return ExecResult{ExitCode: -1, Output: []byte("stopped\n")}
	})))
	c := env.tatClient(t)
	cmd := createScript(t, c, "forever", "true")
	running := invoke(t, c, cmd, "ins-close001")
	env.svc.Close()
	snap, _ := env.svc.Invocation(running)
	if task := snap.Tasks[0]; task.Status != "FAILED" || task.ExitCode != -1 || task.Output != "stopped\n" {
		t.Errorf("a run stopped by Close: %+v", task)
	}
	snap, _ = env.svc.Invocation(invoke(t, c, cmd, "ins-close001"))
	if task := snap.Tasks[0]; task.Status != "START_FAILED" || task.ErrorInfo != vendorkit.ErrClosed {
		t.Errorf("a run asked for after Close: %+v", task)
	}
}

func TestShellExecutorThroughTheService(t *testing.T) {
	t.Parallel()
	requireShell(t)
	dir := t.TempDir()
	env := newTestEnv(t, withExecutor(ShellExecutor{}))
	c := env.tatClient(t)
	_, id := runCommand(t, c, func() *tat.RunCommandRequest {
		req := newRunRequest("echo hello {{who}}\npwd -P\necho to stderr >&2\nexit 3", "ins-shell001")
		req.WorkingDirectory = common.StringPtr(dir)
		req.EnableParameter = common.BoolPtr(true)
		req.Parameters = common.StringPtr(`{"who":"world"}`)
		return req
	}())
	env.waitRuns()
	env.advance(time.Minute)
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	task := describeTasks(t, c, id)[0]
	if out, want := decodedOutput(t, task), "hello world\n"+resolved+"\nto stderr\n"; out != want || *task.TaskStatus != "FAILED" || *task.TaskResult.ExitCode != 3 {
		t.Errorf("task %s with exit code %d and output %q, want FAILED with 3 and %q", *task.TaskStatus, *task.TaskResult.ExitCode, out, want)
	}

	_, id = runCommand(t, c, func() *tat.RunCommandRequest {
		req := newRunRequest("echo started\nsleep 30", "ins-shell001")
		req.Timeout = common.Uint64Ptr(60)
		return req
	}())
	cancelInvocation(t, c, id)
	env.waitRuns() // the process group was killed: this takes nowhere near 30 s
	snap, _ := env.svc.Invocation(id)
	if task := snap.Tasks[0]; task.Status != "TERMINATED" || task.ExitCode != -1 || !strings.HasPrefix("started\n", task.Output) {
		t.Errorf("a cancelled shell run: %+v", task)
	}
}

func requireShell(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(script.ShellPath); err != nil {
		t.Skipf("no %s here: %v", script.ShellPath, err)
	}
}

package tencent

import (
	"fmt"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func realistic(cfg *Config) { cfg.Realistic = true }

// taskMoment is what a test expects of a task at one moment. Times are
// offsets from the invocation; "-" means null.
type taskMoment struct {
	status    string
	start     string
	end       string
	updated   string
	exitCode  int64
	output    string
	execStart string
	execEnd   string
}

// observe reads the invocation's status and first task the way a client
// would, with times as offsets from start.
func observe(t *testing.T, c *tat.Client, id string, start time.Time) (string, string, taskMoment) {
	t.Helper()
	inv := describeInvocation(t, c, id)
	task := describeTasks(t, c, id)[0]
	offset := func(s *string) string {
		if s == nil {
			return "-"
		}
		at, err := time.Parse(timeFormat, *s)
		if err != nil {
			t.Fatalf("time %q is not in %s: %v", *s, timeFormat, err)
		}
		return at.Sub(start).String()
	}
	return *inv.InvocationStatus, offset(inv.EndTime), taskMoment{
		status: *task.TaskStatus, start: offset(task.StartTime), end: offset(task.EndTime),
		updated: offset(task.UpdatedTime), exitCode: *task.TaskResult.ExitCode, output: decodedOutput(t, task),
		execStart: offset(task.TaskResult.ExecStartTime), execEnd: offset(task.TaskResult.ExecEndTime),
	}
}

// step is a moment of a timeline: the clock moved by advance, and what the
// invocation and its first task look like then.
type step struct {
	advance          time.Duration
	invocationStatus string
	invocationEnd    string
	task             taskMoment
}

func followTimeline(t *testing.T, env *testEnv, c *tat.Client, id string, steps []step) {
	t.Helper()
	inv, _ := env.svc.Invocation(id)
	start := inv.CreatedTime
	for i, s := range steps {
		env.advance(s.advance)
		status, end, task := observe(t, c, id, start)
		if status != s.invocationStatus || end != s.invocationEnd || task != s.task {
			t.Errorf("step %d (%v in): invocation %s ending %s, task %+v\nwant invocation %s ending %s, task %+v",
				i, env.now().Sub(start), status, end, task, s.invocationStatus, s.invocationEnd, s.task)
		}
	}
}

func TestInstantModeTimeline(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "slow", "echo start\nsleep 30\necho done"), "ins-slow0001")
	followTimeline(t, env, c, id, []step{
		{0, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "start\n", "0s", "-"}},
		{29 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "start\n", "0s", "-"}},
		{time.Second, "SUCCESS", "30s", taskMoment{"SUCCESS", "0s", "30s", "30s", 0, "start\ndone\n", "0s", "30s"}},
		{time.Minute, "SUCCESS", "30s", taskMoment{"SUCCESS", "0s", "30s", "30s", 0, "start\ndone\n", "0s", "30s"}},
	})
}

func TestInstantModeEndsAtOnceWithoutSleep(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "quick", "echo hi\nexit 4"), "ins-quick001")
	followTimeline(t, env, c, id, []step{
		{0, "FAILED", "0s", taskMoment{"FAILED", "0s", "0s", "0s", 4, "hi\n", "0s", "0s"}},
	})
}

func TestRealisticModeTimeline(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "slow", "echo start\nsleep 5\necho done"), "ins-slow0001")
	followTimeline(t, env, c, id, []step{
		{0, "PENDING", "-", taskMoment{"PENDING", "-", "-", "0s", 0, "", "-", "-"}},
		{time.Second, "RUNNING", "-", taskMoment{"DELIVERING", "-", "-", "1s", 0, "", "-", "-"}},
		{time.Second, "RUNNING", "-", taskMoment{"RUNNING", "2s", "-", "2s", 0, "start\n", "2s", "-"}},
		{4 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "2s", "-", "2s", 0, "start\n", "2s", "-"}},
		{time.Second, "SUCCESS", "7s", taskMoment{"SUCCESS", "2s", "7s", "7s", 0, "start\ndone\n", "2s", "7s"}},
	})
}

func TestRealisticModeRunsAtLeastASecond(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "quick", "echo hi"), "ins-quick001")
	followTimeline(t, env, c, id, []step{
		{2 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "2s", "-", "2s", 0, "hi\n", "2s", "-"}},
		{time.Second, "SUCCESS", "3s", taskMoment{"SUCCESS", "2s", "3s", "3s", 0, "hi\n", "2s", "3s"}},
	})
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	req := invokeRequestFor(createScript(t, c, "hangs", "echo start\nsleep 3\necho later\nsleep 600\necho never"), "ins-hang0001")
	req.Timeout = common.Uint64Ptr(5)
	id := invokeWith(t, c, req)
	followTimeline(t, env, c, id, []step{
		{4 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "start\nlater\n", "0s", "-"}},
		{time.Second, "TIMEOUT", "5s", taskMoment{"TIMEOUT", "0s", "5s", "5s", script.ExitKilled, "start\nlater\n", "0s", "5s"}},
	})
}

func TestCancelBeforeRunning(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "never-runs", "echo hi"), "ins-cancel01")
	env.advance(time.Second) // delivering
	cancelInvocation(t, c, id)
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLED", "1s", taskMoment{"CANCELLED", "-", "1s", "1s", 0, "", "-", "-"}},
		{time.Minute, "CANCELLED", "1s", taskMoment{"CANCELLED", "-", "1s", "1s", 0, "", "-", "-"}},
	})
}

func TestCancelWhileRunning(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "long", "echo start\nsleep 10\necho later\nsleep 50\necho never"), "ins-cancel01")
	env.advance(20 * time.Second)
	cancelInvocation(t, c, id)
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLED", "20s", taskMoment{"TERMINATED", "0s", "20s", "20s", script.ExitKilled, "start\nlater\n", "0s", "20s"}},
		{time.Minute, "CANCELLED", "20s", taskMoment{"TERMINATED", "0s", "20s", "20s", script.ExitKilled, "start\nlater\n", "0s", "20s"}},
	})
}

func TestCancelWhileRunningRealistic(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "long", "echo start\nsleep 60"), "ins-cancel01")
	env.advance(5 * time.Second)
	cancelInvocation(t, c, id)
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLING", "-", taskMoment{"CANCELLING", "2s", "-", "5s", 0, "start\n", "2s", "-"}},
		{time.Second, "CANCELLED", "6s", taskMoment{"TERMINATED", "2s", "6s", "6s", script.ExitKilled, "start\n", "2s", "6s"}},
	})
}

func TestCancelJustBeforeTheEndLetsTheScriptFinish(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "almost-done", "sleep 3\necho done"), "ins-cancel01")
	env.advance(4*time.Second + 500*time.Millisecond) // ends at 5s; the kill would land at 5.5s
	cancelInvocation(t, c, id)
	followTimeline(t, env, c, id, []step{
		{0, "CANCELLING", "-", taskMoment{"CANCELLING", "2s", "-", "4s", 0, "", "2s", "-"}}, // times are to the second
		{500 * time.Millisecond, "SUCCESS", "5s", taskMoment{"SUCCESS", "2s", "5s", "5s", 0, "done\n", "2s", "5s"}},
	})
}

func TestCancelChangesNothingOnceEnded(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "done", "echo done"), "ins-cancel01")
	cancelInvocation(t, c, id)
	followTimeline(t, env, c, id, []step{
		{0, "SUCCESS", "0s", taskMoment{"SUCCESS", "0s", "0s", "0s", 0, "done\n", "0s", "0s"}},
	})
}

func TestCancelSomeInstances(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "partly", "sleep 10"), "ins-keep0001", "ins-stop0001")
	req := tat.NewCancelInvocationRequest()
	req.InvocationId = common.StringPtr(id)
	req.InstanceIds = common.StringPtrs([]string{"ins-stop0001"})
	_, err := c.CancelInvocation(req)
	mustSucceed(t, err)

	assertStatuses(t, env, id, "RUNNING", "RUNNING", "TERMINATED")
	env.advance(10 * time.Second)
	assertStatuses(t, env, id, "PARTIAL_CANCELLED", "SUCCESS", "TERMINATED")
}

func TestInvocationStatusOfManyInstances(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	script := "echo on $(hostname)\nfail-on ins-bad00001 3\nsleep 1\nfail-on ins-slow0001\nsleep 10"
	cmd := createScript(t, c, "fleet", script)

	partial := invoke(t, c, cmd, "ins-good0001", "ins-bad00001", "ins-good0002")
	assertStatuses(t, env, partial, "RUNNING", "RUNNING", "FAILED", "RUNNING")
	env.advance(11 * time.Second)
	assertStatuses(t, env, partial, "PARTIAL_FAILED", "SUCCESS", "FAILED", "SUCCESS")
	if inv, _ := env.svc.Invocation(partial); inv.Tasks[1].ExitCode != 3 {
		t.Errorf("failing instance exit code %d, want 3", inv.Tasks[1].ExitCode)
	}

	allFailed := invoke(t, c, cmd, "ins-bad00001", "ins-slow0001")
	env.advance(time.Second)
	assertStatuses(t, env, allFailed, "FAILED", "FAILED", "FAILED")

	req := invokeRequestFor(cmd, "ins-good0001", "ins-good0002")
	req.Timeout = common.Uint64Ptr(5)
	allTimedOut := invokeWith(t, c, req)
	env.advance(5 * time.Second)
	assertStatuses(t, env, allTimedOut, "TIMEOUT", "TIMEOUT", "TIMEOUT")

	req = invokeRequestFor(cmd, "ins-good0001", "ins-bad00001")
	req.Timeout = common.Uint64Ptr(5)
	failedAndTimedOut := invokeWith(t, c, req)
	env.advance(5 * time.Second)
	assertStatuses(t, env, failedAndTimedOut, "FAILED", "TIMEOUT", "FAILED")
}

// assertStatuses checks the invocation's status, then each task's in order,
// through the Go API.
func assertStatuses(t *testing.T, env *testEnv, id string, want ...string) {
	t.Helper()
	inv, ok := env.svc.Invocation(id)
	if !ok {
		t.Fatalf("invocation %s not found", id)
	}
	got := []string{inv.Status}
	for _, task := range inv.Tasks {
		got = append(got, task.Status)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("invocation and task statuses %v, want %v", got, want)
	}
}

func cancelInvocation(t *testing.T, c *tat.Client, id string) {
	t.Helper()
	req := tat.NewCancelInvocationRequest()
	req.InvocationId = common.StringPtr(id)
	_, err := c.CancelInvocation(req)
	mustSucceed(t, err)
}

func TestInvocationStatusAggregation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tasks []string
		want  string
	}{
		{[]string{"PENDING", "PENDING"}, "PENDING"},
		{[]string{"PENDING", "DELIVERING"}, "RUNNING"},
		{[]string{"SUCCESS", "RUNNING"}, "RUNNING"},
		{[]string{"CANCELLING", "RUNNING"}, "CANCELLING"},
		{[]string{"SUCCESS", "SUCCESS"}, "SUCCESS"},
		{[]string{"FAILED", "FAILED"}, "FAILED"},
		{[]string{"TIMEOUT", "TIMEOUT"}, "TIMEOUT"},
		{[]string{"FAILED", "TIMEOUT"}, "FAILED"},
		{[]string{"SUCCESS", "FAILED"}, "PARTIAL_FAILED"},
		{[]string{"SUCCESS", "TIMEOUT"}, "PARTIAL_FAILED"},
		{[]string{"FAILED", "CANCELLED"}, "PARTIAL_FAILED"},
		{[]string{"CANCELLED", "TERMINATED"}, "CANCELLED"},
		{[]string{"SUCCESS", "TERMINATED"}, "PARTIAL_CANCELLED"},
		{[]string{"SUCCESS", "CANCELLED"}, "PARTIAL_CANCELLED"},
		{[]string{"START_FAILED", "START_FAILED"}, "FAILED"},
		{[]string{"START_FAILED", "TIMEOUT"}, "FAILED"},
		{[]string{"SUCCESS", "START_FAILED"}, "PARTIAL_FAILED"},
		{[]string{"START_FAILED", "RUNNING"}, "RUNNING"},
	}
	for _, tt := range tests {
		if got := invocationStatus(tt.tasks); got != tt.want {
			t.Errorf("invocationStatus(%v) = %s, want %s", tt.tasks, got, tt.want)
		}
	}
}

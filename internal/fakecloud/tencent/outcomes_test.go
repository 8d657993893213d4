package tencent

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func TestOutcomeMostSpecificMatchWins(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmdA := createScript(t, c, "a", "echo from the script")
	cmdB := createScript(t, c, "b", "echo from the script")
	env.svc.SetOutcome(OutcomeMatch{}, Outcome{ExitCode: 1})
	env.svc.SetOutcome(OutcomeMatch{CommandID: cmdA}, Outcome{ExitCode: 2})
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-special1"}, Outcome{ExitCode: 3})
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-special1", CommandID: cmdA}, Outcome{ExitCode: 5})
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-special1", CommandID: cmdA}, Outcome{ExitCode: 4}) // replaces 5

	tests := []struct {
		cmd, instance string
		want          int64
	}{
		{cmdA, "ins-special1", 4},
		{cmdB, "ins-special1", 3},
		{cmdA, "ins-other001", 2},
		{cmdB, "ins-other001", 1},
	}
	for _, tt := range tests {
		snap, _ := env.svc.Invocation(invoke(t, c, tt.cmd, tt.instance))
		if task := snap.Tasks[0]; task.ExitCode != tt.want || task.Status != "FAILED" || task.Output != "" {
			t.Errorf("%s on %s: %s with exit code %d and output %q, want FAILED with %d and no output",
				tt.cmd, tt.instance, task.Status, task.ExitCode, task.Output, tt.want)
		}
	}

	env.svc.ClearOutcomes()
	snap, _ := env.svc.Invocation(invoke(t, c, cmdA, "ins-special1"))
	if task := snap.Tasks[0]; task.Status != "SUCCESS" || task.Output != "from the script\n" {
		t.Errorf("after ClearOutcomes: %s, output %q; want the script to run", task.Status, task.Output)
	}
}

func TestOutcomeTimeline(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-slow0001"}, Outcome{ExitCode: 0, Output: "done\n", Duration: 20 * time.Second})
	id := invoke(t, c, createScript(t, c, "ignored", "exit 7"), "ins-slow0001")
	followTimeline(t, env, c, id, []step{
		{0, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "done\n", "0s", "-"}},
		{19 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "done\n", "0s", "-"}},
		{time.Second, "SUCCESS", "20s", taskMoment{"SUCCESS", "0s", "20s", "20s", 0, "done\n", "0s", "20s"}},
	})
}

func TestOutcomeRealisticTimeline(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{}, Outcome{ExitCode: 3})
	id := invoke(t, c, createScript(t, c, "quick", "true"), "ins-quick001")
	followTimeline(t, env, c, id, []step{
		{0, "PENDING", "-", taskMoment{"PENDING", "-", "-", "0s", 0, "", "-", "-"}},
		{2 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "2s", "-", "2s", 0, "", "2s", "-"}},
		{time.Second, "FAILED", "3s", taskMoment{"FAILED", "2s", "3s", "3s", 3, "", "2s", "3s"}},
	})
}

func TestOutcomeNeverFinishes(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "hangs", "echo ok", func(r *tat.CreateCommandRequest) { r.Timeout = common.Uint64Ptr(100) })
	env.svc.SetOutcome(OutcomeMatch{CommandID: cmd}, Outcome{Output: "waiting\n", NeverFinishes: true, ExitCode: 0, Duration: time.Second})

	timedOut := invoke(t, c, cmd, "ins-hang0001")
	followTimeline(t, env, c, timedOut, []step{
		{0, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "waiting\n", "0s", "-"}},
		{99 * time.Second, "RUNNING", "-", taskMoment{"RUNNING", "0s", "-", "0s", 0, "waiting\n", "0s", "-"}},
		{time.Second, "TIMEOUT", "1m40s", taskMoment{"TIMEOUT", "0s", "1m40s", "1m40s", -1, "waiting\n", "0s", "1m40s"}},
	})

	cancelled := invoke(t, c, cmd, "ins-hang0001")
	env.advance(99 * time.Second)
	assertStatuses(t, env, cancelled, "RUNNING", "RUNNING")
	cancelInvocation(t, c, cancelled)
	snap, _ := env.svc.Invocation(cancelled)
	if task := snap.Tasks[0]; snap.Status != "CANCELLED" || task.Status != "TERMINATED" || task.ExitCode != -1 || task.Output != "waiting\n" {
		t.Errorf("cancelled: invocation %s, task %+v", snap.Status, task)
	}
}

func TestOutcomePastTheTimeout(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{}, Outcome{ExitCode: 0, Duration: 2 * time.Minute})
	req := invokeRequestFor(createScript(t, c, "long", "true"), "ins-long0001")
	req.Timeout = common.Uint64Ptr(60)
	id := invokeWith(t, c, req)
	env.advance(time.Minute)
	snap, _ := env.svc.Invocation(id)
	if task := snap.Tasks[0]; task.Status != "TIMEOUT" || task.ExitCode != -1 || !task.EndTime.Equal(env.now()) {
		t.Errorf("task %+v, want TIMEOUT with exit code -1 at %v", task, env.now())
	}
}

func TestOutcomeOutputIsKeptAsTheAgentKeepsIt(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{}, Outcome{Output: strings.Repeat("x", 30000)})
	task := describeTasks(t, c, invoke(t, c, createScript(t, c, "chatty", "true"), "ins-chatty01"))[0]
	if out := decodedOutput(t, task); len(out) != script.MaxOutputBytes || *task.TaskResult.Dropped != 30000-script.MaxOutputBytes {
		t.Errorf("kept %d bytes and dropped %d, want %d and %d", len(out), *task.TaskResult.Dropped, script.MaxOutputBytes, 30000-script.MaxOutputBytes)
	}
}

func TestOutcomeOfRunCommand(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-run00001"}, Outcome{ExitCode: 42, Output: "nope"})
	_, id := runCommand(t, c, newRunRequest("echo fine", "ins-run00001", "ins-run00002"))
	snap, _ := env.svc.Invocation(id)
	if snap.Status != "PARTIAL_FAILED" || snap.Tasks[0].ExitCode != 42 || snap.Tasks[0].Output != "nope" || snap.Tasks[1].Output != "fine\n" {
		t.Errorf("invocation %+v", snap)
	}
}

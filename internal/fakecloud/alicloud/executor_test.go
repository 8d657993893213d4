package alicloud

import (
	"context"
	"os"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

func withExecutor(e script.Executor) func(*Config) {
	return func(cfg *Config) { cfg.Executor = e }
}

func TestExecutorRunsOneTimeScripts(t *testing.T) {
	t.Parallel()
	requests := make(chan script.ExecRequest, 1)
	release := make(chan struct{})
	f := newFixture(t, withExecutor(script.ExecutorFunc(func(_ context.Context, req script.ExecRequest) script.ExecResult {
		requests <- req
		<-release
		return script.ExecResult{ExitCode: 0, Output: []byte("real output\n"), Duration: 3 * time.Second}
	})))
	t.Cleanup(f.svc.Close)
	client := f.client(t)
	req := runRequest("echo {{ACS::InstanceId}}", instanceA)
	req.WorkingDir, req.Timeout = tea.String("/srv"), tea.Int64(30)
	_, id := runCommand(t, client, req)

	want := script.ExecRequest{InstanceID: instanceA, Script: "echo " + instanceA, CommandType: "RunShellScript", WorkingDirectory: "/srv", Timeout: 30 * time.Second}
	if got := <-requests; got != want {
		t.Errorf("the executor was asked for\n %+v\nwant %+v", got, want)
	}
	// Until the process reports back, the run goes on, wherever the clock is.
	f.clock.shift(time.Minute)
	wantStatuses(t, client, id, "Running", "Running")
	close(release)
	f.svc.live.Wait()
	wantStatuses(t, client, id, "Success", "Success")
	if got := tea.StringValue(describeInvocation(t, client, id).InvokeInstances.InvokeInstance[0].Output); got != "real output\n" {
		t.Errorf("output %q", got)
	}
}

func TestStopKillsARealRun(t *testing.T) {
	t.Parallel()
	f := newFixture(t, withExecutor(script.ExecutorFunc(func(ctx context.Context, _ script.ExecRequest) script.ExecResult {
		<-ctx.Done()
		return script.ExecResult{ExitCode: -1, Output: []byte("partial\n"), Duration: time.Second}
	})))
	client := f.client(t)
	_, id := runCommand(t, client, runRequest("sleep 100", instanceA))
	stop(t, client, id)
	f.svc.live.Wait()
	wantStatuses(t, client, id, "Stopped", "Terminated")
	f.svc.Close()
	_, after := runCommand(t, client, runRequest("echo late", instanceA))
	wantStatuses(t, client, after, "Failed", "Error")
}

// A record forgotten while its real run is under way takes the run with it:
// the process is killed, not left to its timeout.
func TestDeleteInvocationKillsARealRun(t *testing.T) {
	t.Parallel()
	killed := make(chan struct{}, 1)
	f := newFixture(t, withExecutor(script.ExecutorFunc(func(ctx context.Context, _ script.ExecRequest) script.ExecResult {
		<-ctx.Done()
		killed <- struct{}{}
		return script.ExecResult{ExitCode: -1, Duration: time.Second}
	})))
	_, id := runCommand(t, f.client(t), runRequest("sleep 100", instanceA))
	if !f.svc.DeleteInvocation(id) {
		t.Fatalf("DeleteInvocation(%s) found no invocation", id)
	}
	select {
	case <-killed:
	case <-time.After(10 * time.Second):
		t.Fatal("the real run was not killed when its record was deleted")
	}
	f.svc.live.Wait()
}

func TestScheduledRunsAreInterpretedEvenWithAnExecutor(t *testing.T) {
	t.Parallel()
	f := newFixture(t, withExecutor(script.ExecutorFunc(func(context.Context, script.ExecRequest) script.ExecResult {
		t.Error("the executor ran a scheduled script")
		return script.ExecResult{}
	})))
	t.Cleanup(f.svc.Close)
	req := runRequest("echo tick", instanceA)
	req.Frequency, req.Timeout = tea.String("rate(2m)"), tea.Int64(30)
	_, id := runCommand(t, f.client(t), req)
	f.clock.shift(3 * time.Minute)
	if snap, _ := f.svc.Invocation(id); snap.Instances[0].Output != "tick\n" {
		t.Errorf("scheduled run %+v", snap.Instances[0])
	}
}

func TestShellExecutorThroughTheService(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(script.ShellPath); err != nil {
		t.Skipf("no %s here: %v", script.ShellPath, err)
	}
	f := newFixture(t, withExecutor(script.ShellExecutor{}))
	t.Cleanup(f.svc.Close)
	client := f.client(t)
	_, id := runCommand(t, client, &ecs.RunCommandRequest{
		RegionId: tea.String(testRegion), Type: tea.String("RunShellScript"),
		CommandContent: tea.String("echo $((6 * 7))\nexit 4"), InstanceId: tea.StringSlice([]string{instanceA}),
	})
	f.svc.live.Wait()
	f.clock.shift(time.Minute)
	snap, _ := f.svc.Invocation(id)
	if got := snap.Instances[0]; got.Output != "42\n" || got.ExitCode != 4 || got.Status != "Failed" {
		t.Errorf("shell run %+v", got)
	}
}

package vendorkit

import (
	"context"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// blockingExecutor runs until its context ends, and says it has started.
func blockingExecutor(started chan<- struct{}) script.Executor {
	return script.ExecutorFunc(func(ctx context.Context, _ script.ExecRequest) script.ExecResult {
		close(started)
		<-ctx.Done()
		return script.ExecResult{ExitCode: 1}
	})
}

func TestLiveRunsCloseKillsTheRunsUnderWayAndRefusesNewOnes(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	started := make(chan struct{})
	killed := make(chan bool, 1)
	_, ok := live.Start(blockingExecutor(started), script.ExecRequest{Timeout: time.Hour}, func(_ script.Run, k bool) { killed <- k })
	if !ok {
		t.Fatal("the first run did not start")
	}
	<-started
	live.Close()
	if !<-killed {
		t.Error("the run under way was not reported killed")
	}
	select {
	case <-live.Closing():
	default:
		t.Error("Closing's channel is open after Close")
	}
	if _, ok := live.Start(blockingExecutor(make(chan struct{})), script.ExecRequest{Timeout: time.Hour}, func(script.Run, bool) {}); ok {
		t.Error("a run started after Close")
	}
}

func TestLiveRunsStopKillsOneRun(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	started := make(chan struct{})
	killed := make(chan bool, 1)
	stop, _ := live.Start(blockingExecutor(started), script.ExecRequest{Timeout: time.Hour}, func(_ script.Run, k bool) { killed <- k })
	<-started
	stop()
	live.Wait()
	if !<-killed {
		t.Error("the stopped run was not reported killed")
	}
}

func TestLiveRunsReportARunPastItsTimeoutAsTimedOut(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	reported := make(chan script.Run, 1)
	killed := make(chan bool, 1)
	req := script.ExecRequest{Timeout: time.Nanosecond}
	live.Start(blockingExecutor(make(chan struct{})), req, func(run script.Run, k bool) { reported <- run; killed <- k })
	live.Wait()
	if run := <-reported; !run.TimedOut || run.ExitCode != script.ExitKilled {
		t.Errorf("run %+v, want timed out and killed", run)
	}
	if <-killed {
		t.Error("a run that timed out was reported killed")
	}
}

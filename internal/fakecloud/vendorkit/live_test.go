package vendorkit

import (
	"context"
	"sync"
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

// settled is what a run's settle was called with, under the lock.
type settled struct {
	mu     sync.Mutex
	run    script.Run
	killed bool
	calls  int
}

func (s *settled) settle(run script.Run, killed bool) {
	s.run, s.killed = run, killed
	s.calls++
}

func TestLiveRunsCloseKillsTheRunsUnderWayAndRefusesNewOnes(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	var first, late settled
	var kill Kill
	started := make(chan struct{})
	first.mu.Lock()
	live.Start(&first.mu, blockingExecutor(started), script.ExecRequest{Timeout: time.Hour}, &kill, first.settle)
	first.mu.Unlock()
	<-started
	live.Close()
	first.mu.Lock()
	if first.calls != 1 || !first.killed {
		t.Errorf("the run under way: settled %d times, killed %t; want once, killed", first.calls, first.killed)
	}
	first.mu.Unlock()
	select {
	case <-live.Closing():
	default:
		t.Error("Closing's channel is open after Close")
	}
	live.Start(&late.mu, blockingExecutor(make(chan struct{})), script.ExecRequest{Timeout: time.Hour}, &Kill{}, late.settle)
	if late.calls != 1 || late.run.StartError != ErrClosed {
		t.Errorf("a run asked for after Close: settled %d times with %+v; want once, failing to start", late.calls, late.run)
	}
}

func TestLiveRunsKillStopsOneRun(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	var got settled
	var kill Kill
	started := make(chan struct{})
	live.Start(&got.mu, blockingExecutor(started), script.ExecRequest{Timeout: time.Hour}, &kill, got.settle)
	<-started
	got.mu.Lock()
	kill.Ask(time.Now(), time.Second)
	got.mu.Unlock()
	live.Wait()
	if !got.killed {
		t.Error("the run asked to stop was not reported killed")
	}
}

func TestLiveRunsReportARunPastItsTimeoutAsTimedOut(t *testing.T) {
	t.Parallel()
	var live LiveRuns
	var got settled
	live.Start(&got.mu, blockingExecutor(make(chan struct{})), script.ExecRequest{Timeout: time.Nanosecond}, &Kill{}, got.settle)
	live.Wait()
	if !got.run.TimedOut || got.run.ExitCode != script.ExitKilled || got.killed {
		t.Errorf("run %+v, killed %t; want timed out, not killed", got.run, got.killed)
	}
}

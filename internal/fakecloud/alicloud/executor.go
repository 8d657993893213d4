package alicloud

import (
	"context"
	"errors"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Real runs. With Config.Executor set, each one-time task's script is
// handed to the executor in a goroutine of its own as the invocation is
// made, and the action answers at once, as the service does. Until the
// executor returns, the task has no end: it follows the usual schedule up
// to Running and stays there. When it returns, the run is recorded under
// the lock and placed on the fake's clock from the moment the script
// started, so statuses, times and output follow the same rules as a
// simulated run. StopInvocation kills the process through the executor's
// context.

// errClosed is why a run asked for after Close cannot start.
const errClosed = "the service is closed"

// startLive hands the task's script to the executor. It is called with s.mu
// held, which also orders it before any Close.
func (s *Service) startLive(t *task, req script.ExecRequest) {
	if s.closed {
		t.settle(script.Run{StartError: errClosed}, s.cfg.Realistic)
		return
	}
	t.runTime = unbounded
	ctx, stop := context.WithCancel(s.liveCtx)
	t.stopLive = stop
	s.running.Add(1)
	go s.execute(ctx, stop, t, req)
}

func (s *Service) execute(ctx context.Context, stop context.CancelFunc, t *task, req script.ExecRequest) {
	defer s.running.Done()
	defer stop()
	runCtx, cancel := context.WithTimeout(ctx, req.Timeout)
	defer cancel()
	result := s.cfg.Executor.Execute(runCtx, req)
	s.recordLive(t, result, runCtx.Err(), req.Timeout)
}

// recordLive settles a task once its process has reported back. stopped is
// why the run's context ended, nil when it did not.
func (s *Service) recordLive(t *task, result script.ExecResult, stopped error, timeout time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t.stopLive = nil
	run := script.Executed(result, timeout, errors.Is(stopped, context.DeadlineExceeded))
	if errors.Is(stopped, context.Canceled) && !t.stopAt.IsZero() {
		t.settleKilled(run, s.now(), s.killDelay())
		return
	}
	t.settle(run, s.cfg.Realistic)
}

// deferRuns locks s.mu for an action that starts runs, and returns what
// ends it: with s.mu released, the runs the action started are interpreted
// (see script.Deferred), so a busy script holds up its own request alone.
func (s *Service) deferRuns() (done func()) {
	deferred := &script.Deferred{}
	s.mu.Lock()
	s.deferred = deferred
	return func() {
		s.deferred = nil
		s.capRecords()
		s.mu.Unlock()
		deferred.Interpret(&s.mu)
	}
}

// interpretLater leaves the task's script to the interpreter once the
// request has let go of s.mu; until then the task runs, with no end.
func (s *Service) interpretLater(t *task, req script.ExecRequest) {
	t.runTime = unbounded
	s.deferred.Add(req, func(run script.Run) { t.settle(run, s.cfg.Realistic) })
}

// Close kills the real runs still under way and waits until they have been
// recorded; runs asked for afterwards fail to start. Call it when done with
// a service that has an Executor, so no process outlives it.
func (s *Service) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.stopLiveRuns()
	s.running.Wait()
}

package tencent

import (
	"context"
	"errors"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Real runs. With Config.Executor set, each task's script is handed to the
// executor in a goroutine of its own as the invocation is made, and
// InvokeCommand answers at once, as TAT does. Until the executor returns,
// the task has no end: it follows the usual schedule up to RUNNING and stays
// there. When it returns, the run is recorded under the lock and placed on
// the fake's clock from the moment the script started, so statuses, times
// and output follow the same rules as a simulated run. CancelInvocation
// kills the process through the executor's context.

// The executor types are shared with the other vendor's fake; these names
// keep the package's own API whole.
type (
	// Executor runs an instance's script for real, in place of the
	// interpreter.
	Executor = script.Executor
	// ExecutorFunc adapts a function to the Executor interface.
	ExecutorFunc = script.ExecutorFunc
	// ExecRequest is one instance's run of an invocation.
	ExecRequest = script.ExecRequest
	// ExecResult is how a run ended.
	ExecResult = script.ExecResult
	// ShellExecutor runs SHELL scripts on this machine with /bin/sh -c.
	ShellExecutor = script.ShellExecutor
)

// errClosed is the ErrorInfo of a run asked for after Close.
const errClosed = "the service is closed"

// startLive hands the task's script to the executor. It is called with s.mu
// held, which also orders it before any Close.
func (s *Service) startLive(t *task, req ExecRequest) {
	if s.closed {
		t.settle(script.Run{StartError: errClosed}, s.cfg.Realistic)
		return
	}
	ctx, stop := context.WithCancel(s.liveCtx)
	t.stopLive = stop
	s.running.Add(1)
	go s.execute(ctx, stop, t, req)
}

func (s *Service) execute(ctx context.Context, stop context.CancelFunc, t *task, req ExecRequest) {
	defer s.running.Done()
	defer stop()
	runCtx, cancel := context.WithTimeout(ctx, req.Timeout)
	defer cancel()
	result := s.cfg.Executor.Execute(runCtx, req)
	s.recordLive(t, result, runCtx.Err(), req.Timeout)
}

// recordLive settles a task once its process has reported back. stopped is
// why the run's context ended, nil when it did not.
func (s *Service) recordLive(t *task, result ExecResult, stopped error, timeout time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t.stopLive = nil
	run := script.Executed(result, timeout, errors.Is(stopped, context.DeadlineExceeded))
	if errors.Is(stopped, context.Canceled) && !t.cancelAt.IsZero() {
		t.settleKilled(run, s.now(), s.killDelay())
		return
	}
	t.settle(run, s.cfg.Realistic)
}

// interpretLater leaves the task's script to the interpreter once the
// request has let go of s.mu (see script.Deferred); until then the task
// runs, with no end. Called with s.mu held, during a request.
func (s *Service) interpretLater(t *task, req ExecRequest) {
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

package tencent

import (
	"context"
	"errors"
	"time"
)

// Real runs. With Config.Executor set, each task's script is handed to the
// executor in a goroutine of its own as the invocation is made, and
// InvokeCommand answers at once, as TAT does. Until the executor returns,
// the task has no end: it follows the usual schedule up to RUNNING and stays
// there. When it returns, the run is recorded under the lock and placed on
// the fake's clock from the moment the script started, so statuses, times
// and output follow the same rules as a simulated run. CancelInvocation
// kills the process through the executor's context.

// Executor runs an instance's script for real, in place of the interpreter.
// Execute must honour ctx, which ends at the invocation's Timeout and when
// the task is cancelled, and may be called from several goroutines at once.
type Executor interface {
	Execute(ctx context.Context, req ExecRequest) ExecResult
}

// ExecutorFunc adapts a function to the Executor interface.
type ExecutorFunc func(ctx context.Context, req ExecRequest) ExecResult

// Execute calls f.
func (f ExecutorFunc) Execute(ctx context.Context, req ExecRequest) ExecResult { return f(ctx, req) }

// ExecRequest is one instance's run of an invocation.
type ExecRequest struct {
	InstanceID       string
	Script           string // the command's content, decoded, with its parameters substituted
	CommandType      string // SHELL, POWERSHELL or BAT
	WorkingDirectory string
	Timeout          time.Duration
}

// ExecResult is how a run ended.
type ExecResult struct {
	ExitCode int64
	// Output is what the script printed, standard output and standard error
	// together. The task keeps its first 24 KB, as the agent does.
	Output []byte
	// Dropped counts bytes printed after Output that the executor did not
	// keep, so a runaway script need not be held in memory.
	Dropped uint64
	// Duration is how long the script ran. A Duration past the Timeout, or a
	// context that reached its deadline, ends the task TIMEOUT.
	Duration time.Duration
	// StartError, when set, means the script could not be started: the task
	// ends START_FAILED with StartError as its ErrorInfo.
	StartError string
}

// errClosed is the ErrorInfo of a run asked for after Close.
const errClosed = "the service is closed"

// startLive hands the task's script to the executor. It is called with s.mu
// held, which also orders it before any Close.
func (s *Service) startLive(t *task, req ExecRequest) {
	if s.closed {
		t.settle(scriptRun{startError: errClosed}, s.cfg.Realistic)
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
	run := executedRun(result, timeout, errors.Is(stopped, context.DeadlineExceeded))
	if errors.Is(stopped, context.Canceled) && !t.cancelAt.IsZero() {
		t.settleKilled(run, s.now(), s.killDelay())
		return
	}
	t.settle(run, s.cfg.Realistic)
}

// executedRun turns an executor's result into a run. Its output is placed at
// the start of the run, since the executor returns it whole.
func executedRun(result ExecResult, timeout time.Duration, timedOut bool) scriptRun {
	if result.StartError != "" {
		return scriptRun{startError: result.StartError}
	}
	run := endedRun(result.Output, result.Dropped, result.ExitCode, max(result.Duration, 0), timeout)
	if timedOut && !run.timedOut {
		run.duration, run.exitCode, run.timedOut = timeout, exitKilled, true
	}
	return run
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

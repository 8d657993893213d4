package tencent

import "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"

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

// startLive hands the task's script to the executor. It is called with s.mu
// held. A run asked for after Close fails to start; one killed by
// CancelInvocation ends when the kill lands.
func (s *Service) startLive(t *task, req ExecRequest) {
	s.live.Start(&s.mu, s.cfg.Executor, req, &t.kill, func(run script.Run, killed bool) {
		t.settle(t.kill.Reported(run, killed, s.now(), s.killDelay()), s.cfg.Realistic)
	})
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
func (s *Service) Close() { s.live.Close() }

package script

import (
	"context"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Executor runs an instance's script for real, in place of the interpreter.
// Execute must honour ctx, which ends at the run's timeout and when the run
// is cancelled, and may be called from several goroutines at once.
type Executor interface {
	Execute(ctx context.Context, req ExecRequest) ExecResult
}

// ExecutorFunc adapts a function to the Executor interface.
type ExecutorFunc func(ctx context.Context, req ExecRequest) ExecResult

// Execute calls f.
func (f ExecutorFunc) Execute(ctx context.Context, req ExecRequest) ExecResult { return f(ctx, req) }

// ExecRequest is one instance's run of an invocation.
type ExecRequest struct {
	InstanceID string
	// Script is the command's content, decoded, with its parameters
	// substituted.
	Script string
	// CommandType is the vendor's own name for the script's language:
	// SHELL, POWERSHELL or BAT for Tencent Cloud; RunShellScript,
	// RunPowerShellScript or RunBatScript for Alibaba Cloud.
	CommandType      string
	WorkingDirectory string
	Timeout          time.Duration
	// Programs changes programs of the instance's simulated shell (the
	// fleet's programs); the interpreter alone reads it.
	Programs *fleet.Programs
}

// ExecResult is how a run ended.
type ExecResult struct {
	ExitCode int64
	// Output is what the script printed, standard output and standard error
	// together. The run keeps its first 24 KB, as the agents do.
	Output []byte
	// Dropped counts bytes printed after Output that the executor did not
	// keep, so a runaway script need not be held in memory.
	Dropped uint64
	// Duration is how long the script ran. A Duration past the Timeout, or a
	// context that reached its deadline, ends the run as timed out.
	Duration time.Duration
	// StartError, when set, means the script could not be started; the
	// vendor reports it as the run's error.
	StartError string
}

// Executed turns an executor's result into a run. Its output is placed at
// the start of the run, since the executor returns it whole. timedOut says
// the run's context reached its deadline, which ends it at the timeout
// whatever Duration the executor measured.
func Executed(result ExecResult, timeout time.Duration, timedOut bool) Run {
	if result.StartError != "" {
		return Run{StartError: result.StartError}
	}
	run := Ended(result.Output, result.Dropped, result.ExitCode, max(result.Duration, 0), timeout)
	if timedOut && !run.TimedOut {
		run.Duration, run.ExitCode, run.TimedOut = timeout, ExitKilled, true
	}
	return run
}

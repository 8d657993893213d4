package tencent

import (
	"slices"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The execution engine. A task's whole life is decided when it is created:
// the script is interpreted at once (or its outcome looked up) and the
// moments of each status change are fixed from the invocation time. What a
// request sees is then computed from the clock when the request arrives,
// so there are no goroutines and tests move statuses on by moving the
// clock. The one exception is a real run (Config.Executor, executor.go),
// whose end stays open until its process reports back. EXECUTION.md
// documents the timing for users.

// Task statuses (TAT InvocationTask: TaskStatus).
const (
	taskPending    = "PENDING"
	taskDelivering = "DELIVERING"
	taskRunning    = "RUNNING"
	taskSuccess    = "SUCCESS"
	taskFailed     = "FAILED"
	taskTimeout    = "TIMEOUT"
	taskCancelling = "CANCELLING"
	taskCancelled  = "CANCELLED"
	taskTerminated = "TERMINATED"
	// taskStartFailed is what the agent reports when it cannot start the
	// script at all, for example in a working directory that does not exist.
	taskStartFailed = "START_FAILED"
)

// Invocation statuses beyond the task statuses they share (TAT Invocation:
// InvocationStatus).
const (
	invocationPartialFailed    = "PARTIAL_FAILED"
	invocationPartialCancelled = "PARTIAL_CANCELLED"
)

// Simulated delays in realistic mode. Instant mode has none of them.
const (
	pendingTime    = time.Second // queued before delivery starts
	deliveringTime = time.Second // delivery to the agent
	minRunTime     = time.Second // even an empty script takes this long to run
	cancelTime     = time.Second // for the agent to kill a running process
)

// never is a moment that does not come: the end of a real run whose process
// has not reported back yet, or of one that was killed.
var never = vendorkit.Never

// task is one instance's execution of an invocation.
type task struct {
	id         string
	instanceID string
	run        script.Run

	created    time.Time // the invocation time
	delivering time.Time // delivery starts
	execStart  time.Time // the script starts
	end        time.Time // the script ends, unless cancelled first

	// kill is CancelInvocation's request, if one reached the task, and the
	// real process running the script (Config.Executor), if any.
	kill vendorkit.Kill
}

// newTask schedules a task created at now for a script that runs as run.
func newTask(id, instanceID string, run script.Run, now time.Time, realistic bool) *task {
	t := scheduleTask(id, instanceID, now, realistic)
	t.settle(run, realistic)
	return t
}

// scheduleTask lays out the delivery of a task created at now; when its
// script ends is left to settle.
func scheduleTask(id, instanceID string, now time.Time, realistic bool) *task {
	t := &task{id: id, instanceID: instanceID, created: now, delivering: now, execStart: now, end: never}
	if realistic {
		t.delivering = now.Add(pendingTime)
		t.execStart = t.delivering.Add(deliveringTime)
	}
	return t
}

// settle fixes how the script ran and so when it ends. A script that could
// not start ends the moment it would have started.
func (t *task) settle(run script.Run, realistic bool) {
	t.run = run
	runTime := run.Duration
	if realistic && run.StartError == "" {
		runTime = max(runTime, minRunTime)
	}
	t.end = t.execStart.Add(runTime)
}

// taskState is a task as seen at one moment. Zero times are not known yet.
type taskState struct {
	status    string
	startTime time.Time // when the script started
	endTime   time.Time
	updated   time.Time
	exitCode  int64
	output    []byte
	dropped   uint64
	errorInfo string // why the script could not start
}

// stateAt is the task as seen at now.
func (t *task) stateAt(now time.Time) taskState {
	switch {
	case t.cancelledBeforeStart():
		return taskState{status: taskCancelled, endTime: t.kill.AskedAt, updated: t.kill.AskedAt}
	case t.cancelledWhileRunning():
		return t.cancelledStateAt(now)
	case now.Before(t.delivering):
		return taskState{status: taskPending, updated: t.created}
	case now.Before(t.execStart):
		return taskState{status: taskDelivering, updated: t.delivering}
	case now.Before(t.end):
		return t.runningAt(now, taskRunning, t.execStart)
	}
	return t.naturalEnd()
}

func (t *task) cancelledBeforeStart() bool {
	return t.kill.Asked() && t.kill.AskedAt.Before(t.execStart)
}

func (t *task) cancelledWhileRunning() bool {
	return t.kill.Asked() && !t.kill.AskedAt.Before(t.execStart)
}

// cancelledStateAt follows a task cancelled while it ran: CANCELLING until
// the agent kills it, then TERMINATED; a script that ends before the kill
// lands ends as it would have.
func (t *task) cancelledStateAt(now time.Time) taskState {
	stop := t.kill.At
	if t.end.Before(stop) {
		stop = t.end
	}
	switch {
	case now.Before(stop):
		return t.runningAt(now, taskCancelling, t.kill.AskedAt)
	case !t.end.After(t.kill.At):
		return t.naturalEnd()
	}
	return t.ended(taskTerminated, t.kill.At, script.ExitKilled)
}

// runningAt is the task while its script runs, with the output so far.
func (t *task) runningAt(now time.Time, status string, updated time.Time) taskState {
	output, dropped := t.run.OutputUntil(now.Sub(t.execStart))
	return taskState{status: status, startTime: t.execStart, updated: updated, output: output, dropped: dropped}
}

// naturalEnd is the task once its script has ended by itself or timed out,
// or failed to start. A script that never started has no start time and,
// as the agent reports it, exit code 0.
func (t *task) naturalEnd() taskState {
	switch {
	case t.run.StartError != "":
		return taskState{status: taskStartFailed, endTime: t.end, updated: t.end, errorInfo: t.run.StartError}
	case t.run.TimedOut:
		return t.ended(taskTimeout, t.end, t.run.ExitCode)
	case t.run.ExitCode == 0:
		return t.ended(taskSuccess, t.end, 0)
	}
	return t.ended(taskFailed, t.end, t.run.ExitCode)
}

func (t *task) ended(status string, at time.Time, exitCode int64) taskState {
	output, dropped := t.run.OutputUntil(at.Sub(t.execStart))
	return taskState{
		status: status, startTime: t.execStart, endTime: at, updated: at,
		exitCode: exitCode, output: output, dropped: dropped,
	}
}

// cancel applies CancelInvocation at now: a task not yet running is
// cancelled there and then; a running one is killed after killDelay. A
// task that has ended, or is being cancelled already, is left alone. A real
// process is killed at once, and the task stays CANCELLING until it has
// reported back (see vendorkit.Kill.Reported).
func (t *task) cancel(now time.Time, killDelay time.Duration) {
	if state := t.stateAt(now); isTerminal(state.status) || state.status == taskCancelling {
		return
	}
	t.kill.Ask(now, killDelay)
}

// ran reports whether the task's script ran to an end, so its output would
// have been uploaded to COS.
func (s taskState) ran() bool {
	return isTerminal(s.status) && s.status != taskCancelled && s.status != taskStartFailed
}

var terminalStatuses = []string{taskSuccess, taskFailed, taskTimeout, taskCancelled, taskTerminated, taskStartFailed}

func isTerminal(status string) bool { return slices.Contains(terminalStatuses, status) }

// invocationStatus aggregates task statuses as the values of TAT
// Invocation.InvocationStatus suggest, since TAT does not document how:
// while any task is under way the invocation is
// PENDING (every task still queued), CANCELLING (some task being killed) or
// RUNNING. Once all have ended it is SUCCESS, CANCELLED, TIMEOUT or FAILED
// when they agree (a task that could not start counts as failed);
// PARTIAL_FAILED when some failed and others did not;
// PARTIAL_CANCELLED when some succeeded and the rest were cancelled.
func invocationStatus(statuses []string) string {
	if !allOf(statuses, isTerminal) {
		switch {
		case slices.Contains(statuses, taskCancelling):
			return taskCancelling
		case allOf(statuses, func(s string) bool { return s == taskPending }):
			return taskPending
		}
		return taskRunning
	}
	failed := vendorkit.CountOf(statuses, func(s string) bool { return s == taskFailed || s == taskTimeout || s == taskStartFailed })
	cancelled := vendorkit.CountOf(statuses, func(s string) bool { return s == taskCancelled || s == taskTerminated })
	switch {
	case allOf(statuses, func(s string) bool { return s == taskTimeout }):
		return taskTimeout
	case failed == len(statuses):
		return taskFailed
	case failed > 0:
		return invocationPartialFailed
	case cancelled == len(statuses):
		return taskCancelled
	case cancelled > 0:
		return invocationPartialCancelled
	}
	return taskSuccess
}

func allOf(statuses []string, pred func(string) bool) bool {
	return vendorkit.CountOf(statuses, pred) == len(statuses)
}

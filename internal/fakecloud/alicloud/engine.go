package alicloud

import (
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The execution engine, built as the Tencent fake's is: a task's whole life
// is decided when it is created. Its script is interpreted at once (or its
// outcome looked up) and the moments of every status change are fixed from
// the invocation time, so a request sees the state at the fake's clock when
// it arrives, nothing runs in the background, and tests move statuses on by
// moving the clock. The one exception is a real run (Config.Executor), whose
// end stays open until its process reports back. EXECUTION.md documents the
// model for users.

// Per-instance execution statuses (ECS DescribeInvocationResults:
// InvocationStatus). Invalid and Error are the
// vendor's too; the fake reports Error for a script that could not start.
const (
	statusPending    = "Pending"
	statusScheduled  = "Scheduled"
	statusRunning    = "Running"
	statusSuccess    = "Success"
	statusFailed     = "Failed"
	statusTimeout    = "Timeout"
	statusAborted    = "Aborted"
	statusError      = "Error"
	statusStopping   = "Stopping"
	statusCancelled  = "Cancelled"
	statusTerminated = "Terminated"
)

// Overall statuses beyond those an instance can have.
const (
	statusStopped       = "Stopped"
	statusPartialFailed = "PartialFailed"
)

// The deprecated coarse statuses: InvokeStatus of an invocation,
// InstanceInvokeStatus and InvokeRecordStatus of one instance's run.
const (
	recordRunning  = "Running"
	recordFinished = "Finished"
	recordFailed   = "Failed"
	recordStopped  = "Stopped"
)

// Per-instance error codes and the texts the vendor pairs with them.
const (
	errorCodeExitCodeNonzero    = "ExitCodeNonzero"
	errorInfoExitCodeNonzero    = "the command execution exit code is not zero."
	errorCodeTimeout            = "ExecutionTimeout"
	errorInfoTimeout            = "the command execution has been timeout."
	errorCodeClientNotRunning   = "ClientNotRunning"
	errorInfoClientNotRunning   = "the aliyun service is not running on the instance."
	errorCodeException          = "ExecutionException"
	errorInfoException          = "the command execution got an exception: "
	errorCodeInterrupted        = "ExecutionInterrupted"
	errorInfoInterrupted        = "the command execution has been interrupted."
	errorCodeDirectoryNotExists = "DirectoryNotExists"
	errorInfoDirectoryNotExists = "the specified directory does not exists."
)

// Simulated delays in realistic mode. Instant mode has none of them.
const (
	pendingTime  = 2 * time.Second // verifying and sending the command
	minRunTime   = time.Second     // even an empty script takes this long
	stoppingTime = time.Second     // for the agent to kill a running process
	// deliveryWindow is how long the service tries to reach an agent before
	// the run is Aborted: "the command is sent within 1 minute".
	deliveryWindow = time.Minute
)

// never is a moment that does not come: the start of a run that waits for
// a reboot or a cron schedule, or the end of a real run not reported yet.
var never = vendorkit.Never

// task is one instance's share of an invocation. A one-time task runs once;
// a rate task runs every interval until stopped; a task that waits for a
// reboot or a cron schedule stays Scheduled.
type task struct {
	instanceID string
	created    time.Time // the invocation time
	delivered  time.Time // the command has reached the agent
	firstStart time.Time // the first run starts; never when no run is simulated
	interval   time.Duration
	scheduled  bool // waits for a schedule (Period and the reboot modes) rather than running at once

	run     script.Run    // how every run of the script goes
	runTime time.Duration // how long each run lasts on the clock
	aborted bool          // the agent could not be reached
	// startCode is the ErrorCode of a run that the agent refused to start,
	// run.StartError then being its ErrorInfo; "" for a script that failed
	// to start on its own (ExecutionException).
	startCode string

	// kill is StopInvocation's request, if one reached the task, and the
	// real process running the script (Config.Executor), if any.
	kill vendorkit.Kill
}

// settle fixes how each run of the script goes and so how long it lasts.
func (t *task) settle(run script.Run, realistic bool) {
	t.run = run
	t.runTime = run.Duration
	if realistic && run.StartError == "" {
		t.runTime = max(t.runTime, minRunTime)
	}
}

// failToStart makes every run of the task end at once, without running the
// script, with this ErrorCode and ErrorInfo.
func (t *task) failToStart(code, info string, realistic bool) {
	t.startCode = code
	t.settle(script.Run{StartError: info}, realistic)
}

// startFailure is the ErrorCode and ErrorInfo of a run that did not start.
func (t *task) startFailure() (string, string) {
	if t.startCode != "" {
		return t.startCode, t.run.StartError
	}
	return errorCodeException, errorInfoException + t.run.StartError
}

// taskState is a task as seen at one moment. Zero times are not known yet.
type taskState struct {
	status    string
	repeats   int
	start     time.Time // the current or last run started
	finish    time.Time
	stop      time.Time // StopInvocation reached the task
	updated   time.Time
	exitCode  int64
	output    []byte
	dropped   uint64
	errorCode string
	errorInfo string
}

// runAt locates now among the task's runs: the index of the last run
// started at or before now, and when it started. ok is false before the
// first run.
func (t *task) runAt(now time.Time) (index int, start time.Time, ok bool) {
	if now.Before(t.firstStart) {
		return 0, time.Time{}, false
	}
	if t.interval <= 0 {
		return 0, t.firstStart, true
	}
	// The rate counts from the end of one run to the start of the next.
	cycle := t.runTime + t.interval
	index = int(now.Sub(t.firstStart) / cycle)
	return index, t.firstStart.Add(time.Duration(index) * cycle), true
}

// stateAt is the task as seen at now.
func (t *task) stateAt(now time.Time) taskState {
	if t.kill.Asked() && !now.Before(t.kill.AskedAt) {
		return t.stoppedStateAt(now)
	}
	return t.naturalStateAt(now)
}

// naturalStateAt is the task at now had it never been stopped.
func (t *task) naturalStateAt(now time.Time) taskState {
	switch {
	case t.aborted:
		return t.abortedStateAt(now)
	case now.Before(t.delivered):
		return taskState{status: statusPending, updated: t.created}
	}
	index, start, ok := t.runAt(now)
	if !ok {
		if t.scheduled {
			return taskState{status: statusScheduled, updated: t.delivered}
		}
		return taskState{status: statusPending, updated: t.created}
	}
	end := start.Add(t.runTime)
	if now.Before(end) {
		return t.runningAt(now, statusRunning, index, start, start)
	}
	if t.interval > 0 {
		st := t.endedRun(index, start, end)
		st.status, st.finish, st.errorCode, st.errorInfo = statusScheduled, time.Time{}, "", ""
		return st
	}
	return t.endedRun(index, start, end)
}

// abortedStateAt follows a task whose agent never answered: Pending for the
// delivery window in realistic mode, then Aborted.
func (t *task) abortedStateAt(now time.Time) taskState {
	if now.Before(t.delivered) {
		return taskState{status: statusPending, updated: t.created}
	}
	return taskState{
		status: statusAborted, finish: t.delivered, updated: t.delivered,
		errorCode: errorCodeClientNotRunning, errorInfo: errorInfoClientNotRunning,
	}
}

// runningAt is the task while run index runs, with the output so far.
func (t *task) runningAt(now time.Time, status string, index int, start, updated time.Time) taskState {
	output, dropped := t.run.OutputUntil(now.Sub(start))
	return taskState{
		status: status, repeats: index + 1, start: start, updated: updated,
		output: output, dropped: dropped,
	}
}

// endedRun is run index once it has ended by itself, timed out or failed
// to start.
func (t *task) endedRun(index int, start, end time.Time) taskState {
	output, dropped := t.run.OutputUntil(end.Sub(start))
	st := taskState{
		repeats: index + 1, start: start, finish: end, updated: end,
		exitCode: t.run.ExitCode, output: output, dropped: dropped,
	}
	switch {
	case t.run.StartError != "":
		st.status, st.start, st.exitCode, st.output, st.dropped = statusError, time.Time{}, 0, nil, 0
		st.errorCode, st.errorInfo = t.startFailure()
	case t.run.TimedOut:
		st.status, st.errorCode, st.errorInfo = statusTimeout, errorCodeTimeout, errorInfoTimeout
	case t.run.ExitCode != 0:
		st.status, st.errorCode, st.errorInfo = statusFailed, errorCodeExitCodeNonzero, errorInfoExitCodeNonzero
	default:
		st.status = statusSuccess
	}
	return st
}

// stoppedStateAt follows a task StopInvocation reached: one not running
// then is Cancelled there and then; a running one is Stopping until the
// agent kills it, then Terminated, unless its run ends first and so ends
// as it would have.
func (t *task) stoppedStateAt(now time.Time) taskState {
	at := t.naturalStateAt(t.kill.AskedAt)
	if at.status != statusRunning {
		at.status, at.stop, at.finish, at.updated = statusCancelled, t.kill.AskedAt, t.kill.AskedAt, t.kill.AskedAt
		at.errorCode, at.errorInfo = "", ""
		return at
	}
	index, start, _ := t.runAt(t.kill.AskedAt)
	end := start.Add(t.runTime)
	stop := t.kill.At
	if end.Before(stop) {
		stop = end
	}
	var st taskState
	switch {
	case now.Before(stop):
		st = t.runningAt(now, statusStopping, index, start, t.kill.AskedAt)
	case !end.After(t.kill.At):
		st = t.endedRun(index, start, end)
	default:
		st = t.endedRun(index, start, t.kill.At)
		st.status, st.exitCode = statusTerminated, script.ExitKilled
		st.errorCode, st.errorInfo = errorCodeInterrupted, errorInfoInterrupted
	}
	st.stop = t.kill.AskedAt
	return st
}

// stop applies StopInvocation at now. A task that has ended, or is being
// stopped already, is left alone. A real process is killed at once, and
// the task stays Stopping until it has reported back (see vendorkit.Kill.Reported).
func (t *task) stop(now time.Time, killDelay time.Duration) {
	if st := t.stateAt(now); isEnded(st.status) || st.status == statusStopping {
		return
	}
	t.kill.Ask(now, killDelay)
}

func isEnded(status string) bool {
	switch status {
	case statusSuccess, statusFailed, statusTimeout, statusAborted, statusError, statusCancelled, statusTerminated:
		return true
	}
	return false
}

func isFailure(status string) bool {
	switch status {
	case statusFailed, statusTimeout, statusAborted, statusError:
		return true
	}
	return false
}

// recordStatus is the deprecated per-instance status. The vendor reports a
// non-zero exit as Finished (the run did finish) but a timeout as Failed.
func recordStatus(status string) string {
	switch status {
	case statusSuccess, statusFailed:
		return recordFinished
	case statusTimeout, statusAborted, statusError:
		return recordFailed
	case statusCancelled, statusTerminated:
		return recordStopped
	}
	return recordRunning
}

// invocationStatus aggregates instance statuses as the vendor documents:
// an instance under way decides it (Stopping, then Pending, Running and
// Scheduled, in that order of precedence); once every instance has ended
// it is Success when none failed and some succeeded, Stopped when all were
// stopped, Failed when none succeeded, and PartialFailed otherwise.
func invocationStatus(statuses []string) string {
	for _, underWay := range []string{statusStopping, statusPending, statusRunning, statusScheduled} {
		if vendorkit.CountOf(statuses, func(s string) bool { return s == underWay }) > 0 {
			return underWay
		}
	}
	failed := vendorkit.CountOf(statuses, isFailure)
	succeeded := vendorkit.CountOf(statuses, func(s string) bool { return s == statusSuccess })
	switch {
	case failed == 0 && succeeded > 0:
		return statusSuccess
	case failed == 0:
		return statusStopped
	case succeeded == 0:
		return statusFailed
	}
	return statusPartialFailed
}

// invokeStatus is the deprecated overall status: Running until every
// instance has ended; then Finished when no run failed, Stopped when all
// were stopped, Failed when all failed and PartialFailed otherwise.
func invokeStatus(statuses []string) string {
	if vendorkit.CountOf(statuses, isEnded) < len(statuses) {
		return recordRunning
	}
	records := make([]string, len(statuses))
	for i, s := range statuses {
		records[i] = recordStatus(s)
	}
	failed := vendorkit.CountOf(records, func(s string) bool { return s == recordFailed })
	switch {
	case failed == len(records):
		return recordFailed
	case failed > 0:
		return statusPartialFailed
	case vendorkit.CountOf(records, func(s string) bool { return s == recordStopped }) == len(records):
		return recordStopped
	}
	return recordFinished
}

package tat

import "slices"

// InvocationStatus is the overall state TAT reports for an invocation.
type InvocationStatus string

// Invocation statuses (TAT DescribeInvocations: InvocationStatus).
// PENDING, RUNNING and CANCELLING are the only ones that still change.
const (
	InvocationPending          InvocationStatus = "PENDING"
	InvocationRunning          InvocationStatus = "RUNNING"
	InvocationCancelling       InvocationStatus = "CANCELLING"
	InvocationSuccess          InvocationStatus = "SUCCESS"
	InvocationFailed           InvocationStatus = "FAILED"
	InvocationTimeout          InvocationStatus = "TIMEOUT"
	InvocationCancelled        InvocationStatus = "CANCELLED"
	InvocationPartialFailed    InvocationStatus = "PARTIAL_FAILED"
	InvocationPartialCancelled InvocationStatus = "PARTIAL_CANCELLED"
)

// InvocationStatuses lists every invocation status, for docs and validators.
var InvocationStatuses = []InvocationStatus{
	InvocationPending, InvocationRunning, InvocationCancelling, InvocationSuccess, InvocationFailed,
	InvocationTimeout, InvocationCancelled, InvocationPartialFailed, InvocationPartialCancelled,
}

// Done reports whether the status will no longer change. An unknown status
// (or none at all) is treated as still moving: waiting is bounded by the
// create timeout, and it is recorded in the state as sent. Reading it as
// done could report success for a run still going; reading it as failed
// could taint and re-run a command that worked. Waiting is the one reading
// that never claims more than the API said.
func (s InvocationStatus) Done() bool {
	return slices.Contains([]InvocationStatus{
		InvocationSuccess, InvocationFailed, InvocationTimeout, InvocationCancelled,
		InvocationPartialFailed, InvocationPartialCancelled,
	}, s)
}

// Failed reports whether a finished invocation did not run to success on
// every instance; a cancelled run counts, since the command did not complete.
func (s InvocationStatus) Failed() bool {
	return s.Done() && s != InvocationSuccess
}

// TaskStatus is the state of one instance's run.
type TaskStatus string

// Task statuses (TAT DescribeInvocationTasks: TaskStatus).
const (
	TaskPending        TaskStatus = "PENDING"
	TaskDelivering     TaskStatus = "DELIVERING"
	TaskDeliverDelayed TaskStatus = "DELIVER_DELAYED"
	TaskDeliverFailed  TaskStatus = "DELIVER_FAILED"
	TaskStartFailed    TaskStatus = "START_FAILED"
	TaskRunning        TaskStatus = "RUNNING"
	TaskSuccess        TaskStatus = "SUCCESS"
	TaskFailed         TaskStatus = "FAILED"
	TaskTimeout        TaskStatus = "TIMEOUT"
	TaskTaskTimeout    TaskStatus = "TASK_TIMEOUT"
	TaskCancelling     TaskStatus = "CANCELLING"
	TaskCancelled      TaskStatus = "CANCELLED"
	TaskTerminated     TaskStatus = "TERMINATED"
)

// Done reports whether the task's status will no longer change.
func (s TaskStatus) Done() bool {
	return slices.Contains([]TaskStatus{
		TaskDeliverFailed, TaskStartFailed, TaskSuccess, TaskFailed, TaskTimeout,
		TaskTaskTimeout, TaskCancelled, TaskTerminated,
	}, s)
}

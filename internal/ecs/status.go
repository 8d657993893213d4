package ecs

import "slices"

// InvocationStatus is the overall state Cloud Assistant reports for an
// invocation (DescribeInvocations' InvocationStatus).
type InvocationStatus string

// Invocation statuses (ECS DescribeInvocations: InvocationStatus). Pending, Scheduled, Running and Stopping
// still change; a periodic or reboot-triggered invocation stays Scheduled or
// Running until it is stopped.
const (
	InvocationPending       InvocationStatus = "Pending"
	InvocationScheduled     InvocationStatus = "Scheduled"
	InvocationRunning       InvocationStatus = "Running"
	InvocationSuccess       InvocationStatus = "Success"
	InvocationFailed        InvocationStatus = "Failed"
	InvocationPartialFailed InvocationStatus = "PartialFailed"
	InvocationStopping      InvocationStatus = "Stopping"
	InvocationStopped       InvocationStatus = "Stopped"
)

// InvocationStatuses lists every invocation status, for docs and validators.
var InvocationStatuses = []InvocationStatus{
	InvocationPending, InvocationScheduled, InvocationRunning, InvocationSuccess,
	InvocationFailed, InvocationPartialFailed, InvocationStopping, InvocationStopped,
}

// Done reports whether the status will no longer change. An unknown status
// (or none at all) is treated as still moving: waiting is bounded by the
// create timeout, and it is recorded in the state as sent. Reading it as
// done could report success for a run still going; reading it as failed
// could taint and re-run a command that worked. Waiting is the one reading
// that never claims more than the API said.
func (s InvocationStatus) Done() bool {
	return slices.Contains([]InvocationStatus{InvocationSuccess, InvocationFailed, InvocationPartialFailed, InvocationStopped}, s)
}

// Failed reports whether a finished invocation did not run to success on
// every instance; a stopped run counts, since the command did not complete.
func (s InvocationStatus) Failed() bool {
	return s.Done() && s != InvocationSuccess
}

// InstanceStatus is the state of one instance's run (InvocationStatus of an
// InvokeInstance or an InvocationResult).
type InstanceStatus string

// Per-instance statuses (ECS DescribeInvocationResults: InvocationStatus).
const (
	InstancePending    InstanceStatus = "Pending"
	InstanceScheduled  InstanceStatus = "Scheduled"
	InstanceRunning    InstanceStatus = "Running"
	InstanceStopping   InstanceStatus = "Stopping"
	InstanceSuccess    InstanceStatus = "Success"
	InstanceFailed     InstanceStatus = "Failed"
	InstanceError      InstanceStatus = "Error"
	InstanceTimeout    InstanceStatus = "Timeout"
	InstanceInvalid    InstanceStatus = "Invalid"
	InstanceAborted    InstanceStatus = "Aborted"
	InstanceCancelled  InstanceStatus = "Cancelled"
	InstanceTerminated InstanceStatus = "Terminated"
)

// InstanceStatuses lists every per-instance status, for docs.
var InstanceStatuses = []InstanceStatus{
	InstancePending, InstanceScheduled, InstanceRunning, InstanceStopping, InstanceSuccess, InstanceFailed,
	InstanceError, InstanceTimeout, InstanceInvalid, InstanceAborted, InstanceCancelled, InstanceTerminated,
}

// Done reports whether the instance's run will no longer change.
func (s InstanceStatus) Done() bool {
	return slices.Contains([]InstanceStatus{
		InstanceSuccess, InstanceFailed, InstanceError, InstanceTimeout,
		InstanceInvalid, InstanceAborted, InstanceCancelled, InstanceTerminated,
	}, s)
}

// HasExitCode reports whether the command ran on the instance, so that its
// exit code means something: a run that was never delivered or started
// reports 0, which is no exit code at all.
func (s InstanceStatus) HasExitCode() bool {
	return slices.Contains([]InstanceStatus{InstanceSuccess, InstanceFailed, InstanceTimeout, InstanceTerminated}, s)
}

// RepeatMode is when an invocation runs.
type RepeatMode string

// Repeat modes (ECS RunCommand and InvokeCommand: RepeatMode).
const (
	RepeatOnce           RepeatMode = "Once"
	RepeatPeriod         RepeatMode = "Period"
	RepeatNextRebootOnly RepeatMode = "NextRebootOnly"
	RepeatEveryReboot    RepeatMode = "EveryReboot"
)

// RepeatModes lists every repeat mode, for docs and validators.
var RepeatModes = []RepeatMode{RepeatOnce, RepeatPeriod, RepeatNextRebootOnly, RepeatEveryReboot}

// Ends reports whether an invocation in this mode finishes by itself. A
// periodic or reboot-triggered one waits for its schedule until stopped,
// so there is nothing to wait for.
func (m RepeatMode) Ends() bool { return m == RepeatOnce }

// Scheduled reports whether the mode runs on a schedule, the one mode that
// takes a frequency.
func (m RepeatMode) Scheduled() bool { return m == RepeatPeriod }

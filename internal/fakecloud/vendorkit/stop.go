package vendorkit

import (
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Never is a time no run reaches: the end of a run that does not end by
// itself, or the kill of one whose process has yet to report back.
var Never = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Unbounded is how long a real run lasts on the fake's clock while its
// process has not reported back, or once a kill alone ends it: far enough
// out that the run never ends by itself, near enough not to overflow.
const Unbounded = time.Duration(1 << 62)

// Later returns the later of two times.
func Later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// KillTime is when a run asked to stop at stoppedAt is killed (TAT
// CancelInvocation, ECS StopInvocation): killDelay later, the time the
// agent takes to stop a script. A real process (stopLive not nil) is
// killed at once instead, and when the kill lands is known only once the
// process has reported back (see ReportedKillTime): until then it is Never.
func KillTime(stoppedAt time.Time, killDelay time.Duration, stopLive func()) time.Time {
	if stopLive != nil {
		stopLive()
		return Never
	}
	return stoppedAt.Add(killDelay)
}

// ReportedKillTime is when the kill of a real process, asked for at
// stoppedAt, lands once the process reports back at now: killDelay after
// the stop, as for a simulated run, but not before now, when the process
// is known to be gone.
func ReportedKillTime(stoppedAt time.Time, killDelay time.Duration, now time.Time) time.Time {
	return Later(stoppedAt.Add(killDelay), now)
}

// StopEach stops the runs on the instances named, or every run when none
// are named (TAT CancelInvocation: InstanceIds; ECS StopInvocation:
// InstanceId.N; both optional). find looks up the run on an instance. When
// an instance named has no run, nothing is stopped and missing is its ID.
func StopEach[T any](runs []T, instanceIDs []string, find func(instanceID string) (T, bool), stop func(T)) (missing string) {
	chosen := runs
	if len(instanceIDs) > 0 {
		chosen = make([]T, 0, len(instanceIDs))
		for _, id := range instanceIDs {
			run, ok := find(id)
			if !ok {
				return id
			}
			chosen = append(chosen, run)
		}
	}
	for _, run := range chosen {
		stop(run)
	}
	return ""
}

// Kill is what a task keeps of a request to stop it (TAT CancelInvocation,
// ECS StopInvocation) and of the real process running its script, if any.
// The zero value: never asked, no process.
type Kill struct {
	// AskedAt is when the request reached the task; zero if none did.
	AskedAt time.Time
	// At is when the agent kills the script if it was running then (see
	// KillTime); Never while a real process killed has yet to report back.
	At time.Time
	// process kills the real process running the script (Config.Executor);
	// nil when none is, or once it has reported back.
	process func()
}

// Asked reports whether a request to stop has reached the task.
func (k *Kill) Asked() bool { return !k.AskedAt.IsZero() }

// Ask records a request to stop the task that reaches it at now; a real
// process is killed at once.
func (k *Kill) Ask(now time.Time, killDelay time.Duration) {
	k.AskedAt = now
	k.At = KillTime(now, killDelay, k.process)
}

// Running records that a real process runs the script, which kill stops.
func (k *Kill) Running(kill func()) { k.process = kill }

// KillProcess kills the real process running the script, if any, as when
// its invocation is forgotten under way.
func (k *Kill) KillProcess() {
	if k.process != nil {
		k.process()
	}
}

// Reported records that the real process has reported back at now with
// run; killed says its context was cancelled, which only a request to stop
// or the service closing does. When a request to stop killed it, the kill
// alone ends the script: it lands as ReportedKillTime says, and the run
// returned never ends by itself (its Duration is Unbounded). Otherwise run
// is returned as it came.
func (k *Kill) Reported(run script.Run, killed bool, now time.Time, killDelay time.Duration) script.Run {
	k.process = nil
	if !killed || !k.Asked() {
		return run
	}
	k.At = ReportedKillTime(k.AskedAt, killDelay, now)
	run.Duration = Unbounded
	return run
}

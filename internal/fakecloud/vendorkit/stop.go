package vendorkit

import "time"

// Never is a time no run reaches: the end of a run that does not end by
// itself, or the kill of one whose process has yet to report back.
var Never = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

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

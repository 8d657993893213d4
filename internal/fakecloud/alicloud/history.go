package alicloud

import "time"

// historyAt lists the task's runs for DescribeInvocationResults with
// IncludeHistory: every run of a rate schedule that has started by now,
// oldest first, each as it ended (or, for the last, as it is now). A task
// with one run at most, or none of whose runs has started, is listed once,
// as it is now, so that every instance appears.
func (t *task) historyAt(now time.Time, current taskState) []taskState {
	if t.interval <= 0 || t.aborted {
		return []taskState{current}
	}
	// A stopped schedule starts no run after the stop.
	at := now
	if t.kill.Asked() && t.kill.AskedAt.Before(now) {
		at = t.kill.AskedAt
	}
	last, start, ok := t.runAt(at)
	if !ok {
		return []taskState{current}
	}
	cycle := t.runTime + t.interval
	runs := make([]taskState, 0, last+1)
	for i := range last {
		runStart := t.firstStart.Add(time.Duration(i) * cycle)
		runs = append(runs, t.endedRun(i, runStart, runStart.Add(t.runTime)))
	}
	// Between runs, the current state is the schedule's, not the last
	// run's: that run ended as any other.
	if current.status == statusScheduled || current.status == statusCancelled {
		current = t.endedRun(last, start, start.Add(t.runTime))
	}
	return append(runs, current)
}

// Package vendorkit holds what the fake's two clouds do alike: the settings
// they simulate with (Simulation), the store of temporary keys their STS
// services hand out, the outcomes tests set in place of scripts, the
// invocations they keep and how long (Records, retention), a request to
// stop a task and when it is killed (Kill), and the real runs an executor
// has under way (LiveRuns). What the clouds do differently (wire formats,
// error codes, status words, ID shapes, how a task's statuses follow one
// another) stays in their own packages, which wrap these pieces in their
// own API.
package vendorkit

import "time"

// Base is what each fake service keeps alike beside its own state: the
// outcomes tests set, how long finished invocations are kept and the
// temporary keys STS handed out. A service embeds it, which gives it the
// controls tests use (SetOutcome, SetRecordRetention, TemporaryKeys); each
// piece has a lock of its own, so they are never guarded by the service's.
// The zero value keeps no outcomes and no keys, and keeps records for
// DefaultRecordRetention.
type Base struct {
	outcomes  outcomeTable
	retention retentionPeriod
	keys      keyStore
}

// SetOutcome makes the runs that match end as outcome, replacing the
// outcome set before for the same match. When several outcomes match a
// run, the most specific wins: instance and command, then instance, then
// command, then the match of everything.
func (b *Base) SetOutcome(match OutcomeMatch, outcome Outcome) {
	b.outcomes.Set(match, outcome)
}

// ClearOutcomes forgets every outcome, so scripts run again.
func (b *Base) ClearOutcomes() {
	b.outcomes.Clear()
}

// OutcomeFor returns the most specific outcome set for a run of the command
// on the instance, if any.
func (b *Base) OutcomeFor(instanceID, commandID string) (Outcome, bool) {
	return b.outcomes.For(instanceID, commandID)
}

// SetRecordRetention sets how long invocations are kept once they have
// finished; zero or less restores DefaultRecordRetention. It applies at
// once, to the invocations already made too.
func (b *Base) SetRecordRetention(d time.Duration) {
	b.retention.Set(d)
}

// RecordRetention returns how long invocations are kept once they have
// finished.
func (b *Base) RecordRetention() time.Duration {
	return b.retention.Get()
}

// RecordExpired reports whether a record that ended at end (zero: not
// ended) has been kept longer than the retention by now.
func (b *Base) RecordExpired(end, now time.Time) bool {
	return b.retention.Expired(end, now)
}

// TemporaryKeys lists the temporary keys STS handed out.
func (b *Base) TemporaryKeys() []TemporaryKey {
	return b.keys.List()
}

// IssueTemporaryKey makes a new temporary key of this shape for role,
// valid until expires (STS AssumeRole).
func (b *Base) IssueTemporaryKey(shape KeyShape, role string, expires time.Time) TemporaryKey {
	return b.keys.Issue(shape, role, expires)
}

// LookUpTemporaryKey returns the temporary key with this ID, if STS handed
// it out.
func (b *Base) LookUpTemporaryKey(id string) (TemporaryKey, bool) {
	return b.keys.Get(id)
}

// UseTemporaryKey counts a request admitted with the temporary key.
func (b *Base) UseTemporaryKey(id string) {
	b.keys.Use(id)
}

package vendorkit

import (
	"testing"
	"time"
)

// TestBaseControlsReachTheirPieces checks the controls a service gains by
// embedding Base act on the same outcomes, retention and keys it reads.
func TestBaseControlsReachTheirPieces(t *testing.T) {
	t.Parallel()
	var b Base
	b.SetOutcome(OutcomeMatch{InstanceID: "i-1"}, Outcome{ExitCode: 5})
	if o, ok := b.OutcomeFor("i-1", "cmd"); !ok || o.ExitCode != 5 {
		t.Errorf("OutcomeFor = %+v, %t, want exit code 5", o, ok)
	}
	b.ClearOutcomes()
	if _, ok := b.OutcomeFor("i-1", "cmd"); ok {
		t.Error("an outcome survived ClearOutcomes")
	}

	end := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if b.RecordRetention() != DefaultRecordRetention || b.RecordExpired(end, end.Add(24*time.Hour)) {
		t.Error("a zero Base does not keep records for the default retention")
	}
	b.SetRecordRetention(time.Hour)
	if b.RecordRetention() != time.Hour || !b.RecordExpired(end, end.Add(2*time.Hour)) {
		t.Error("SetRecordRetention(1h) did not shorten the retention")
	}

	k := b.IssueTemporaryKey(testShape, "role", end)
	b.UseTemporaryKey(k.ID)
	if got, ok := b.LookUpTemporaryKey(k.ID); !ok || got.Requests != 1 {
		t.Errorf("LookUpTemporaryKey = %+v, %t, want the key used once", got, ok)
	}
	if keys := b.TemporaryKeys(); len(keys) != 1 || keys[0].ID != k.ID {
		t.Errorf("TemporaryKeys = %+v, want the one key", keys)
	}
}

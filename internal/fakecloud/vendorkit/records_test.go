package vendorkit

import (
	"slices"
	"testing"
	"time"
)

// fakeRecord is an invocation of tasks that ended at end (zero: under way).
type fakeRecord struct {
	id    string
	tasks int
	end   time.Time
}

func (r *fakeRecord) TaskCount() int              { return r.tasks }
func (r *fakeRecord) EndedAt(time.Time) time.Time { return r.end }
func idsOf(list []*fakeRecord) (ids []string) {
	for _, r := range list {
		ids = append(ids, r.id)
	}
	return ids
}

var recordsEpoch = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func keptRecords(list ...*fakeRecord) *Records[*fakeRecord] {
	var records Records[*fakeRecord]
	for _, r := range list {
		records.Add(r.id, r)
	}
	return &records
}

func TestRecordsListInTheOrderTheyWereMade(t *testing.T) {
	t.Parallel()
	records := keptRecords(&fakeRecord{id: "z"}, &fakeRecord{id: "a"}, &fakeRecord{id: "m"})
	if got := idsOf(records.OldestFirst()); !slices.Equal(got, []string{"z", "a", "m"}) {
		t.Errorf("oldest first: %v", got)
	}
	notA := func(r *fakeRecord) bool { return r.id != "a" }
	if got := idsOf(records.NewestFirst(notA)); !slices.Equal(got, []string{"m", "z"}) {
		t.Errorf("newest first but a: %v", got)
	}
	if !records.Delete("z") || records.Delete("z") {
		t.Error("Delete did not report whether the record was kept")
	}
	if _, ok := records.Get("z"); ok {
		t.Error("a deleted record is still kept")
	}
}

func TestRecordsExpireThoseEndedLongAgoAndKeepThoseUnderWay(t *testing.T) {
	t.Parallel()
	old := &fakeRecord{id: "old", tasks: 1, end: recordsEpoch}
	recent := &fakeRecord{id: "recent", tasks: 1, end: recordsEpoch.Add(time.Hour)}
	running := &fakeRecord{id: "running", tasks: 1}
	records := keptRecords(old, recent, running)
	var retention retentionPeriod
	retention.Set(time.Hour)
	records.Expire(recordsEpoch.Add(90*time.Minute), retention.Expired)
	if got := idsOf(records.OldestFirst()); !slices.Equal(got, []string{"recent", "running"}) {
		t.Errorf("kept after expiry: %v", got)
	}
}

func TestRecordsCapForgetsTheOldestFinishedFirst(t *testing.T) {
	t.Parallel()
	running := &fakeRecord{id: "running", tasks: 2}
	first := &fakeRecord{id: "first", tasks: 2, end: recordsEpoch}
	second := &fakeRecord{id: "second", tasks: 2, end: recordsEpoch}
	third := &fakeRecord{id: "third", tasks: 2, end: recordsEpoch}
	records := keptRecords(running, first, second, third)
	if records.Cap(8, recordsEpoch) {
		t.Error("forgot records at the limit")
	}
	if !records.Cap(4, recordsEpoch) {
		t.Error("forgot nothing past the limit")
	}
	if got := idsOf(records.OldestFirst()); !slices.Equal(got, []string{"running", "third"}) {
		t.Errorf("kept after the cap: %v", got)
	}
	records.Cap(1, recordsEpoch)
	if got := idsOf(records.OldestFirst()); !slices.Equal(got, []string{"running"}) {
		t.Errorf("an invocation under way must stay whatever the cap; kept %v", got)
	}
}

package vendorkit

import (
	"testing"
	"time"
)

func TestRetentionDefaultsToFourWeeks(t *testing.T) {
	t.Parallel()
	var r retentionPeriod
	if got := r.Get(); got != 28*24*time.Hour {
		t.Errorf("zero value keeps records for %s, want 672h", got)
	}
	r.Set(time.Hour)
	if got := r.Get(); got != time.Hour {
		t.Errorf("after Set(1h), Get = %s", got)
	}
	for _, d := range []time.Duration{0, -time.Hour} {
		r.Set(d)
		if got := r.Get(); got != DefaultRecordRetention {
			t.Errorf("after Set(%s), Get = %s, want the default", d, got)
		}
	}
}

func TestExpiredCountsFromTheEnd(t *testing.T) {
	t.Parallel()
	var r retentionPeriod
	r.Set(time.Hour)
	end := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		end  time.Time
		now  time.Time
		want bool
	}{
		{"not ended", time.Time{}, end.Add(1000 * time.Hour), false},
		{"within the retention", end, end.Add(30 * time.Minute), false},
		{"exactly the retention", end, end.Add(time.Hour), false},
		{"past the retention", end, end.Add(time.Hour + time.Second), true},
	} {
		if got := r.Expired(tc.end, tc.now); got != tc.want {
			t.Errorf("%s: Expired = %t, want %t", tc.name, got, tc.want)
		}
	}
}

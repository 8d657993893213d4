package alicloud

import (
	"testing"
	"time"
)

// TestRecordsAreCapped: past the cap, the oldest finished invocations are
// forgotten; one under way is kept whatever the cap.
func TestRecordsAreCapped(t *testing.T) {
	t.Parallel()
	clock := &stoppedClock{start: time.Now()}
	f := newFixture(t, func(cfg *Config) {
		cfg.Now = clock.Now
		cfg.Skew = time.Hour
		cfg.MaxRecordTasks = 2
	})
	client := f.client(t)
	_, running := runCommand(t, client, runRequest("sleep 90", instanceA))
	_, first := runCommand(t, client, runRequest("echo 1", instanceA))
	_, second := runCommand(t, client, runRequest("echo 2", instanceA))
	_, third := runCommand(t, client, runRequest("echo 3", instanceA))
	for id, want := range map[string]bool{running: true, first: false, second: false, third: true} {
		if _, ok := f.svc.Invocation(id); ok != want {
			t.Errorf("invocation %s kept: %v, want %v", id, ok, want)
		}
	}
	clock.shift(2 * time.Minute)
	_, fourth := runCommand(t, client, runRequest("echo 4", instanceA))
	for id, want := range map[string]bool{running: false, third: true, fourth: true} {
		if _, ok := f.svc.Invocation(id); ok != want {
			t.Errorf("later, invocation %s kept: %v, want %v", id, ok, want)
		}
	}
}

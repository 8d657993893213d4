package script

import (
	"sync"
	"testing"
	"time"
)

// TestDeferredInterpretsWithoutTheLock: the lock is free while a script
// is interpreted, and held while its run is recorded.
func TestDeferredInterpretsWithoutTheLock(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var settled []string
	d := &Deferred{interpret: func(req ExecRequest) Run {
		if !mu.TryLock() {
			t.Errorf("%s interpreted with the lock held", req.InstanceID)
		} else {
			mu.Unlock()
		}
		return Interpret(req)
	}}
	for _, id := range []string{"ins-a", "ins-b"} {
		d.Add(ExecRequest{InstanceID: id, Script: "hostname", CommandType: "SHELL", Timeout: time.Minute}, func(run Run) {
			if mu.TryLock() {
				mu.Unlock()
				t.Errorf("run recorded without the lock")
			}
			out, _ := run.OutputUntil(run.Duration)
			settled = append(settled, string(out))
		})
	}
	d.Interpret(&mu)
	if len(settled) != 2 || settled[0] != "ins-a\n" || settled[1] != "ins-b\n" {
		t.Errorf("settled %q", settled)
	}
}

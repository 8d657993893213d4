package tencent

import (
	"testing"
	"time"
)

// TestRecordsAreCapped: past the cap, the oldest finished invocations are
// forgotten; one under way is kept whatever the cap.
func TestRecordsAreCapped(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew, func(c *Config) { c.MaxRecordTasks = 2 })
	c := env.tatClient(t)
	running := invoke(t, c, createScript(t, c, "long", "sleep 60"), "ins-long0001")
	quick := createScript(t, c, "quick", "echo hi")
	first := invoke(t, c, quick, "ins-cap00001")
	second := invoke(t, c, quick, "ins-cap00001")
	third := invoke(t, c, quick, "ins-cap00001")
	for id, want := range map[string]bool{running: true, first: false, second: false, third: true} {
		if _, ok := env.svc.Invocation(id); ok != want {
			t.Errorf("invocation %s kept: %v, want %v", id, ok, want)
		}
	}
	env.advance(time.Minute)
	fourth := invoke(t, c, quick, "ins-cap00001")
	for id, want := range map[string]bool{running: false, third: true, fourth: true} {
		if _, ok := env.svc.Invocation(id); ok != want {
			t.Errorf("a minute later, invocation %s kept: %v, want %v", id, ok, want)
		}
	}
}

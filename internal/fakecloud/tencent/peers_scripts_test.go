package tencent

import (
	"fmt"
	"strings"
	"testing"
)

// TestPeersScripts runs the scripts of the tencentcloud provider's TAT
// acceptance tests, "ls" and "ps -ef", through the API: both succeed with
// the output an instance would print.
func TestPeersScripts(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	scripts := map[string]string{"ls": "", "ps -ef": "UID          PID    PPID"}
	n := 0
	for script, holds := range scripts {
		n++ // TAT command names are unique in a region
		id := invoke(t, c, createScript(t, c, fmt.Sprintf("peer-%d", n), script), "ins-peer0001")
		snap, ok := env.svc.Invocation(id)
		if !ok || len(snap.Tasks) != 1 {
			t.Fatalf("%s: invocation %s not found", script, id)
		}
		task := snap.Tasks[0]
		if task.Status != "SUCCESS" || task.ExitCode != 0 || !strings.Contains(task.Output, holds) {
			t.Errorf("%s: %s, exit code %d, output %q", script, task.Status, task.ExitCode, task.Output)
		}
	}
}

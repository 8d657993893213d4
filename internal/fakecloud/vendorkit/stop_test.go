package vendorkit

import (
	"slices"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

func TestKillTimeWaitsForTheAgentOrTheProcess(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := KillTime(at, time.Second, nil); !got.Equal(at.Add(time.Second)) {
		t.Errorf("simulated run: kill at %s, want a second after the stop", got)
	}
	killed := false
	if got := KillTime(at, time.Second, func() { killed = true }); !got.Equal(Never) || !killed {
		t.Errorf("real run: kill at %s, process killed %t; want Never and killed", got, killed)
	}
}

func TestReportedKillTimeIsNeverBeforeTheReport(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := ReportedKillTime(at, time.Second, at.Add(time.Minute)); !got.Equal(at.Add(time.Minute)) {
		t.Errorf("late report: kill at %s, want the report's time", got)
	}
	if got := ReportedKillTime(at, time.Second, at); !got.Equal(at.Add(time.Second)) {
		t.Errorf("early report: kill at %s, want the kill delay after the stop", got)
	}
}

type testRun struct {
	instance string
	stopped  bool
}

func testRuns() ([]*testRun, func(string) (*testRun, bool)) {
	runs := []*testRun{{instance: "i-1"}, {instance: "i-2"}, {instance: "i-3"}}
	find := func(id string) (*testRun, bool) {
		i := slices.IndexFunc(runs, func(r *testRun) bool { return r.instance == id })
		if i < 0 {
			return nil, false
		}
		return runs[i], true
	}
	return runs, find
}

func stoppedInstances(runs []*testRun) []string {
	var out []string
	for _, r := range runs {
		if r.stopped {
			out = append(out, r.instance)
		}
	}
	return out
}

func stopRun(r *testRun) { r.stopped = true }

func TestStopEachStopsEveryRunWhenNoneAreNamed(t *testing.T) {
	t.Parallel()
	runs, find := testRuns()
	if missing := StopEach(runs, nil, find, stopRun); missing != "" {
		t.Fatalf("missing = %q", missing)
	}
	if got := stoppedInstances(runs); !slices.Equal(got, []string{"i-1", "i-2", "i-3"}) {
		t.Errorf("stopped %v, want every run", got)
	}
}

func TestStopEachStopsTheRunsNamed(t *testing.T) {
	t.Parallel()
	runs, find := testRuns()
	if missing := StopEach(runs, []string{"i-3", "i-1"}, find, stopRun); missing != "" {
		t.Fatalf("missing = %q", missing)
	}
	if got := stoppedInstances(runs); !slices.Equal(got, []string{"i-1", "i-3"}) {
		t.Errorf("stopped %v, want i-1 and i-3", got)
	}
}

func TestStopEachStopsNothingWhenAnInstanceHasNoRun(t *testing.T) {
	t.Parallel()
	runs, find := testRuns()
	if missing := StopEach(runs, []string{"i-1", "i-9", "i-2"}, find, stopRun); missing != "i-9" {
		t.Errorf("missing = %q, want i-9", missing)
	}
	if got := stoppedInstances(runs); len(got) != 0 {
		t.Errorf("stopped %v, want none", got)
	}
}

func TestKillOfARealProcessLandsWhenItReportsBack(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	var kill Kill
	processKilled := false
	kill.Running(func() { processKilled = true })
	kill.Ask(at, time.Second)
	if !kill.Asked() || !processKilled || !kill.At.Equal(Never) {
		t.Fatalf("asked %t, process killed %t, kill at %s; want asked, killed, Never", kill.Asked(), processKilled, kill.At)
	}
	if run := kill.Reported(script.Run{Duration: time.Second}, true, at.Add(time.Minute), time.Second); run.Duration != Unbounded {
		t.Errorf("the run of a process the request killed lasts %s; want Unbounded, so the kill ends it", run.Duration)
	}
	if !kill.At.Equal(at.Add(time.Minute)) {
		t.Errorf("kill at %s, want when the process reported back", kill.At)
	}
}

func TestKillUnaskedLeavesARunThatEndedByItself(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	var kill Kill
	kill.Running(func() { t.Error("the process was killed without a request") })
	if run := kill.Reported(script.Run{Duration: time.Second}, true, at, time.Second); run.Duration != time.Second {
		t.Errorf("a process ended by the service closing lasts %s; want the second it ran", run.Duration)
	}
	kill.KillProcess() // reported back: nothing left to kill
	if kill.Asked() || !kill.At.IsZero() {
		t.Errorf("asked %t, kill at %s; want neither", kill.Asked(), kill.At)
	}
}

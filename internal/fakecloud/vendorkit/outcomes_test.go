package vendorkit

import (
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

func TestOutcomeForPrefersTheMostSpecificMatch(t *testing.T) {
	t.Parallel()
	var table outcomeTable
	if _, ok := table.For("i-1", "cmd-1"); ok {
		t.Fatal("an empty table matched")
	}
	table.Set(OutcomeMatch{}, Outcome{ExitCode: 1})
	table.Set(OutcomeMatch{CommandID: "cmd-1"}, Outcome{ExitCode: 2})
	table.Set(OutcomeMatch{InstanceID: "i-1"}, Outcome{ExitCode: 3})
	table.Set(OutcomeMatch{InstanceID: "i-1", CommandID: "cmd-1"}, Outcome{ExitCode: 4})
	for _, tc := range []struct {
		instance, command string
		want              int64
	}{
		{"i-1", "cmd-1", 4},
		{"i-1", "cmd-2", 3},
		{"i-2", "cmd-1", 2},
		{"i-2", "cmd-2", 1},
	} {
		got, ok := table.For(tc.instance, tc.command)
		if !ok || got.ExitCode != tc.want {
			t.Errorf("For(%s, %s) = %+v, %t, want exit code %d", tc.instance, tc.command, got, ok, tc.want)
		}
	}
}

func TestSetReplacesAndClearForgetsOutcomes(t *testing.T) {
	t.Parallel()
	var table outcomeTable
	match := OutcomeMatch{CommandID: "cmd-1"}
	table.Set(match, Outcome{ExitCode: 1})
	table.Set(match, Outcome{ExitCode: 7})
	if got, _ := table.For("i-1", "cmd-1"); got.ExitCode != 7 {
		t.Errorf("after a second Set, exit code = %d, want 7", got.ExitCode)
	}
	table.Clear()
	if got, ok := table.For("i-1", "cmd-1"); ok {
		t.Errorf("after Clear, For = %+v", got)
	}
}

func TestOutcomeRunPrintsAtOnceAndEndsAsSet(t *testing.T) {
	t.Parallel()
	run := Outcome{ExitCode: 3, Output: "hello\n", Duration: 2 * time.Second}.Run(time.Minute)
	if run.Duration != 2*time.Second || run.ExitCode != 3 || run.TimedOut {
		t.Errorf("run = %+v, want exit 3 after 2s", run)
	}
	if out, _ := run.OutputUntil(0); string(out) != "hello\n" {
		t.Errorf("output at the start = %q, want hello", out)
	}
}

func TestOutcomeRunTimesOutPastTheTimeout(t *testing.T) {
	t.Parallel()
	for name, o := range map[string]Outcome{
		"longer than the timeout": {ExitCode: 0, Duration: time.Hour},
		"never finishes":          {ExitCode: 0, NeverFinishes: true},
	} {
		run := o.Run(time.Minute)
		if !run.TimedOut || run.Duration != time.Minute || run.ExitCode != script.ExitKilled {
			t.Errorf("%s: run = %+v, want killed at the one-minute timeout", name, run)
		}
	}
}

func TestOutcomeRunTreatsANegativeDurationAsNone(t *testing.T) {
	t.Parallel()
	run := Outcome{Duration: -time.Second}.Run(time.Minute)
	if run.Duration != 0 || run.TimedOut {
		t.Errorf("run = %+v, want an immediate end", run)
	}
}

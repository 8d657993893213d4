package runs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParseLimit(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Limit{"0": {N: 0}, "10": {N: 10}, "10%": {N: 10, Percent: true}, "100%": {N: 100, Percent: true}} {
		got, err := ParseLimit(in)
		if err != nil || got != want || got.String() != in {
			t.Errorf("ParseLimit(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.5", "10 %", "%", "101%", "ten", "1234567890"} {
		if _, err := ParseLimit(in); err == nil {
			t.Errorf("ParseLimit(%q) accepted", in)
		}
	}
}

func TestLimit_concurrencyRoundsUpAndErrorsDown(t *testing.T) {
	t.Parallel()
	cases := []struct {
		limit             Limit
		total, conc, errs int
	}{
		{Limit{N: 10, Percent: true}, 100, 10, 10},
		{Limit{N: 10, Percent: true}, 5, 1, 0},
		{Limit{N: 25, Percent: true}, 10, 3, 2},
		{Limit{N: 1, Percent: true}, 1, 1, 0},
		{Limit{N: 0, Percent: true}, 10, 1, 0},
		{Limit{N: 3}, 10, 3, 3},
		{Limit{N: 0}, 10, 1, 0},
	}
	for _, c := range cases {
		if got := c.limit.Concurrency(c.total); got != c.conc {
			t.Errorf("%s of %d: concurrency %d, want %d", c.limit, c.total, got, c.conc)
		}
		if got := c.limit.Errors(c.total); got != c.errs {
			t.Errorf("%s of %d: errors %d, want %d", c.limit, c.total, got, c.errs)
		}
	}
}

func TestWaves(t *testing.T) {
	t.Parallel()
	ids := []string{"i-1", "i-2", "i-3", "i-4", "i-5"}
	for size, want := range map[int]string{
		1: "[[i-1] [i-2] [i-3] [i-4] [i-5]]", 2: "[[i-1 i-2] [i-3 i-4] [i-5]]", 5: "[[i-1 i-2 i-3 i-4 i-5]]", 9: "[[i-1 i-2 i-3 i-4 i-5]]",
	} {
		if got := fmt.Sprint(Waves(ids, size)); got != want {
			t.Errorf("Waves(5 ids, %d) = %s, want %s", size, got, want)
		}
	}
}

func TestLimitValidator(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		least int
		value string
		fails string
	}{
		{1, "1", ""}, {1, "50%", ""}, {1, "0", "must be at least 1"}, {1, "0%", "must be at least 1%"},
		{0, "0", ""}, {1, "x", "percentage"}, {0, "150%", "at most 100%"},
	} {
		var resp validator.StringResponse
		LimitValidator(c.least).ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("max_errors"), ConfigValue: types.StringValue(c.value),
		}, &resp)
		switch {
		case c.fails == "" && resp.Diagnostics.HasError():
			t.Errorf("least %d, %q refused: %v", c.least, c.value, resp.Diagnostics)
		case c.fails != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), c.fails) ||
			!strings.Contains(resp.Diagnostics[0].Detail(), "max_errors")):
			t.Errorf("least %d, %q: diagnostics %v, want one naming max_errors and saying %q", c.least, c.value, resp.Diagnostics, c.fails)
		}
	}
}

// fleet makes, for each wave, a run that ends at once with each
// instance's exit code from codes (0 when not listed), and records the
// waves sent.
type fleet struct {
	codes map[string]int64
	sent  [][]string
	// refuse makes the run of this wave (from 1) refuse to start.
	refuse int
}

func (f *fleet) newRun(ids []string) (Adapter, diag.Diagnostics) {
	f.sent = append(f.sent, ids)
	var results []InstanceResult
	status := "SUCCESS"
	for _, id := range ids {
		code := f.codes[id]
		word := "SUCCESS"
		if code != 0 {
			word, status = "FAILED", "FAILED"
		}
		results = append(results, exitedWith(id, word, code, "line 1\nline 2 of "+id+"\n"))
	}
	return &scriptedAdapter{
		ends: true, startErr: len(f.sent) == f.refuse, results: results,
		polls: []Observation{observed(status, true, status == "FAILED", nil)},
	}, nil
}

func (f *fleet) rollout(concurrency *Limit, maxErrors Limit, shown *[]string) Rollout {
	return Rollout{
		InstanceIDs: []string{"i-1", "i-2", "i-3", "i-4", "i-5"}, MaxConcurrency: concurrency, MaxErrors: maxErrors,
		NewRun: f.newRun, Execution: Execution{Timeout: time.Minute},
		Show: func(m string) { *shown = append(*shown, m) },
	}
}

func TestRollout_unsetConcurrencySendsOneRun(t *testing.T) {
	t.Parallel()
	f := &fleet{}
	var shown []string
	out, diags := f.rollout(nil, Limit{}, &shown).Run(context.Background())
	if diags.HasError() || len(f.sent) != 1 || len(f.sent[0]) != 5 || len(out.Results) != 5 {
		t.Fatalf("sent %v, results %d, diagnostics %v; want one run of 5", f.sent, len(out.Results), diags)
	}
	if !strings.HasPrefix(shown[0], "test run r-1: sent after ") {
		t.Errorf("first progress %q: want the run, without a wave", shown[0])
	}
	if last := shown[len(shown)-1]; last != `i-5: SUCCESS, exit code 0; last lines: "line 1", "line 2 of i-5"` {
		t.Errorf("last progress %q, want i-5's line and the last lines of its output", last)
	}
}

func TestRollout_wavesFollowEachOther(t *testing.T) {
	t.Parallel()
	f := &fleet{}
	var shown []string
	out, diags := f.rollout(&Limit{N: 40, Percent: true}, Limit{}, &shown).Run(context.Background())
	if diags.HasError() || fmt.Sprint(f.sent) != "[[i-1 i-2] [i-3 i-4] [i-5]]" || len(out.Runs) != 3 {
		t.Fatalf("sent %v, runs %v, diagnostics %v; want three waves", f.sent, out.Runs, diags)
	}
	joined := strings.Join(shown, "\n")
	for _, part := range []string{"wave 1 of 3 (2 instances): test run r-1: sent", "wave 3 of 3 (1 instance): test run r-1: SUCCESS", "i-3: SUCCESS, exit code 0"} {
		if !strings.Contains(joined, part) {
			t.Errorf("progress lacks %q:\n%s", part, joined)
		}
	}
}

func TestRollout_stopsOnceMoreThanMaxErrorsFailed(t *testing.T) {
	t.Parallel()
	f := &fleet{codes: map[string]int64{"i-1": 2, "i-3": 3}}
	var shown []string
	out, diags := f.rollout(&Limit{N: 1}, Limit{N: 1}, &shown).Run(context.Background())
	// i-1 fails (1, tolerated), i-2 succeeds, i-3 fails (2 > 1): i-4 and i-5 are never sent.
	if fmt.Sprint(f.sent) != "[[i-1] [i-2] [i-3]]" || fmt.Sprint(out.NeverSent) != "[i-4 i-5]" || out.Failed != 2 {
		t.Fatalf("sent %v, never sent %v, failed %d", f.sent, out.NeverSent, out.Failed)
	}
	var summaries []string
	for _, d := range diags.Errors() {
		summaries = append(summaries, d.Summary())
	}
	if fmt.Sprint(summaries) != "[Test Command Failed Test Command Failed Rolling Run Stopped]" {
		t.Fatalf("errors %v", summaries)
	}
	stopped := diags.Errors()[2].Detail()
	if !strings.Contains(stopped, "2 instances failed, more than max_errors (1).") || !strings.Contains(stopped, "2 instances were never sent: i-4, i-5") {
		t.Errorf("stop report: %s", stopped)
	}
	if !strings.Contains(diags.Errors()[0].Detail(), "i-1: FAILED, exit code 2") {
		t.Errorf("failure report does not name i-1: %s", diags.Errors()[0].Detail())
	}
}

func TestRollout_failureWithinMaxErrorsStillFailsTheAction(t *testing.T) {
	t.Parallel()
	f := &fleet{codes: map[string]int64{"i-2": 1}}
	var shown []string
	out, diags := f.rollout(&Limit{N: 2}, Limit{N: 20, Percent: true}, &shown).Run(context.Background())
	if len(f.sent) != 3 || out.NeverSent != nil {
		t.Fatalf("sent %v, never sent %v: one failure of five is within 20%%", f.sent, out.NeverSent)
	}
	if !diags.HasError() || diags.Errors()[0].Summary() != "Test Command Failed" {
		t.Errorf("diagnostics %v: a failed instance fails the action", diags)
	}
}

func TestRollout_waveNotSentStopsTheRest(t *testing.T) {
	t.Parallel()
	f := &fleet{refuse: 2}
	var shown []string
	out, diags := f.rollout(&Limit{N: 2}, Limit{N: 5}, &shown).Run(context.Background())
	if len(f.sent) != 2 || fmt.Sprint(out.NeverSent) != "[i-5]" {
		t.Fatalf("sent %v, never sent %v", f.sent, out.NeverSent)
	}
	if !strings.Contains(diags.Errors()[len(diags.Errors())-1].Detail(), "the run of wave 2 did not end as it should") {
		t.Errorf("diagnostics %v", diags)
	}
}

func TestRollout_hiddenOutputIsNeverShown(t *testing.T) {
	t.Parallel()
	f := &fleet{codes: map[string]int64{"i-4": 1}}
	var shown []string
	r := f.rollout(nil, Limit{}, &shown)
	r.Execution.HideOutput = true
	_, diags := r.Run(context.Background())
	for _, m := range shown {
		if strings.Contains(m, "line 2") {
			t.Errorf("progress shows output: %q", m)
		}
	}
	if !diags.HasError() || strings.Contains(diags.Errors()[0].Detail(), "line 2") || !strings.Contains(diags.Errors()[0].Detail(), "i-4: FAILED, exit code 1") {
		t.Errorf("failure report %v: want i-4 named, without output", diags)
	}
}

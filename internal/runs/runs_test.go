package runs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// scriptedRun answers polls from a script of statuses and errors, one per
// poll, repeating the last; its Record fails with recordErr.
type scriptedRun struct {
	polls     []pollAnswer
	polled    int
	recordErr error
	recorded  bool
	wait      bool
	failOn    bool
	// judged is what the recorded results say under success_exit_codes;
	// nil: the vendor's word of the last poll.
	judged *bool
	last   Status
}

type pollAnswer struct {
	status Status
	err    error
}

func (r *scriptedRun) Model() any                             { return nil }
func (r *scriptedRun) Subject() string                        { return "Test Command" }
func (r *scriptedRun) Describe() string                       { return "test run r-1" }
func (r *scriptedRun) FollowWith() string                     { return "test_runs" }
func (r *scriptedRun) Connect(*diag.Diagnostics) bool         { return true }
func (r *scriptedRun) Start(context.Context) diag.Diagnostics { return nil }
func (r *scriptedRun) Recorded() Recorded                     { return Recorded{} }
func (r *scriptedRun) Wait() bool                             { return r.wait }
func (r *scriptedRun) FailOnError() bool                      { return r.failOn }
func (r *scriptedRun) FailureReport(context.Context) string   { return "it failed" }
func (r *scriptedRun) Cancel(context.Context) error           { return nil }
func (r *scriptedRun) Record(context.Context, bool) error     { r.recorded = true; return r.recordErr }
func (r *scriptedRun) Poll(context.Context) (Status, error) {
	a := r.polls[min(r.polled, len(r.polls)-1)]
	r.polled++
	if a.err == nil {
		r.last = a.status
	}
	return a.status, a.err
}
func (r *scriptedRun) Failed(context.Context) bool {
	if r.judged != nil {
		return *r.judged
	}
	return r.last.Failed
}

var (
	running   = pollAnswer{status: Status{Value: "RUNNING"}}
	succeeded = pollAnswer{status: Status{Value: "SUCCESS", Final: true}}
	failed    = pollAnswer{status: Status{Value: "FAILED", Final: true, Failed: true}}
	readError = pollAnswer{err: errors.New("InternalError")}
)

func TestPollPause(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ waited, want time.Duration }{
		{0, pollFirst},
		{2 * time.Second, pollFirst},
		{3 * time.Second, 300 * time.Millisecond},
		{time.Minute, 6 * time.Second},
		{time.Hour, pollMax},
	} {
		if got := pollPause(tc.waited); got != tc.want {
			t.Errorf("pollPause(%s) = %s, want %s", tc.waited, got, tc.want)
		}
	}
}

// TestWaitGoesOnThroughReadErrors: failed polls in the middle of a wait do
// not end it; the run's end does.
func TestWaitGoesOnThroughReadErrors(t *testing.T) {
	t.Parallel()
	run := &scriptedRun{wait: true, polls: []pollAnswer{running, readError, readError, succeeded}}
	status, read, err := waitFinal(context.Background(), run)
	if err != nil || !read || status.Value != "SUCCESS" {
		t.Errorf("waitFinal = %+v, %t, %v; want SUCCESS", status, read, err)
	}
}

// TestWaitTimeoutNamesTheLastReadError: a wait whose reads all fail ends
// with its deadline, and says what the reads answered.
func TestWaitTimeoutNamesTheLastReadError(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
	defer cancel()
	run := &scriptedRun{wait: true, failOn: true, polls: []pollAnswer{readError}}
	_, read, err := waitFinal(ctx, run)
	if read || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "InternalError") {
		t.Errorf("waitFinal: read %t, err %v; want the deadline and the last read's error", read, err)
	}
	diags := outcome(ctx, run, Status{}, err, 1200*time.Millisecond)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "could not be read within 1.2s. The last read failed: InternalError") {
		t.Errorf("outcome %v; want a timeout error naming the read error", diags)
	}
}

// TestSucceededRunWithUnreadResultsIsNotTainted: the run ended SUCCESS but
// its results could not be read: a warning, never an error.
func TestSucceededRunWithUnreadResultsIsNotTainted(t *testing.T) {
	t.Parallel()
	run := &scriptedRun{wait: true, failOn: true, polls: []pollAnswer{succeeded}, recordErr: errors.New("tasks unreadable")}
	status, read, err := waitFinal(context.Background(), run)
	status, diags := record(context.Background(), run, status, read)
	diags.Append(outcome(context.Background(), run, status, err, time.Minute)...)
	if diags.HasError() || diags.WarningsCount() != 1 || diags[0].Summary() != "Results Not Read" {
		t.Errorf("diagnostics %v; want one Results Not Read warning", diags)
	}
}

// TestFailedRunFailsTheApply: a failed run under fail_on_error is an
// error with the failure report; without it, nothing.
func TestFailedRunFailsTheApply(t *testing.T) {
	t.Parallel()
	for _, failOn := range []bool{true, false} {
		run := &scriptedRun{wait: true, failOn: failOn, polls: []pollAnswer{failed}}
		status, _, err := waitFinal(context.Background(), run)
		diags := outcome(context.Background(), run, status, err, time.Minute)
		if diags.HasError() != failOn {
			t.Errorf("fail_on_error %t: diagnostics %v", failOn, diags)
		}
		if failOn && (diags[0].Summary() != "Test Command Failed" || diags[0].Detail() != "it failed") {
			t.Errorf("diagnostic %q: %q; want the failure report", diags[0].Summary(), diags[0].Detail())
		}
	}
}

// TestRecordedResultsJudgeTheRun: once the results are recorded, their
// judgement under success_exit_codes decides, both ways, whatever the
// vendor's status said.
func TestRecordedResultsJudgeTheRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		poll    pollAnswer
		judged  bool
		wantErr bool
	}{
		{failed, false, false},    // a FAILED run whose exit codes are all accepted
		{succeeded, true, true},   // a SUCCESS run whose exit code 0 is not accepted
		{failed, true, true},      // a FAILED run the codes do not save
		{succeeded, false, false}, // nothing to say
	} {
		run := &scriptedRun{wait: true, failOn: true, polls: []pollAnswer{tc.poll}, judged: &tc.judged}
		status, read, err := waitFinal(context.Background(), run)
		status, diags := record(context.Background(), run, status, read)
		diags.Append(outcome(context.Background(), run, status, err, time.Minute)...)
		if diags.HasError() != tc.wantErr || status.Value != tc.poll.status.Value {
			t.Errorf("%s judged failed %t: status %+v, diagnostics %v; want an error %t and the vendor's status kept",
				tc.poll.status.Value, tc.judged, status, diags, tc.wantErr)
		}
	}
}

// TestUnrecordedResultsLeaveTheVendorsWord: results that could not be read
// do not judge the run: a FAILED run stays failed.
func TestUnrecordedResultsLeaveTheVendorsWord(t *testing.T) {
	t.Parallel()
	accepted := false
	run := &scriptedRun{wait: true, failOn: true, polls: []pollAnswer{failed}, judged: &accepted, recordErr: errors.New("tasks unreadable")}
	status, read, err := waitFinal(context.Background(), run)
	status, diags := record(context.Background(), run, status, read)
	diags.Append(outcome(context.Background(), run, status, err, time.Minute)...)
	if !status.Failed || !diags.HasError() {
		t.Errorf("status %+v, diagnostics %v; want the vendor's failure", status, diags)
	}
}

// TestUnwaitedRunWhoseReadFailsIsKept: a run created without waiting whose
// one read fails is recorded, with a warning: it ran, and the next refresh
// reads it.
func TestUnwaitedRunWhoseReadFailsIsKept(t *testing.T) {
	t.Parallel()
	run := &scriptedRun{failOn: true, polls: []pollAnswer{readError}}
	status, read, err := settle(context.Background(), run)
	status, diags := record(context.Background(), run, status, read)
	diags.Append(outcome(context.Background(), run, status, err, time.Minute)...)
	if diags.HasError() || diags.WarningsCount() != 1 || run.recorded {
		t.Errorf("diagnostics %v, recorded %t; want one warning and nothing recorded", diags, run.recorded)
	}
}

func TestHistory(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r    Recorded
		want bool
	}{
		{Recorded{Final: true, ResultsKnown: true}, true},
		{Recorded{Final: true}, false},
		{Recorded{ResultsKnown: true}, false},
		{Recorded{Final: true, ResultsKnown: true, Live: true}, false},
	} {
		if got := tc.r.Frozen(); got != tc.want {
			t.Errorf("%+v.Frozen() = %t, want %t", tc.r, got, tc.want)
		}
	}
}

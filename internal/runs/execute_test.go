package runs

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// scriptedAdapter answers polls from a script, one per poll, repeating the
// last, and counts the calls that change the cloud.
type scriptedAdapter struct {
	mu        sync.Mutex
	polls     []Observation
	polled    int
	results   []InstanceResult
	resultErr error
	startErr  bool
	ends      bool
	started   int
	cancelled int
	// onPoll runs before the answer of poll n (from 1).
	onPoll func(n int)
	// pollErr, when set, is the error of poll n (from 1), or nil.
	pollErr func(ctx context.Context, n int) error
}

func (a *scriptedAdapter) Subject() string    { return "Test Command" }
func (a *scriptedAdapter) FollowWith() string { return "test_runs" }
func (a *scriptedAdapter) Agents() *Agents    { return nil }
func (a *scriptedAdapter) Ends() bool         { return a.ends }
func (a *scriptedAdapter) ID() string {
	if a.started == 0 {
		return ""
	}
	return "r-1"
}

func (a *scriptedAdapter) Describe() string {
	if a.started == 0 {
		return "test run"
	}
	return "test run r-1"
}

func (a *scriptedAdapter) Start(context.Context) diag.Diagnostics {
	a.started++
	if a.startErr {
		a.started = 0
		return diag.Diagnostics{diag.NewErrorDiagnostic("Error Running Test Command", "refused")}
	}
	return nil
}

func (a *scriptedAdapter) Poll(ctx context.Context) (Observation, error) {
	a.mu.Lock()
	a.polled++
	n := a.polled
	a.mu.Unlock()
	if a.onPoll != nil {
		a.onPoll(n)
	}
	if a.pollErr != nil {
		if err := a.pollErr(ctx, n); err != nil {
			return Observation{}, err
		}
	}
	return a.polls[min(n, len(a.polls))-1], nil
}

func (a *scriptedAdapter) Results(context.Context) ([]InstanceResult, error) {
	return a.results, a.resultErr
}

func (a *scriptedAdapter) Cancel(context.Context) error {
	a.cancelled++
	return nil
}

func observed(status string, final, failed bool, instances map[string]string) Observation {
	return Observation{Status: Status{Value: status, Final: final, Failed: failed}, Instances: instances}
}

func exitedWith(id, status string, code int64, output string) InstanceResult {
	return InstanceResult{
		InstanceID: id, Status: status, ExitCode: &code, Output: output,
		End: InstanceEnd{Ending: EndedWithExitCode, ExitCode: &code},
	}
}

func TestExecute_succeedsAndReportsEachChange(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: true, polls: []Observation{
		observed("RUNNING", false, false, map[string]string{"i-1": "RUNNING", "i-2": "PENDING"}),
		observed("RUNNING", false, false, map[string]string{"i-1": "RUNNING", "i-2": "PENDING"}),
		observed("RUNNING", false, false, map[string]string{"i-1": "SUCCESS", "i-2": "RUNNING"}),
		observed("SUCCESS", true, false, map[string]string{"i-1": "SUCCESS", "i-2": "SUCCESS"}),
	}, results: []InstanceResult{exitedWith("i-1", "SUCCESS", 0, "ok"), exitedWith("i-2", "SUCCESS", 0, "ok")}}
	var seen []Progress
	out, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute, Progress: func(p Progress) { seen = append(seen, p) }})
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if a.started != 1 || a.cancelled != 0 {
		t.Errorf("started %d times, cancelled %d times; want 1 and 0", a.started, a.cancelled)
	}
	if out.ID != "r-1" || out.Status.Value != "SUCCESS" || len(out.Results) != 2 || len(out.Failed) != 0 {
		t.Errorf("outcome = %+v", out)
	}
	// Sent, then three changes: the repeated answer is not shown again.
	want := []string{"sent", "RUNNING (1 PENDING, 1 RUNNING)", "RUNNING (1 RUNNING, 1 SUCCESS)", "SUCCESS (2 SUCCESS)"}
	if len(seen) != len(want) {
		t.Fatalf("progress = %v, want %d messages", seen, len(want))
	}
	for i, p := range seen {
		if p.Run != "test run r-1" || p.ID != "r-1" || !strings.Contains(p.String(), "test run r-1: "+want[i]+" after ") {
			t.Errorf("progress %d = %q, want the run and %q", i, p.String(), want[i])
		}
	}
}

func TestExecute_failsOnAnExitCodeNotAccepted(t *testing.T) {
	t.Parallel()
	results := []InstanceResult{
		exitedWith("i-1", "SUCCESS", 0, "fine"),
		exitedWith("i-2", "FAILED", 3, "one\ntwo\nthree\n"),
		{InstanceID: "i-3", Status: "TIMEOUT", Reason: "the command timed out", End: InstanceEnd{Ending: EndedOtherwise}},
	}
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("FAILED", true, true, nil)}, results: results}
	out, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute})
	if !diags.HasError() || diags[0].Summary() != "Test Command Failed" {
		t.Fatalf("diagnostics = %v, want Test Command Failed", diags)
	}
	detail := diags[0].Detail()
	for _, part := range []string{
		"Invocation r-1 ended FAILED.", "i-2: FAILED, exit code 3\nlast lines of output:\n  one\n  two\n  three",
		"i-3: TIMEOUT (the command timed out)", "2 of 3 instances did not succeed.", "success_exit_codes",
	} {
		if !strings.Contains(detail, part) {
			t.Errorf("report lacks %q:\n%s", part, detail)
		}
	}
	if strings.Contains(detail, "i-1") || len(out.Failed) != 2 {
		t.Errorf("the instance that succeeded is reported, or failures = %v", out.Failed)
	}

	// Exit code 3 accepted: only the timeout fails.
	a = &scriptedAdapter{ends: true, polls: []Observation{observed("FAILED", true, true, nil)}, results: results}
	out, _ = Execute(context.Background(), a, Execution{Timeout: time.Minute, SuccessCodes: NewSuccessCodes([]int64{0, 3})})
	if len(out.Failed) != 1 || out.Failed[0].InstanceID != "i-3" {
		t.Errorf("with 3 accepted, failures = %v, want i-3 alone", out.Failed)
	}
}

func TestExecute_vendorWordStandsWithoutInstances(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("FAILED", true, true, nil)}}
	if _, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute}); !diags.HasError() {
		t.Error("a failed run with no instance listed succeeded")
	}
}

func TestExecute_interruptedRunIsStoppedAndNamed(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("RUNNING", false, false, nil)}, onPoll: func(n int) {
		if n == 2 {
			cancel()
		}
	}}
	out, diags := Execute(ctx, a, Execution{Timeout: time.Minute})
	assertInterrupted(t, a, out, diags)
}

func TestExecute_providerStoppingStopsTheRun(t *testing.T) {
	t.Parallel()
	lifetime := conns.NewLifetime()
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("RUNNING", false, false, nil)}, onPoll: func(n int) {
		if n == 2 {
			lifetime.Stop()
		}
	}}
	out, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute, Lifetime: lifetime})
	assertInterrupted(t, a, out, diags)
}

func assertInterrupted(t *testing.T, a *scriptedAdapter, out Outcome, diags diag.Diagnostics) {
	t.Helper()
	if a.cancelled != 1 {
		t.Errorf("cancelled %d times, want 1", a.cancelled)
	}
	if !diags.HasError() || diags[0].Summary() != "Test Command Interrupted" {
		t.Fatalf("diagnostics = %v, want Test Command Interrupted", diags)
	}
	for _, part := range []string{"test run r-1", "last seen RUNNING", "asked to stop", "test_runs"} {
		if !strings.Contains(diags[0].Detail(), part) {
			t.Errorf("detail lacks %q: %s", part, diags[0].Detail())
		}
	}
	if out.ID != "r-1" {
		t.Errorf("outcome ID = %q, want r-1", out.ID)
	}
}

func TestExecute_timeoutIsReportedNotStopped(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("RUNNING", false, false, nil)}}
	_, diags := Execute(context.Background(), a, Execution{Timeout: 50 * time.Millisecond})
	if !diags.HasError() || diags[0].Summary() != "Timed Out Waiting For Test Command" {
		t.Fatalf("diagnostics = %v, want a timeout", diags)
	}
	if a.cancelled != 0 || !strings.Contains(diags[0].Detail(), "test run r-1 was still RUNNING") {
		t.Errorf("cancelled %d times; detail %s", a.cancelled, diags[0].Detail())
	}
}

func TestExecute_neverEndingRunIsNotSent(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: false, polls: []Observation{observed("Scheduled", false, false, nil)}}
	_, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute})
	if !diags.HasError() || a.started != 0 {
		t.Errorf("a periodic run was sent (%d) or accepted: %v", a.started, diags)
	}
}

func TestExecute_refusedSendIsNotFollowed(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: true, startErr: true, polls: []Observation{observed("RUNNING", false, false, nil)}}
	out, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute})
	if !diags.HasError() || a.polled != 0 || out.ID != "" {
		t.Errorf("polled %d times after a refused send; outcome %+v, diags %v", a.polled, out, diags)
	}
}

func TestExecute_unreadResultsAreAnError(t *testing.T) {
	t.Parallel()
	a := &scriptedAdapter{ends: true, polls: []Observation{observed("SUCCESS", true, false, nil)}, resultErr: errors.New("InternalError")}
	_, diags := Execute(context.Background(), a, Execution{Timeout: time.Minute})
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "InternalError") {
		t.Errorf("diagnostics = %v, want the results error", diags)
	}
}

// A role that may not read runs is refused on every read: the wait ends
// at the first refusal, naming the refused action, rather than polling
// until the timeout.
func TestExecute_refusedReadEndsTheWaitAtOnce(t *testing.T) {
	t.Parallel()
	refused := &conns.APIError{Vendor: "Tencent Cloud", Action: "DescribeInvocations", Code: "UnauthorizedOperation", Message: "no permission"}
	a := &scriptedAdapter{
		ends:    true,
		polls:   []Observation{observed("RUNNING", false, false, nil)},
		pollErr: func(context.Context, int) error { return refused },
	}
	_, diags := Execute(context.Background(), a, Execution{Timeout: time.Hour})
	if !diags.HasError() || diags[0].Summary() != "Run Status Not Readable" {
		t.Fatalf("diagnostics = %v, want the refused read", diags)
	}
	if !strings.Contains(diags[0].Detail(), "Tencent Cloud DescribeInvocations") || a.polled != 1 {
		t.Errorf("polled %d times; detail %s", a.polled, diags[0].Detail())
	}
}

// Reads that fail until the wait has timed out say nothing of the run: the
// last look after the timeout sees it ended, and its outcome is judged as
// any other, not reported as a timeout.
func TestExecute_runSeenEndedByTheLastLookIsNotATimeout(t *testing.T) {
	t.Parallel()
	const timeout = 100 * time.Millisecond
	a := &scriptedAdapter{
		ends:    true,
		polls:   []Observation{observed("SUCCESS", true, false, map[string]string{"i-1": "SUCCESS"})},
		results: []InstanceResult{exitedWith("i-1", "SUCCESS", 0, "done\n")},
		// Every read within the wait fails; the last look has a
		// deadline of its own, well beyond the wait's.
		pollErr: func(ctx context.Context, _ int) error {
			if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= timeout {
				return errors.New("connection reset by peer")
			}
			return nil
		},
	}
	out, diags := Execute(context.Background(), a, Execution{Timeout: timeout})
	if diags.HasError() || !out.Status.Final || len(out.Results) != 1 {
		t.Errorf("outcome %+v, diagnostics %v; want the run judged a success", out, diags)
	}
}

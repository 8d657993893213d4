package runs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// recordGrace is the least time the reads that record a run get, even when
// the create timeout has run out while waiting: what is known of a run the
// cloud accepted is worth a few seconds more.
const recordGrace = 10 * time.Second

// Create makes the run, records its ID at once, waits for it when asked
// to, records the outcome, and says how it went. An error taints the
// resource, so that the next apply runs the command again; a run that
// succeeded never gets one, even when its results could not be read.
func Create(ctx context.Context, run Run, timeout time.Duration, lifetime *conns.Lifetime, state *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	if !run.Connect(&diags) {
		return diags
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	diags.Append(waitForAgentsBound(ctx, run, timeout, lifetime)...)
	if diags.HasError() {
		return diags
	}
	diags.Append(run.Start(ctx)...)
	if diags.HasError() {
		return diags
	}
	// Record the run at once: whatever happens while waiting, it ran.
	diags.Append(state.Set(ctx, run.Model())...)

	waitCtx, release := lifetime.Bind(ctx)
	defer release()
	status, read, err := settle(waitCtx, run)
	if conns.Stopping(waitCtx) {
		err = conns.ErrStopping
	}
	status, recordDiags := record(ctx, run, status, read)
	diags.Append(recordDiags...)
	diags.Append(state.Set(ctx, run.Model())...)
	diags.Append(outcome(ctx, run, status, err, timeout)...)
	return diags
}

// waitForAgentsBound is waitForAgents, cut short when terraform stops the
// provider: nothing has run yet, so there is nothing to record.
func waitForAgentsBound(ctx context.Context, run Run, timeout time.Duration, lifetime *conns.Lifetime) diag.Diagnostics {
	ctx, release := lifetime.Bind(ctx)
	defer release()
	return waitForAgents(ctx, run, timeout)
}

// settle waits for the run when it is to be waited for, else reads it
// once. read reports whether any read succeeded.
func settle(ctx context.Context, run Run) (status Status, read bool, err error) {
	if run.Wait() {
		return waitFinal(ctx, run)
	}
	status, err = run.Poll(ctx)
	return status, err == nil, err
}

// record copies what is known into the model, with what is left of the
// create timeout, or recordGrace when that is less. A run whose status
// could not be read at all is read once more; one whose final results
// cannot be read keeps its status, with a warning, and its next refresh
// fills the results in (it is not yet history).
func record(ctx context.Context, run Run, status Status, read bool) (Status, diag.Diagnostics) {
	var diags diag.Diagnostics
	ctx, cancel := conns.AtLeast(ctx, recordGrace)
	defer cancel()
	if !read {
		s, err := run.Poll(ctx)
		if err != nil {
			tflog.Warn(ctx, "The run's status could not be read; the next refresh reads it", map[string]any{"run": run.Describe(), "error": err.Error()})
			return status, diags
		}
		status = s
	}
	err := run.Record(ctx, false)
	switch {
	case err == nil && status.Final:
		status.Failed = run.Failed(ctx)
	case err == nil:
	case status.Final:
		diags.AddWarning("Results Not Read", fmt.Sprintf(
			"%s ended %s, but its results could not be read: %s\n\nThe run is recorded in the state with its status; "+
				"the next refresh (plan or apply) reads its results.", run.Describe(), status.Value, err))
	default:
		tflog.Warn(ctx, "The run's results could not be read; the next refresh reads them", map[string]any{"run": run.Describe(), "error": err.Error()})
	}
	return status, diags
}

// outcome reports how a created run went.
func outcome(ctx context.Context, run Run, status Status, err error, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	subject := run.Subject()
	switch {
	case errors.Is(err, conns.ErrStopping):
		diags.Append(framework.StoppedWaitingDiagnostic(run.Describe()))
	case err != nil && run.Wait():
		summary := "Timed Out Waiting For " + subject
		detail := timedOutDetail(run.Describe(), run.FollowWith(), status, err, timeout)
		if !run.FailOnError() {
			diags.AddWarning(summary, detail+" It is recorded in the state, and each refresh reads it until it ends; fail_on_error = false accepts that it may not have finished.")
			break
		}
		diags.AddError(summary, detail+" It is recorded in the state, tainted, so the next apply runs the command again; "+
			"raise timeouts.create or set wait_for_completion = false for long jobs.")
	case err != nil:
		diags.AddWarning("Run Not Read", fmt.Sprintf("%s was accepted, but reading it failed: %s\n\n"+
			"It is recorded in the state; the next refresh reads it.", run.Describe(), err))
	case status.Final && status.Failed && run.FailOnError():
		diags.AddError(subject+" Failed", run.FailureReport(ctx))
	}
	return diags
}

// timedOutDetail says what is known of a run whose wait timed out, and why
// its status is not known when no read succeeded; followWith names the
// data source that lists the run.
func timedOutDetail(described, followWith string, status Status, err error, timeout time.Duration) string {
	detail := fmt.Sprintf("%s was still %s after %s.", described, status.Value, timeout)
	if status.Value == "" {
		detail = fmt.Sprintf("The status of %s could not be read within %s.", described, timeout)
	}
	var ended *waitEnded
	if errors.As(err, &ended) && ended.lastPollErr != nil {
		detail += " The last read failed: " + ended.lastPollErr.Error()
	}
	return detail + " The command may still be running on the instances: follow it in the console or with the " + followWith + " data source."
}

package runs

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// A run that has no state (a Terraform action) goes through Execute: the
// same send, agent wait, poll policy, results and failure report as a run
// resource, shown through Progress instead of recorded.

// cancelGrace is how long an interrupted run gets to be stopped: the
// request to stop it is sent after its own context has ended.
const cancelGrace = 15 * time.Second

// Execution says how Execute carries out a run.
type Execution struct {
	// Timeout bounds the wait for the agents and for the run.
	Timeout time.Duration
	// WaitForAgents waits, before the run is sent, until the agents of
	// Adapter.Agents are online (wait_for_agents).
	WaitForAgents bool
	// SuccessCodes are the exit codes that count as success
	// (success_exit_codes); nil means [0].
	SuccessCodes SuccessCodes
	// Lifetime ends the wait when the provider process is asked to stop;
	// nil never does.
	Lifetime *conns.Lifetime
	// Progress, when set, is called once the run is sent, then on each
	// change of its status or of how many instances are in each status.
	Progress func(Progress)
	// FailureAdvice ends the report of a failed run: what the user can do.
	// Empty: advice on success_exit_codes.
	FailureAdvice string
	// HideOutput keeps the instances' output out of the failure report
	// (sensitive_output): it may hold secrets.
	HideOutput bool
}

// Progress is what is known of a run that is being waited for.
type Progress struct {
	// Run names the run, such as "TAT invocation inv-1".
	Run string
	// ID is the run's ID.
	ID string
	// Status is the vendor's word for the whole run; empty before the
	// first read.
	Status string
	// Instances is how many instances are in each status, in the vendor's
	// words; nil when not known.
	Instances map[string]int
	// Waited is how long the run has been waited for.
	Waited time.Duration
}

// String is the progress as one line, such as
// "TAT invocation inv-1: RUNNING (2 RUNNING, 1 SUCCESS) after 4s".
func (p Progress) String() string {
	status := p.Status
	if status == "" {
		status = "sent"
	}
	line := p.Run + ": " + status
	if len(p.Instances) > 0 {
		counts := make([]string, 0, len(p.Instances))
		for _, s := range slices.Sorted(maps.Keys(p.Instances)) {
			counts = append(counts, fmt.Sprintf("%d %s", p.Instances[s], s))
		}
		line += " (" + strings.Join(counts, ", ") + ")"
	}
	return line + " after " + p.Waited.Round(time.Second).String()
}

// Outcome is what Execute learned of a run.
type Outcome struct {
	// ID is the run's ID; empty when it was never made.
	ID string
	// Status is the run's last status read.
	Status Status
	// Results are each instance's result, sorted by instance ID; nil when
	// the run did not end or its results could not be read.
	Results []InstanceResult
	// Failed are the results that did not succeed under the success codes.
	Failed []InstanceResult
}

// Execute carries out a run that has no state: it waits for the agents
// when asked to, sends the run once, waits for it with the poll policy of
// every run, reads each instance's result and judges it. The diagnostics
// say why the run did not succeed: not sent, timed out, interrupted, or
// failed on some instance (the failure report). When ctx is cancelled or
// the provider is asked to stop while the run goes on, the run is asked to
// stop, and the diagnostic names it so that the user can follow it.
func Execute(ctx context.Context, a Adapter, x Execution) (Outcome, diag.Diagnostics) {
	var out Outcome
	var diags diag.Diagnostics
	if !a.Ends() {
		diags.AddError("Run Never Ends", a.Describe()+" would run on a schedule or at reboots, and so never end: only a run that ends by itself can be carried out and waited for.")
		return out, diags
	}
	timed, cancel := context.WithTimeout(ctx, x.Timeout)
	defer cancel()
	bound, release := x.Lifetime.Bind(timed)
	defer release()

	if x.WaitForAgents {
		diags.Append(AwaitAgents(bound, a.Agents(), x.Timeout)...)
		if diags.HasError() {
			return out, diags
		}
	}
	diags.Append(a.Start(timed)...)
	if diags.HasError() {
		return out, diags
	}
	out.ID = a.ID()

	status, err := followWithProgress(bound, a, x.Progress)
	var refused *readRefused
	switch {
	case err != nil && (conns.Stopping(bound) || errors.Is(ctx.Err(), context.Canceled)):
		out.Status = status
		diags.Append(interrupted(ctx, a, status))
		return out, diags
	case errors.As(err, &refused):
		out.Status = status
		diags.AddError("Run Status Not Readable", fmt.Sprintf(
			"%s was sent, but reading its status was refused (%s): %s\n\nGrant the provider's role that permission, "+
				"and follow the run in the console or with the %s data source.",
			a.Describe(), conns.RefusedAction(refused.err), refused.err, a.FollowWith()))
		return out, diags
	case err != nil:
		// The run may have ended while the last read was failing: one
		// more look, with a few seconds of its own, tells a run that
		// ended from one still going.
		status = finalLook(ctx, a, status)
		if !status.Final {
			out.Status = status
			diags.AddError("Timed Out Waiting For "+a.Subject(), timedOutDetail(a.Describe(), a.FollowWith(), status, err, x.Timeout))
			return out, diags
		}
	}
	out.Status = status
	diags.Append(judge(ctx, a, x, &out)...)
	return out, diags
}

// finalLook reads the run once more after its wait timed out, with
// recordGrace of its own; the status stays as it was when the read fails.
func finalLook(ctx context.Context, a Adapter, last Status) Status {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordGrace)
	defer cancel()
	o, err := a.Poll(readCtx)
	if err != nil {
		return last
	}
	return o.Status
}

// followWithProgress waits for the run to end, telling progress of each
// change it sees.
func followWithProgress(ctx context.Context, a Adapter, progress func(Progress)) (Status, error) {
	start := time.Now()
	report := func(p Progress) {
		if progress != nil {
			p.Run, p.ID, p.Waited = a.Describe(), a.ID(), time.Since(start)
			progress(p)
		}
	}
	report(Progress{})
	var shown Progress
	readStatus := func(ctx context.Context) (Status, error) {
		o, err := a.Poll(ctx)
		if err != nil {
			return Status{}, err
		}
		seen := Progress{Status: o.Status.Value, Instances: o.Counts()}
		if seen.Status != shown.Status || !maps.Equal(seen.Instances, shown.Instances) {
			shown = seen
			report(seen)
		}
		return o.Status, nil
	}
	status, _, err := follow(ctx, a.Describe(), readStatus, false)
	return status, err
}

// judge reads the results of a run that ended and says whether it failed.
// With no instance listed, the vendor's word stands.
func judge(ctx context.Context, a Adapter, x Execution, out *Outcome) diag.Diagnostics {
	var diags diag.Diagnostics
	readCtx, cancel := conns.AtLeast(ctx, recordGrace)
	defer cancel()
	results, err := a.Results(readCtx)
	if err != nil {
		diags.AddError("Results Not Read", fmt.Sprintf("%s ended %s, but its results could not be read: %s", a.Describe(), out.Status.Value, err))
		return diags
	}
	codes := x.SuccessCodes
	if codes == nil {
		codes = NewSuccessCodes(nil)
	}
	out.Results = results
	out.Failed = codes.Failures(results)
	if len(out.Failed) > 0 || (len(results) == 0 && out.Status.Failed) {
		advice := x.FailureAdvice
		if advice == "" {
			advice = "Set success_exit_codes to accept other exit codes."
		}
		shown := results
		if x.HideOutput {
			shown = withoutOutput(results)
		}
		diags.AddError(a.Subject()+" Failed", FailureReport(out.ID, out.Status.Value, shown, codes, advice))
	}
	return diags
}

// interrupted stops a run whose wait was interrupted, and says so, naming
// the run for the user to follow.
func interrupted(ctx context.Context, a Adapter, last Status) diag.Diagnostic {
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelGrace)
	defer cancel()
	detail := fmt.Sprintf("Terraform was interrupted while waiting for %s", a.Describe())
	if last.Value != "" {
		detail += ", last seen " + last.Value
	}
	if err := a.Cancel(stopCtx); err != nil {
		detail += fmt.Sprintf(". Stopping it failed (%s): the command may still be running on the instances", err)
	} else {
		detail += ". It was asked to stop on every instance where it had not ended"
	}
	return diag.NewErrorDiagnostic(a.Subject()+" Interrupted", detail+"; follow it in the console or with the "+a.FollowWith()+" data source.")
}

// withoutOutput are results with their output left out, for a report that
// must not show it.
func withoutOutput(results []InstanceResult) []InstanceResult {
	out := make([]InstanceResult, len(results))
	for i, r := range results {
		r.Output = ""
		out[i] = r
	}
	return out
}

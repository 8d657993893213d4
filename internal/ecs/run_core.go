package ecs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// cloudcmd_ecs_run_command and cloudcmd_ecs_invocation both record one
// Cloud Assistant invocation; they differ in how it is created. What they
// do alike once it exists, reading it back and judging how a created run
// went, lives here.

// runModel is what the shared Read needs of a run resource's model.
type runModel interface {
	runID() types.String
	runRegion() types.String
	setRunRegion(region string)
	refresh(ctx context.Context, client *conns.ECSClient, inv *invocation, withArguments bool) diag.Diagnostics
}

// readRun refreshes a run from DescribeInvocations. A run that vanished is
// removed from the state with a warning, so the next apply runs it again;
// an imported run also fills in its arguments, once.
func readRun[M any, P interface {
	*M
	runModel
}](ctx context.Context, clients *conns.Clients, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := ecsClient(clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	run := P(&state)
	region := regionOf(run.runRegion(), client)
	if region == "" {
		resp.Diagnostics.Append(missingRegionDiagnostic())
		return
	}
	id := run.runID().ValueString()
	inv, err := findInvocation(ctx, client, region, id)
	if errors.Is(err, errNotFound) {
		resp.Diagnostics.AddWarning("ECS Invocation Not Found",
			"ECS invocation "+id+" no longer exists in "+region+", so it was removed from the state; the next apply runs the command again.")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(conns.APIErrorDiagnostic("Error Reading ECS Invocation", "read invocation "+id, err))
		return
	}
	imported, d := req.Private.GetKey(ctx, privateImported)
	resp.Diagnostics.Append(d...)
	run.setRunRegion(region)
	resp.Diagnostics.Append(run.refresh(ctx, client, inv, imported != nil)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	if imported != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
}

// runOutcome is how a created run went, in the words of the resource that
// made it.
type runOutcome struct {
	subject     string // "ECS Invocation" or "ECS Command", in summaries
	running     string // what was still running when the wait timed out, e.g. "Invocation t-1"
	id          string
	status      string
	failOnError bool
	results     types.List
}

// diagnostics reports the outcome: an error taints the resource, so the
// next apply runs the command again.
func (o runOutcome) diagnostics(ctx context.Context, err error, createTimeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case errors.Is(err, conns.ErrStopping):
		diags.Append(conns.StoppedWaitingDiagnostic("ECS invocation", o.id))
	case errors.Is(err, context.DeadlineExceeded):
		summary := "Timed Out Waiting For " + o.subject
		detail := fmt.Sprintf("%s was still %s after %s.", o.running, o.status, createTimeout)
		if !o.failOnError {
			diags.AddWarning(summary, detail+" It is recorded in the state; fail_on_error = false accepts that it may not have finished.")
			break
		}
		diags.AddError(summary, detail+" It is recorded in the state, tainted, so the next apply runs the command again; "+
			"raise timeouts.create or set wait_for_completion = false for long jobs.")
	case err != nil:
		diags.Append(conns.APIErrorDiagnostic("Error Waiting For "+o.subject, "follow invocation "+o.id, err))
	case o.failOnError && InvocationStatus(o.status).Failed():
		diags.AddError(o.subject+" Failed", failureReport(ctx, o.id, o.status, o.results))
	}
	return diags
}

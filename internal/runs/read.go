package runs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// Keys of a run resource's private state.
const (
	// privateImported marks a state an import has just made: the one time
	// the arguments are taken from the cloud. Otherwise they come only from
	// the configuration: a run cannot change, and write-only parameters
	// must never reach the state.
	privateImported = "imported"
	// privateAdopted marks a run imported and not yet applied: the
	// arguments the cloud cannot report (triggers, parameters,
	// parameters_wo_version) are taken from the configuration by the
	// first apply, in place, since they were set when the run was made;
	// replacing the run for them would run its command again.
	privateAdopted = "adopted"
	// privatePurged marks a run whose record the cloud no longer keeps: it
	// is kept as last recorded, and never read again.
	privatePurged = "purged"
	// privateFrozen marks a run that is history (Recorded.Frozen): a
	// refresh leaves it as it is without decoding its state.
	privateFrozen = "frozen"
)

// privateWriter is the framework's private state of a resource, as
// responses carry it.
type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// historyMark is a run's identity, its ID and region, and the value of
// privateFrozen: HistoryServer answers the refresh of a run that is history
// with it where Terraform keeps no identity (before 1.12, OpenTofu).
type historyMark struct {
	ID     string `json:"id"`
	Region string `json:"region"`
}

// set records the mark as the resource identity.
func (m historyMark) set(ctx context.Context, identity *tfsdk.ResourceIdentity) diag.Diagnostics {
	return framework.SetIdentity(ctx, identity, m.ID, m.Region)
}

// markFrozen sets or clears the private mark of a run that is history, as
// run's model records it, with its identity.
func markFrozen(ctx context.Context, run Run, identity historyMark, private privateWriter, diags *diag.Diagnostics) {
	var value []byte
	if run.Recorded().Frozen() {
		var err error
		value, err = json.Marshal(identity)
		if err != nil {
			diags.AddError("Error Marking Run", err.Error())
			return
		}
	}
	diags.Append(private.SetKey(ctx, privateFrozen, value)...)
}

// privateData is the framework's private state of a resource, as requests
// carry it.
type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// privateFlag reports whether a private key is set.
func privateFlag(ctx context.Context, private privateData, key string, diags *diag.Diagnostics) bool {
	if private == nil {
		return false
	}
	v, d := private.GetKey(ctx, key)
	diags.Append(d...)
	return len(v) > 0
}

// ImportState starts the state of an imported run, whose ID is set: the
// mark that makes the next read take the arguments from the cloud, and the
// behaviour switches, which are not remote state, at their defaults.
func ImportState(ctx context.Context, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateAdopted, []byte("true"))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fail_on_error"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_agents"), false)...)
	fillRecordingDefaults(ctx, &resp.State, &resp.Diagnostics)
}

// Read refreshes a run resource. A run that is history is left exactly as
// it is, without an API call. A run that is not yet history is read until
// it is: one created without waiting, one whose wait was cut short, one
// whose results could not be read, and a live (periodic) run.
//
// A one-off run whose record the cloud no longer keeps stays in the state
// as last recorded, with a warning: the cloud purges old records, and
// dropping the run would make the next apply run its command again. A live
// run that vanished is removed, so that the plan shows it.
func Read(ctx context.Context, run Run, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(req.State.Get(ctx, run.Model())...)
	imported := privateFlag(ctx, req.Private, privateImported, &resp.Diagnostics)
	purged := privateFlag(ctx, req.Private, privatePurged, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	fillRecordingDefaults(ctx, &resp.State, &resp.Diagnostics)
	recorded := run.Recorded()
	if !imported && (recorded.Frozen() || (purged && !recorded.Live)) {
		return
	}
	if !run.Connect(&resp.Diagnostics) {
		return
	}
	_, err := run.Poll(ctx)
	switch {
	case isNotFound(err) && (imported || recorded.Live):
		resp.Diagnostics.AddWarning(run.Subject()+" Not Found",
			run.Describe()+" no longer exists, so it was removed from the state; the next apply runs it again.")
		resp.State.RemoveResource(ctx)
		return
	case isNotFound(err):
		resp.Diagnostics.AddWarning("Run Record Purged", fmt.Sprintf(
			"The cloud no longer keeps the record of %s: run records are kept for a limited time. "+
				"It stays in the state as last recorded and is not run again; change its triggers to run it again.", run.Describe()))
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privatePurged, []byte("true"))...)
		return
	case err != nil:
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Reading Run", "read "+run.Describe(), err))
		return
	}
	if err := run.Record(ctx, imported); err != nil {
		if imported {
			resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Reading Run", "read the results of "+run.Describe(), err))
			return
		}
		resp.Diagnostics.AddWarning("Results Not Read", fmt.Sprintf(
			"The results of %s could not be read: %s\n\nIts status is refreshed; the next refresh reads its results.", run.Describe(), err))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, run.Model())...)
	fillRecordingDefaults(ctx, &resp.State, &resp.Diagnostics)
	if imported {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
}

// Delete reads the run's state and stops the run if it may still be going:
// a cancelled run ends on the instances rather than going on without its
// resource. A run that is history is simply forgotten, without an API call.
func Delete(ctx context.Context, run Run, req resource.DeleteRequest, diags *diag.Diagnostics) {
	diags.Append(req.State.Get(ctx, run.Model())...)
	purged := privateFlag(ctx, req.Private, privatePurged, diags)
	if diags.HasError() {
		return
	}
	recorded := run.Recorded()
	if recorded.Frozen() || (purged && !recorded.Live) {
		return
	}
	if !run.Connect(diags) {
		return
	}
	status, err := run.Poll(ctx)
	switch {
	case isNotFound(err):
		return
	case err != nil:
		diags.Append(framework.APIErrorDiagnostic("Error Reading Run", "read "+run.Describe()+" before deleting it", err))
		return
	case status.Final:
		return
	}
	if err := run.Cancel(ctx); err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Stopping Run", "stop "+run.Describe(), err))
		return
	}
	if _, err := waitGone(ctx, run); err != nil {
		diags.AddError("Error Waiting For Cancellation", fmt.Sprintf("%s was stopped but did not end in time: %s", run.Describe(), err))
	}
}

package runs

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// Default timeouts of every run resource.
const (
	DefaultCreateTimeout = 20 * time.Minute
	DefaultDeleteTimeout = 5 * time.Minute
)

// RunResource is what every run resource is to the framework: Resource
// gives it Configure, ImportState and the identity; the vendor's resource
// adds its Schema and its plan-time rules (ModifyPlan, and
// ConfigValidators where it has rules across arguments).
type RunResource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithImportState
	resource.ResourceWithModifyPlan
	resource.ResourceWithIdentity
	// DefaultsFromProvider are the attributes the resource's ModifyPlan
	// fills from the provider's settings when the configuration leaves
	// them out, for its HistoryPlan.
	DefaultsFromProvider() map[string]ProviderDefault
}

// ProviderDefault is the value a plan takes for an attribute the
// configuration leaves out, from the provider's settings; ok is false when
// the provider is not configured yet.
type ProviderDefault func(clients *conns.Clients) (value string, ok bool)

// Resource is the embeddable base of every run resource: Metadata,
// Configure, Create, Read, Update, Delete, ImportState and the resource
// identity, over the vendor's Run. M is the resource's model, which embeds
// Model; the vendor resource adds its Schema and plan-time rules, and sets
// the hooks for what really differs.
type Resource[M any, P interface {
	*M
	HasModel
}] struct {
	framework.ResourceBase
	// Bind is the life cycle's Run of model; writeOnlyParams are the
	// configuration's parameters_wo, null but in Create.
	Bind func(clients *conns.Clients, model P, writeOnlyParams types.Map) Run
	// Region is the region of model's run, for its identity; empty when
	// it cannot be told.
	Region func(clients *conns.Clients, model P) string
	// ImportID puts in state the ID an import names, by ID or identity,
	// with the region the identity names where the run records one (ECS
	// region_id), or refuses a region it cannot read in (TAT).
	ImportID func(ctx context.Context, clients *conns.Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse)
	// UpdateInPlace changes in the cloud, from state to plan, what changes
	// in place beside the switches (tags), and records it in state; nil
	// when nothing does.
	UpdateInPlace func(ctx context.Context, clients *conns.Clients, plan, state P, diags *diag.Diagnostics)
	// AfterDelete deletes what the run made that outlives it, such as a
	// kept command; nil when nothing does.
	AfterDelete func(ctx context.Context, clients *conns.Clients, state P, diags *diag.Diagnostics)
	// ProviderDefaults are the attributes ModifyPlan fills from the
	// provider's settings when the configuration leaves them out, such as
	// ECS region_id, and how: the plan of a run that is history and leaves
	// one out is answered as history only while the setting gives the
	// value recorded.
	ProviderDefaults map[string]ProviderDefault
}

// DefaultsFromProvider are r.ProviderDefaults (RunResource).
func (r *Resource[M, P]) DefaultsFromProvider() map[string]ProviderDefault {
	return r.ProviderDefaults
}

// Create makes the run through the shared life cycle, with the write-only
// parameters of the configuration and the wait bounded by timeouts.create.
func (r *Resource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	var writeOnlyParams types.Map
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("parameters_wo"), &writeOnlyParams)...)
	if resp.Diagnostics.HasError() {
		return
	}
	createTimeout, diags := P(&plan).Run().Timeouts.Create(ctx, DefaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	run := r.Bind(r.Clients, &plan, writeOnlyParams)
	resp.Diagnostics.Append(Create(ctx, run, createTimeout, r.lifetime(), &resp.State)...)
	if P(&plan).Run().ID.ValueString() == "" {
		return // nothing was made
	}
	identity := r.identity(&plan)
	resp.Diagnostics.Append(identity.set(ctx, resp.Identity)...)
	// A response without private state (a direct call, as in unit tests)
	// only loses the shortcut of the next refresh.
	if resp.Private != nil {
		markFrozen(ctx, run, identity, resp.Private, &resp.Diagnostics)
	}
}

func (r *Resource[M, P]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var model M
	run := r.Bind(r.Clients, &model, types.MapNull(types.StringType))
	Read(ctx, run, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	// The framework wants an identity even from a read that finds the run
	// gone.
	identity := r.identity(&model)
	resp.Diagnostics.Append(identity.set(ctx, resp.Identity)...)
	if !resp.State.Raw.IsNull() && resp.Private != nil {
		markFrozen(ctx, run, identity, resp.Private, &resp.Diagnostics)
	}
}

// Update changes only the behaviour switches, the timeouts and what
// UpdateInPlace changes: every argument that reaches the API forces a new
// run.
func (r *Resource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.UpdateInPlace != nil {
		r.UpdateInPlace(ctx, r.Clients, &plan, &state, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	P(&state).Run().takeSwitches(ctx, P(&plan).Run(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	takeAdoptedArguments(ctx, req, resp)
	resp.Diagnostics.Append(r.identity(&state).set(ctx, resp.Identity)...)
}

// Delete stops a run that may still be going, within timeouts.delete, and
// then deletes what outlives it; a finished run is simply forgotten.
func (r *Resource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteTimeout, diags := P(&state).Run().Timeouts.Delete(ctx, DefaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()
	Delete(ctx, r.Bind(r.Clients, &state, types.MapNull(types.StringType)), req, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() && r.AfterDelete != nil {
		r.AfterDelete(ctx, r.Clients, &state, &resp.Diagnostics)
	}
}

// ImportState takes the run's ID, or an identity: the next read takes the
// arguments from the cloud.
func (r *Resource[M, P]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.ImportID(ctx, r.Clients, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	ImportState(ctx, resp)
}

func (r *Resource[M, P]) lifetime() *conns.Lifetime {
	if r.Clients == nil {
		return nil
	}
	return r.Clients.Lifetime
}

// identity is the identity of model's run: its ID and region.
func (r *Resource[M, P]) identity(model P) historyMark {
	mark := historyMark{ID: model.Run().ID.ValueString()}
	if r.Region != nil {
		mark.Region = r.Region(r.Clients, model)
	}
	return mark
}

package ecs

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// cloudcmd_ecs_run_command and cloudcmd_ecs_invocation both record one
// Cloud Assistant invocation; they differ in how it is created. Both go
// through the shared run life cycle (package runs) as an ecsRun, which
// asks their models for what differs.

// runModel is what an ecsRun needs of a run resource's model.
type runModel interface {
	runs.HasModel
	subject() string
	describe() string
	region() types.String
	setRegion(region string)
	repeatMode() RepeatMode
	// instanceIDs are the instances whose agents wait_for_agents waits for.
	instanceIDs() []string
	// request is the run the model's arguments ask for in region, not yet
	// sent; writeOnlyParams are the configuration's parameters_wo.
	request(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run
	// commandID is the command the run runs: InvokeCommand's argument, or
	// the one RunCommand made.
	commandID() *types.String
	// setUnknownComputed makes every unknown computed value null.
	setUnknownComputed()
	// refresh copies the invocation into the model; withArguments also
	// takes the arguments from it (after an import).
	refresh(ctx context.Context, client *conns.ECSClient, inv *invocation, withArguments bool, diags *diag.Diagnostics)
}

// ecsRunResource is the shared run resource over an ECS model: every ECS
// run is one invocation, in its region_id.
func ecsRunResource[M any, P interface {
	*M
	runModel
}](typeName string) runs.Resource[M, P] {
	return runs.Resource[M, P]{
		ResourceBase: framework.NewResourceBase(typeName),
		Bind: func(clients *conns.Clients, model P, writeOnlyParams types.Map) runs.Run {
			return &ecsRun{model: model, clients: clients, writeOnlyParams: writeOnlyParams}
		},
		Region:   func(_ *conns.Clients, model P) string { return model.region().ValueString() },
		ImportID: importByIDOrIdentity,
		// planDefaultRegion plans the provider's region for a region_id
		// left out, and replaces the run when that region has moved.
		ProviderDefaults: map[string]runs.ProviderDefault{"region_id": providerRegion},
	}
}

// ecsRunAttributes are what every ECS run resource shares (runs.Attributes);
// what is run again when triggers change.
func ecsRunAttributes(ctx context.Context, what string) map[string]schema.Attribute {
	return runs.Attributes(ctx, runs.Docs{
		Vendor: "Cloud Assistant", What: what,
		ID:                "The invocation ID (InvokeId), such as `t-hz0jdfwd9f1a2b3`.",
		WaitForCompletion: "Wait until every instance has finished a `Once` run (default). When false, the apply ends once Cloud Assistant accepts the run.",
		WaitForAgents:     waitForAgentsDescription,
		FailOnError: "Fail the apply when the run ends `Failed`, `PartialFailed` or `Stopped`, or the wait times out (default). " +
			"The run stays in state, tainted, so the next apply runs it again. When false, failures are only recorded, and a timeout is a warning.",
		InvocationStatus: "Overall status: " + flex.EnumList(InvocationStatuses) + ".",
		CreateTimeout:    "How long to wait for the " + what + " (default 20m).",
		DeleteTimeout:    "How long to wait for a running or scheduled run to stop (default 5m).",
		Results:          resultsAttribute(),
	})
}

// retagModel changes the tags of a run (and of the command it kept) from
// state's to plan's, through TagResources and UntagResources, and records
// them in state.
func retagModel(ctx context.Context, clients *conns.Clients, commandID string, plan, state *types.Map, id, regionID types.String, diags *diag.Diagnostics) {
	if plan.Equal(*state) {
		return
	}
	retagRun(ctx, clients, regionID, id.ValueString(), commandID, *state, *plan, diags)
	if !diags.HasError() {
		*state = *plan
	}
}

var _ runs.AgentWaiter = (*ecsRun)(nil)

// ecsRun is an ECS run resource's run, for the run life cycle.
type ecsRun struct {
	model           runModel
	clients         *conns.Clients
	client          *conns.ECSClient // set by Connect
	writeOnlyParams types.Map
	last            *invocation // the latest answer of Poll
}

func (r *ecsRun) Model() any { return r.model }

func (r *ecsRun) Connect(diags *diag.Diagnostics) bool {
	r.client = ecsClient(r.clients, diags)
	return r.client != nil
}

func (r *ecsRun) Subject() string    { return r.model.subject() }
func (r *ecsRun) Describe() string   { return r.model.describe() }
func (r *ecsRun) FailOnError() bool  { return r.model.Run().FailOnError.ValueBool() }
func (r *ecsRun) FollowWith() string { return "cloudcmd_ecs_invocations" }

// Wait reports whether the create waits: a periodic or reboot-triggered
// run does not end by itself, so there is nothing to wait for.
func (r *ecsRun) Wait() bool {
	return r.model.Run().WaitForCompletion.ValueBool() && r.model.repeatMode().Ends()
}

func (r *ecsRun) Start(ctx context.Context) diag.Diagnostics {
	region := regionOf(r.model.region(), r.client)
	if region == "" {
		return diag.Diagnostics{missingRegionDiagnostic()}
	}
	var diags diag.Diagnostics
	run := r.model.request(ctx, r.client, region, r.writeOnlyParams, &diags)
	if diags.HasError() {
		return diags
	}
	diags.Append(run.Start(ctx)...)
	if run.ID() != "" {
		r.model.Run().ID = types.StringValue(run.ID())
		*r.model.commandID() = types.StringValue(run.CommandID())
	}
	if diags.HasError() {
		return diags
	}
	r.model.setRegion(region)
	r.model.setUnknownComputed()
	return diags
}

// recorded is the invocation the model records, for the engine's reads;
// nil without a region.
func (r *ecsRun) recorded() *Run {
	region := regionOf(r.model.region(), r.client)
	if region == "" {
		return nil
	}
	return existingRun(r.client, region, r.model.Run().ID.ValueString(), r.model.subject(), r.model.repeatMode().Ends())
}

// Poll reads the invocation with each instance's output: DescribeInvocations
// with IncludeOutput answers status and results in one call.
func (r *ecsRun) Poll(ctx context.Context) (runs.Status, error) {
	run := r.recorded()
	if run == nil {
		return runs.Status{}, errors.New(missingRegionDiagnostic().Detail())
	}
	o, err := run.Poll(ctx)
	if err != nil {
		return runs.Status{}, err
	}
	r.model.setRegion(run.Region())
	r.last = run.last
	return o.Status, nil
}

func (r *ecsRun) Record(ctx context.Context, withArguments bool) error {
	if r.last == nil {
		return errors.New("the invocation has not been read")
	}
	var diags diag.Diagnostics
	r.model.refresh(ctx, r.client, r.last, withArguments, &diags)
	shared := r.model.Run()
	runs.RecordResults(ctx, shared, resultType, resultModels(instanceResults(r.last)), &diags)
	return runs.DiagnosticsError(diags)
}

func (r *ecsRun) Failed(ctx context.Context) bool {
	shared := r.model.Run()
	return runs.RecordedRunFailed[resultModel](ctx, shared, InvocationStatus(shared.InvocationStatus.ValueString()).Failed())
}

func (r *ecsRun) Recorded() runs.Recorded {
	shared := r.model.Run()
	return runs.Recorded{
		Final:        InvocationStatus(shared.InvocationStatus.ValueString()).Done(),
		ResultsKnown: shared.ResultsKnown(),
		Live:         !r.model.repeatMode().Ends(),
	}
}

func (r *ecsRun) FailureReport(ctx context.Context) string {
	return runs.RecordedFailureReport[resultModel](ctx, r.model.Run())
}

func (r *ecsRun) Cancel(ctx context.Context) error {
	run := r.recorded()
	if run == nil {
		return errors.New(missingRegionDiagnostic().Detail())
	}
	return run.Cancel(ctx)
}

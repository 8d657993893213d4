package ecs

import (
	"context"
	"errors"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// cloudcmd_ecs_run_command and cloudcmd_ecs_invocation both record one
// Cloud Assistant invocation; they differ in how it is created. Both go
// through the shared run life cycle (package runs) as an ecsRun, which
// asks their models for what differs.

// runModel is what an ecsRun needs of a run resource's model.
type runModel interface {
	subject() string
	describe() string
	region() types.String
	setRegion(region string)
	id() string
	repeatMode() RepeatMode
	waitForCompletion() bool
	// waitForAgents: wait for instanceIDs' agents before the run starts.
	waitForAgents() bool
	instanceIDs() []string
	failOnError() bool
	status() string
	results() types.List
	setResults(types.List)
	// recording is the model's success_exit_codes and output switches.
	recording() *runs.Recording
	// send makes the run in this region, and puts its IDs in the model.
	send(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map) diag.Diagnostics
	// setUnknownComputed makes every unknown computed value null.
	setUnknownComputed()
	// refresh copies the invocation into the model; withArguments also
	// takes the arguments from it (after an import).
	refresh(ctx context.Context, client *conns.ECSClient, inv *invocation, withArguments bool, diags *diag.Diagnostics)
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
func (r *ecsRun) FailOnError() bool  { return r.model.failOnError() }
func (r *ecsRun) FollowWith() string { return "cloudcmd_ecs_invocations" }

// Wait reports whether the create waits: a periodic or reboot-triggered
// run does not end by itself, so there is nothing to wait for.
func (r *ecsRun) Wait() bool {
	return r.model.waitForCompletion() && r.model.repeatMode().Ends()
}

func (r *ecsRun) Start(ctx context.Context) diag.Diagnostics {
	region := regionOf(r.model.region(), r.client)
	if region == "" {
		return diag.Diagnostics{missingRegionDiagnostic()}
	}
	diags := r.model.send(ctx, r.client, region, r.writeOnlyParams)
	if diags.HasError() {
		return diags
	}
	r.model.setRegion(region)
	r.model.setUnknownComputed()
	return diags
}

// Poll reads the invocation with each instance's output: DescribeInvocations
// with IncludeOutput answers status and results in one call.
func (r *ecsRun) Poll(ctx context.Context) (runs.Status, error) {
	region := regionOf(r.model.region(), r.client)
	if region == "" {
		return runs.Status{}, errors.New(missingRegionDiagnostic().Detail())
	}
	inv, err := findInvocation(ctx, r.client, region, r.model.id())
	if err != nil {
		return runs.Status{}, err
	}
	r.model.setRegion(region)
	r.last = inv
	status := InvocationStatus(flex.StringValue(inv.InvocationStatus))
	return runs.Status{Value: string(status), Final: status.Done(), Failed: status.Failed()}, nil
}

func (r *ecsRun) Record(ctx context.Context, withArguments bool) error {
	if r.last == nil {
		return errors.New("the invocation has not been read")
	}
	var diags diag.Diagnostics
	r.model.refresh(ctx, r.client, r.last, withArguments, &diags)
	r.model.setResults(recordResults(ctx, r.model.recording(), instanceResults(r.last), &diags))
	return runs.DiagnosticsError(diags)
}

func (r *ecsRun) Failed(ctx context.Context) bool {
	return resultsFailed(ctx, *r.model.recording(), InvocationStatus(r.model.status()).Failed(), r.model.results())
}

func (r *ecsRun) Recorded() runs.Recorded {
	results := r.model.results()
	return runs.Recorded{
		Final:        InvocationStatus(r.model.status()).Done(),
		ResultsKnown: !results.IsNull() && !results.IsUnknown(),
		Live:         !r.model.repeatMode().Ends(),
	}
}

func (r *ecsRun) FailureReport(ctx context.Context) string {
	return failureReport(ctx, *r.model.recording(), r.model.id(), r.model.status(), r.model.results())
}

func (r *ecsRun) Cancel(ctx context.Context) error {
	region, id := r.model.region().ValueString(), r.model.id()
	_, err := r.client.StopInvocation(ctx, &ecs.StopInvocationRequest{RegionId: &region, InvokeId: &id})
	if conns.IsCode(err, "InvalidInvokeId.NotFound") {
		return nil
	}
	return err
}

// readRun is the Read of both ECS run resources.
func readRun(ctx context.Context, clients *conns.Clients, model runModel, req resource.ReadRequest, resp *resource.ReadResponse) {
	runs.Read(ctx, &ecsRun{model: model, clients: clients}, req, resp)
}

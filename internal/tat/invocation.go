package tat

import (
	"context"
	"errors"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Limits of TAT InvokeCommand and RunCommand (InstanceIds at most 200,
// Parameters at most 20).
const (
	invocationInstancesMax  = 200
	invocationParametersMax = 20
	defaultCreateTimeout    = runs.DefaultCreateTimeout
)

var (
	_ runs.RunResource = (*invocationResource)(nil)
	_ runs.AgentWaiter = (*invocationRun)(nil)
)

// NewInvocationResource is the cloudcmd_tat_invocation resource.
func NewInvocationResource() resource.Resource {
	return &invocationResource{Resource: tatRunResource[invocationModel]("tat_invocation")}
}

type invocationResource struct {
	runs.Resource[invocationModel, *invocationModel]
}

type invocationModel struct {
	runs.Model
	runs.ParameterValues
	invokeCommandArgumentsModel
	CreatedTime types.String `tfsdk:"created_time"`
}

// invokeCommandArgumentsModel is what InvokeCommand is sent but the
// parameters: the arguments of cloudcmd_tat_invocation and of the
// cloudcmd_tat_invoke_command action.
type invokeCommandArgumentsModel struct {
	runTargetModel
	CommandID        types.String `tfsdk:"command_id"`
	Username         types.String `tfsdk:"username"`
	WorkingDirectory types.String `tfsdk:"working_directory"`
	Timeout          types.Int64  `tfsdk:"timeout"`
}

// tatRunResource is the shared run resource over a TAT model: every TAT
// run is one invocation, in the provider's TAT region.
func tatRunResource[M any, P interface {
	*M
	runModel
}](typeName string) runs.Resource[M, P] {
	return runs.Resource[M, P]{
		ResourceBase: framework.NewResourceBase(typeName),
		Bind: func(clients *conns.Clients, model P, writeOnlyParams types.Map) runs.Run {
			return &invocationRun{model: model, clients: clients, writeOnlyParams: writeOnlyParams}
		},
		Region:   func(clients *conns.Clients, _ P) string { return identityRegion(clients) },
		ImportID: importByIDOrIdentity,
	}
}

// taskResultModel is one instance's run: an element of the resource's
// results and of the data source's tasks.
type taskResultModel struct {
	runs.ResultFields
	InvocationTaskID types.String `tfsdk:"invocation_task_id"`
	TaskStatus       types.String `tfsdk:"task_status"`
	OutputURL        types.String `tfsdk:"output_url"`
	StartTime        types.String `tfsdk:"start_time"`
	EndTime          types.String `tfsdk:"end_time"`
	ErrorInfo        types.String `tfsdk:"error_info"`
}

// taskResultType is the object type of a taskResultModel, as
// resultsAttribute declares it.
var taskResultType = runs.ResultType(resultsAttribute())

func (r *invocationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs a TAT command on CVM or Lighthouse instances (InvokeCommand), waits for it, and records each instance's " +
			"status, exit code and output. The apply fails when the command fails, unless `fail_on_error = false`. " +
			"Changing any argument but the behaviour switches runs the command again, as does any change of `triggers`.",
		Attributes: withRunAttributes(ctx, invocationArgumentAttributes()),
	}
	maps.Copy(resp.Schema.Attributes, runs.ParameterAttributes(invocationParametersMax, "Values for the command's `{{name}}` parameters; the command's defaults fill the rest. At most 20; "+
		"names are 1 to 64 characters of letters, digits, `_` and `-`. Stored in state (marked sensitive): use `parameters_wo` for secrets.", "TAT", "command"))
}

// invocationArgumentAttributes are InvokeCommand's arguments but its
// parameters, shared with the cloudcmd_tat_invoke_command action: the
// command, how it runs, and where (runTargetAttributes).
func invocationArgumentAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepOrReplace := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"command_id": schema.StringAttribute{
			Required: true, MarkdownDescription: "The command to run, such as `cloudcmd_tat_command.x.id`.",
			Validators: []validator.String{validate.TATCommandID()}, PlanModifiers: replace,
		},
		"username": schema.StringAttribute{
			Optional: true, Computed: true, MarkdownDescription: "User to run as; the command's `username` by default.",
			PlanModifiers: keepOrReplace,
		},
		"working_directory": schema.StringAttribute{
			Optional: true, Computed: true, MarkdownDescription: "Directory to run in; the command's `working_directory` by default.",
			PlanModifiers: keepOrReplace,
		},
		"timeout": schema.Int64Attribute{
			Optional: true, Computed: true, MarkdownDescription: "Seconds the command may run, 1 to 86400; the command's `timeout` by default.",
			Validators:    []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
		},
	}
	maps.Copy(attrs, runTargetAttributes())
	return attrs
}

// withRunAttributes adds to a TAT run resource's arguments what every run
// resource shares (runs.Attributes), and when TAT accepted the run.
func withRunAttributes(ctx context.Context, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	maps.Copy(attrs, runs.Attributes(ctx, runs.Docs{
		Vendor: "TAT", What: "command",
		ID:                "The invocation ID, `inv-` followed by 8 characters.",
		WaitForCompletion: "Wait until every instance has finished (default). When false, the apply ends once TAT accepts the invocation.",
		WaitForAgents:     waitForAgentsDescription,
		FailOnError: "Fail the apply when the command fails, times out or is cancelled on any instance, or the wait for it times out (default). " +
			"The invocation stays in state, tainted, so the next apply runs it again. When false, failures are only recorded and a wait that times out is a warning.",
		InvocationStatus: "Overall status: " + flex.EnumList(InvocationStatuses) + ".",
		CreateTimeout:    "How long to wait for the command (default 20m).",
		DeleteTimeout:    "How long to wait for a running command to be cancelled (default 5m).",
		Results:          resultsAttribute(),
	}))
	attrs["created_time"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "When TAT accepted the invocation (RFC 3339).",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	return attrs
}

// resultsAttribute is the results of every TAT run resource: one element
// per instance, of taskResultType.
func resultsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed: true, MarkdownDescription: "One entry per instance, sorted by instance ID.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"instance_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "The instance."},
			"invocation_task_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The task ID, `invt-...`."},
			"task_status":        schema.StringAttribute{Computed: true, MarkdownDescription: "The task status, such as `SUCCESS`, `FAILED`, `TIMEOUT`."},
			"exit_code":          schema.Int64Attribute{Computed: true, MarkdownDescription: "The command's exit code, once it has run."},
			"output":             schema.StringAttribute{Computed: true, MarkdownDescription: taskOutputDescription},
			"output_truncated":   schema.BoolAttribute{Computed: true, MarkdownDescription: taskOutputTruncatedDescription},
			"output_url":         schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the full output in COS, when `output_cos_bucket_url` is set."},
			"start_time":         schema.StringAttribute{Computed: true, MarkdownDescription: "When the command started on the instance."},
			"end_time":           schema.StringAttribute{Computed: true, MarkdownDescription: "When it ended."},
			"error_info":         schema.StringAttribute{Computed: true, MarkdownDescription: "TAT's explanation of a failure, such as a missing working directory."},
		}},
	}
}

// ModifyPlan reports at plan that TAT cannot be reached with the provider's
// settings (credentials, region), instead of at apply.
func (r *invocationResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.CheckTATAtPlan(r.Clients, req, &resp.Diagnostics)
}

// runModel is what an invocationRun needs of a TAT run resource's model:
// cloudcmd_tat_invocation and cloudcmd_tat_run_command both record one TAT
// invocation, and differ only in the request that makes it and in the
// arguments they take from it.
type runModel interface {
	runs.HasModel
	instanceIDs() types.Set
	// request is the run the model's arguments ask for, not yet sent;
	// writeOnlyParams are the configuration's parameters_wo.
	request(ctx context.Context, client *conns.TATClient, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run
	// commandID is the command the run runs: InvokeCommand's argument, or
	// the one RunCommand made (none when it saved none and said none).
	commandID() *types.String
	// setUnknownComputed makes every unknown computed value null.
	setUnknownComputed()
	// refresh copies the invocation into the model; withArguments also
	// takes the arguments from the cloud (after an import).
	refresh(ctx context.Context, client *conns.TATClient, inv *tat.Invocation, withArguments bool, diags *diag.Diagnostics)
}

// invocationRun is a TAT run resource's invocation, for the run life
// cycle: the polling, results, failure report and cancel of every TAT run.
type invocationRun struct {
	model           runModel
	clients         *conns.Clients
	client          *conns.TATClient // set by Connect
	writeOnlyParams types.Map
	last            *tat.Invocation // the latest answer of Poll
}

func (r *invocationRun) Model() any { return r.model }

func (r *invocationRun) Connect(diags *diag.Diagnostics) bool {
	r.client = tatClient(r.clients, diags)
	return r.client != nil
}

func (r *invocationRun) Subject() string    { return "TAT Command" }
func (r *invocationRun) Describe() string   { return "TAT invocation " + r.model.Run().ID.ValueString() }
func (r *invocationRun) Wait() bool         { return r.model.Run().WaitForCompletion.ValueBool() }
func (r *invocationRun) FollowWith() string { return "cloudcmd_invocations" }
func (r *invocationRun) FailOnError() bool  { return r.model.Run().FailOnError.ValueBool() }

// AgentsToWaitFor waits for the agents of instance_ids when
// wait_for_agents is set.
func (r *invocationRun) AgentsToWaitFor() *runs.Agents {
	if !r.model.Run().WaitForAgents.ValueBool() {
		return nil
	}
	var diags diag.Diagnostics
	return agentsToWaitFor(r.client, flex.SetStrings(context.Background(), r.model.instanceIDs(), &diags))
}

// Start sends the request that makes the invocation, through the engine's
// TAT run: adopted, rather than sent again, after a failure that leaves
// unknown whether it ran.
func (r *invocationRun) Start(ctx context.Context) diag.Diagnostics {
	var diags diag.Diagnostics
	run := r.model.request(ctx, r.client, r.writeOnlyParams, &diags)
	if diags.HasError() {
		return diags
	}
	diags.Append(run.Start(ctx)...)
	if run.ID() != "" {
		r.model.Run().ID = types.StringValue(run.ID())
		*r.model.commandID() = types.StringNull()
		if run.CommandID() != "" {
			*r.model.commandID() = types.StringValue(run.CommandID())
		}
	}
	if diags.HasError() {
		return diags
	}
	r.model.setUnknownComputed()
	return diags
}

// recorded is the invocation the model records, for the engine's reads.
func (r *invocationRun) recorded() *Run {
	return existingRun(r.client, r.model.Run().ID.ValueString())
}

func (r *invocationRun) Poll(ctx context.Context) (runs.Status, error) {
	run := r.recorded()
	o, err := run.Poll(ctx)
	r.last = run.last
	return o.Status, err
}

func (r *invocationRun) Record(ctx context.Context, withArguments bool) error {
	if r.last == nil {
		return errors.New("the invocation has not been read")
	}
	var diags diag.Diagnostics
	r.model.refresh(ctx, r.client, r.last, withArguments, &diags)
	if err := runs.DiagnosticsError(diags); err != nil {
		return err
	}
	shared := r.model.Run()
	tasks, err := findRunTasks(ctx, r.client, r.last)
	if err != nil {
		// No results rather than those of an earlier status: a run whose
		// results are unknown is read again at the next refresh.
		shared.Results = types.ListNull(taskResultType)
		return err
	}
	runs.RecordResults(ctx, shared, taskResultType, taskResults(tasks), &diags)
	return runs.DiagnosticsError(diags)
}

func (r *invocationRun) Failed(ctx context.Context) bool {
	shared := r.model.Run()
	return runs.RecordedRunFailed[taskResultModel](ctx, shared, InvocationStatus(shared.InvocationStatus.ValueString()).Failed())
}

func (r *invocationRun) Recorded() runs.Recorded {
	shared := r.model.Run()
	return runs.Recorded{Final: InvocationStatus(shared.InvocationStatus.ValueString()).Done(), ResultsKnown: shared.ResultsKnown()}
}

func (r *invocationRun) FailureReport(ctx context.Context) string {
	return runs.RecordedFailureReport[taskResultModel](ctx, r.model.Run())
}

func (r *invocationRun) Cancel(ctx context.Context) error { return r.recorded().Cancel(ctx) }

// request is the InvokeCommand run of the model's arguments. Write-only
// parameters come from the configuration, since they are never in the plan.
func (m *invocationModel) request(ctx context.Context, client *conns.TATClient, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run {
	return newInvokeCommandRun(client, m.Args(ctx, m.ToSend(ctx, writeOnlyParams, diags), diags))
}

func (m *invocationModel) commandID() *types.String { return &m.CommandID }

// Args are InvokeCommand's arguments with these parameter values; a
// timeout left out (null, or unknown until the command's is read) is 0,
// the command's.
func (m invokeCommandArgumentsModel) Args(ctx context.Context, parameters map[string]string, diags *diag.Diagnostics) InvokeCommandArgs {
	return InvokeCommandArgs{
		CommandID:          m.CommandID.ValueString(),
		InstanceIDs:        flex.SetStrings(ctx, m.InstanceIDs, diags),
		Parameters:         parameters,
		Username:           m.Username.ValueString(),
		WorkingDirectory:   m.WorkingDirectory.ValueString(),
		Timeout:            m.Timeout.ValueInt64(),
		OutputCOSBucketURL: m.OutputCOSBucketURL.ValueString(),
		OutputCOSKeyPrefix: m.OutputCOSKeyPrefix.ValueString(),
	}
}

// setUnknownComputed gives computed attributes known values, so a create
// that fails before the first read still saves a valid state.
func (m *invocationModel) setUnknownComputed() {
	flex.NullUnknownStrings(&m.Username, &m.WorkingDirectory, &m.CreatedTime)
	if m.Timeout.IsUnknown() {
		m.Timeout = types.Int64Null()
	}
	m.NullUnknownComputed(taskResultType)
}

// refresh copies the invocation into the model. The parameters are never
// read back: they may have been sent write-only (parameters_wo), and the
// first apply after an import takes them from the configuration.
func (m *invocationModel) refresh(ctx context.Context, _ *conns.TATClient, inv *tat.Invocation, _ bool, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(inv.InvocationId)
	m.CommandID = types.StringPointerValue(inv.CommandId)
	m.InvocationStatus = types.StringPointerValue(inv.InvocationStatus)
	m.CreatedTime = types.StringPointerValue(inv.CreatedTime)
	m.Username = types.StringValue(flex.StringValue(inv.Username))
	m.WorkingDirectory = types.StringValue(flex.StringValue(inv.WorkingDirectory))
	m.Timeout = types.Int64Value(int64(uint64Value(inv.Timeout)))
	m.refreshOutputCOS(inv)
	m.refreshInstanceIDs(ctx, inv, diags)
}

// instanceIDsFromTasks is the set of instances an invocation's tasks ran
// on.
func instanceIDsFromTasks(ctx context.Context, tasks []*tat.InvocationTaskBasicInfo, diags *diag.Diagnostics) types.Set {
	var instanceIDs []string
	for _, t := range tasks {
		if t != nil && t.InstanceId != nil {
			instanceIDs = append(instanceIDs, *t.InstanceId)
		}
	}
	ids, d := types.SetValueFrom(ctx, types.StringType, instanceIDs)
	diags.Append(d...)
	return ids
}

// taskResults maps tasks to result models, sorted by instance ID so the
// list is stable between reads.
func taskResults(tasks []*tat.InvocationTask) []taskResultModel {
	return runs.ResultModels(tasks, func(t *tat.InvocationTask) taskResultModel {
		return taskResultModel{
			ResultFields:     runs.ResultFieldsOf(taskInstanceResult(t)),
			InvocationTaskID: types.StringValue(flex.StringValue(t.InvocationTaskId)),
			TaskStatus:       types.StringValue(flex.StringValue(t.TaskStatus)),
			OutputURL:        types.StringValue(flex.StringValue(taskResultOf(t).OutputUrl)),
			StartTime:        types.StringValue(flex.StringValue(t.StartTime)),
			EndTime:          types.StringValue(flex.StringValue(t.EndTime)),
			ErrorInfo:        types.StringValue(flex.StringValue(t.ErrorInfo)),
		}
	})
}

func resultsValue(ctx context.Context, tasks []*tat.InvocationTask, diags *diag.Diagnostics) types.List {
	list, d := types.ListValueFrom(ctx, taskResultType, taskResults(tasks))
	diags.Append(d...)
	return list
}

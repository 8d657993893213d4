package ecs

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Limits of ECS InvokeCommand: at most 50 instances and 10
// parameters per call.
const (
	invokeCommandInstancesMax  = 50
	invokeCommandParametersMax = 10
)

var (
	_ runs.RunResource                      = (*invocationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*invocationResource)(nil)
)

// NewInvocationResource is the cloudcmd_ecs_invocation resource: an ECS
// run whose tags change in place; the command it runs is left in place.
func NewInvocationResource() resource.Resource {
	r := &invocationResource{Resource: ecsRunResource[invocationModel]("ecs_invocation")}
	r.UpdateInPlace = func(ctx context.Context, clients *conns.Clients, plan, state *invocationModel, diags *diag.Diagnostics) {
		retagModel(ctx, clients, "", &plan.Tags, &state.Tags, state.Run().ID, state.RegionID, diags)
	}
	return r
}

type invocationResource struct {
	runs.Resource[invocationModel, *invocationModel]
}

type invocationModel struct {
	runs.Model
	runs.ParameterValues
	invokeCommandArgumentsModel
}

// invokeCommandArgumentsModel is what InvokeCommand is sent but the
// parameters: the arguments of cloudcmd_ecs_invocation and of the
// cloudcmd_ecs_invoke_command action.
type invokeCommandArgumentsModel struct {
	runArgumentsModel
	CommandID types.String `tfsdk:"command_id"`
	Timeout   types.Int64  `tfsdk:"timeout"`
}

func (r *invocationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs an existing Cloud Assistant command, such as a `cloudcmd_ecs_command`, on ECS instances (InvokeCommand), waits for it, " +
			"and records each instance's status, exit code and output. The apply fails when the command fails, unless `fail_on_error = false`. " +
			"A periodic or reboot-triggered run is recorded without waiting, and stopped on destroy; the command itself is left in place. " +
			"Changing any argument but the behaviour switches runs the command again, as does any change of `triggers`.",
		Attributes: invocationAttributes(ctx),
	}
}

// invocationAttributes are the arguments sent to InvokeCommand, then the
// behaviour switches and what the API reports.
func invocationAttributes(ctx context.Context) map[string]schema.Attribute {
	attrs := runArgumentsAttributes(runArgumentsDocs{InstancesMax: invokeCommandInstancesMax, Tagged: "the invocation", Retagged: "the invocation"})
	attrs["command_id"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "The command to run, such as `cloudcmd_ecs_command.example.id` (`c-...`), or a common command " +
			"(`ACS-...`) that `cloudcmd_ecs_commands` found with `provider`. Destroying the invocation leaves the command in place.",
		Validators: []validator.String{validate.ECSCommandID()}, PlanModifiers: replace,
	}
	attrs["timeout"] = schema.Int64Attribute{
		Optional: true, Computed: true,
		MarkdownDescription: "Seconds the command may run before the agent stops it, 10 to 86400. Defaults to the command's timeout.",
		Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
	}
	maps.Copy(attrs, runs.ParameterAttributes(invokeCommandParametersMax, "Values for the command's `{{name}}` parameters: at most 10; names are 1 to 64 characters of letters, digits, "+
		"`_` and `-`. The command must have `enable_parameter = true`. Stored in state (marked sensitive): use `parameters_wo` for secrets.", "Cloud Assistant", "command"))
	maps.Copy(attrs, ecsRunAttributes(ctx, "command"))
	return attrs
}

func (r *invocationResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return invokeCommandRules()
}

// invokeCommandRules are the rules across InvokeCommand's arguments, of
// the resource and of the action.
func invokeCommandRules() []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("instance_ids"), path.MatchRoot("resource_tags")),
		waitForAgentsRule{},
		scheduleRule{},
		// The timeout is the command's unless set here, unknown at plan.
		scheduleTimeoutRule{},
	}
}

func (r *invocationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planDefaultRegion(ctx, r.Clients, req, resp)
}

// request is the InvokeCommand run of the model's arguments. Write-only
// parameters come from the configuration, since they are never in the plan.
func (m *invocationModel) request(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run {
	return newInvokeCommandRun(client, region, m.Args(ctx, m.ToSend(ctx, writeOnlyParams, diags), diags))
}

func (m *invocationModel) commandID() *types.String { return &m.CommandID }
func (m *invocationModel) subject() string          { return "ECS Invocation" }
func (m *invocationModel) describe() string {
	return fmt.Sprintf("ECS invocation %s of command %s", m.ID.ValueString(), m.CommandID.ValueString())
}

// Args are InvokeCommand's arguments with these parameter values; a
// timeout left out (null, or unknown until the command's is read) is 0,
// the command's.
func (m invokeCommandArgumentsModel) Args(ctx context.Context, parameters map[string]string, diags *diag.Diagnostics) InvokeCommandArgs {
	return InvokeCommandArgs{
		RegionID:            m.RegionID.ValueString(),
		CommandID:           m.CommandID.ValueString(),
		InstanceIDs:         flex.SetStrings(ctx, m.InstanceIDs, diags),
		ResourceTags:        flex.StringMap(ctx, m.ResourceTags, diags),
		Parameters:          parameters,
		RepeatMode:          m.RepeatMode.ValueString(),
		Frequency:           m.Frequency.ValueString(),
		Timeout:             m.Timeout.ValueInt64(),
		Username:            m.Username.ValueString(),
		WindowsPasswordName: m.WindowsPasswordName.ValueString(),
		ContainerID:         m.ContainerID.ValueString(),
		ContainerName:       m.ContainerName.ValueString(),
		ResourceGroupID:     m.ResourceGroupID.ValueString(),
		Tags:                flex.StringMap(ctx, m.Tags, diags),
	}
}

// setUnknownComputed gives computed attributes known values, so a create
// that fails before the first read still saves a valid state.
func (m *invocationModel) setUnknownComputed() {
	flex.NullUnknownStrings(&m.Username)
	if m.Timeout.IsUnknown() {
		m.Timeout = types.Int64Null()
	}
	m.NullUnknownComputed(resultType)
}

// refresh copies the invocation into the model. The arguments are taken
// from the API only after an import (withArguments): a run never changes,
// and the configuration is what was sent.
func (m *invocationModel) refresh(_ context.Context, _ *conns.ECSClient, inv *invocation, withArguments bool, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(inv.InvokeId)
	m.InvocationStatus = types.StringValue(flex.StringValue(inv.InvocationStatus))
	// Cloud Assistant fills these in when the configuration leaves them out:
	// the timeout is the command's, the user the system's.
	m.Username = flex.FilledInByCloud(inv.Username, m.Username)
	if inv.Timeout != nil && *inv.Timeout > 0 {
		m.Timeout = types.Int64Value(*inv.Timeout)
	}
	if withArguments {
		m.importArguments(inv, diags)
	}
}

// importArguments fills the arguments an import cannot know from the
// configuration with what the invocation reports. The parameters are
// never read back: they may have been sent write-only (parameters_wo), and
// the first apply after the import takes them from the configuration.
func (m *invocationModel) importArguments(inv *invocation, diags *diag.Diagnostics) {
	m.CommandID = types.StringPointerValue(inv.CommandId)
	m.runArgumentsModel.importArguments(inv, diags)
}

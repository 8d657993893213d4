package ecs

import (
	"context"
	"fmt"
	"maps"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
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
	invokeCommandInstancesMax    = 50
	invokeCommandParametersMax   = 10
	invokeCommandResourceTagsMax = 10
)

// ecsCommandIDPattern is the form of an ECS Cloud Assistant command ID:
// an account's own, such as c-hz0jdfwcsr1a2b3 (c- and lowercase letters or
// digits), or a common command's, which DescribeCommands lists with
// Provider AlibabaCloud under IDs starting ACS-, such as
// ACS-ECS-ShowUptime-linux.sh.
var ecsCommandIDPattern = regexp.MustCompile(`^(c-[a-z0-9]+|ACS-[A-Za-z0-9._-]+)$`)

var (
	_ resource.ResourceWithConfigure        = (*invocationResource)(nil)
	_ resource.ResourceWithImportState      = (*invocationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*invocationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*invocationResource)(nil)
	_ resource.ResourceWithIdentity         = (*invocationResource)(nil)
)

// NewInvocationResource is the cloudcmd_ecs_invocation resource: an ECS
// run whose tags change in place; the command it runs is left in place.
func NewInvocationResource() resource.Resource {
	r := &invocationResource{Resource: ecsRunResource[invocationModel]()}
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
	RegionID            types.String `tfsdk:"region_id"`
	CommandID           types.String `tfsdk:"command_id"`
	InstanceIDs         types.Set    `tfsdk:"instance_ids"`
	ResourceTags        types.Map    `tfsdk:"resource_tags"`
	Parameters          types.Map    `tfsdk:"parameters"`
	ParametersWO        types.Map    `tfsdk:"parameters_wo"`
	ParametersWOVersion types.Int64  `tfsdk:"parameters_wo_version"`
	RepeatMode          types.String `tfsdk:"repeat_mode"`
	Frequency           types.String `tfsdk:"frequency"`
	Timeout             types.Int64  `tfsdk:"timeout"`
	Username            types.String `tfsdk:"username"`
	WindowsPasswordName types.String `tfsdk:"windows_password_name"`
	ContainerID         types.String `tfsdk:"container_id"`
	ContainerName       types.String `tfsdk:"container_name"`
	Tags                types.Map    `tfsdk:"tags"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
}

func (r *invocationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ecs_invocation"
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
// behaviour switches and what the API reports, shared with
// cloudcmd_ecs_run_command.
func invocationAttributes(ctx context.Context) map[string]schema.Attribute {
	attrs := invocationRunAttributes()
	target := runCommandTargetAttributes()
	attrs["container_id"] = target["container_id"]
	attrs["container_name"] = target["container_name"]
	// InvokeCommand takes fewer instances than RunCommand.
	attrs["instance_ids"] = schema.SetAttribute{
		ElementType: types.StringType, Optional: true,
		MarkdownDescription: "Instances to run on: 1 to 50 IDs, ECS instances (`i-...`) or managed instances (`mi-...`), which may be mixed. Exactly one of `instance_ids` and `resource_tags`.",
		Validators:          validate.ECSInstanceIDs(invokeCommandInstancesMax),
		PlanModifiers:       []planmodifier.Set{runs.ReplaceSetUnlessAdopted()}, // filled in by an import of a resource_tags run,
	}
	attrs["resource_tags"] = schema.MapAttribute{
		ElementType: types.StringType, Optional: true,
		MarkdownDescription: "Run on every instance carrying all these tags (at most 50 instances): 1 to 10 tags. " +
			"Exactly one of `instance_ids` and `resource_tags`; `results` lists the instances selected.",
		Validators: []validator.Map{
			mapvalidator.SizeBetween(1, invokeCommandResourceTagsMax),
			mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, 64)),
		},
		PlanModifiers: []planmodifier.Map{runs.ReplaceMapUnlessAdopted()}, // not reported: an import leaves it null
	}
	attrs["tags"] = schema.MapAttribute{
		ElementType: types.StringType, Optional: true,
		MarkdownDescription: "Tags bound to the invocation, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
			"values are at most 128 characters; neither may contain `http://` or `https://`. " +
			"Changing them retags the invocation in place through TagResources and UntagResources: the command does not run again.",
		Validators: validate.AlibabaTags(),
	}
	attrs["resource_group_id"] = schema.StringAttribute{
		Optional: true, MarkdownDescription: "Resource group of the invocation.",
		Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers: []planmodifier.String{runs.ReplaceStringUnlessAdopted()}, // not reported: an import leaves it null
	}
	maps.Copy(attrs, ecsRunAttributes(ctx, "command"))
	return attrs
}

// invocationRunAttributes choose the command and how it runs.
func invocationRunAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"region_id": regionIDAttribute("invocation"),
		"command_id": schema.StringAttribute{
			Required: true, MarkdownDescription: "The command to run, such as `cloudcmd_ecs_command.example.id` (`c-...`), or a common command " +
				"(`ACS-...`) that `cloudcmd_ecs_commands` found with `provider`. Destroying the invocation leaves the command in place.",
			Validators: []validator.String{stringvalidator.RegexMatches(ecsCommandIDPattern,
				"must be an ECS command ID: c- followed by lowercase letters or digits, or a common command's ID, ACS- followed by letters, digits, '.', '_' or '-'")},
			PlanModifiers: replace,
		},
		"timeout": schema.Int64Attribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Seconds the command may run before the agent stops it, 10 to 86400. Defaults to the command's timeout.",
			Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
		},
		"repeat_mode": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(string(RepeatOnce)),
			MarkdownDescription: "When to run: " + flex.EnumList(RepeatModes) + ". Default `Once`, the only mode whose end is waited for; " +
				"`Period` runs on `frequency`, the reboot modes when the instance restarts.",
			Validators:    []validator.String{stringvalidator.OneOf(stringList(RepeatModes)...)},
			PlanModifiers: replace,
		},
		"frequency": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Schedule of a `Period` run, required with it and refused otherwise: `rate(<n><s|m|h|d>)` (60 seconds to 7 days), " +
				"`at(yyyy-MM-dd HH:mm:ss [time zone])`, or a cron expression `<second> <minute> <hour> <day-of-month> <month> <day-of-week> [<year>] [<time zone>]` " +
				"(day of week 1 = Monday). A time zone is `UTC`, `GMT+H:MM` or an IANA name; a cron expression without one follows the instance's clock. " +
				"A rate must be longer than `timeout`, and a cron expression's runs at least 10 seconds and `timeout` apart.",
			Validators: []validator.String{validate.ECSFrequency()}, PlanModifiers: replace,
		},
		"username": schema.StringAttribute{
			Optional: true, Computed: true, MarkdownDescription: "User to run as, at most 255 characters; `root` on Linux and `System` on Windows by default.",
			Validators: []validator.String{stringvalidator.UTF8LengthAtMost(runCommandUsernameMaxLen)}, PlanModifiers: keepOrReplace,
		},
		"windows_password_name": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Name of the OOS parameter holding the password of `username` on Windows, at most 255 characters.",
			Validators:    []validator.String{stringvalidator.UTF8LengthAtMost(runCommandPasswordNameMaxLen)},
			PlanModifiers: []planmodifier.String{runs.ReplaceStringUnlessAdopted()}, // not reported: an import leaves it null
		},
	}
	maps.Copy(attrs, runs.ParameterAttributes(invokeCommandParametersMax, "Values for the command's `{{name}}` parameters: at most 10; names are 1 to 64 characters of letters, digits, "+
		"`_` and `-`. The command must have `enable_parameter = true`. Stored in state (marked sensitive): use `parameters_wo` for secrets.", "Cloud Assistant", "command"))
	return attrs
}

func (r *invocationResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
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

// send runs the saved command with InvokeCommand, through the engine's
// ECS run.
func (m *invocationModel) send(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map) diag.Diagnostics {
	var diags diag.Diagnostics
	args := m.invokeArgs(ctx, writeOnlyParams, &diags)
	if diags.HasError() {
		return diags
	}
	run := newInvokeCommandRun(client, region, args)
	diags.Append(run.Start(ctx)...)
	if run.ID() != "" {
		m.ID = types.StringValue(run.ID())
	}
	return diags
}

func (m *invocationModel) subject() string { return "ECS Invocation" }
func (m *invocationModel) describe() string {
	return fmt.Sprintf("ECS invocation %s of command %s", m.ID.ValueString(), m.CommandID.ValueString())
}
func (m *invocationModel) region() types.String    { return m.RegionID }
func (m *invocationModel) setRegion(region string) { m.RegionID = types.StringValue(region) }
func (m *invocationModel) repeatMode() RepeatMode  { return RepeatMode(m.RepeatMode.ValueString()) }
func (m *invocationModel) instanceIDs() []string {
	var diags diag.Diagnostics
	return flex.SetStrings(context.Background(), m.InstanceIDs, &diags)
}

// invokeArgs are InvokeCommand's arguments. Write-only parameters come
// from the configuration, since they are never in the plan.
func (m invocationModel) invokeArgs(ctx context.Context, writeOnlyParams types.Map, diags *diag.Diagnostics) InvokeCommandArgs {
	params := flex.StringMap(ctx, m.Parameters, diags)
	if params == nil {
		params = flex.StringMap(ctx, writeOnlyParams, diags)
	}
	return InvokeCommandArgs{
		RegionID:            m.RegionID.ValueString(),
		CommandID:           m.CommandID.ValueString(),
		InstanceIDs:         flex.SetStrings(ctx, m.InstanceIDs, diags),
		ResourceTags:        flex.StringMap(ctx, m.ResourceTags, diags),
		Parameters:          params,
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
	for _, v := range []*types.String{&m.Username, &m.InvocationStatus} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.Timeout.IsUnknown() {
		m.Timeout = types.Int64Null()
	}
	if m.Results.IsUnknown() {
		m.Results = types.ListNull(resultType)
	}
	m.NullUnknownOutputs()
}

// refresh copies the invocation into the model. The arguments are taken
// from the API only after an import (withArguments): a run never changes,
// and the configuration is what was sent.
func (m *invocationModel) refresh(_ context.Context, _ *conns.ECSClient, inv *invocation, withArguments bool, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(inv.InvokeId)
	m.InvocationStatus = types.StringValue(flex.StringValue(inv.InvocationStatus))
	// Cloud Assistant fills these in when the configuration leaves them out:
	// the timeout is the command's, the user the system's.
	m.Username = filledInByCloud(inv.Username, m.Username)
	if inv.Timeout != nil && *inv.Timeout > 0 {
		m.Timeout = types.Int64Value(*inv.Timeout)
	}
	if withArguments {
		m.importArguments(inv, diags)
	}
}

// importArguments fills the arguments an import cannot know from the
// configuration with what the invocation reports. windows_password_name,
// resource_group_id, resource_tags and triggers are not reported.
func (m *invocationModel) importArguments(inv *invocation, diags *diag.Diagnostics) {
	m.CommandID = types.StringPointerValue(inv.CommandId)
	m.RepeatMode = types.StringValue(string(RepeatOnce))
	if mode := flex.StringValue(inv.RepeatMode); mode != "" {
		m.RepeatMode = types.StringValue(mode)
	}
	m.Frequency = stringOrPrior(inv.Frequency, m.Frequency)
	m.ContainerID = stringOrPrior(inv.ContainerId, m.ContainerID)
	m.ContainerName = stringOrPrior(inv.ContainerName, m.ContainerName)
	m.Tags = invocationTagsFromAPI(inv.Tags, m.Tags, diags)
	// The parameters are never read back: they may have been sent
	// write-only (parameters_wo), and the first apply after the import
	// takes them from the configuration.
	var instanceIDs []string
	if inv.InvokeInstances != nil {
		for _, i := range inv.InvokeInstances.InvokeInstance {
			if i != nil && i.InstanceId != nil {
				instanceIDs = append(instanceIDs, *i.InstanceId)
			}
		}
	}
	ids, d := types.SetValueFrom(context.Background(), types.StringType, instanceIDs)
	diags.Append(d...)
	m.InstanceIDs = ids
}

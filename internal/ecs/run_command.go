package ecs

import (
	"context"
	"errors"
	"maps"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Limits of ECS RunCommand (CommandContent, InstanceId, Parameters, ResourceTag, Username, WindowsPasswordName).
const (
	runCommandContentMaxBase64   = 24 * 1024
	runCommandInstancesMax       = 100
	runCommandParametersMax      = 10
	runCommandResourceTagsMax    = 10
	runCommandUsernameMaxLen     = 255
	runCommandPasswordNameMaxLen = 255
)

// TerminationModes are how Cloud Assistant stops a command: its process
// only, or the process and every child.
var TerminationModes = []string{"Process", "ProcessTree"}

var (
	_ resource.ResourceWithConfigure        = (*runCommandResource)(nil)
	_ resource.ResourceWithImportState      = (*runCommandResource)(nil)
	_ resource.ResourceWithConfigValidators = (*runCommandResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*runCommandResource)(nil)
	_ resource.ResourceWithIdentity         = (*runCommandResource)(nil)
)

// NewRunCommandResource is the cloudcmd_ecs_run_command resource: an ECS
// run whose tags change in place, and whose kept command goes with it.
func NewRunCommandResource() resource.Resource {
	r := &runCommandResource{Resource: ecsRunResource[runCommandModel]()}
	r.UpdateInPlace = func(ctx context.Context, clients *conns.Clients, plan, state *runCommandModel, diags *diag.Diagnostics) {
		retagModel(ctx, clients, keptCommandID(*state), &plan.Tags, &state.Tags, state.Run().ID, state.RegionID, diags)
	}
	r.AfterDelete = deleteKeptCommand
	return r
}

type runCommandResource struct {
	runs.Resource[runCommandModel, *runCommandModel]
}

type runCommandModel struct {
	runs.Model
	RegionID            types.String `tfsdk:"region_id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	Type                types.String `tfsdk:"type"`
	CommandContent      types.String `tfsdk:"command_content"`
	WorkingDir          types.String `tfsdk:"working_dir"`
	Timeout             types.Int64  `tfsdk:"timeout"`
	EnableParameter     types.Bool   `tfsdk:"enable_parameter"`
	Parameters          types.Map    `tfsdk:"parameters"`
	ParametersWO        types.Map    `tfsdk:"parameters_wo"`
	ParametersWOVersion types.Int64  `tfsdk:"parameters_wo_version"`
	RepeatMode          types.String `tfsdk:"repeat_mode"`
	Frequency           types.String `tfsdk:"frequency"`
	KeepCommand         types.Bool   `tfsdk:"keep_command"`
	Username            types.String `tfsdk:"username"`
	WindowsPasswordName types.String `tfsdk:"windows_password_name"`
	InstanceIDs         types.Set    `tfsdk:"instance_ids"`
	ResourceTags        types.Map    `tfsdk:"resource_tags"`
	Tags                types.Map    `tfsdk:"tags"`
	ContainerID         types.String `tfsdk:"container_id"`
	ContainerName       types.String `tfsdk:"container_name"`
	TerminationMode     types.String `tfsdk:"termination_mode"`
	Launcher            types.String `tfsdk:"launcher"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	CommandID           types.String `tfsdk:"command_id"`
	CreatedTime         types.String `tfsdk:"created_time"`
}

func (r *runCommandResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ecs_run_command"
}

func (r *runCommandResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs a script on ECS instances through Cloud Assistant (RunCommand), waits for it, and records each instance's " +
			"status, exit code and output. The apply fails when the script fails, unless `fail_on_error = false`. " +
			"A periodic or reboot-triggered run is recorded without waiting, and stopped on destroy. " +
			"Changing any argument but the behaviour switches runs the script again, as does any change of `triggers`.",
		Attributes: runCommandAttributes(ctx),
	}
}

// runCommandAttributes are the arguments sent to RunCommand, then the
// behaviour switches, then what the API reports.
func runCommandAttributes(ctx context.Context) map[string]schema.Attribute {
	attrs := runCommandScriptAttributes()
	for name, a := range runCommandTargetAttributes() {
		attrs[name] = a
	}
	for name, a := range runCommandBehaviourAttributes(ctx) {
		attrs[name] = a
	}
	return attrs
}

// replace and keepOrReplace are the plan modifiers of arguments sent to the
// API: a run cannot be changed, only run again.
var (
	replace       = []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepOrReplace = []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
)

// runCommandScriptAttributes describe the script and how it runs.
func runCommandScriptAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"region_id": regionIDAttribute("invocation"),
		"name": schema.StringAttribute{
			Optional: true, Computed: true, MarkdownDescription: "Name of the command, at most 128 characters; Cloud Assistant picks one when unset.",
			Validators:    []validator.String{stringvalidator.UTF8LengthBetween(1, commandNameMaxLen)},
			PlanModifiers: keepOrReplace,
		},
		"description": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Description of the command, at most 512 characters.",
			Validators: []validator.String{stringvalidator.UTF8LengthAtMost(commandDescriptionMaxLen)}, PlanModifiers: replace,
		},
		"type": schema.StringAttribute{
			Required: true, MarkdownDescription: "Script kind: " + quotedList(CommandTypes) + ".",
			Validators: []validator.String{stringvalidator.OneOf(CommandTypes...)}, PlanModifiers: replace,
		},
		"command_content": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "The script, as plain text; the provider base64-encodes it. At most 24 KB (24576 bytes) once encoded, " +
				"or 18 KB (18432 bytes) with `keep_command`. With `enable_parameter`, `{{name}}` placeholders take the values of `parameters`.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
		},
		"working_dir": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Directory to run in, at most 200 characters. Cloud Assistant's default is `/root` on Linux " +
				"and the agent's directory (`C:\\Windows\\System32`) on Windows.",
			Validators: []validator.String{stringvalidator.UTF8LengthAtMost(commandWorkingDirMaxLen)}, PlanModifiers: keepOrReplace,
		},
		"timeout": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(commandTimeoutDefault),
			MarkdownDescription: "Seconds the script may run before the agent stops it, 10 to 86400. Default 60.",
			Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		},
		"enable_parameter": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the content uses `{{name}}` parameters. Required for `parameters` and `parameters_wo`.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
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
		"keep_command": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Keep the command in Cloud Assistant after the run, as `command_id`. Destroying the resource deletes it.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
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
		"launcher": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Launcher that runs the script file, at most 1024 bytes, such as `python3 -u {{ACS::ScriptFileName|Ext(\".py\")}}`.",
			Validators: []validator.String{stringvalidator.LengthBetween(1, commandLauncherMaxBytes)}, PlanModifiers: replace,
		},
		"termination_mode": schema.StringAttribute{
			Optional: true, MarkdownDescription: "How a stopped or timed-out script is ended: " + quotedList(TerminationModes) + " (the process and its children).",
			Validators: []validator.String{stringvalidator.OneOf(TerminationModes...)}, PlanModifiers: replace,
		},
	}
	maps.Copy(attrs, runs.ParameterAttributes(runCommandParametersMax, "Values for the content's `{{name}}` parameters: at most 10; names are 1 to 64 characters of letters, digits, "+
		"`_` and `-`. Needs `enable_parameter = true`. Stored in state (marked sensitive): use `parameters_wo` for secrets.", "Cloud Assistant", "script"))
	return attrs
}

// runCommandTargetAttributes choose where the script runs and label the run.
func runCommandTargetAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_ids": schema.SetAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Instances to run on: 1 to 100 IDs, ECS instances (`i-...`) or managed instances (`mi-...`), which may be mixed. Exactly one of `instance_ids` and `resource_tags`.",
			Validators:          validate.ECSInstanceIDs(runCommandInstancesMax),
			PlanModifiers:       []planmodifier.Set{runs.ReplaceSetUnlessAdopted()}, // filled in by an import of a resource_tags run,
		},
		"resource_tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Run on every instance carrying all these tags (at most 100 instances): 1 to 10 tags. " +
				"Exactly one of `instance_ids` and `resource_tags`; `results` lists the instances selected.",
			Validators: []validator.Map{
				mapvalidator.SizeBetween(1, runCommandResourceTagsMax),
				mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, 64)),
			},
			PlanModifiers: []planmodifier.Map{runs.ReplaceMapUnlessAdopted()}, // not reported: an import leaves it null
		},
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Tags bound to the invocation and the command, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
				"values are at most 128 characters; neither may contain `http://` or `https://`. " +
				"Changing them retags the invocation (and the kept command) in place through TagResources and UntagResources: the command does not run again.",
			Validators: validate.AlibabaTags(),
		},
		"container_id": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Run inside this container: 64 hexadecimal digits, optionally prefixed by `docker://`, `containerd://` or `cri-o://`. " +
				"Linux only; `username` and `working_dir` are then ignored.",
			Validators: []validator.String{validate.ECSContainerID()}, PlanModifiers: replace,
		},
		"container_name": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Run inside the container of this name.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
		},
		"resource_group_id": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Resource group of the invocation and the command.",
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers: []planmodifier.String{runs.ReplaceStringUnlessAdopted()}, // not reported: an import leaves it null
		},
	}
}

// runCommandBehaviourAttributes are what every run resource shares
// (runs.Attributes), and what RunCommand reports about the run.
func runCommandBehaviourAttributes(ctx context.Context) map[string]schema.Attribute {
	attrs := ecsRunAttributes(ctx, "script")
	attrs["command_id"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "The ID of the command RunCommand created, such as `c-hz0jdfwcsr1a2b3`; it lasts beyond the run only with `keep_command`.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["created_time"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "When Cloud Assistant accepted the run (ISO 8601, UTC).",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	return attrs
}

func (r *runCommandResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("instance_ids"), path.MatchRoot("resource_tags")),
		waitForAgentsRule{},
		scheduleRule{},
		scheduleTimeoutRule{defaultTimeout: commandTimeoutDefault},
		contentSizeRule{},
		parametersRule{attributes: []string{"parameters", "parameters_wo"}},
	}
}

func (r *runCommandResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planDefaultRegion(ctx, r.Clients, req, resp)
}

// send runs the script with RunCommand, through the engine's ECS run.
func (m *runCommandModel) send(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map) diag.Diagnostics {
	var diags diag.Diagnostics
	args := m.runArgs(ctx, writeOnlyParams, &diags)
	if diags.HasError() {
		return diags
	}
	run := newRunCommandRun(client, region, args)
	diags.Append(run.Start(ctx)...)
	if run.ID() != "" {
		m.ID = types.StringValue(run.ID())
		m.CommandID = types.StringValue(run.CommandID())
	}
	return diags
}

func (m *runCommandModel) subject() string         { return "ECS Command" }
func (m *runCommandModel) describe() string        { return "ECS invocation " + m.ID.ValueString() }
func (m *runCommandModel) region() types.String    { return m.RegionID }
func (m *runCommandModel) setRegion(region string) { m.RegionID = types.StringValue(region) }
func (m *runCommandModel) repeatMode() RepeatMode  { return RepeatMode(m.RepeatMode.ValueString()) }
func (m *runCommandModel) instanceIDs() []string {
	var diags diag.Diagnostics
	return flex.SetStrings(context.Background(), m.InstanceIDs, &diags)
}

// deleteKeptCommand deletes the command a run kept (keep_command): it
// outlives the run, so deleting it needs the API even when the run is
// history.
func deleteKeptCommand(ctx context.Context, clients *conns.Clients, state *runCommandModel, diags *diag.Diagnostics) {
	if !state.KeepCommand.ValueBool() || state.CommandID.ValueString() == "" {
		return
	}
	client := ecsClient(clients, diags)
	if client == nil {
		return
	}
	region := regionOf(state.RegionID, client)
	_, err := client.DeleteCommand(ctx, &ecs.DeleteCommandRequest{RegionId: &region, CommandId: state.CommandID.ValueStringPointer()})
	if err != nil && !conns.IsCode(err, "InvalidCmdId.NotFound") {
		diags.Append(framework.APIErrorDiagnostic("Error Deleting ECS Command", "delete the kept ECS command "+state.CommandID.ValueString(), err))
	}
}

// runArgs are RunCommand's arguments. Write-only parameters come from
// the configuration, since they are never in the plan.
func (m runCommandModel) runArgs(ctx context.Context, writeOnlyParams types.Map, diags *diag.Diagnostics) RunCommandArgs {
	params := flex.StringMap(ctx, m.Parameters, diags)
	if params == nil {
		params = flex.StringMap(ctx, writeOnlyParams, diags)
	}
	return RunCommandArgs{
		RegionID:            m.RegionID.ValueString(),
		Type:                m.Type.ValueString(),
		CommandContent:      m.CommandContent.ValueString(),
		Name:                m.Name.ValueString(),
		Description:         m.Description.ValueString(),
		WorkingDir:          m.WorkingDir.ValueString(),
		Timeout:             m.Timeout.ValueInt64(),
		EnableParameter:     m.EnableParameter.ValueBool(),
		Parameters:          params,
		RepeatMode:          m.RepeatMode.ValueString(),
		Frequency:           m.Frequency.ValueString(),
		KeepCommand:         m.KeepCommand.ValueBool(),
		Username:            m.Username.ValueString(),
		WindowsPasswordName: m.WindowsPasswordName.ValueString(),
		ContainerID:         m.ContainerID.ValueString(),
		ContainerName:       m.ContainerName.ValueString(),
		TerminationMode:     m.TerminationMode.ValueString(),
		Launcher:            m.Launcher.ValueString(),
		ResourceGroupID:     m.ResourceGroupID.ValueString(),
		InstanceIDs:         flex.SetStrings(ctx, m.InstanceIDs, diags),
		ResourceTags:        flex.StringMap(ctx, m.ResourceTags, diags),
		Tags:                flex.StringMap(ctx, m.Tags, diags),
	}
}

// setUnknownComputed gives computed attributes known values, so a create
// that fails before the first read still saves a valid state.
func (m *runCommandModel) setUnknownComputed() {
	for _, v := range []*types.String{&m.Name, &m.WorkingDir, &m.Username, &m.InvocationStatus, &m.CreatedTime} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.Results.IsUnknown() {
		m.Results = types.ListNull(resultType)
	}
	m.NullUnknownOutputs()
}

// refresh copies the invocation into the model. The arguments are taken
// from the API only after an import (withArguments): a run never changes,
// and the configuration is what was sent.
func (m *runCommandModel) refresh(ctx context.Context, client *conns.ECSClient, inv *invocation, withArguments bool, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(inv.InvokeId)
	m.CommandID = types.StringPointerValue(inv.CommandId)
	m.InvocationStatus = types.StringValue(flex.StringValue(inv.InvocationStatus))
	m.CreatedTime = types.StringValue(flex.StringValue(inv.CreationTime))
	// Cloud Assistant fills these in when the configuration leaves them out.
	m.Name = filledInByCloud(inv.CommandName, m.Name)
	m.WorkingDir = filledInByCloud(inv.WorkingDir, m.WorkingDir)
	m.Username = filledInByCloud(inv.Username, m.Username)
	if withArguments {
		m.importArguments(inv, diags)
		m.KeepCommand = types.BoolValue(commandKept(ctx, client, m.RegionID.ValueString(), m.CommandID.ValueString(), diags))
	}
}

// importArguments fills the arguments an import cannot know from the
// configuration with what the invocation reports. windows_password_name,
// resource_group_id, resource_tags and triggers are not reported.
func (m *runCommandModel) importArguments(inv *invocation, diags *diag.Diagnostics) {
	m.Type = types.StringValue(flex.StringValue(inv.CommandType))
	m.CommandContent = types.StringValue(flex.DecodeContent(inv.CommandContent))
	m.Description = stringOrPrior(inv.CommandDescription, m.Description)
	m.Timeout = types.Int64Value(int64Value(inv.Timeout))
	m.RepeatMode = types.StringValue(string(RepeatOnce))
	if mode := flex.StringValue(inv.RepeatMode); mode != "" {
		m.RepeatMode = types.StringValue(mode)
	}
	m.Frequency = stringOrPrior(inv.Frequency, m.Frequency)
	m.ContainerID = stringOrPrior(inv.ContainerId, m.ContainerID)
	m.ContainerName = stringOrPrior(inv.ContainerName, m.ContainerName)
	m.TerminationMode = stringOrPrior(inv.TerminationMode, m.TerminationMode)
	m.Launcher = stringOrPrior(inv.Launcher, m.Launcher)
	m.Tags = invocationTagsFromAPI(inv.Tags, m.Tags, diags)
	// The parameters are never read back: they may have been sent
	// write-only (parameters_wo), and the first apply after the import
	// takes them from the configuration. Parameters are only accepted
	// with enable_parameter, so their presence tells it; the API does not
	// report the flag itself.
	sent := flex.ParametersFromJSON(inv.Parameters, types.MapNull(types.StringType), diags)
	m.EnableParameter = types.BoolValue(len(sent.Elements()) > 0)
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

// commandKept tells whether the command of a run outlived it, which is what
// keep_command asked for; the invocation does not report the flag.
func commandKept(ctx context.Context, client *conns.ECSClient, region, commandID string, diags *diag.Diagnostics) bool {
	_, err := findCommand(ctx, client, region, commandID)
	if err != nil && !errors.Is(err, errNotFound) {
		diags.Append(framework.APIErrorDiagnostic("Error Reading ECS Command", "read ECS command "+commandID+" of the imported invocation", err))
	}
	return err == nil
}

// filledInByCloud is the API's value of an argument it fills in, or the current
// value when the API says nothing.
func filledInByCloud(p *string, current types.String) types.String {
	if p == nil || *p == "" {
		if current.IsUnknown() {
			return types.StringNull()
		}
		return current
	}
	return types.StringValue(*p)
}

func invocationTagsFromAPI(tags *ecs.DescribeInvocationsResponseBodyInvocationsInvocationTags, prior types.Map, diags *diag.Diagnostics) types.Map {
	m := map[string]string{}
	if tags != nil {
		for _, t := range tags.Tag {
			if t != nil && t.TagKey != nil {
				m[*t.TagKey] = flex.StringValue(t.TagValue)
			}
		}
	}
	return flex.MapOrPrior(m, prior, diags)
}

// keptCommandID is the command a run kept (keep_command), which carries
// the run's tags too; "" when RunCommand kept none.
func keptCommandID(m runCommandModel) string {
	if !m.KeepCommand.ValueBool() {
		return ""
	}
	return m.CommandID.ValueString()
}

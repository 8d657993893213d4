package ecs

import (
	"context"
	"errors"
	"maps"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Limits of ECS RunCommand (CommandContent, InstanceId, Parameters), and
// of both RunCommand and InvokeCommand (ResourceTag, Username,
// WindowsPasswordName).
const (
	runCommandContentMaxBase64 = 24 * 1024
	runCommandInstancesMax     = 100
	runCommandParametersMax    = 10
	runResourceTagsMax         = 10
	runUsernameMaxLen          = 255
	runPasswordNameMaxLen      = 255
)

// TerminationModes are how Cloud Assistant stops a command: its process
// only, or the process and every child.
var TerminationModes = []string{"Process", "ProcessTree"}

var (
	_ runs.RunResource                      = (*runCommandResource)(nil)
	_ resource.ResourceWithConfigValidators = (*runCommandResource)(nil)
)

// NewRunCommandResource is the cloudcmd_ecs_run_command resource: an ECS
// run whose tags change in place, and whose kept command goes with it.
func NewRunCommandResource() resource.Resource {
	r := &runCommandResource{Resource: ecsRunResource[runCommandModel]("ecs_run_command")}
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
	runs.ParameterValues
	runCommandArgumentsModel
	CommandID   types.String `tfsdk:"command_id"`
	CreatedTime types.String `tfsdk:"created_time"`
}

// runCommandArgumentsModel is what RunCommand is sent but the parameters:
// the arguments of the resource and of the action of that name.
type runCommandArgumentsModel struct {
	runArgumentsModel
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	Type            types.String `tfsdk:"type"`
	CommandContent  types.String `tfsdk:"command_content"`
	WorkingDir      types.String `tfsdk:"working_dir"`
	Timeout         types.Int64  `tfsdk:"timeout"`
	EnableParameter types.Bool   `tfsdk:"enable_parameter"`
	KeepCommand     types.Bool   `tfsdk:"keep_command"`
	TerminationMode types.String `tfsdk:"termination_mode"`
	Launcher        types.String `tfsdk:"launcher"`
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
	attrs := runArgumentsAttributes(runArgumentsDocs{
		InstancesMax: runCommandInstancesMax,
		Tagged:       "the invocation and the command",
		Retagged:     "the invocation (and the kept command)",
	})
	maps.Copy(attrs, runCommandScriptAttributes())
	maps.Copy(attrs, runCommandBehaviourAttributes(ctx))
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
		"keep_command": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Keep the command in Cloud Assistant after the run, as `command_id`. Destroying the resource deletes it.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
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
	return runCommandRules("parameters", "parameters_wo")
}

// runCommandRules are the rules across RunCommand's arguments, of the
// resource and of the action; parameters are the attributes taking
// parameter values.
func runCommandRules(parameters ...string) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("instance_ids"), path.MatchRoot("resource_tags")),
		waitForAgentsRule{},
		scheduleRule{},
		scheduleTimeoutRule{defaultTimeout: commandTimeoutDefault},
		contentSizeRule{},
		parametersRule{attributes: parameters},
	}
}

func (r *runCommandResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planDefaultRegion(ctx, r.Clients, req, resp)
}

// request is the RunCommand run of the model's arguments. Write-only
// parameters come from the configuration, since they are never in the plan.
func (m *runCommandModel) request(ctx context.Context, client *conns.ECSClient, region string, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run {
	return newRunCommandRun(client, region, m.Args(ctx, m.ToSend(ctx, writeOnlyParams, diags), diags))
}

func (m *runCommandModel) commandID() *types.String { return &m.CommandID }
func (m *runCommandModel) subject() string          { return "ECS Command" }
func (m *runCommandModel) describe() string         { return "ECS invocation " + m.ID.ValueString() }

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

// Args are RunCommand's arguments with these parameter values; a timeout
// left out (in an action: the resource's has a default) is the default.
func (m runCommandArgumentsModel) Args(ctx context.Context, parameters map[string]string, diags *diag.Diagnostics) RunCommandArgs {
	timeout := int64(commandTimeoutDefault)
	if !m.Timeout.IsNull() {
		timeout = m.Timeout.ValueInt64()
	}
	return RunCommandArgs{
		RegionID:            m.RegionID.ValueString(),
		Type:                m.Type.ValueString(),
		CommandContent:      m.CommandContent.ValueString(),
		Name:                m.Name.ValueString(),
		Description:         m.Description.ValueString(),
		WorkingDir:          m.WorkingDir.ValueString(),
		Timeout:             timeout,
		EnableParameter:     m.EnableParameter.ValueBool(),
		Parameters:          parameters,
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
	flex.NullUnknownStrings(&m.Name, &m.WorkingDir, &m.Username, &m.CreatedTime)
	m.NullUnknownComputed(resultType)
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
	m.Name = flex.FilledInByCloud(inv.CommandName, m.Name)
	m.WorkingDir = flex.FilledInByCloud(inv.WorkingDir, m.WorkingDir)
	m.Username = flex.FilledInByCloud(inv.Username, m.Username)
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
	m.TerminationMode = stringOrPrior(inv.TerminationMode, m.TerminationMode)
	m.Launcher = stringOrPrior(inv.Launcher, m.Launcher)
	m.runArgumentsModel.importArguments(inv, diags)
	// The parameters are never read back: they may have been sent
	// write-only (parameters_wo), and the first apply after the import
	// takes them from the configuration. Parameters are only accepted
	// with enable_parameter, so their presence tells it; the API does not
	// report the flag itself.
	sent := flex.ParametersFromJSON(inv.Parameters, types.MapNull(types.StringType), diags)
	m.EnableParameter = types.BoolValue(len(sent.Elements()) > 0)
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

// keptCommandID is the command a run kept (keep_command), which carries
// the run's tags too; "" when RunCommand kept none.
func keptCommandID(m runCommandModel) string {
	if !m.KeepCommand.ValueBool() {
		return ""
	}
	return m.CommandID.ValueString()
}

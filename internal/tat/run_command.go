package tat

import (
	"context"
	"errors"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
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

var (
	_ runs.RunResource                      = (*runCommandResource)(nil)
	_ resource.ResourceWithConfigValidators = (*runCommandResource)(nil)
)

// NewRunCommandResource is the cloudcmd_tat_run_command resource: a TAT
// run whose saved command changes its tags in place, and goes with it.
func NewRunCommandResource() resource.Resource {
	r := &runCommandResource{Resource: tatRunResource[runCommandModel]("tat_run_command")}
	r.UpdateInPlace = retagSavedCommand
	r.AfterDelete = deleteSavedCommand
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
	runTargetModel
	Content           types.String `tfsdk:"content"`
	CommandType       types.String `tfsdk:"command_type"`
	CommandName       types.String `tfsdk:"command_name"`
	Description       types.String `tfsdk:"description"`
	WorkingDirectory  types.String `tfsdk:"working_directory"`
	Timeout           types.Int64  `tfsdk:"timeout"`
	Username          types.String `tfsdk:"username"`
	EnableParameter   types.Bool   `tfsdk:"enable_parameter"`
	DefaultParameters types.Map    `tfsdk:"default_parameters"`
	SaveCommand       types.Bool   `tfsdk:"save_command"`
	Tags              types.Map    `tfsdk:"tags"`
}

func (r *runCommandResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := runCommandScriptAttributes()
	for name, a := range runCommandTargetAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs a script on CVM, Lighthouse or TAT managed instances in one call (RunCommand), waits for it, and records each " +
			"instance's status, exit code and output. The apply fails when the script fails, unless `fail_on_error = false`. " +
			"Changing any argument but the behaviour switches runs the script again, as does any change of `triggers`.",
		Attributes: withRunAttributes(ctx, attrs),
	}
}

// runCommandScriptAttributes describe the script: the command RunCommand
// makes.
func runCommandScriptAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepOrReplace := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"content": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "The script, as plain text; the provider base64-encodes it. At most 64 KB once encoded. " +
				"With `enable_parameter`, `{{name}}` placeholders take the values of `parameters`.",
			Validators: commandContentValidators(), PlanModifiers: replace,
		},
		"command_type": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(CommandTypes[0]),
			MarkdownDescription: "Script kind: `SHELL` (default), `POWERSHELL` or `BAT`.",
			Validators:          []validator.String{stringvalidator.OneOf(CommandTypes...)}, PlanModifiers: replace,
		},
		"command_name": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Name of the command: at most 60 bytes of letters, digits, Chinese characters, `_`, `-` and `.`. " +
				"Required with `save_command`, and then unique in the region.",
			Validators: commandNameValidators(), PlanModifiers: keepOrReplace,
		},
		"description": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Description of the command, at most 120 characters.",
			Validators: []validator.String{stringvalidator.UTF8LengthAtMost(commandDescriptionMaxLen)}, PlanModifiers: replace,
		},
		"working_directory": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Directory to run in. TAT's default is `/root` for SHELL and the agent's work directory on Windows.",
			PlanModifiers:       keepOrReplace,
		},
		"timeout": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(commandTimeoutDefault),
			MarkdownDescription: "Seconds the script may run, 1 to 86400. Default 60.",
			Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		},
		"username": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "User to run as. TAT's default is `root` on Linux and `System` on Windows.",
			PlanModifiers:       keepOrReplace,
		},
		"enable_parameter": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the content uses `{{name}}` parameters. Required for `default_parameters`, `parameters` and `parameters_wo`.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"default_parameters": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Default parameter values, for the parameters `parameters` leaves out. At most 20; names are 1 to 64 characters " +
				"of letters, digits, `_` and `-`. Needs `enable_parameter = true`.",
			Validators:    validate.ParameterMap(commandParametersMax),
			PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
		},
	}
	maps.Copy(attrs, runs.ParameterAttributes(invocationParametersMax, "Values for the content's `{{name}}` parameters; `default_parameters` fill the rest. At most 20; "+
		"names are 1 to 64 characters of letters, digits, `_` and `-`. Needs `enable_parameter = true`. "+
		"Stored in state (marked sensitive): use `parameters_wo` for secrets.", "TAT", "script"))
	return attrs
}

// runCommandTargetAttributes choose where the script runs
// (runTargetAttributes), and whether its command outlives the run.
func runCommandTargetAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"save_command": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Keep the command in TAT after the run, as `command_id`, for invocations and invokers to run again; " +
				"needs `command_name`. The saved command belongs to this resource: destroying or replacing it deletes the command.",
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Tags bound to the saved command, at most 10. Needs `save_command = true`. " +
				"Changing them changes the saved command in place through the Tag API (ModifyResourceTags), without running the script again.",
			Validators: commandTagsValidators(),
		},
		"command_id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "The ID of the command RunCommand created, `cmd-` followed by 8 characters. " +
				"It can be run again (by `cloudcmd_tat_invocation`) only with `save_command`.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	maps.Copy(attrs, runTargetAttributes())
	return attrs
}

func (r *runCommandResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return runCommandRules("parameters", "parameters_wo")
}

// runCommandRules are the rules across RunCommand's arguments, of the
// resource and of the action; parameters are the attributes taking
// parameter values.
func runCommandRules(parameters ...string) []resource.ConfigValidator {
	rules := []resource.ConfigValidator{defaultParametersNeedEnableParameter}
	for _, attribute := range parameters {
		rules = append(rules, needsEnableParameter{attribute: attribute, what: "parameter values"})
	}
	return append(rules, saveCommandRule{})
}

// ModifyPlan reports at plan that TAT cannot be reached with the provider's
// settings (credentials, region), instead of at apply.
func (r *runCommandResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.CheckTATAtPlan(r.Clients, req, &resp.Diagnostics)
}

// retagSavedCommand sets the saved command's tags to the plan's, through
// the Tag API: tags are only taken with save_command, so there is always a
// command to tag.
func retagSavedCommand(ctx context.Context, clients *conns.Clients, plan, state *runCommandModel, diags *diag.Diagnostics) {
	if plan.Tags.Equal(state.Tags) {
		return
	}
	client := tatClient(clients, diags)
	if client == nil {
		return
	}
	id := state.CommandID.ValueString()
	if err := modifyCommandTags(ctx, client, id, state.Tags, plan.Tags, diags); err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Updating TAT Command Tags", "change the tags of TAT command "+id, err))
		return
	}
	state.Tags = plan.Tags
}

// deleteSavedCommand deletes the command a run saved. It was made by this
// resource and goes with it: left behind, it would hold its name, and the
// next run of the same configuration (a replacement, a change of
// triggers) could not save its own. It outlives the run, so deleting it
// needs the API even when the run is history.
func deleteSavedCommand(ctx context.Context, clients *conns.Clients, state *runCommandModel, diags *diag.Diagnostics) {
	if !state.SaveCommand.ValueBool() || state.CommandID.ValueString() == "" {
		return
	}
	client := tatClient(clients, diags)
	if client == nil {
		return
	}
	_, err := client.DeleteCommand(ctx, &tat.DeleteCommandRequest{CommandId: state.CommandID.ValueStringPointer()})
	if err != nil && !conns.IsCode(err, "ResourceNotFound.CommandNotFound") {
		diags.Append(framework.APIErrorDiagnostic("Error Deleting TAT Command", "delete the saved TAT command "+state.CommandID.ValueString(), err))
	}
}

// request is the RunCommand run of the model's arguments. Write-only
// parameters come from the configuration, since they are never in the plan.
func (m *runCommandModel) request(ctx context.Context, client *conns.TATClient, writeOnlyParams types.Map, diags *diag.Diagnostics) *Run {
	return newRunCommandRun(client, m.Args(ctx, m.ToSend(ctx, writeOnlyParams, diags), diags))
}

func (m *runCommandModel) commandID() *types.String { return &m.CommandID }

// Args are RunCommand's arguments with these parameter values; a timeout
// left out (in an action: the resource's has a default) is the default.
func (m runCommandArgumentsModel) Args(ctx context.Context, parameters map[string]string, diags *diag.Diagnostics) RunCommandArgs {
	timeout := int64(commandTimeoutDefault)
	if !m.Timeout.IsNull() {
		timeout = m.Timeout.ValueInt64()
	}
	return RunCommandArgs{
		Content:            m.Content.ValueString(),
		CommandType:        m.CommandType.ValueString(),
		InstanceIDs:        flex.SetStrings(ctx, m.InstanceIDs, diags),
		CommandName:        m.CommandName.ValueString(),
		Description:        m.Description.ValueString(),
		WorkingDirectory:   m.WorkingDirectory.ValueString(),
		Username:           m.Username.ValueString(),
		Timeout:            timeout,
		EnableParameter:    m.EnableParameter.ValueBool(),
		DefaultParameters:  flex.StringMap(ctx, m.DefaultParameters, diags),
		Parameters:         parameters,
		SaveCommand:        m.SaveCommand.ValueBool(),
		Tags:               flex.StringMap(ctx, m.Tags, diags),
		OutputCOSBucketURL: m.OutputCOSBucketURL.ValueString(),
		OutputCOSKeyPrefix: m.OutputCOSKeyPrefix.ValueString(),
	}
}

// setUnknownComputed gives computed attributes known values, so a create
// that fails before the first read still saves a valid state.
func (m *runCommandModel) setUnknownComputed() {
	flex.NullUnknownStrings(&m.CommandName, &m.WorkingDirectory, &m.Username, &m.CommandID, &m.CreatedTime)
	m.NullUnknownComputed(taskResultType)
}

// refresh copies the invocation into the model. The arguments are taken
// from the API only after an import (withArguments): a run never changes,
// and the configuration is what was sent.
func (m *runCommandModel) refresh(ctx context.Context, client *conns.TATClient, inv *tat.Invocation, withArguments bool, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(inv.InvocationId)
	m.CommandID = flex.FilledInByCloud(inv.CommandId, m.CommandID)
	m.InvocationStatus = types.StringValue(flex.StringValue(inv.InvocationStatus))
	m.CreatedTime = types.StringValue(flex.StringValue(inv.CreatedTime))
	// TAT fills these in when the configuration leaves them out.
	m.CommandName = flex.FilledInByCloud(inv.CommandName, m.CommandName)
	m.WorkingDirectory = flex.FilledInByCloud(inv.WorkingDirectory, m.WorkingDirectory)
	m.Username = flex.FilledInByCloud(inv.Username, m.Username)
	m.refreshInstanceIDs(ctx, inv, diags)
	if withArguments {
		m.importArguments(ctx, client, inv, diags)
	}
}

// importArguments fills the arguments an import cannot know from the
// configuration with what the invocation reports, and what its command
// reports when it was saved: description, tags and enable_parameter are
// recorded only there. triggers cannot be known.
func (m *runCommandModel) importArguments(ctx context.Context, client *conns.TATClient, inv *tat.Invocation, diags *diag.Diagnostics) {
	m.Content = types.StringValue(flex.DecodeContent(inv.CommandContent))
	m.CommandType = types.StringValue(CommandTypes[0])
	if kind := flex.StringValue(inv.CommandType); kind != "" {
		m.CommandType = types.StringValue(kind)
	}
	m.Timeout = types.Int64Value(int64(uint64Value(inv.Timeout)))
	m.refreshOutputCOS(inv)
	// The parameters are never read back: they may have been sent
	// write-only (parameters_wo), and the first apply after the import
	// takes them from the configuration.
	sent := flex.ParametersFromJSON(inv.Parameters, types.MapNull(types.StringType), diags)
	m.DefaultParameters = flex.ParametersFromJSON(inv.DefaultParameters, m.DefaultParameters, diags)
	cmd, saved := savedCommand(ctx, client, flex.StringValue(inv.CommandId), diags)
	m.SaveCommand = types.BoolValue(saved)
	if !saved {
		// Parameters are accepted only with enable_parameter, so their
		// presence tells it; an unsaved command's flag is not reported.
		m.EnableParameter = types.BoolValue(len(sent.Elements())+len(m.DefaultParameters.Elements()) > 0)
		return
	}
	m.EnableParameter = types.BoolValue(cmd.EnableParameter != nil && *cmd.EnableParameter)
	m.Description = flex.OptionalString(cmd.Description)
	m.Tags = tagsFromAPI(cmd.Tags, m.Tags, diags)
}

// savedCommand returns the command of a run when it outlived it, which is
// what save_command asked for; the invocation does not report the flag.
func savedCommand(ctx context.Context, client *conns.TATClient, commandID string, diags *diag.Diagnostics) (*tat.Command, bool) {
	if commandID == "" {
		return nil, false
	}
	cmd, err := findCommand(ctx, client, commandID)
	if err != nil && !errors.Is(err, errNotFound) {
		diags.Append(framework.APIErrorDiagnostic("Error Reading TAT Command", "read TAT command "+commandID+" of the imported invocation", err))
	}
	return cmd, err == nil
}

// saveCommandRule applies what RunCommand asks of a saved command: a name,
// as every saved command has one (CreateCommand requires it); and tags,
// which TAT binds to a saved command only (RunCommand: Tags "is available
// when SaveCommand is True").
type saveCommandRule struct{}

func (saveCommandRule) Description(_ context.Context) string {
	return "save_command = true needs command_name; tags need save_command = true"
}

func (v saveCommandRule) MarkdownDescription(ctx context.Context) string {
	return "`save_command = true` needs `command_name`; `tags` need `save_command = true`"
}

func (saveCommandRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var save types.Bool
	var name types.String
	var tags types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("save_command"), &save)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("command_name"), &name)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if resp.Diagnostics.HasError() || save.IsUnknown() {
		return
	}
	if save.ValueBool() && name.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("command_name"), "Command Name Required",
			"Attribute command_name must be set when save_command = true: a saved TAT command needs a name, unique in the region.")
	}
	if !save.ValueBool() && !tags.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Tags Need A Saved Command",
			"Attribute tags can be set only when save_command = true: TAT binds tags to a saved command only.")
	}
}

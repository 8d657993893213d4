package ecs

import (
	"context"
	"errors"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// CommandTypes are the script kinds Cloud Assistant runs: shell on Linux,
// batch and PowerShell on Windows.
var CommandTypes = []string{"RunShellScript", "RunBatScript", "RunPowerShellScript"}

// Cloud Assistant's documented limits for saved commands.
const (
	commandNameMaxLen        = 128
	commandDescriptionMaxLen = 512
	commandContentMaxBase64  = 18 * 1024
	commandWorkingDirMaxLen  = 200
	commandLauncherMaxBytes  = 1024
	commandTimeoutMin        = 10
	commandTimeoutMax        = 86400
	commandTimeoutDefault    = 60
)

var _ resource.ResourceWithModifyPlan = (*commandResource)(nil)

// NewCommandResource is the cloudcmd_ecs_command resource. Its region is
// its own argument, region_id; an import by ID alone looks the command up
// in the provider's default region, an identity's region (when given) is
// where it is looked up.
func NewCommandResource() resource.Resource {
	return &commandResource{LiveObjectResource: framework.LiveObjectResource[commandModel, conns.ECSClient]{
		ResourceBase:    framework.NewResourceBase("ecs_command"),
		Title:           "ECS Command",
		Name:            "ECS command",
		RegionAttribute: "region_id",
		NotFound:        errNotFound,
		DeleteGoneCode:  "InvalidCmdId.NotFound",
		Client: func(clients *conns.Clients, m *commandModel, diags *diag.Diagnostics) (*conns.ECSClient, string) {
			return clientIn(clients, m.RegionID, diags)
		},
		CreateObject: createCommand,
		ReadObject:   readCommand,
		UpdateObject: updateCommand,
		DeleteObject: deleteCommand,
		ImportID:     importByIDOrIdentity,
	}}
}

type commandResource struct {
	framework.LiveObjectResource[commandModel, conns.ECSClient]
}

type commandModel struct {
	ID              types.String `tfsdk:"id"`
	RegionID        types.String `tfsdk:"region_id"`
	Name            types.String `tfsdk:"name"`
	CommandContent  types.String `tfsdk:"command_content"`
	Description     types.String `tfsdk:"description"`
	Type            types.String `tfsdk:"type"`
	WorkingDir      types.String `tfsdk:"working_dir"`
	Timeout         types.Int64  `tfsdk:"timeout"`
	EnableParameter types.Bool   `tfsdk:"enable_parameter"`
	Launcher        types.String `tfsdk:"launcher"`
	Tags            types.Map    `tfsdk:"tags"`
	ResourceGroupID types.String `tfsdk:"resource_group_id"`
	CreatedTime     types.String `tfsdk:"created_time"`
	ParameterNames  types.List   `tfsdk:"parameter_names"`
}

func (r *commandResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A saved Cloud Assistant command (ECS CreateCommand) that invocations can run on ECS instances. " +
			"`name`, `description`, `working_dir`, `timeout` and `launcher` change in place through ModifyCommand, `tags` through TagResources and UntagResources; " +
			"any other change replaces the command.",
		Attributes: map[string]schema.Attribute{
			"id":        framework.SetOnceAttribute("The command ID, such as `c-hz0jdfwcsr1a2b3`."),
			"region_id": regionIDAttribute("command"),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Command name, 1 to 128 characters of any kind.",
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, commandNameMaxLen)},
			},
			"command_content": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The script, as plain text; the provider base64-encodes it. At most 18 KB (18432 bytes) once encoded. " +
					"With `enable_parameter`, `{{name}}` placeholders are filled in by each invocation. " +
					"ModifyCommand cannot change the content, so changing it replaces the command.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					validate.Base64LengthAtMost(commandContentMaxBase64),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:             stringdefault.StaticString(""),
				MarkdownDescription: "Description, at most 512 characters.",
				Validators:          []validator.String{stringvalidator.UTF8LengthAtMost(commandDescriptionMaxLen)},
			},
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Script kind: " + quotedList(CommandTypes) + ". Changing it replaces the command.",
				Validators:          []validator.String{stringvalidator.OneOf(CommandTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"working_dir": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Directory the command runs in, at most 200 characters. " +
					"Cloud Assistant's default is `/root` on Linux and the agent's directory (`C:\\Windows\\System32`) on Windows.",
				Validators: []validator.String{stringvalidator.UTF8LengthAtMost(commandWorkingDirMaxLen)},
			},
			"timeout": schema.Int64Attribute{
				Optional: true, Computed: true,
				Default:             int64default.StaticInt64(commandTimeoutDefault),
				MarkdownDescription: "Seconds the command may run before the agent stops it, 10 to 86400. Default 60.",
				Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			},
			"enable_parameter": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Whether the content uses `{{name}}` parameters. Cloud Assistant cannot change this after creation, so changing it replaces the command.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"launcher": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Launcher that runs the script file, at most 1024 bytes, " +
					"such as `python3 -u {{ACS::ScriptFileName|Ext(\".py\")}}`.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, commandLauncherMaxBytes)},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Tags bound to the command, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
					"values are at most 128 characters; neither may contain `http://` or `https://`. " +
					"Changing them changes the command in place (TagResources and UntagResources): the command keeps its ID, so no invocation runs again.",
				Validators: validate.AlibabaTags(),
			},
			"resource_group_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Resource group of the command; the account's default group when unset. Changing it replaces the command.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"created_time": framework.SetOnceAttribute("When the command was created (ISO 8601, UTC)."),
			"parameter_names": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "The `{{name}}` parameters Cloud Assistant found in the content when `enable_parameter` is true; empty otherwise.",
				// Only the content and enable_parameter decide the names,
				// and changing either replaces the command.
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *commandResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planDefaultRegion(ctx, r.Clients, req, resp)
}

// createCommand makes the command of plan in region.
func createCommand(ctx context.Context, client *conns.ECSClient, region string, plan *commandModel, diags *diag.Diagnostics) string {
	in := &ecs.CreateCommandRequest{
		RegionId:        &region,
		Name:            plan.Name.ValueStringPointer(),
		Type:            plan.Type.ValueStringPointer(),
		CommandContent:  flex.EncodeContent(plan.CommandContent.ValueString()),
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
		Description:     plan.Description.ValueStringPointer(),
		Timeout:         plan.Timeout.ValueInt64Pointer(),
		EnableParameter: plan.EnableParameter.ValueBoolPointer(),
		Tag:             tagsToAPI(flex.StringMap(ctx, plan.Tags, diags)),
	}
	in.WorkingDir = flex.KnownStringPointer(plan.WorkingDir)
	in.Launcher = flex.KnownStringPointer(plan.Launcher)
	in.ResourceGroupId = flex.KnownStringPointer(plan.ResourceGroupID)
	if diags.HasError() {
		return ""
	}
	id, err := createCommandOrAdopt(ctx, client, in)
	switch {
	case errors.Is(err, errNoCommandID):
		diags.AddError("Unexpected API Response", "ECS CreateCommand succeeded but returned no command ID. This is a bug in the service or the provider; please report it.")
	case err != nil:
		diags.Append(framework.APIErrorDiagnostic("Error Creating ECS Command", "create ECS command "+plan.Name.ValueString()+" in "+region, err))
	}
	return id
}

// readCommand reads the command id of region into m.
func readCommand(ctx context.Context, client *conns.ECSClient, region, id string, m *commandModel, diags *diag.Diagnostics) error {
	command, err := findCommand(ctx, client, region, id)
	if err != nil {
		return err
	}
	m.RegionID = types.StringValue(region)
	m.fromAPI(command, diags)
	return nil
}

// updateCommand sends ModifyCommand when an argument it takes changed, and
// TagResources and UntagResources the changed tags.
func updateCommand(ctx context.Context, client *conns.ECSClient, region, id string, plan, state *commandModel, diags *diag.Diagnostics) {
	if commandArgumentsChanged(*plan, *state) {
		if _, err := client.ModifyCommand(ctx, modifyCommandRequest(*state, *plan)); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Updating ECS Command", "update ECS command "+id, err))
			return
		}
	}
	if !plan.Tags.Equal(state.Tags) {
		if err := changeTags(ctx, client, region, tagResourceTypeCommand, id, state.Tags, plan.Tags, diags); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Updating ECS Command Tags", "change the tags of ECS command "+id, err))
		}
	}
}

// commandArgumentsChanged reports whether an argument ModifyCommand takes
// is planned to change. A value still unknown (a computed default) is not a
// change of the configuration.
func commandArgumentsChanged(plan, state commandModel) bool {
	pairs := [][2]attr.Value{
		{plan.Name, state.Name}, {plan.Description, state.Description}, {plan.Timeout, state.Timeout},
		{plan.Launcher, state.Launcher}, {plan.WorkingDir, state.WorkingDir},
	}
	for _, p := range pairs {
		if !p[0].IsUnknown() && !p[0].Equal(p[1]) {
			return true
		}
	}
	return false
}

// modifyCommandRequest sends every argument ModifyCommand takes: unchanged
// values are harmless, and an emptied description or launcher is cleared.
// A working_dir left out is not sent, so the command keeps its own.
func modifyCommandRequest(state, plan commandModel) *ecs.ModifyCommandRequest {
	in := &ecs.ModifyCommandRequest{
		RegionId:    state.RegionID.ValueStringPointer(),
		CommandId:   state.ID.ValueStringPointer(),
		Name:        plan.Name.ValueStringPointer(),
		Description: plan.Description.ValueStringPointer(),
		Timeout:     plan.Timeout.ValueInt64Pointer(),
		Launcher:    flex.StringPtr(plan.Launcher.ValueString()),
	}
	in.WorkingDir = flex.KnownStringPointer(plan.WorkingDir)
	return in
}

func deleteCommand(ctx context.Context, client *conns.ECSClient, region, id string) error {
	_, err := client.DeleteCommand(ctx, &ecs.DeleteCommandRequest{RegionId: &region, CommandId: &id})
	return err
}

// importByIDOrIdentity imports a command or a run by its ID, or by an
// identity, whose region becomes its region_id.
func importByIDOrIdentity(ctx context.Context, _ *conns.Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	target, diags := framework.ImportTargetOf(ctx, req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), target.ID)...)
	if target.Region != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, regionIDPath, target.Region)...)
	}
}

// fromAPI copies what the API reports into the model. Optional arguments the
// API leaves empty stay as configured (null or empty), so plans stay clean.
func (m *commandModel) fromAPI(c *ecs.DescribeCommandsResponseBodyCommandsCommand, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(c.CommandId)
	m.Name = types.StringValue(flex.StringValue(c.Name))
	m.CommandContent = types.StringValue(flex.DecodeContent(c.CommandContent))
	m.Description = types.StringValue(flex.StringValue(c.Description))
	m.Type = types.StringPointerValue(c.Type)
	m.WorkingDir = types.StringValue(flex.StringValue(c.WorkingDir))
	m.Timeout = types.Int64Value(int64Value(c.Timeout))
	m.EnableParameter = types.BoolValue(c.EnableParameter != nil && *c.EnableParameter)
	m.Launcher = flex.OptionalString(c.Launcher)
	m.Tags = tagsFromAPI(c.Tags, m.Tags, diags)
	m.ResourceGroupID = flex.OptionalString(c.ResourceGroupId)
	m.CreatedTime = types.StringPointerValue(c.CreationTime)
	m.ParameterNames = parameterNamesFromAPI(c.ParameterNames, diags)
}

// quotedList renders values for a description: `a`, `b` or `c`.
func quotedList(values []string) string {
	var b strings.Builder
	for i, v := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString("`" + v + "`")
	}
	return b.String()
}

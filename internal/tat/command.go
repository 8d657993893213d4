package tat

import (
	"context"
	"regexp"
	"strings"

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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tagapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tag/v20180813"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// CommandTypes are the script kinds TAT runs; SHELL is the API's default.
var CommandTypes = []string{"SHELL", "POWERSHELL", "BAT"}

// TAT's documented limits for commands.
const (
	commandNameMaxBytes      = 60
	commandDescriptionMaxLen = 120
	commandContentMaxBase64  = 64 * 1024
	commandTimeoutMin        = 1
	commandTimeoutMax        = 86400
	commandTimeoutDefault    = 60
	commandParametersMax     = 20
	commandTagsMax           = 10
	// Tag ModifyResourceTags: ReplaceTags and DeleteTags hold at most 10
	// tags each.
	modifyResourceTagsMax = 10
)

var commandNamePattern = regexp.MustCompile(`^[\p{Han}a-zA-Z0-9_.-]+$`)

var (
	_ resource.ResourceWithModifyPlan       = (*commandResource)(nil)
	_ resource.ResourceWithConfigValidators = (*commandResource)(nil)
)

// NewCommandResource is the cloudcmd_tat_command resource.
func NewCommandResource() resource.Resource {
	r := &commandResource{LiveObjectResource: tatObjectResource[commandModel]("tat_command", "Command")}
	r.CreateObject = createCommand
	r.ReadObject = readCommand
	r.UpdateObject = updateCommand
	r.KeepPlanned = keepPlannedTags
	r.DeleteObject = deleteCommand
	r.DeleteGoneCode = "ResourceNotFound.CommandNotFound"
	return r
}

type commandResource struct {
	framework.LiveObjectResource[commandModel, conns.TATClient]
}

// tatObjectResource is the base of a resource managing a TAT object of
// this kind, such as "Command": TAT objects live in the provider's region
// and are imported by ID or by an identity naming that region.
func tatObjectResource[M any](typeName, kind string) framework.LiveObjectResource[M, conns.TATClient] {
	return framework.LiveObjectResource[M, conns.TATClient]{
		ResourceBase: framework.NewResourceBase(typeName),
		Title:        "TAT " + kind,
		Name:         "TAT " + strings.ToLower(kind),
		NotFound:     errNotFound,
		Client: func(clients *conns.Clients, _ *M, diags *diag.Diagnostics) (*conns.TATClient, string) {
			client := tatClient(clients, diags)
			if client == nil {
				return nil, ""
			}
			return client, client.Region()
		},
		ImportID: importByIDOrIdentity,
	}
}

type commandModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	Content            types.String `tfsdk:"content"`
	Description        types.String `tfsdk:"description"`
	CommandType        types.String `tfsdk:"command_type"`
	WorkingDirectory   types.String `tfsdk:"working_directory"`
	Timeout            types.Int64  `tfsdk:"timeout"`
	Username           types.String `tfsdk:"username"`
	EnableParameter    types.Bool   `tfsdk:"enable_parameter"`
	DefaultParameters  types.Map    `tfsdk:"default_parameters"`
	OutputCOSBucketURL types.String `tfsdk:"output_cos_bucket_url"`
	OutputCOSKeyPrefix types.String `tfsdk:"output_cos_key_prefix"`
	Tags               types.Map    `tfsdk:"tags"`
	CreatedTime        types.String `tfsdk:"created_time"`
	UpdatedTime        types.String `tfsdk:"updated_time"`
}

func (r *commandResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A saved TAT command (CreateCommand) that invocations and invokers can run on CVM and Lighthouse instances. " +
			"Every argument but `enable_parameter` changes in place: `tags` through the Tag API, the others through ModifyCommand.",
		Attributes: map[string]schema.Attribute{
			"id": framework.SetOnceAttribute("The command ID, `cmd-` followed by 8 characters."),
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Command name: at most 60 bytes of letters, digits, Chinese characters, `_`, `-` and `.`; unique in the region.",
				Validators:          commandNameValidators(),
			},
			"content": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The script, as plain text; the provider base64-encodes it. At most 64 KB once encoded. With `enable_parameter`, `{{name}}` placeholders are replaced by parameters.",
				Validators:          commandContentValidators(),
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:             stringdefault.StaticString(""),
				MarkdownDescription: "Description, at most 120 characters.",
				Validators:          []validator.String{stringvalidator.UTF8LengthAtMost(commandDescriptionMaxLen)},
			},
			"command_type": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:             stringdefault.StaticString(CommandTypes[0]),
				MarkdownDescription: "Script kind: `SHELL` (default), `POWERSHELL` or `BAT`.",
				Validators:          []validator.String{stringvalidator.OneOf(CommandTypes...)},
			},
			"working_directory": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Directory the command runs in. TAT's default is `/root` for SHELL and the agent's work directory on Windows.",
			},
			"timeout": schema.Int64Attribute{
				Optional: true, Computed: true,
				Default:             int64default.StaticInt64(commandTimeoutDefault),
				MarkdownDescription: "Seconds the command may run, 1 to 86400. Default 60.",
				Validators:          []validator.Int64{int64validator.Between(commandTimeoutMin, commandTimeoutMax)},
			},
			"username": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "User the command runs as. TAT's default is `root` on Linux and `System` on Windows.",
			},
			"enable_parameter": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Whether the content uses `{{name}}` parameters. TAT cannot change this after creation, so changing it replaces the command.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"default_parameters": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Default parameter values, used when an invocation does not set them. At most 20; names are 1 to 64 characters of letters, digits, `_` and `-`. Needs `enable_parameter = true`.",
				Validators:          validate.ParameterMap(commandParametersMax),
			},
			"output_cos_bucket_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "COS bucket that receives the full output of each run: `https://<bucket>-<appid>.cos.<region>.myqcloud.com`.",
				Validators:          []validator.String{validate.COSBucketURL()},
			},
			"output_cos_key_prefix": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Folder for output in the COS bucket: at most 60 visible characters, `/` separating folders, not starting with `/`, without `//` or a `..` folder. Needs `output_cos_bucket_url`.",
				Validators: []validator.String{
					validate.COSKeyPrefix(),
					stringvalidator.AlsoRequires(path.MatchRoot("output_cos_bucket_url")),
				},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Tags bound to the command, at most 10. Keys are 1 to 127 characters and must not be `project` nor start with `qcloud:`, `tencent:`, `qcs:` or `project:`; " +
					"values are at most 255 characters; both hold only letters, digits, inner spaces and `+ - = . _ : / @ ( ) [ ] , ; > <`. " +
					"Changing them changes the command in place through the Tag API (ModifyResourceTags): the command keeps its ID, so no invocation runs again.",
				Validators: commandTagsValidators(),
			},
			"created_time": framework.SetOnceAttribute("When the command was created (RFC 3339)."),
			"updated_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the command was last changed (RFC 3339).",
			},
		},
	}
}

// commandNameValidators are the rules of a command's name (CreateCommand
// and RunCommand: CommandName).
func commandNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, commandNameMaxBytes),
		stringvalidator.RegexMatches(commandNamePattern, "must contain only letters, digits, Chinese characters, underscores (_), hyphens (-) and dots (.)"),
	}
}

// commandContentValidators are the rules of a script (CreateCommand and
// RunCommand: Content, at most 64 KB once base64-encoded).
func commandContentValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtLeast(1),
		validate.Base64LengthAtMost(commandContentMaxBase64),
	}
}

// commandTagsValidators are the rules of a command's tags (CreateCommand
// and RunCommand: Tags, at most 10).
func commandTagsValidators() []validator.Map {
	return validate.TencentTags(commandTagsMax)
}

func (r *commandResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{defaultParametersNeedEnableParameter}
}

// ModifyPlan reports at plan that TAT cannot be reached with the provider's
// settings (credentials, region), instead of at apply.
func (r *commandResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.CheckTATAtPlan(r.Clients, req, &resp.Diagnostics)
}

// createCommand makes the command of plan. CreateCommand takes no
// idempotency token: after a failure that leaves unknown whether it went
// through, the command it made is adopted rather than created again.
func createCommand(ctx context.Context, client *conns.TATClient, _ string, plan *commandModel, diags *diag.Diagnostics) string {
	in := &tat.CreateCommandRequest{
		CommandName:     plan.Name.ValueStringPointer(),
		Content:         flex.EncodeContent(plan.Content.ValueString()),
		Description:     plan.Description.ValueStringPointer(),
		CommandType:     plan.CommandType.ValueStringPointer(),
		Timeout:         uint64Ptr(plan.Timeout.ValueInt64()),
		EnableParameter: plan.EnableParameter.ValueBoolPointer(),
		Tags:            tagsToAPI(flex.StringMap(ctx, plan.Tags, diags)),
	}
	in.WorkingDirectory = flex.KnownStringPointer(plan.WorkingDirectory)
	in.Username = flex.KnownStringPointer(plan.Username)
	in.OutputCOSBucketUrl = flex.KnownStringPointer(plan.OutputCOSBucketURL)
	in.OutputCOSKeyPrefix = flex.KnownStringPointer(plan.OutputCOSKeyPrefix)
	in.DefaultParameters = flex.ParametersJSON(flex.StringMap(ctx, plan.DefaultParameters, diags))
	if diags.HasError() {
		return ""
	}
	id, _, err := createCommandOrAdopt(ctx, client, in)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Creating TAT Command", "create TAT command "+plan.Name.ValueString(), err))
	}
	return id
}

// readCommand reads the command id into m.
func readCommand(ctx context.Context, client *conns.TATClient, _, id string, m *commandModel, diags *diag.Diagnostics) error {
	command, err := findCommand(ctx, client, id)
	if err != nil {
		return err
	}
	m.fromAPI(command, diags)
	return nil
}

// updateCommand sends ModifyCommand when an argument it takes changed, and
// the Tag API the changed tags.
func updateCommand(ctx context.Context, client *conns.TATClient, _, id string, plan, state *commandModel, diags *diag.Diagnostics) {
	if commandArgumentsChanged(*plan, *state) {
		if err := modifyCommand(ctx, client, id, *plan, diags); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Updating TAT Command", "update TAT command "+id, err))
			return
		}
		if diags.HasError() {
			return
		}
	}
	if !plan.Tags.Equal(state.Tags) {
		if err := modifyCommandTags(ctx, client, id, state.Tags, plan.Tags, diags); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Updating TAT Command Tags", "change the tags of TAT command "+id, err))
		}
	}
}

// keepPlannedTags keeps the tags the Tag API accepted: it is the authority
// on them, and the next refresh reads them back like any other argument.
func keepPlannedTags(readBack, plan *commandModel) {
	readBack.Tags = plan.Tags
}

// commandArgumentsChanged reports whether an argument ModifyCommand takes
// is planned to change. A value still unknown (a computed default) is not a
// change of the configuration.
func commandArgumentsChanged(plan, state commandModel) bool {
	pairs := [][2]attr.Value{
		{plan.Name, state.Name}, {plan.Content, state.Content}, {plan.Description, state.Description},
		{plan.CommandType, state.CommandType}, {plan.WorkingDirectory, state.WorkingDirectory},
		{plan.Timeout, state.Timeout}, {plan.Username, state.Username},
		{plan.DefaultParameters, state.DefaultParameters},
		{plan.OutputCOSBucketURL, state.OutputCOSBucketURL}, {plan.OutputCOSKeyPrefix, state.OutputCOSKeyPrefix},
	}
	for _, p := range pairs {
		if !p[0].IsUnknown() && !p[0].Equal(p[1]) {
			return true
		}
	}
	return false
}

// modifyCommand sends the whole desired command to ModifyCommand, which
// takes every field: unchanged values are harmless and removed ones are
// reset.
func modifyCommand(ctx context.Context, client *conns.TATClient, id string, plan commandModel, diags *diag.Diagnostics) error {
	in := &tat.ModifyCommandRequest{
		CommandId:   &id,
		CommandName: plan.Name.ValueStringPointer(),
		Content:     flex.EncodeContent(plan.Content.ValueString()),
		Description: plan.Description.ValueStringPointer(),
		CommandType: plan.CommandType.ValueStringPointer(),
		Timeout:     uint64Ptr(plan.Timeout.ValueInt64()),
	}
	in.WorkingDirectory = flex.KnownStringPointer(plan.WorkingDirectory)
	in.Username = flex.KnownStringPointer(plan.Username)
	in.OutputCOSBucketUrl = flex.StringPtr(plan.OutputCOSBucketURL.ValueString())
	in.OutputCOSKeyPrefix = flex.StringPtr(plan.OutputCOSKeyPrefix.ValueString())
	if plan.EnableParameter.ValueBool() {
		// A full replacement: an empty object clears the defaults.
		in.DefaultParameters = flex.ParametersJSON(nonNilMap(flex.StringMap(ctx, plan.DefaultParameters, diags)))
	}
	if diags.HasError() {
		return nil
	}
	_, err := client.ModifyCommand(ctx, in)
	return err
}

// modifyCommandTags turns the command's tags from old into want through
// the Tag API's ModifyResourceTags: ModifyCommand takes no Tags, and
// replacing the command for a tag would give it a new ID and run again
// every invocation that uses it. ReplaceTags and DeleteTags take at most 10
// tags each, as many as a command may be created with; tags added outside
// Terraform may be more (a resource carries up to 50), so the changes go
// in calls of at most 10 of each.
func modifyCommandTags(ctx context.Context, client *conns.TATClient, id string, old, want types.Map, diags *diag.Diagnostics) error {
	set, removed := flex.TagChanges(flex.StringMap(ctx, old, diags), flex.StringMap(ctx, want, diags))
	if diags.HasError() || (len(set) == 0 && len(removed) == 0) {
		return nil
	}
	tags, err := client.Tags()
	if err != nil {
		return err
	}
	keys := flex.SortedKeys(set)
	for len(keys) > 0 || len(removed) > 0 {
		in := &tagapi.ModifyResourceTagsRequest{Resource: flex.StringPtr(conns.TATCommandResource(client.Region(), id))}
		n := min(len(keys), modifyResourceTagsMax)
		for _, k := range keys[:n] {
			in.ReplaceTags = append(in.ReplaceTags, &tagapi.Tag{TagKey: flex.StringPtr(k), TagValue: flex.StringPtr(set[k])})
		}
		keys = keys[n:]
		n = min(len(removed), modifyResourceTagsMax)
		for _, k := range removed[:n] {
			in.DeleteTags = append(in.DeleteTags, &tagapi.TagKeyObject{TagKey: flex.StringPtr(k)})
		}
		removed = removed[n:]
		if _, err := tags.ModifyResourceTags(ctx, in); err != nil {
			return err
		}
	}
	return nil
}

func deleteCommand(ctx context.Context, client *conns.TATClient, _, id string) error {
	_, err := client.DeleteCommand(ctx, &tat.DeleteCommandRequest{CommandId: &id})
	return err
}

// fromAPI copies what the API reports into the model. Optional arguments the
// API leaves empty stay as configured (null or empty), so plans stay clean.
func (m *commandModel) fromAPI(c *tat.Command, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(c.CommandId)
	m.Name = types.StringPointerValue(c.CommandName)
	m.Content = types.StringValue(flex.DecodeContent(c.Content))
	m.Description = types.StringValue(flex.StringValue(c.Description))
	m.CommandType = types.StringPointerValue(c.CommandType)
	m.WorkingDirectory = types.StringValue(flex.StringValue(c.WorkingDirectory))
	m.Timeout = types.Int64Value(int64(uint64Value(c.Timeout)))
	m.Username = types.StringValue(flex.StringValue(c.Username))
	m.EnableParameter = types.BoolValue(c.EnableParameter != nil && *c.EnableParameter)
	m.DefaultParameters = flex.ParametersFromJSON(c.DefaultParameters, m.DefaultParameters, diags)
	m.OutputCOSBucketURL = flex.OptionalString(c.OutputCOSBucketUrl)
	m.OutputCOSKeyPrefix = flex.OptionalString(c.OutputCOSKeyPrefix)
	m.Tags = tagsFromAPI(c.Tags, m.Tags, diags)
	m.CreatedTime = types.StringPointerValue(c.CreatedTime)
	m.UpdatedTime = types.StringPointerValue(c.UpdatedTime)
}

// needsEnableParameter rejects an attribute of parameters on a command
// without enable_parameter, which TAT refuses: defaults with
// InvalidParameterValue.SupportParametersOnlyIfEnableParameter, values with
// InvalidParameterValue.ParameterDisabled.
type needsEnableParameter struct {
	attribute string // default_parameters, parameters or parameters_wo
	what      string // what the attribute holds, for the error
}

// defaultParametersNeedEnableParameter is the rule of default_parameters.
var defaultParametersNeedEnableParameter = needsEnableParameter{attribute: "default_parameters", what: "parameter defaults"}

func (v needsEnableParameter) Description(_ context.Context) string {
	return v.attribute + " needs enable_parameter = true"
}

func (v needsEnableParameter) MarkdownDescription(ctx context.Context) string {
	return "`" + v.attribute + "` needs `enable_parameter = true`"
}

func (v needsEnableParameter) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var params types.Map
	var enabled types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(v.attribute), &params)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("enable_parameter"), &enabled)...)
	if params.IsNull() || params.IsUnknown() || enabled.IsUnknown() || enabled.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root(v.attribute), "Parameters Not Enabled",
		"Attribute "+v.attribute+" can be set only when enable_parameter = true: TAT accepts "+v.what+" only for commands whose content uses {{name}} parameters.")
}

package tat

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// TAT DescribeCommands: at most 10 Filters a request.
const describeFiltersMax = 10

var (
	_ datasource.DataSourceWithConfigure        = (*commandsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*commandsDataSource)(nil)
)

// NewCommandsDataSource is the cloudcmd_tat_commands data source.
func NewCommandsDataSource() datasource.DataSource { return &commandsDataSource{} }

type commandsDataSource struct {
	framework.DataSourceWithClients
}

type commandsModel struct {
	ID          types.String `tfsdk:"id"`
	CommandIDs  types.List   `tfsdk:"command_ids"`
	CommandName types.String `tfsdk:"command_name"`
	NameRegex   types.String `tfsdk:"name_regex"`
	CommandType types.String `tfsdk:"command_type"`
	CreatedBy   types.String `tfsdk:"created_by"`
	Tags        types.Map    `tfsdk:"tags"`
	IDs         types.List   `tfsdk:"ids"`
	Commands    types.List   `tfsdk:"commands"`
}

var commandAttrTypes = map[string]attr.Type{
	"id":                     types.StringType,
	"name":                   types.StringType,
	"description":            types.StringType,
	"formatted_description":  types.StringType,
	"content":                types.StringType,
	"command_type":           types.StringType,
	"working_directory":      types.StringType,
	"timeout":                types.Int64Type,
	"username":               types.StringType,
	"enable_parameter":       types.BoolType,
	"default_parameters":     types.MapType{ElemType: types.StringType},
	"parameter_descriptions": types.MapType{ElemType: types.StringType},
	"created_by":             types.StringType,
	"created_time":           types.StringType,
	"updated_time":           types.StringType,
	"output_cos_bucket_url":  types.StringType,
	"output_cos_key_prefix":  types.StringType,
	"tags":                   types.MapType{ElemType: types.StringType},
}

// filterAttributes are the arguments DescribeCommands takes as Filters,
// which CommandIds excludes (InvalidParameter.ConflictParameter).
var commandFilterAttributes = []string{"command_name", "command_type", "created_by", "tags"}

func (d *commandsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tat_commands"
}

func (d *commandsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	strMap := func(desc string) schema.Attribute {
		return schema.MapAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: desc}
	}
	var others []path.Expression
	for _, name := range commandFilterAttributes {
		others = append(others, path.MatchRoot(name))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TAT commands (DescribeCommands): your own and TAT's public commands, by ID or by filters, " +
			"so a configuration can run a command it did not create. Every page is read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"command_ids": schema.ListAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Commands to fetch, 1 to 100 IDs. Cannot be combined with the filters.",
				Validators: []validator.List{
					listvalidator.SizeBetween(1, describePageSize),
					listvalidator.ValueStringsAre(validate.TATCommandID()),
					listvalidator.ConflictsWith(others...),
				},
			},
			"command_name": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only the command with exactly this name (TAT's `command-name` filter).",
				// Only the length: TAT's own commands need not follow the
				// characters CreateCommand allows, and a filter that
				// matches nothing is no error.
				Validators: []validator.String{stringvalidator.LengthBetween(1, commandNameMaxBytes)},
			},
			"name_regex": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only commands whose name matches this regular expression (RE2 syntax), " +
					"applied by the provider to what TAT returns. Combines with every other argument.",
				Validators: []validator.String{validate.Regexp()},
			},
			"command_type": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only commands of this kind: " + flex.EnumList(CommandTypes) + ".",
				Validators: []validator.String{stringvalidator.OneOf(CommandTypes...)},
			},
			"created_by": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only `USER` (your own) or `TAT` (public) commands. Unset, both are listed.",
				Validators: []validator.String{stringvalidator.OneOf(CommandCreators...)},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Only commands with every one of these tags (TAT's `tag:<key>` filters). Each tag is one filter, " +
					"and DescribeCommands takes at most 10 with `command_name`, `command_type` and `created_by`.",
				Validators: []validator.Map{
					mapvalidator.SizeBetween(1, describeFiltersMax),
					mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
				},
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true, MarkdownDescription: "The IDs of the commands found, in the order of `commands`.",
			},
			"commands": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The commands found: your own newest first, as TAT lists them.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                     str("The command ID, `cmd-...`, for `command_id` of `cloudcmd_tat_invocation` or `cloudcmd_tat_invoker`."),
					"name":                   str("The command name."),
					"description":            str("Description."),
					"formatted_description":  str("TAT's structured description (JSON) of a public command; empty for your own."),
					"content":                str("The script, decoded."),
					"command_type":           str(flex.EnumList(CommandTypes) + "."),
					"working_directory":      str("Directory the command runs in."),
					"timeout":                schema.Int64Attribute{Computed: true, MarkdownDescription: "Seconds the command may run."},
					"username":               str("User the command runs as."),
					"enable_parameter":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the content takes `{{name}}` parameters."},
					"default_parameters":     strMap("Default parameter values, by name."),
					"parameter_descriptions": strMap("What each parameter is for, by name, where TAT has a description."),
					"created_by":             str("`USER` (your own) or `TAT` (public)."),
					"created_time":           str("When the command was created (RFC 3339)."),
					"updated_time":           str("When it last changed (RFC 3339)."),
					"output_cos_bucket_url":  str("COS bucket receiving the output of each run, or empty."),
					"output_cos_key_prefix":  str("COS folder of the output, or empty."),
					"tags":                   strMap("Tags bound to the command."),
				}},
			},
		},
	}
}

func (d *commandsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{commandFiltersAtMost{}}
}

func (d *commandsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config commandsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := tatClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	query := config.query(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	commands, err := listCommands(ctx, client, query)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing TAT Commands", "list TAT commands", err))
		return
	}
	if !config.NameRegex.IsNull() {
		// Validated at plan time.
		re := regexp.MustCompile(config.NameRegex.ValueString())
		commands = slices.DeleteFunc(commands, func(c *tat.Command) bool { return !re.MatchString(flex.StringValue(c.CommandName)) })
	}
	ids := make([]string, 0, len(commands))
	values := make([]attr.Value, 0, len(commands))
	for _, c := range commands {
		ids = append(ids, flex.StringValue(c.CommandId))
		values = append(values, commandValue(c, &resp.Diagnostics))
	}
	var diags diag.Diagnostics
	config.Commands, diags = types.ListValue(types.ObjectType{AttrTypes: commandAttrTypes}, values)
	resp.Diagnostics.Append(diags...)
	config.IDs, diags = types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	config.ID = types.StringValue(commandsQueryDigest(query, config.NameRegex.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// query turns the arguments into a DescribeCommands request without paging
// fields.
func (m commandsModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeCommandsRequest {
	q := &tat.DescribeCommandsRequest{}
	if !m.CommandIDs.IsNull() {
		var ids []string
		diags.Append(m.CommandIDs.ElementsAs(ctx, &ids, false)...)
		q.CommandIds = stringPointers(ids)
	}
	addFilter := func(name, value string) {
		q.Filters = append(q.Filters, &tat.Filter{Name: flex.StringPtr(name), Values: []*string{flex.StringPtr(value)}})
	}
	for name, v := range map[string]types.String{"command-name": m.CommandName, "command-type": m.CommandType, "created-by": m.CreatedBy} {
		if !v.IsNull() {
			addFilter(name, v.ValueString())
		}
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, key := range slices.Sorted(maps.Keys(tags)) {
		addFilter("tag:"+key, tags[key])
	}
	// Sorted, so the digest does not depend on map order.
	slices.SortFunc(q.Filters, func(a, b *tat.Filter) int { return strings.Compare(*a.Name, *b.Name) })
	return q
}

// listCommands pages through every command the query matches, 100 at a
// time (TAT DescribeCommands: Limit at most 100).
func listCommands(ctx context.Context, client *conns.TATClient, query *tat.DescribeCommandsRequest) ([]*tat.Command, error) {
	return pageAll(commandsPage(ctx, client, query))
}

func commandsQueryDigest(q *tat.DescribeCommandsRequest, nameRegex string) string {
	parts := []string{"commands"}
	for _, id := range q.CommandIds {
		parts = append(parts, *id)
	}
	for _, f := range q.Filters {
		parts = append(parts, *f.Name+"="+*f.Values[0])
	}
	if nameRegex != "" {
		parts = append(parts, "name_regex="+nameRegex)
	}
	return strings.Join(parts, ",")
}

func commandValue(c *tat.Command, diags *diag.Diagnostics) attr.Value {
	defaults := flex.ParametersFromJSON(c.DefaultParameters, types.MapNull(types.StringType), diags)
	if defaults.IsNull() {
		defaults = types.MapValueMust(types.StringType, map[string]attr.Value{})
	}
	described := map[string]attr.Value{}
	for _, conf := range c.DefaultParameterConfs {
		if conf != nil && conf.ParameterName != nil && flex.StringValue(conf.ParameterDescription) != "" {
			described[*conf.ParameterName] = types.StringValue(*conf.ParameterDescription)
		}
	}
	tags := map[string]attr.Value{}
	for _, t := range c.Tags {
		if t != nil && t.Key != nil {
			tags[*t.Key] = types.StringValue(flex.StringValue(t.Value))
		}
	}
	obj, d := types.ObjectValue(commandAttrTypes, map[string]attr.Value{
		"id":                     types.StringValue(flex.StringValue(c.CommandId)),
		"name":                   types.StringValue(flex.StringValue(c.CommandName)),
		"description":            types.StringValue(flex.StringValue(c.Description)),
		"formatted_description":  types.StringValue(flex.StringValue(c.FormattedDescription)),
		"content":                types.StringValue(flex.DecodeContent(c.Content)),
		"command_type":           types.StringValue(flex.StringValue(c.CommandType)),
		"working_directory":      types.StringValue(flex.StringValue(c.WorkingDirectory)),
		"timeout":                types.Int64Value(int64(uint64Value(c.Timeout))),
		"username":               types.StringValue(flex.StringValue(c.Username)),
		"enable_parameter":       types.BoolValue(c.EnableParameter != nil && *c.EnableParameter),
		"default_parameters":     defaults,
		"parameter_descriptions": types.MapValueMust(types.StringType, described),
		"created_by":             types.StringValue(flex.StringValue(c.CreatedBy)),
		"created_time":           types.StringValue(flex.StringValue(c.CreatedTime)),
		"updated_time":           types.StringValue(flex.StringValue(c.UpdatedTime)),
		"output_cos_bucket_url":  types.StringValue(flex.StringValue(c.OutputCOSBucketUrl)),
		"output_cos_key_prefix":  types.StringValue(flex.StringValue(c.OutputCOSKeyPrefix)),
		"tags":                   types.MapValueMust(types.StringType, tags),
	})
	diags.Append(d...)
	return obj
}

// commandFiltersAtMost rejects more filters than DescribeCommands takes
// (at most 10 Filters): command_name, command_type, created_by and each
// tag are one filter each.
type commandFiltersAtMost struct{}

func (commandFiltersAtMost) Description(_ context.Context) string {
	return fmt.Sprintf("command_name, command_type, created_by and the entries of tags must together be at most %d filters", describeFiltersMax)
}

func (v commandFiltersAtMost) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v commandFiltersAtMost) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config commandsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || config.Tags.IsUnknown() {
		return
	}
	count := len(config.Tags.Elements())
	for _, v := range []types.String{config.CommandName, config.CommandType, config.CreatedBy} {
		if !v.IsNull() {
			count++
		}
	}
	if count > describeFiltersMax {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Too Many Filters",
			fmt.Sprintf("TAT DescribeCommands takes at most %d filters: %s; this configuration makes %d.", describeFiltersMax, v.Description(ctx), count))
	}
}

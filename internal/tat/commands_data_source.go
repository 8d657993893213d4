package tat

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

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

// NewCommandsDataSource is the cloudcmd_tat_commands data source.
func NewCommandsDataSource() datasource.DataSource {
	return commandsDataSource{framework.NewDataSource("_tat_commands", commandsSchema(), readCommands)}
}

// commandsDataSource adds to the listing a rule on the arguments together:
// how many filters DescribeCommands takes.
type commandsDataSource struct {
	*framework.DataSource[commandsModel]
}

var _ datasource.DataSourceWithConfigValidators = commandsDataSource{}

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

// filterAttributes are the arguments DescribeCommands takes as Filters,
// which CommandIds excludes (InvalidParameter.ConflictParameter).
var commandFilterAttributes = []string{"command_name", "command_type", "created_by", "tags"}

func commandsSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists TAT commands (DescribeCommands): your own and TAT's public commands, by ID or by filters, "+
		"so a configuration can run a command it did not create. Every page is read.", map[string]schema.Attribute{
		"command_ids": framework.IDsArgument("Commands to fetch, 1 to 100 IDs. Cannot be combined with the filters.",
			describePageSize, validate.TATCommandID(), commandFilterAttributes...),
		// Only the length: TAT's own commands need not follow the characters
		// CreateCommand allows, and a filter that matches nothing is no error.
		"command_name": filter("Only the command with exactly this name (TAT's `command-name` filter).",
			stringvalidator.LengthBetween(1, commandNameMaxBytes)),
		"name_regex":   framework.NameRegexArgument("commands", "TAT"),
		"command_type": filter("Only commands of this kind: "+flex.EnumList(CommandTypes)+".", stringvalidator.OneOf(CommandTypes...)),
		"created_by":   filter("Only `USER` (your own) or `TAT` (public) commands. Unset, both are listed.", stringvalidator.OneOf(CommandCreators...)),
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Only commands with every one of these tags (TAT's `tag:<key>` filters). Each tag is one filter, " +
				"and DescribeCommands takes at most 10 with `command_name`, `command_type` and `created_by`.",
			Validators: []validator.Map{
				mapvalidator.SizeBetween(1, describeFiltersMax),
				mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
			},
		},
		"ids":      framework.FoundIDsAttribute("commands", "commands"),
		"commands": framework.ComputedObjects("The commands found: your own newest first, as TAT lists them.", listedCommandAttributes),
	})
}

// listedCommandAttributes are what the data source reports of one command.
var listedCommandAttributes = map[string]schema.Attribute{
	"id":                     framework.ComputedString("The command ID, `cmd-...`, for `command_id` of `cloudcmd_tat_invocation` or `cloudcmd_tat_invoker`."),
	"name":                   framework.ComputedString("The command name."),
	"description":            framework.ComputedString("Description."),
	"formatted_description":  framework.ComputedString("TAT's structured description (JSON) of a public command; empty for your own."),
	"content":                framework.ComputedString("The script, decoded."),
	"command_type":           framework.ComputedString(flex.EnumList(CommandTypes) + "."),
	"working_directory":      framework.ComputedString("Directory the command runs in."),
	"timeout":                framework.ComputedInt64("Seconds the command may run."),
	"username":               framework.ComputedString("User the command runs as."),
	"enable_parameter":       framework.ComputedBool("Whether the content takes `{{name}}` parameters."),
	"default_parameters":     framework.ComputedStringMap("Default parameter values, by name."),
	"parameter_descriptions": framework.ComputedStringMap("What each parameter is for, by name, where TAT has a description."),
	"created_by":             framework.ComputedString("`USER` (your own) or `TAT` (public)."),
	"created_time":           framework.ComputedString("When the command was created (RFC 3339)."),
	"updated_time":           framework.ComputedString("When it last changed (RFC 3339)."),
	"output_cos_bucket_url":  framework.ComputedString("COS bucket receiving the output of each run, or empty."),
	"output_cos_key_prefix":  framework.ComputedString("COS folder of the output, or empty."),
	"tags":                   framework.ComputedStringMap("Tags bound to the command."),
}

var listedCommandType = framework.ObjectType(listedCommandAttributes)

func (commandsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{commandFiltersAtMost{}}
}

func readCommands(ctx context.Context, clients *conns.Clients, config *commandsModel, diags *diag.Diagnostics) {
	client := tatClient(clients, diags)
	query := config.query(ctx, diags)
	if diags.HasError() {
		return
	}
	commands, err := listCommands(ctx, client, query)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing TAT Commands", "list TAT commands", err))
		return
	}
	commands = framework.NamesMatching(commands, config.NameRegex, func(c *tat.Command) string { return flex.StringValue(c.CommandName) })
	config.Commands, config.IDs = framework.Found(commands, listedCommandType,
		func(c *tat.Command) string { return flex.StringValue(c.CommandId) },
		func(c *tat.Command) attr.Value { return commandValue(c, diags) }, diags)
	digest := describeDigest("commands", query.CommandIds, query.Filters)
	digest.Add("name_regex", flex.NonEmptyPointer(config.NameRegex.ValueString()))
	config.ID = digest.Value()
}

// query turns the arguments into a DescribeCommands request without paging
// fields.
func (m commandsModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeCommandsRequest {
	q := &tat.DescribeCommandsRequest{CommandIds: idsArgument(ctx, m.CommandIDs, diags)}
	for name, v := range map[string]types.String{"command-name": m.CommandName, "command-type": m.CommandType, "created-by": m.CreatedBy} {
		q.Filters = withFilter(q.Filters, name, v)
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, key := range slices.Sorted(maps.Keys(tags)) {
		q.Filters = append(q.Filters, filterOf("tag:"+key, tags[key]))
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
	obj, d := types.ObjectValue(listedCommandType.AttrTypes, map[string]attr.Value{
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
		"tags":                   tagsFromAPI(c.Tags, framework.EmptyStringMap, diags),
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

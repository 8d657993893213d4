package ecs

import (
	"context"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// ECS DescribeCommands' ContentEncoding for the response's CommandContent.
// The data source always asks for Base64, which carries any bytes, and
// decodes it itself unless Base64 is what the configuration wants.
const contentEncodingPlainText = "PlainText"

// ContentEncodings are the forms command_content can be reported in.
var ContentEncodings = []string{contentEncodingPlainText, contentEncodingBase64}

// providerPath is the command_provider argument, which DescribeCommands' Latest and
// Description need: they apply to common commands only.
var providerPath = path.MatchRoot("command_provider")

// NewCommandsDataSource is the cloudcmd_ecs_commands data source.
func NewCommandsDataSource() datasource.DataSource {
	return framework.NewDataSource("_ecs_commands", commandsSchema(), readCommands)
}

type commandsModel struct {
	ID              types.String `tfsdk:"id"`
	RegionID        types.String `tfsdk:"region_id"`
	CommandID       types.String `tfsdk:"command_id"`
	Name            types.String `tfsdk:"name"`
	NameRegex       types.String `tfsdk:"name_regex"`
	Description     types.String `tfsdk:"description"`
	Type            types.String `tfsdk:"type"`
	Provider        types.String `tfsdk:"command_provider"`
	Latest          types.Bool   `tfsdk:"latest"`
	ContentEncoding types.String `tfsdk:"content_encoding"`
	ResourceGroupID types.String `tfsdk:"resource_group_id"`
	Tags            types.Map    `tfsdk:"tags"`
	IDs             types.List   `tfsdk:"ids"`
	Commands        types.List   `tfsdk:"commands"`
}

func commandsSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists Cloud Assistant commands (ECS DescribeCommands): your own, or with `command_provider` the common (public) "+
		"commands Alibaba Cloud provides, so a configuration can run a command it did not create. Every page is read.", map[string]schema.Attribute{
		"region_id": dataSourceRegionArgument("Region to list"),
		"command_provider": filter("List common commands instead of your own: `AlibabaCloud` for all of Alibaba Cloud's, "+
			"or one provider's, such as `AlibabaCloud.ECS.GuestOS`. Unset, only the commands you created are listed.",
			stringvalidator.LengthAtLeast(1)),
		"command_id": filter("Only the command with this ID.", stringvalidator.LengthAtLeast(1)),
		"name": filter("Only commands with this name, 1 to 128 characters: the exact name for your own commands; "+
			"with `command_provider`, any name containing it (Cloud Assistant's fuzzy search).",
			stringvalidator.UTF8LengthBetween(1, commandNameMaxLen)),
		"name_regex": framework.NameRegexArgument("commands", "the API"),
		"description": filter("With `command_provider`, only common commands whose description contains this, at most 512 characters. "+
			"Cloud Assistant applies it only to common commands, so it needs `command_provider`.",
			stringvalidator.UTF8LengthBetween(1, commandDescriptionMaxLen),
			stringvalidator.AlsoRequires(providerPath)),
		"type": filter("Only commands of this script kind: "+quotedList(CommandTypes)+".", stringvalidator.OneOf(CommandTypes...)),
		"latest": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "With `command_provider`, `true` lists only the latest version of each common command. " +
				"Own commands have a single version, so it needs `command_provider`. Default false.",
			Validators: []validator.Bool{boolvalidator.AlsoRequires(providerPath)},
		},
		"content_encoding": filter("How `command_content` is reported: `PlainText` (default), the script itself, or `Base64`, "+
			"as the API carries it. Either, in any case.", stringvalidator.OneOfCaseInsensitive(ContentEncodings...)),
		"resource_group_id": filter("Only commands in this resource group.", stringvalidator.LengthAtLeast(1)),
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Only commands carrying all of these tags. Common commands have none.",
			Validators:          validate.AlibabaTags(),
		},
		"ids":      framework.FoundIDsAttribute("commands", "commands"),
		"commands": framework.ComputedObjects("The commands found, newest first.", listedCommandAttributes),
	})
}

// listedCommandAttributes are what the data source reports of one command.
var listedCommandAttributes = map[string]schema.Attribute{
	"id":                    framework.ComputedString("The command ID, for `command_id` of `cloudcmd_ecs_invocation`."),
	"name":                  framework.ComputedString("The command name."),
	"description":           framework.ComputedString("Description."),
	"type":                  framework.ComputedString(quotedList(CommandTypes) + "."),
	"command_content":       framework.ComputedString("The script, decoded unless `content_encoding` is `Base64`."),
	"working_dir":           framework.ComputedString("Directory the command runs in; empty for the agent's default."),
	"timeout":               framework.ComputedInt64("Seconds the command may run."),
	"enable_parameter":      framework.ComputedBool("Whether the content takes `{{name}}` parameters."),
	"parameter_names":       framework.ComputedStringList("The `{{name}}` parameters found in the content."),
	"parameter_definitions": framework.ComputedObjects("What each parameter takes.", parameterDefinitionAttributes),
	"launcher":              framework.ComputedString("Launcher that runs the script file, or empty."),
	"invoke_times":          framework.ComputedInt64("How many runs the command has had."),
	"created_time":          framework.ComputedString("When the command was created (ISO 8601, UTC)."),
	"provider":              framework.ComputedString("The provider of a common command; empty for your own."),
	"category":              framework.ComputedString("The category of a common command; empty for your own."),
	"version":               framework.ComputedInt64("The version of a common command; common commands of one provider, category and name are versions of one command."),
	"latest":                framework.ComputedBool("Whether this is the latest version of a common command."),
	"resource_group_id":     framework.ComputedString("Resource group of the command."),
	"tags":                  framework.ComputedStringMap("Tags bound to the command."),
}

// parameterDefinitionAttributes are what the data source reports of one
// parameter of a command.
var parameterDefinitionAttributes = map[string]schema.Attribute{
	"name":            framework.ComputedString("The parameter name."),
	"default_value":   framework.ComputedString("Its default value, or empty."),
	"description":     framework.ComputedString("What it is for."),
	"required":        framework.ComputedBool("Whether each run must give it."),
	"possible_values": framework.ComputedStringList("The values it takes, when it is an enumeration."),
}

var (
	listedCommandType       = framework.ObjectType(listedCommandAttributes)
	parameterDefinitionType = framework.ObjectType(parameterDefinitionAttributes)
)

func readCommands(ctx context.Context, clients *conns.Clients, config *commandsModel, diags *diag.Diagnostics) {
	client, regionID := regionalClient(clients, config.RegionID, diags)
	if diags.HasError() {
		return
	}
	query := config.query(ctx, regionID, diags)
	if diags.HasError() {
		return
	}
	commands, err := listCommands(ctx, client, query)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing ECS Commands", "list ECS commands in "+regionID, err))
		return
	}
	commands = framework.NamesMatching(commands, config.NameRegex, func(c *listedCommand) string { return flex.StringValue(c.Name) })
	base64Wanted := strings.EqualFold(config.ContentEncoding.ValueString(), contentEncodingBase64)
	config.Commands, config.IDs = framework.Found(commands, listedCommandType,
		func(c *listedCommand) string { return flex.StringValue(c.CommandId) },
		func(c *listedCommand) attr.Value { return listedCommandValue(ctx, c, base64Wanted, diags) }, diags)
	config.ID = commandsQueryDigest(query, config.NameRegex.ValueString())
}

// listedCommand is a short name for the SDK's type of what DescribeCommands
// returns.
type listedCommand = ecs.DescribeCommandsResponseBodyCommandsCommand

// query turns the arguments into a DescribeCommands request without paging
// fields.
func (m commandsModel) query(ctx context.Context, regionID string, diags *diag.Diagnostics) *ecs.DescribeCommandsRequest {
	q := &ecs.DescribeCommandsRequest{
		RegionId:        &regionID,
		CommandId:       flex.KnownStringPointer(m.CommandID),
		Name:            flex.KnownStringPointer(m.Name),
		Description:     flex.KnownStringPointer(m.Description),
		Type:            flex.KnownStringPointer(m.Type),
		Provider:        flex.KnownStringPointer(m.Provider),
		ResourceGroupId: flex.KnownStringPointer(m.ResourceGroupID),
		Latest:          m.Latest.ValueBoolPointer(),
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, k := range flex.SortedKeys(tags) {
		q.Tag = append(q.Tag, &ecs.DescribeCommandsRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(tags[k])})
	}
	return q
}

// listCommands pages through every command the query matches, 50 at a time
// (ECS DescribeCommands: PageSize 1 to 50).
func listCommands(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeCommandsRequest) ([]*listedCommand, error) {
	return pageAll(commandsPage(ctx, client, query))
}

func commandsQueryDigest(q *ecs.DescribeCommandsRequest, nameRegex string) types.String {
	digest := framework.QueryDigest{"ecs-commands", flex.StringValue(q.RegionId)}
	digest.Add("provider", q.Provider)
	digest.Add("command_id", q.CommandId)
	digest.Add("name", q.Name)
	digest.Add("description", q.Description)
	digest.Add("type", q.Type)
	digest.Add("resource_group_id", q.ResourceGroupId)
	digest.Flag("latest", q.Latest != nil && *q.Latest)
	for _, t := range q.Tag {
		digest = append(digest, "tag:"+*t.Key+"="+*t.Value)
	}
	digest.Add("name_regex", flex.NonEmptyPointer(nameRegex))
	return digest.Value()
}

func listedCommandValue(ctx context.Context, c *listedCommand, base64Wanted bool, diags *diag.Diagnostics) attr.Value {
	content := flex.StringValue(c.CommandContent)
	if !base64Wanted {
		content = flex.DecodeContent(c.CommandContent)
	}
	obj, d := types.ObjectValue(listedCommandType.AttrTypes, map[string]attr.Value{
		"id":                    types.StringValue(flex.StringValue(c.CommandId)),
		"name":                  types.StringValue(flex.StringValue(c.Name)),
		"description":           types.StringValue(flex.StringValue(c.Description)),
		"type":                  types.StringValue(flex.StringValue(c.Type)),
		"command_content":       types.StringValue(content),
		"working_dir":           types.StringValue(flex.StringValue(c.WorkingDir)),
		"timeout":               types.Int64Value(int64Value(c.Timeout)),
		"enable_parameter":      types.BoolValue(boolValue(c.EnableParameter)),
		"parameter_names":       parameterNamesFromAPI(c.ParameterNames, diags),
		"parameter_definitions": parameterDefinitionsValue(ctx, c.ParameterDefinitions, diags),
		"launcher":              types.StringValue(flex.StringValue(c.Launcher)),
		"invoke_times":          types.Int64Value(int64(int32Value(c.InvokeTimes))),
		"created_time":          types.StringValue(flex.StringValue(c.CreationTime)),
		"provider":              types.StringValue(flex.StringValue(c.Provider)),
		"category":              types.StringValue(flex.StringValue(c.Category)),
		"version":               types.Int64Value(int64(int32Value(c.Version))),
		"latest":                types.BoolValue(boolValue(c.Latest)),
		"resource_group_id":     types.StringValue(flex.StringValue(c.ResourceGroupId)),
		"tags":                  tagsFromAPI(c.Tags, framework.EmptyStringMap, diags),
	})
	diags.Append(d...)
	return obj
}

func parameterDefinitionsValue(ctx context.Context, defs *ecs.DescribeCommandsResponseBodyCommandsCommandParameterDefinitions, diags *diag.Diagnostics) types.List {
	values := []attr.Value{}
	if defs != nil {
		for _, def := range flex.NonNil(defs.ParameterDefinition) {
			possible := []string{}
			if def.PossibleValues != nil {
				for _, v := range def.PossibleValues.PossibleValue {
					if v != nil {
						possible = append(possible, *v)
					}
				}
			}
			possibleList, d := types.ListValueFrom(ctx, types.StringType, possible)
			diags.Append(d...)
			obj, d := types.ObjectValue(parameterDefinitionType.AttrTypes, map[string]attr.Value{
				"name":            types.StringValue(flex.StringValue(def.ParameterName)),
				"default_value":   types.StringValue(flex.StringValue(def.DefaultValue)),
				"description":     types.StringValue(flex.StringValue(def.Description)),
				"required":        types.BoolValue(boolValue(def.Required)),
				"possible_values": possibleList,
			})
			diags.Append(d...)
			values = append(values, obj)
		}
	}
	list, d := types.ListValue(parameterDefinitionType, values)
	diags.Append(d...)
	return list
}

package tat

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// commandCreatorUser is TAT's created-by value of the account's own
// commands (DescribeCommands: Filters created-by, USER or TAT).
const commandCreatorUser = "USER"

// commandListTagsMax leaves room, in DescribeCommands' 10 Filters, for
// created-by (always sent) and command-name.
const commandListTagsMax = describeFiltersMax - 2

// NewCommandListResource is the cloudcmd_tat_command list resource, which
// `terraform query` uses to find the account's own commands.
func NewCommandListResource() list.ListResource {
	return framework.NewListResource(framework.ListSurface[commandListModel, *tat.Command]{
		TypeName: "tat_command",
		Schema: listschema.Schema{
			MarkdownDescription: "Finds the account's own TAT commands in the provider's region (DescribeCommands with `created-by` = `USER`), " +
				"never TAT's public commands, so that `terraform query` can write import blocks and configuration for them. " +
				"Each result is named by the command's name.",
			Attributes: map[string]listschema.Attribute{
				"name": listschema.StringAttribute{
					Optional:            true,
					MarkdownDescription: "Only the command with exactly this name (TAT's `command-name` filter).",
					Validators:          []validator.String{stringvalidator.LengthBetween(1, commandNameMaxBytes)},
				},
				"tags": listschema.MapAttribute{
					ElementType: types.StringType, Optional: true,
					MarkdownDescription: "Only commands with every one of these tags (TAT's `tag:<key>` filters), at most 8.",
					Validators: []validator.Map{
						mapvalidator.SizeBetween(1, commandListTagsMax),
						mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
					},
				},
			},
		},
		Find: findCommands,
		Found: func(c *tat.Command) (string, string) {
			return flex.StringValue(c.CommandId), flex.StringValue(c.CommandName)
		},
		Resource: listedCommandModel,
	})
}

type commandListModel struct {
	Name types.String `tfsdk:"name"`
	Tags types.Map    `tfsdk:"tags"`
}

// findCommands lists the commands the list block asks for.
func findCommands(ctx context.Context, clients *conns.Clients, config commandListModel, diags *diag.Diagnostics) framework.Listing[*tat.Command] {
	client := tatClient(clients, diags)
	if diags.HasError() {
		return framework.Listing[*tat.Command]{}
	}
	query := config.query(ctx, diags)
	return framework.Listing[*tat.Command]{
		Objects:     listPages(commandsPage(ctx, client, query)),
		Region:      client.Region(),
		FailSummary: "Error Listing TAT Commands",
		FailDoing:   "list TAT commands",
	}
}

// commandsPage reads one page of the commands query matches (TAT
// DescribeCommands: Offset, Limit), for listPages and pageAll.
func commandsPage(ctx context.Context, client *conns.TATClient, query *tat.DescribeCommandsRequest) func(offset, limit uint64) ([]*tat.Command, *uint64, error) {
	return func(offset, limit uint64) ([]*tat.Command, *uint64, error) {
		page := *query
		page.Offset, page.Limit = &offset, &limit
		resp, err := client.DescribeCommands(ctx, &page)
		if err != nil || resp.Response == nil {
			return nil, nil, err
		}
		return resp.Response.CommandSet, resp.Response.TotalCount, nil
	}
}

// query is the DescribeCommands request of the list block, without paging
// fields: the account's own commands, with the name and tags asked for.
func (m commandListModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeCommandsRequest {
	q := &tat.DescribeCommandsRequest{}
	addFilter := func(name, value string) {
		q.Filters = append(q.Filters, &tat.Filter{Name: flex.StringPtr(name), Values: []*string{flex.StringPtr(value)}})
	}
	addFilter("created-by", commandCreatorUser)
	if !m.Name.IsNull() {
		addFilter("command-name", m.Name.ValueString())
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, key := range slices.Sorted(maps.Keys(tags)) {
		addFilter("tag:"+key, tags[key])
	}
	return q
}

// listedCommandModel is a command found as a read after an import would
// have it.
func listedCommandModel(_ context.Context, c *tat.Command, _ string, diags *diag.Diagnostics) any {
	m := commandModel{DefaultParameters: types.MapNull(types.StringType), Tags: types.MapNull(types.StringType)}
	m.fromAPI(c, diags)
	return m
}

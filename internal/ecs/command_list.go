package ecs

import (
	"context"
	"iter"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// NewCommandListResource is the cloudcmd_ecs_command list resource, which
// `terraform query` uses to find the account's own commands.
func NewCommandListResource() list.ListResource {
	return framework.NewListResource(framework.ListSurface[commandListModel, *listedCommand]{
		TypeName: "ecs_command",
		Schema: listschema.Schema{
			MarkdownDescription: "Finds the account's own Cloud Assistant commands in a region (ECS DescribeCommands without `Provider`), " +
				"never Alibaba Cloud's common commands, so that `terraform query` can write import blocks and configuration for them. " +
				"Each result is named by the command's name.",
			Attributes: map[string]listschema.Attribute{
				"region_id": listschema.StringAttribute{
					Optional: true,
					MarkdownDescription: "Region to search, such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` " +
						"(or `ALICLOUD_REGION`); one of the two must be set.",
					Validators: []validator.String{validate.AlibabaRegionID()},
				},
				"name": listschema.StringAttribute{
					Optional:            true,
					MarkdownDescription: "Only the commands with exactly this name (DescribeCommands: Name).",
					Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, commandNameMaxLen)},
				},
				"tags": listschema.MapAttribute{
					ElementType: types.StringType, Optional: true,
					MarkdownDescription: "Only commands with every one of these tags (DescribeCommands: Tag), at most 20.",
					Validators:          validate.AlibabaTags(),
				},
			},
		},
		Find: findCommands,
		Found: func(c *listedCommand) (string, string) {
			return flex.StringValue(c.CommandId), flex.StringValue(c.Name)
		},
		Resource: listedCommandModel,
	})
}

type commandListModel struct {
	RegionID types.String `tfsdk:"region_id"`
	Name     types.String `tfsdk:"name"`
	Tags     types.Map    `tfsdk:"tags"`
}

// findCommands lists the commands the list block asks for, in its region
// or the provider's.
func findCommands(ctx context.Context, clients *conns.Clients, config commandListModel, diags *diag.Diagnostics) framework.Listing[*listedCommand] {
	client := ecsClient(clients, diags)
	if diags.HasError() {
		return framework.Listing[*listedCommand]{}
	}
	region := regionOf(config.RegionID, client)
	if region == "" {
		diags.AddAttributeError(regionIDPath, "Missing Region",
			"Attribute region_id is not set and the provider has no default Alibaba Cloud region. "+
				"Set region_id in the list block's config, or region in the provider's alicloud block (alicloud.region) or the ALICLOUD_REGION environment variable.")
		return framework.Listing[*listedCommand]{}
	}
	query := &ecs.DescribeCommandsRequest{
		RegionId:        &region,
		Name:            flex.KnownStringPointer(config.Name),
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
	}
	tags := flex.StringMap(ctx, config.Tags, diags)
	for _, k := range flex.SortedKeys(tags) {
		query.Tag = append(query.Tag, &ecs.DescribeCommandsRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(tags[k])})
	}
	return framework.Listing[*listedCommand]{
		Objects:     commandPages(ctx, client, query),
		Region:      region,
		FailSummary: "Error Listing ECS Commands",
		FailDoing:   "list ECS commands in " + region,
	}
}

// commandPages yields the commands the query matches page by page, 50 at
// a time (ECS DescribeCommands: PageNumber from 1, PageSize 1 to 50), as
// framework.StreamPages reads them.
func commandPages(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeCommandsRequest) iter.Seq2[*listedCommand, error] {
	fetch := commandsPage(ctx, client, query)
	return framework.StreamPages(describePageSize, func(index int) ([]*listedCommand, uint64, error) {
		page, total, err := fetch(int64(index)+1, describePageSize)
		return page, uint64(max(total, 0)), err
	})
}

// commandsPage reads one page of the commands query matches, and says
// their total count, for commandPages and pageAll.
func commandsPage(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeCommandsRequest) func(number, size int64) ([]*listedCommand, int64, error) {
	return func(number, size int64) ([]*listedCommand, int64, error) {
		page := *query
		page.PageNumber, page.PageSize = &number, &size
		resp, err := client.DescribeCommands(ctx, &page)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, 0, err
		}
		var batch []*listedCommand
		if resp.Body.Commands != nil {
			batch = resp.Body.Commands.Command
		}
		return batch, int64Value(resp.Body.TotalCount), nil
	}
}

// listedCommandModel is a command found in region as a read after an
// import would have it.
func listedCommandModel(_ context.Context, c *listedCommand, region string, diags *diag.Diagnostics) any {
	m := commandModel{RegionID: types.StringValue(region), Tags: types.MapNull(types.StringType)}
	m.fromAPI(c, diags)
	return m
}

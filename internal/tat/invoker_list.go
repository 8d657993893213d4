package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// NewInvokerListResource is the cloudcmd_tat_invoker list resource, which
// `terraform query` uses to find the account's invokers.
func NewInvokerListResource() list.ListResource {
	return framework.NewListResource(framework.ListSurface[invokerListModel, *tat.Invoker]{
		TypeName: "tat_invoker",
		Schema: listschema.Schema{
			MarkdownDescription: "Finds the account's TAT invokers in the provider's region (DescribeInvokers), so that `terraform query` can " +
				"write import blocks and configuration for them. Every invoker is the account's own: TAT has no public invokers. " +
				"Each result is named by the invoker's name. `parameters` is sensitive, so `-generate-config-out` writes it as `null`: " +
				"write the values in before applying, or the plan clears them.",
			Attributes: map[string]listschema.Attribute{
				"name": listschema.StringAttribute{
					Optional: true,
					MarkdownDescription: "Only invokers with exactly this name. DescribeInvokers has no name filter, " +
						"so the provider applies it to what TAT returns.",
					Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, invokerNameMaxLen)},
				},
				"command_id": listschema.StringAttribute{
					Optional:            true,
					MarkdownDescription: "Only invokers that run this command (TAT's `command-id` filter).",
					Validators:          []validator.String{validate.TATCommandID()},
				},
			},
		},
		Find: findInvokers,
		Found: func(ivk *tat.Invoker) (string, string) {
			return flex.StringValue(ivk.InvokerId), flex.StringValue(ivk.Name)
		},
		Resource: listedInvokerModel,
	})
}

type invokerListModel struct {
	Name      types.String `tfsdk:"name"`
	CommandID types.String `tfsdk:"command_id"`
}

// invokerTimeoutsType is the type of the invoker's timeouts block (create
// and update), null in a listed invoker as after an import.
var invokerTimeoutsType = map[string]attr.Type{"create": types.StringType, "update": types.StringType}

// findInvokers lists the invokers the list block asks for.
func findInvokers(ctx context.Context, clients *conns.Clients, config invokerListModel, diags *diag.Diagnostics) framework.Listing[*tat.Invoker] {
	client := tatClient(clients, diags)
	if diags.HasError() {
		return framework.Listing[*tat.Invoker]{}
	}
	query := &tat.DescribeInvokersRequest{}
	if !config.CommandID.IsNull() {
		query.Filters = []*tat.Filter{{Name: flex.StringPtr("command-id"), Values: []*string{config.CommandID.ValueStringPointer()}}}
	}
	all := listPages(invokersPage(ctx, client, query))
	named := func(yield func(*tat.Invoker, error) bool) {
		for ivk, err := range all {
			if err == nil && !config.Name.IsNull() && flex.StringValue(ivk.Name) != config.Name.ValueString() {
				continue
			}
			if !yield(ivk, err) {
				return
			}
		}
	}
	return framework.Listing[*tat.Invoker]{
		Objects:     named,
		Region:      client.Region(),
		FailSummary: "Error Listing TAT Invokers",
		FailDoing:   "list TAT invokers",
	}
}

// invokersPage reads one page of the invokers query matches (TAT
// DescribeInvokers: Offset, Limit), for listPages and pageAll.
func invokersPage(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvokersRequest) func(offset, limit uint64) ([]*tat.Invoker, *uint64, error) {
	return func(offset, limit uint64) ([]*tat.Invoker, *uint64, error) {
		page := *query
		page.Offset, page.Limit = &offset, &limit
		resp, err := client.DescribeInvokers(ctx, &page)
		if err != nil || resp.Response == nil {
			return nil, nil, err
		}
		return resp.Response.InvokerSet, resp.Response.TotalCount, nil
	}
}

// listedInvokerModel is an invoker found as a read after an import would
// have it: wait_for_agents at its default, no timeouts.
func listedInvokerModel(ctx context.Context, ivk *tat.Invoker, _ string, diags *diag.Diagnostics) any {
	m := invokerModel{
		Parameters:    types.MapNull(types.StringType),
		WaitForAgents: types.BoolValue(false),
		Timeouts:      timeouts.Value{Object: types.ObjectNull(invokerTimeoutsType)},
	}
	m.fromAPI(ctx, ivk, diags)
	return m
}

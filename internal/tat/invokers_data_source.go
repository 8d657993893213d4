package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// NewInvokersDataSource is the cloudcmd_tat_invokers data source.
func NewInvokersDataSource() datasource.DataSource {
	return framework.NewDataSource("_tat_invokers", invokersSchema(), readInvokers)
}

type invokersModel struct {
	ID                types.String `tfsdk:"id"`
	InvokerIDs        types.List   `tfsdk:"invoker_ids"`
	CommandID         types.String `tfsdk:"command_id"`
	Type              types.String `tfsdk:"type"`
	IncludeParameters types.Bool   `tfsdk:"include_parameters"`
	IDs               types.List   `tfsdk:"ids"`
	Invokers          types.List   `tfsdk:"invokers"`
	Parameters        types.Map    `tfsdk:"parameters"`
}

func invokersSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists TAT invokers (DescribeInvokers), by ID or by filters, with their schedules. Every page is read; "+
		"`cloudcmd_tat_invoker_records` lists what each invoker ran.", map[string]schema.Attribute{
		// DescribeInvokers rejects IDs with filters (InvalidParameter.ConflictParameter).
		"invoker_ids": framework.IDsArgument("Invokers to fetch, 1 to 100 IDs. Cannot be combined with `command_id` or `type`.",
			describePageSize, validate.TATInvokerID(), "command_id", "type"),
		"command_id":         filter("Only invokers that run this command.", validate.TATCommandID()),
		"type":               filter("Only invokers of this type: "+flex.EnumList(InvokerTypes)+", the only one TAT has.", stringvalidator.OneOf(InvokerTypes...)),
		"include_parameters": framework.IncludeParametersArgument("each invoker runs its command with"),
		"parameters": framework.ParametersAttribute(
			"With `include_parameters`, each invoker's parameters as JSON, keyed by invoker ID. Null otherwise."),
		"ids":      framework.FoundIDsAttribute("invokers", "invokers"),
		"invokers": framework.ComputedObjects("The invokers found, newest first.", listedInvokerAttributes),
	})
}

// listedInvokerAttributes are what the data source reports of one invoker.
var listedInvokerAttributes = map[string]schema.Attribute{
	"id":           framework.ComputedString("The invoker ID, `ivk-...`."),
	"name":         framework.ComputedString("The invoker name."),
	"type":         framework.ComputedString("`SCHEDULE`."),
	"command_id":   framework.ComputedString("The command it runs."),
	"username":     framework.ComputedString("User the command runs as, or empty for the command's."),
	"instance_ids": framework.ComputedStringList("Instances it runs on."),
	"enabled":      framework.ComputedBool("Whether it runs."),
	"policy":       framework.ComputedString("`ONCE` or `RECURRENCE`."),
	"recurrence":   framework.ComputedString("The cron expression of a `RECURRENCE` invoker (read in UTC+8), else empty."),
	"invoke_time":  framework.ComputedString("The next run TAT reports (RFC 3339): a `ONCE` invoker's time, or a `RECURRENCE` invoker's next match while enabled; else empty."),
	"created_time": framework.ComputedString("When the invoker was created (RFC 3339)."),
	"updated_time": framework.ComputedString("When it last changed (RFC 3339)."),
	"tags":         framework.ComputedStringMap("Tags bound to the invoker."),
}

var listedInvokerType = framework.ObjectType(listedInvokerAttributes)

func readInvokers(ctx context.Context, clients *conns.Clients, config *invokersModel, diags *diag.Diagnostics) {
	client := tatClient(clients, diags)
	query := config.query(ctx, diags)
	if diags.HasError() {
		return
	}
	invokers, err := listInvokers(ctx, client, query)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing TAT Invokers", "list TAT invokers", err))
		return
	}
	config.Invokers, config.IDs = framework.Found(invokers, listedInvokerType,
		func(ivk *tat.Invoker) string { return flex.StringValue(ivk.InvokerId) },
		func(ivk *tat.Invoker) attr.Value { return invokerValue(ctx, ivk, diags) }, diags)
	config.Parameters = framework.ParametersByID(config.IncludeParameters, invokers,
		func(ivk *tat.Invoker) (string, *string) { return flex.StringValue(ivk.InvokerId), ivk.Parameters })
	config.ID = describeDigest("invokers", query.InvokerIds, query.Filters).Value()
}

// query turns the arguments into a DescribeInvokers request without paging
// fields.
func (m invokersModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeInvokersRequest {
	q := &tat.DescribeInvokersRequest{InvokerIds: idsArgument(ctx, m.InvokerIDs, diags)}
	q.Filters = withFilter(q.Filters, "command-id", m.CommandID)
	q.Filters = withFilter(q.Filters, "invoker-type", m.Type)
	return q
}

// listInvokers pages through every invoker the query matches, 100 at a time
// (TAT DescribeInvokers: Limit at most 100).
func listInvokers(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvokersRequest) ([]*tat.Invoker, error) {
	return pageAll(invokersPage(ctx, client, query))
}

func invokerValue(ctx context.Context, ivk *tat.Invoker, diags *diag.Diagnostics) attr.Value {
	instances, d := types.ListValueFrom(ctx, types.StringType, stringValues(ivk.InstanceIds))
	diags.Append(d...)
	sch := ivk.ScheduleSettings
	if sch == nil {
		sch = &tat.ScheduleSettings{}
	}
	obj, d := types.ObjectValue(listedInvokerType.AttrTypes, map[string]attr.Value{
		"id":           types.StringValue(flex.StringValue(ivk.InvokerId)),
		"name":         types.StringValue(flex.StringValue(ivk.Name)),
		"type":         types.StringValue(flex.StringValue(ivk.Type)),
		"command_id":   types.StringValue(flex.StringValue(ivk.CommandId)),
		"username":     types.StringValue(flex.StringValue(ivk.Username)),
		"instance_ids": instances,
		"enabled":      types.BoolValue(ivk.Enable != nil && *ivk.Enable),
		"policy":       types.StringValue(flex.StringValue(sch.Policy)),
		"recurrence":   types.StringValue(flex.StringValue(sch.Recurrence)),
		"invoke_time":  types.StringValue(flex.StringValue(sch.InvokeTime)),
		"created_time": types.StringValue(flex.StringValue(ivk.CreatedTime)),
		"updated_time": types.StringValue(flex.StringValue(ivk.UpdatedTime)),
		"tags":         tagsFromAPI(ivk.Tags, framework.EmptyStringMap, diags),
	})
	diags.Append(d...)
	return obj
}

package tat

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
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

var _ datasource.DataSourceWithConfigure = (*invokersDataSource)(nil)

// NewInvokersDataSource is the cloudcmd_tat_invokers data source.
func NewInvokersDataSource() datasource.DataSource { return &invokersDataSource{} }

type invokersDataSource struct {
	framework.DataSourceWithClients
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

var invokerAttrTypes = map[string]attr.Type{
	"id":           types.StringType,
	"name":         types.StringType,
	"type":         types.StringType,
	"command_id":   types.StringType,
	"username":     types.StringType,
	"instance_ids": types.ListType{ElemType: types.StringType},
	"enabled":      types.BoolType,
	"policy":       types.StringType,
	"recurrence":   types.StringType,
	"invoke_time":  types.StringType,
	"created_time": types.StringType,
	"updated_time": types.StringType,
	"tags":         types.MapType{ElemType: types.StringType},
}

func (d *invokersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tat_invokers"
}

func (d *invokersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TAT invokers (DescribeInvokers), by ID or by filters, with their schedules. Every page is read; " +
			"`cloudcmd_tat_invoker_records` lists what each invoker ran.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"invoker_ids": schema.ListAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Invokers to fetch, 1 to 100 IDs. Cannot be combined with `command_id` or `type`.",
				Validators: []validator.List{
					listvalidator.SizeBetween(1, describePageSize),
					listvalidator.ValueStringsAre(validate.TATInvokerID()),
					// DescribeInvokers rejects IDs with filters (InvalidParameter.ConflictParameter).
					listvalidator.ConflictsWith(path.MatchRoot("command_id"), path.MatchRoot("type")),
				},
			},
			"command_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only invokers that run this command.",
				Validators: []validator.String{validate.TATCommandID()},
			},
			"type": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only invokers of this type: " + flex.EnumList(InvokerTypes) + ", the only one TAT has.",
				Validators: []validator.String{stringvalidator.OneOf(InvokerTypes...)},
			},
			"include_parameters": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "Also report the parameters each invoker runs its command with, in `parameters`. " +
					"They may hold secrets: left false, they are neither read into the state nor shown anywhere. Default false.",
			},
			// One sensitive map beside the list, not a sensitive attribute
			// per row: see cloudcmd_invocations' parameters.
			"parameters": schema.MapAttribute{
				ElementType: types.StringType, Computed: true, Sensitive: true,
				MarkdownDescription: "With `include_parameters`, each invoker's parameters as JSON, keyed by invoker ID. Null otherwise.",
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true, MarkdownDescription: "The IDs of the invokers found, in the order of `invokers`.",
			},
			"invokers": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The invokers found, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           str("The invoker ID, `ivk-...`."),
					"name":         str("The invoker name."),
					"type":         str("`SCHEDULE`."),
					"command_id":   str("The command it runs."),
					"username":     str("User the command runs as, or empty for the command's."),
					"instance_ids": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Instances it runs on."},
					"enabled":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it runs."},
					"policy":       str("`ONCE` or `RECURRENCE`."),
					"recurrence":   str("The cron expression of a `RECURRENCE` invoker (read in UTC+8), else empty."),
					"invoke_time":  str("The next run TAT reports (RFC 3339): a `ONCE` invoker's time, or a `RECURRENCE` invoker's next match while enabled; else empty."),
					"created_time": str("When the invoker was created (RFC 3339)."),
					"updated_time": str("When it last changed (RFC 3339)."),
					"tags":         schema.MapAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Tags bound to the invoker."},
				}},
			},
		},
	}
}

func (d *invokersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config invokersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := tatClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	query := config.query(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	invokers, err := listInvokers(ctx, client, query)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing TAT Invokers", "list TAT invokers", err))
		return
	}
	ids := make([]string, 0, len(invokers))
	values := make([]attr.Value, 0, len(invokers))
	params := make(map[string]attr.Value, len(invokers))
	for _, ivk := range invokers {
		id := flex.StringValue(ivk.InvokerId)
		ids = append(ids, id)
		values = append(values, invokerValue(ctx, ivk, &resp.Diagnostics))
		params[id] = types.StringValue(flex.StringValue(ivk.Parameters))
	}
	var diags diag.Diagnostics
	config.Invokers, diags = types.ListValue(types.ObjectType{AttrTypes: invokerAttrTypes}, values)
	resp.Diagnostics.Append(diags...)
	config.IDs, diags = types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	config.Parameters = types.MapNull(types.StringType)
	if config.IncludeParameters.ValueBool() {
		config.Parameters = types.MapValueMust(types.StringType, params)
	}
	config.ID = types.StringValue(invokersQueryDigest(query))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// query turns the arguments into a DescribeInvokers request without paging
// fields.
func (m invokersModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeInvokersRequest {
	q := &tat.DescribeInvokersRequest{}
	if !m.InvokerIDs.IsNull() {
		var ids []string
		diags.Append(m.InvokerIDs.ElementsAs(ctx, &ids, false)...)
		q.InvokerIds = stringPointers(ids)
	}
	addFilter := func(name string, v types.String) {
		if !v.IsNull() {
			q.Filters = append(q.Filters, &tat.Filter{Name: flex.StringPtr(name), Values: []*string{v.ValueStringPointer()}})
		}
	}
	addFilter("command-id", m.CommandID)
	addFilter("invoker-type", m.Type)
	return q
}

// listInvokers pages through every invoker the query matches, 100 at a time
// (TAT DescribeInvokers: Limit at most 100).
func listInvokers(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvokersRequest) ([]*tat.Invoker, error) {
	return pageAll(invokersPage(ctx, client, query))
}

func invokersQueryDigest(q *tat.DescribeInvokersRequest) string {
	parts := []string{"invokers"}
	for _, id := range q.InvokerIds {
		parts = append(parts, *id)
	}
	for _, f := range q.Filters {
		parts = append(parts, *f.Name+"="+*f.Values[0])
	}
	return strings.Join(parts, ",")
}

func invokerValue(ctx context.Context, ivk *tat.Invoker, diags *diag.Diagnostics) attr.Value {
	instances, d := types.ListValueFrom(ctx, types.StringType, stringValues(ivk.InstanceIds))
	diags.Append(d...)
	sch := ivk.ScheduleSettings
	if sch == nil {
		sch = &tat.ScheduleSettings{}
	}
	tags := map[string]attr.Value{}
	for _, t := range ivk.Tags {
		if t != nil && t.Key != nil {
			tags[*t.Key] = types.StringValue(flex.StringValue(t.Value))
		}
	}
	obj, d := types.ObjectValue(invokerAttrTypes, map[string]attr.Value{
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
		"tags":         types.MapValueMust(types.StringType, tags),
	})
	diags.Append(d...)
	return obj
}

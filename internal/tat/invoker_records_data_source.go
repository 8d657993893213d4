package tat

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*invokerRecordsDataSource)(nil)

// NewInvokerRecordsDataSource is the cloudcmd_tat_invoker_records data
// source.
func NewInvokerRecordsDataSource() datasource.DataSource { return &invokerRecordsDataSource{} }

type invokerRecordsDataSource struct {
	framework.DataSourceWithClients
}

type invokerRecordsModel struct {
	ID         types.String `tfsdk:"id"`
	InvokerIDs types.List   `tfsdk:"invoker_ids"`
	Records    types.List   `tfsdk:"records"`
}

type invokerRecordModel struct {
	InvokerID    types.String `tfsdk:"invoker_id"`
	InvokeTime   types.String `tfsdk:"invoke_time"`
	Reason       types.String `tfsdk:"reason"`
	InvocationID types.String `tfsdk:"invocation_id"`
	Result       types.String `tfsdk:"result"`
}

var invokerRecordType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"invoker_id":    types.StringType,
	"invoke_time":   types.StringType,
	"reason":        types.StringType,
	"invocation_id": types.StringType,
	"result":        types.StringType,
}}

func (d *invokerRecordsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tat_invoker_records"
}

func (d *invokerRecordsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the runs of TAT invokers (DescribeInvokerRecords): each time an invoker fired, its result, " +
			"and the invocation it started, whose details `cloudcmd_invocations` reads.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"invoker_ids": schema.ListAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "The invokers whose runs to list, 1 to 100 IDs such as `cloudcmd_tat_invoker.x.id`.",
				Validators: []validator.List{
					listvalidator.SizeBetween(1, describePageSize),
					listvalidator.ValueStringsAre(validate.TATInvokerID()),
				},
			},
			"records": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "Every run of the invokers, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"invoker_id":    str("The invoker that fired."),
					"invoke_time":   str("When it fired (RFC 3339, UTC)."),
					"reason":        str("Why, such as `start an invocation at scheduled time.`, or why no invocation could start."),
					"invocation_id": str("The invocation it started, `inv-...`; null when none could start."),
					"result":        str("The invocation's status: " + flex.EnumList(InvocationStatuses) + "."),
				}},
			},
		},
	}
}

func (d *invokerRecordsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config invokerRecordsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := tatClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var ids []string
	resp.Diagnostics.Append(config.InvokerIDs.ElementsAs(ctx, &ids, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	records, err := listInvokerRecords(ctx, client, ids)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing TAT Invoker Records", "list the runs of TAT invokers "+strings.Join(ids, ", "), err))
		return
	}
	models := make([]invokerRecordModel, 0, len(records))
	for _, r := range records {
		models = append(models, invokerRecordModel{
			InvokerID:    types.StringValue(flex.StringValue(r.InvokerId)),
			InvokeTime:   types.StringValue(flex.StringValue(r.InvokeTime)),
			Reason:       types.StringValue(flex.StringValue(r.Reason)),
			InvocationID: flex.OptionalString(r.InvocationId),
			Result:       types.StringValue(flex.StringValue(r.Result)),
		})
	}
	list, diags := types.ListValueFrom(ctx, invokerRecordType, models)
	resp.Diagnostics.Append(diags...)
	config.Records = list
	config.ID = types.StringValue("invoker-records," + strings.Join(ids, ","))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// listInvokerRecords pages through every record of the invokers.
func listInvokerRecords(ctx context.Context, client *conns.TATClient, invokerIDs []string) ([]*tat.InvokerRecord, error) {
	return pageAll(func(offset, limit uint64) ([]*tat.InvokerRecord, *uint64, error) {
		resp, err := client.DescribeInvokerRecords(ctx, &tat.DescribeInvokerRecordsRequest{
			InvokerIds: stringPointers(invokerIDs), Limit: &limit, Offset: &offset,
		})
		if err != nil {
			return nil, nil, err
		}
		return resp.Response.InvokerRecordSet, resp.Response.TotalCount, nil
	})
}

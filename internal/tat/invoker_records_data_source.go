package tat

import (
	"context"
	"strings"

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

// NewInvokerRecordsDataSource is the cloudcmd_tat_invoker_records data
// source.
func NewInvokerRecordsDataSource() datasource.DataSource {
	return framework.NewDataSource("_tat_invoker_records", invokerRecordsSchema(), readInvokerRecords)
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

func invokerRecordsSchema() schema.Schema {
	return framework.DataSourceSchema("Lists the runs of TAT invokers (DescribeInvokerRecords): each time an invoker fired, its result, "+
		"and the invocation it started, whose details `cloudcmd_invocations` reads.", map[string]schema.Attribute{
		"invoker_ids": framework.RequiredIDsArgument("The invokers whose runs to list, 1 to 100 IDs such as `cloudcmd_tat_invoker.x.id`.",
			describePageSize, validate.TATInvokerID()),
		"records": framework.ComputedObjects("Every run of the invokers, newest first.", invokerRecordAttributes),
	})
}

// invokerRecordAttributes are what the data source reports of one run of
// an invoker.
var invokerRecordAttributes = map[string]schema.Attribute{
	"invoker_id":    framework.ComputedString("The invoker that fired."),
	"invoke_time":   framework.ComputedString("When it fired (RFC 3339, UTC)."),
	"reason":        framework.ComputedString("Why, such as `start an invocation at scheduled time.`, or why no invocation could start."),
	"invocation_id": framework.ComputedString("The invocation it started, `inv-...`; null when none could start."),
	"result":        framework.ComputedString("The invocation's status: " + flex.EnumList(InvocationStatuses) + "."),
}

var invokerRecordType = framework.ObjectType(invokerRecordAttributes)

func readInvokerRecords(ctx context.Context, clients *conns.Clients, config *invokerRecordsModel, diags *diag.Diagnostics) {
	client := tatClient(clients, diags)
	ids := framework.ListStrings(ctx, config.InvokerIDs, diags)
	if diags.HasError() {
		return
	}
	records, err := listInvokerRecords(ctx, client, ids)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing TAT Invoker Records", "list the runs of TAT invokers "+strings.Join(ids, ", "), err))
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
	var listDiags diag.Diagnostics
	config.Records, listDiags = types.ListValueFrom(ctx, invokerRecordType, models)
	diags.Append(listDiags...)
	config.ID = types.StringValue("invoker-records," + strings.Join(ids, ","))
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

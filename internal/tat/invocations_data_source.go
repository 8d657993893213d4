package tat

import (
	"context"
	"maps"
	"regexp"
	"slices"

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
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

var invocationIDPattern = regexp.MustCompile(`^inv-[a-z0-9]{8}$`)

// Filter values DescribeInvocations accepts.
var (
	CommandCreators = []string{"TAT", "USER"}
	InstanceKinds   = []string{"CVM", "LIGHTHOUSE"}
)

// NewInvocationsDataSource is the cloudcmd_invocations data source.
func NewInvocationsDataSource() datasource.DataSource {
	return framework.NewDataSource("_invocations", invocationsSchema(), readInvocations)
}

type invocationsModel struct {
	ID                types.String `tfsdk:"id"`
	InvocationIDs     types.List   `tfsdk:"invocation_ids"`
	CommandID         types.String `tfsdk:"command_id"`
	CommandCreatedBy  types.String `tfsdk:"command_created_by"`
	InstanceKind      types.String `tfsdk:"instance_kind"`
	IncludeOutput     types.Bool   `tfsdk:"include_output"`
	IncludeParameters types.Bool   `tfsdk:"include_parameters"`
	Invocations       types.List   `tfsdk:"invocations"`
	Parameters        types.Map    `tfsdk:"parameters"`
}

func invocationsSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists TAT invocations (DescribeInvocations), by ID or by filters, with their tasks and, on request, each task's output.", map[string]schema.Attribute{
		// DescribeInvocations rejects IDs with filters (InvalidParameter.ConflictParameter).
		"invocation_ids": framework.IDsArgument("Invocations to fetch, at most 100. Cannot be combined with the filters.", describePageSize,
			stringvalidator.RegexMatches(invocationIDPattern, "must be an invocation ID: inv- followed by 8 lowercase letters or digits"),
			"command_id", "command_created_by", "instance_kind"),
		"command_id":         filter("Only invocations of this command.", validate.TATCommandID()),
		"command_created_by": filter("Only invocations of commands created by `USER` or `TAT` (public commands).", stringvalidator.OneOf(CommandCreators...)),
		"instance_kind":      filter("Only invocations on `CVM` or `LIGHTHOUSE` instances.", stringvalidator.OneOf(InstanceKinds...)),
		"include_output": schema.BoolAttribute{
			Optional: true, MarkdownDescription: "Also fetch each task's result: exit code, decoded output and times, " +
				"100 tasks per DescribeInvocationTasks call. Default false.",
		},
		"include_parameters": framework.IncludeParametersArgument("each invocation was run with"),
		"parameters": framework.ParametersAttribute("With `include_parameters`, the parameters each invocation was run with, as JSON, keyed by " +
			"invocation ID: `parameters[inv.invocation_id]`. Null otherwise. Sensitive as a whole, so plans and output never show them."),
		"invocations": framework.ComputedObjects("The invocations found, newest first.", listedInvocationAttributes),
	})
}

// listedInvocationAttributes are what the data source reports of one
// invocation.
var listedInvocationAttributes = map[string]schema.Attribute{
	"invocation_id":         framework.ComputedString("The invocation ID."),
	"command_id":            framework.ComputedString("The command run."),
	"command_name":          framework.ComputedString("The command's name."),
	"invocation_status":     framework.ComputedString("Overall status: " + flex.EnumList(InvocationStatuses) + "."),
	"description":           framework.ComputedString("Description."),
	"start_time":            framework.ComputedString("When the first task started."),
	"end_time":              framework.ComputedString("When the last task ended."),
	"created_time":          framework.ComputedString("When the invocation was created."),
	"updated_time":          framework.ComputedString("When it last changed."),
	"default_parameters":    framework.ComputedString("The command's default parameters, as JSON."),
	"instance_kind":         framework.ComputedString("`CVM` or `LIGHTHOUSE`."),
	"username":              framework.ComputedString("User the command ran as."),
	"invocation_source":     framework.ComputedString("`USER` (InvokeCommand) or `INVOKER` (a scheduled invoker)."),
	"command_content":       framework.ComputedString("The script run, decoded."),
	"command_type":          framework.ComputedString("`SHELL`, `POWERSHELL` or `BAT`."),
	"timeout":               framework.ComputedInt64("Timeout in seconds."),
	"working_directory":     framework.ComputedString("Directory the command ran in."),
	"output_cos_bucket_url": framework.ComputedString("COS bucket receiving output."),
	"output_cos_key_prefix": framework.ComputedString("COS folder of the output."),
	"tasks": framework.ComputedObjects("One task per instance; the result fields are set with `include_output`.", map[string]schema.Attribute{
		"invocation_task_id": framework.ComputedString("The task ID."),
		"task_status":        framework.ComputedString("The task status."),
		"instance_id":        framework.ComputedString("The instance."),
		"exit_code":          framework.ComputedInt64("Exit code, with `include_output`."),
		"output":             framework.ComputedString("Decoded output (the first 24 KB), with `include_output`."),
		"output_truncated":   framework.ComputedBool("Whether output beyond 24 KB was dropped, with `include_output`."),
		"output_url":         framework.ComputedString("COS URL of the full output, with `include_output`."),
		"start_time":         framework.ComputedString("When the task started, with `include_output`."),
		"end_time":           framework.ComputedString("When it ended, with `include_output`."),
		"error_info":         framework.ComputedString("TAT's explanation of a failure, with `include_output`."),
	}),
}

var listedInvocationType = framework.ObjectType(listedInvocationAttributes)

func readInvocations(ctx context.Context, clients *conns.Clients, config *invocationsModel, diags *diag.Diagnostics) {
	client := tatClient(clients, diags)
	query := config.query(ctx, diags)
	if diags.HasError() {
		return
	}
	invocations, err := listInvocations(ctx, client, query)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing TAT Invocations", "list TAT invocations", err))
		return
	}
	var tasks map[string][]*tat.InvocationTask
	if config.IncludeOutput.ValueBool() {
		tasks, err = findTasksOf(ctx, client, invocations)
		if err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Reading TAT Invocation Tasks", "read the tasks of the invocations listed", err))
			return
		}
	}
	config.Invocations = framework.ObjectList(invocations, listedInvocationType, func(inv *tat.Invocation) attr.Value {
		return invocationValue(ctx, inv, tasks[flex.StringValue(inv.InvocationId)], diags)
	}, diags)
	config.Parameters = framework.ParametersByID(config.IncludeParameters, invocations,
		func(inv *tat.Invocation) (string, *string) { return flex.StringValue(inv.InvocationId), inv.Parameters })
	config.ID = describeDigest("invocations", query.InvocationIds, query.Filters).Value()
}

// findTasksOf returns the tasks of the invocations, with their output, by
// invocation ID. The task IDs DescribeInvocations lists are read through
// the client's shared task reads, 100 at a time (TAT
// DescribeInvocationTasks: InvocationTaskIds, at most 100), so a thousand
// one-task invocations take 10 calls rather than one per invocation; the
// invocation-id filter would take only 5 invocations a call (Filter.Values,
// at most 5). An invocation whose task IDs were not listed, or whose tasks
// did not all come back, is read on its own, by its ID.
func findTasksOf(ctx context.Context, client *conns.TATClient, invocations []*tat.Invocation) (map[string][]*tat.InvocationTask, error) {
	owner := map[string]string{} // task ID to invocation ID, until the task is found
	var ids []string
	var whole []string
	byInvocation := make(map[string][]*tat.InvocationTask, len(invocations))
	for _, inv := range invocations {
		invocationID := flex.StringValue(inv.InvocationId)
		if _, seen := byInvocation[invocationID]; seen {
			continue
		}
		byInvocation[invocationID] = []*tat.InvocationTask{}
		listed := 0
		for _, t := range inv.InvocationTaskBasicInfoSet {
			if t == nil || flex.StringValue(t.InvocationTaskId) == "" {
				continue
			}
			if _, dup := owner[*t.InvocationTaskId]; !dup {
				owner[*t.InvocationTaskId] = invocationID
				ids = append(ids, *t.InvocationTaskId)
				listed++
			}
		}
		if listed == 0 {
			whole = append(whole, invocationID)
		}
	}
	found, err := client.InvocationTasks(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if t, ok := found[id]; ok {
			invocationID := owner[id]
			byInvocation[invocationID] = append(byInvocation[invocationID], t)
			delete(owner, id)
		}
	}
	incomplete := map[string]bool{}
	for _, invocationID := range owner {
		incomplete[invocationID] = true
	}
	whole = append(whole, slices.Sorted(maps.Keys(incomplete))...)
	for _, invocationID := range whole {
		tasks, err := findInvocationTasks(ctx, client, invocationID)
		if err != nil {
			return nil, err
		}
		byInvocation[invocationID] = tasks
	}
	return byInvocation, nil
}

// query turns the arguments into a DescribeInvocations request without
// paging fields.
func (m invocationsModel) query(ctx context.Context, diags *diag.Diagnostics) *tat.DescribeInvocationsRequest {
	q := &tat.DescribeInvocationsRequest{InvocationIds: idsArgument(ctx, m.InvocationIDs, diags)}
	q.Filters = withFilter(q.Filters, "command-id", m.CommandID)
	q.Filters = withFilter(q.Filters, "command-created-by", m.CommandCreatedBy)
	q.Filters = withFilter(q.Filters, "instance-kind", m.InstanceKind)
	return q
}

// idsArgument is an IDs argument as a TAT Describe call takes it: nil when
// unset, so the call is sent without IDs.
func idsArgument(ctx context.Context, ids types.List, diags *diag.Diagnostics) []*string {
	var out []*string
	for _, id := range framework.ListStrings(ctx, ids, diags) {
		out = append(out, flex.StringPtr(id))
	}
	return out
}

// filterOf is a TAT filter of one value (TAT Filter: Name, Values).
func filterOf(name, value string) *tat.Filter {
	return &tat.Filter{Name: flex.StringPtr(name), Values: []*string{flex.StringPtr(value)}}
}

// withFilter adds the filter an argument makes, when it is set.
func withFilter(filters []*tat.Filter, name string, argument types.String) []*tat.Filter {
	if argument.IsNull() || argument.IsUnknown() {
		return filters
	}
	return append(filters, filterOf(name, argument.ValueString()))
}

// listInvocations pages through every invocation the query matches.
func listInvocations(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvocationsRequest) ([]*tat.Invocation, error) {
	return pageAll(invocationsPage(ctx, client, query))
}

// invocationsPage reads one page of the invocations query matches (TAT
// DescribeInvocations: Offset, Limit), for pageAll and newestMatches.
func invocationsPage(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvocationsRequest) func(offset, limit uint64) ([]*tat.Invocation, *uint64, error) {
	return func(offset, limit uint64) ([]*tat.Invocation, *uint64, error) {
		page := *query
		page.Offset, page.Limit = &offset, &limit
		resp, err := client.DescribeInvocations(ctx, &page)
		if err != nil || resp.Response == nil {
			return nil, nil, err
		}
		return resp.Response.InvocationSet, resp.Response.TotalCount, nil
	}
}

// describeDigest is the "id" of a TAT listing data source: what it lists,
// the IDs asked for and the filters, in the order of the request.
func describeDigest(kind string, ids []*string, filters []*tat.Filter) framework.QueryDigest {
	digest := framework.QueryDigest{kind}
	for _, id := range ids {
		digest = append(digest, *id)
	}
	for _, f := range filters {
		digest.Add(*f.Name, f.Values[0])
	}
	return digest
}

func invocationValue(ctx context.Context, inv *tat.Invocation, tasks []*tat.InvocationTask, diags *diag.Diagnostics) attr.Value {
	taskList := taskValues(ctx, inv, tasks, diags)
	obj, d := types.ObjectValue(listedInvocationType.AttrTypes, map[string]attr.Value{
		"invocation_id":         types.StringValue(flex.StringValue(inv.InvocationId)),
		"command_id":            types.StringValue(flex.StringValue(inv.CommandId)),
		"command_name":          types.StringValue(flex.StringValue(inv.CommandName)),
		"invocation_status":     types.StringValue(flex.StringValue(inv.InvocationStatus)),
		"description":           types.StringValue(flex.StringValue(inv.Description)),
		"start_time":            types.StringValue(flex.StringValue(inv.StartTime)),
		"end_time":              types.StringValue(flex.StringValue(inv.EndTime)),
		"created_time":          types.StringValue(flex.StringValue(inv.CreatedTime)),
		"updated_time":          types.StringValue(flex.StringValue(inv.UpdatedTime)),
		"default_parameters":    types.StringValue(flex.StringValue(inv.DefaultParameters)),
		"instance_kind":         types.StringValue(flex.StringValue(inv.InstanceKind)),
		"username":              types.StringValue(flex.StringValue(inv.Username)),
		"invocation_source":     types.StringValue(flex.StringValue(inv.InvocationSource)),
		"command_content":       types.StringValue(flex.DecodeContent(inv.CommandContent)),
		"command_type":          types.StringValue(flex.StringValue(inv.CommandType)),
		"timeout":               types.Int64Value(int64(uint64Value(inv.Timeout))),
		"working_directory":     types.StringValue(flex.StringValue(inv.WorkingDirectory)),
		"output_cos_bucket_url": types.StringValue(flex.StringValue(inv.OutputCOSBucketUrl)),
		"output_cos_key_prefix": types.StringValue(flex.StringValue(inv.OutputCOSKeyPrefix)),
		"tasks":                 taskList,
	})
	diags.Append(d...)
	return obj
}

// taskValues lists the invocation's tasks: with full results when tasks were
// fetched, else the basic information DescribeInvocations carries.
func taskValues(ctx context.Context, inv *tat.Invocation, tasks []*tat.InvocationTask, diags *diag.Diagnostics) types.List {
	if tasks != nil {
		return resultsValue(ctx, tasks, diags)
	}
	basic := make([]taskResultModel, 0, len(inv.InvocationTaskBasicInfoSet))
	for _, t := range inv.InvocationTaskBasicInfoSet {
		if t == nil {
			continue
		}
		// What DescribeInvocations leaves out is null: the zero value.
		basic = append(basic, taskResultModel{
			ResultFields:     runs.ResultFields{InstanceID: types.StringValue(flex.StringValue(t.InstanceId))},
			InvocationTaskID: types.StringValue(flex.StringValue(t.InvocationTaskId)),
			TaskStatus:       types.StringValue(flex.StringValue(t.TaskStatus)),
		})
	}
	list, d := types.ListValueFrom(ctx, taskResultType, basic)
	diags.Append(d...)
	return list
}

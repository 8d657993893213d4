package tat

import (
	"context"
	"maps"
	"regexp"
	"slices"
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

var invocationIDPattern = regexp.MustCompile(`^inv-[a-z0-9]{8}$`)

// Filter values DescribeInvocations accepts.
var (
	CommandCreators = []string{"TAT", "USER"}
	InstanceKinds   = []string{"CVM", "LIGHTHOUSE"}
)

var (
	_ datasource.DataSourceWithConfigure = (*invocationsDataSource)(nil)
)

// NewInvocationsDataSource is the cloudcmd_invocations data source.
func NewInvocationsDataSource() datasource.DataSource { return &invocationsDataSource{} }

type invocationsDataSource struct {
	framework.DataSourceWithClients
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

var invocationAttrTypes = map[string]attr.Type{
	"invocation_id":         types.StringType,
	"command_id":            types.StringType,
	"command_name":          types.StringType,
	"invocation_status":     types.StringType,
	"description":           types.StringType,
	"start_time":            types.StringType,
	"end_time":              types.StringType,
	"created_time":          types.StringType,
	"updated_time":          types.StringType,
	"default_parameters":    types.StringType,
	"instance_kind":         types.StringType,
	"username":              types.StringType,
	"invocation_source":     types.StringType,
	"command_content":       types.StringType,
	"command_type":          types.StringType,
	"timeout":               types.Int64Type,
	"working_directory":     types.StringType,
	"output_cos_bucket_url": types.StringType,
	"output_cos_key_prefix": types.StringType,
	"tasks":                 types.ListType{ElemType: taskResultType},
}

func (d *invocationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invocations"
}

func (d *invocationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TAT invocations (DescribeInvocations), by ID or by filters, with their tasks and, on request, each task's output.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"invocation_ids": schema.ListAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Invocations to fetch, at most 100. Cannot be combined with the filters.",
				Validators: []validator.List{
					listvalidator.SizeBetween(1, describePageSize),
					listvalidator.ValueStringsAre(stringvalidator.RegexMatches(invocationIDPattern, "must be an invocation ID: inv- followed by 8 lowercase letters or digits")),
					// DescribeInvocations rejects IDs with filters (InvalidParameter.ConflictParameter).
					listvalidator.ConflictsWith(path.MatchRoot("command_id"), path.MatchRoot("command_created_by"), path.MatchRoot("instance_kind")),
				},
			},
			"command_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only invocations of this command.",
				Validators: []validator.String{validate.TATCommandID()},
			},
			"command_created_by": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only invocations of commands created by `USER` or `TAT` (public commands).",
				Validators: []validator.String{stringvalidator.OneOf(CommandCreators...)},
			},
			"instance_kind": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only invocations on `CVM` or `LIGHTHOUSE` instances.",
				Validators: []validator.String{stringvalidator.OneOf(InstanceKinds...)},
			},
			"include_output": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "Also fetch each task's result: exit code, decoded output and times, " +
					"100 tasks per DescribeInvocationTasks call. Default false.",
			},
			"include_parameters": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "Also report the parameters each invocation was run with, in `parameters`. " +
					"They may hold secrets: left false, they are neither read into the state nor shown anywhere. Default false.",
			},
			// The parameters are one sensitive map beside the list rather than
			// a sensitive attribute of each row: Terraform core marks a value
			// with one path per sensitive attribute it holds and compares every
			// value it walks against every path, so a sensitive attribute in
			// each of N rows costs N paths and a plan time quadratic in N
			// (10,000 invocations took 866 s to plan). One attribute is one
			// path, however many invocations are listed.
			"parameters": schema.MapAttribute{
				ElementType: types.StringType, Computed: true, Sensitive: true,
				MarkdownDescription: "With `include_parameters`, the parameters each invocation was run with, as JSON, keyed by " +
					"invocation ID: `parameters[inv.invocation_id]`. Null otherwise. Sensitive as a whole, so plans and output never show them.",
			},
			"invocations": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The invocations found, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"invocation_id":         str("The invocation ID."),
					"command_id":            str("The command run."),
					"command_name":          str("The command's name."),
					"invocation_status":     str("Overall status: " + flex.EnumList(InvocationStatuses) + "."),
					"description":           str("Description."),
					"start_time":            str("When the first task started."),
					"end_time":              str("When the last task ended."),
					"created_time":          str("When the invocation was created."),
					"updated_time":          str("When it last changed."),
					"default_parameters":    str("The command's default parameters, as JSON."),
					"instance_kind":         str("`CVM` or `LIGHTHOUSE`."),
					"username":              str("User the command ran as."),
					"invocation_source":     str("`USER` (InvokeCommand) or `INVOKER` (a scheduled invoker)."),
					"command_content":       str("The script run, decoded."),
					"command_type":          str("`SHELL`, `POWERSHELL` or `BAT`."),
					"timeout":               schema.Int64Attribute{Computed: true, MarkdownDescription: "Timeout in seconds."},
					"working_directory":     str("Directory the command ran in."),
					"output_cos_bucket_url": str("COS bucket receiving output."),
					"output_cos_key_prefix": str("COS folder of the output."),
					"tasks": schema.ListNestedAttribute{
						Computed: true, MarkdownDescription: "One task per instance; the result fields are set with `include_output`.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"invocation_task_id": str("The task ID."),
							"task_status":        str("The task status."),
							"instance_id":        str("The instance."),
							"exit_code":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Exit code, with `include_output`."},
							"output":             str("Decoded output (the first 24 KB), with `include_output`."),
							"output_truncated":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether output beyond 24 KB was dropped, with `include_output`."},
							"output_url":         str("COS URL of the full output, with `include_output`."),
							"start_time":         str("When the task started, with `include_output`."),
							"end_time":           str("When it ended, with `include_output`."),
							"error_info":         str("TAT's explanation of a failure, with `include_output`."),
						}},
					},
				}},
			},
		},
	}
}

func (d *invocationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config invocationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := tatClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	query := config.query(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	invocations, err := listInvocations(ctx, client, query)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing TAT Invocations", "list TAT invocations", err))
		return
	}
	var tasks map[string][]*tat.InvocationTask
	if config.IncludeOutput.ValueBool() {
		tasks, err = findTasksOf(ctx, client, invocations)
		if err != nil {
			resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Reading TAT Invocation Tasks", "read the tasks of the invocations listed", err))
			return
		}
	}
	values := make([]attr.Value, 0, len(invocations))
	for _, inv := range invocations {
		values = append(values, invocationValue(ctx, inv, tasks[flex.StringValue(inv.InvocationId)], &resp.Diagnostics))
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: invocationAttrTypes}, values)
	resp.Diagnostics.Append(diags...)
	config.Invocations = list
	config.Parameters = types.MapNull(types.StringType)
	if config.IncludeParameters.ValueBool() {
		config.Parameters = parametersValue(invocations)
	}
	config.ID = types.StringValue(queryDigest(query))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// parametersValue maps each invocation's ID to the parameters it was run
// with.
func parametersValue(invocations []*tat.Invocation) types.Map {
	params := make(map[string]attr.Value, len(invocations))
	for _, inv := range invocations {
		params[flex.StringValue(inv.InvocationId)] = types.StringValue(flex.StringValue(inv.Parameters))
	}
	return types.MapValueMust(types.StringType, params)
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
	var ids []string
	if !m.InvocationIDs.IsNull() {
		diags.Append(m.InvocationIDs.ElementsAs(ctx, &ids, false)...)
	}
	q := &tat.DescribeInvocationsRequest{}
	for _, id := range ids {
		q.InvocationIds = append(q.InvocationIds, flex.StringPtr(id))
	}
	addFilter := func(name string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() {
			q.Filters = append(q.Filters, &tat.Filter{Name: flex.StringPtr(name), Values: []*string{v.ValueStringPointer()}})
		}
	}
	addFilter("command-id", m.CommandID)
	addFilter("command-created-by", m.CommandCreatedBy)
	addFilter("instance-kind", m.InstanceKind)
	return q
}

// listInvocations pages through every invocation the query matches.
func listInvocations(ctx context.Context, client *conns.TATClient, query *tat.DescribeInvocationsRequest) ([]*tat.Invocation, error) {
	return pageAll(func(offset, limit uint64) ([]*tat.Invocation, *uint64, error) {
		page := *query
		page.Offset, page.Limit = &offset, &limit
		resp, err := client.DescribeInvocations(ctx, &page)
		if err != nil {
			return nil, nil, err
		}
		return resp.Response.InvocationSet, resp.Response.TotalCount, nil
	})
}

func queryDigest(q *tat.DescribeInvocationsRequest) string {
	parts := []string{"invocations"}
	for _, id := range q.InvocationIds {
		parts = append(parts, *id)
	}
	for _, f := range q.Filters {
		parts = append(parts, *f.Name+"="+*f.Values[0])
	}
	return strings.Join(parts, ",")
}

func invocationValue(ctx context.Context, inv *tat.Invocation, tasks []*tat.InvocationTask, diags *diag.Diagnostics) attr.Value {
	taskList := taskValues(ctx, inv, tasks, diags)
	obj, d := types.ObjectValue(invocationAttrTypes, map[string]attr.Value{
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
		basic = append(basic, taskResultModel{
			InvocationTaskID: types.StringValue(flex.StringValue(t.InvocationTaskId)),
			TaskStatus:       types.StringValue(flex.StringValue(t.TaskStatus)),
			InstanceID:       types.StringValue(flex.StringValue(t.InstanceId)),
			ExitCode:         types.Int64Null(),
			Output:           types.StringNull(),
			OutputTruncated:  types.BoolNull(),
			OutputURL:        types.StringNull(),
			StartTime:        types.StringNull(),
			EndTime:          types.StringNull(),
			ErrorInfo:        types.StringNull(),
		})
	}
	list, d := types.ListValueFrom(ctx, taskResultType, basic)
	diags.Append(d...)
	return list
}

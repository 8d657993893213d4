package ecs

import (
	"context"
	"sort"
	"strconv"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// InvokeStatusFilters are the values of DescribeInvocations' InvokeStatus
// filter, the deprecated coarse status (ECS DescribeInvocations: InvokeStatus).
var InvokeStatusFilters = []string{"Running", "Finished", "Failed", "PartialFailed", "Stopped"}

// InvokeRecordStatuses are the values of the deprecated coarse status of
// one instance's run (ECS DescribeInvocations: InstanceInvokeStatus;
// DescribeInvocationResults: InvokeRecordStatus).
var InvokeRecordStatuses = []string{"Running", "Finished", "Failed", "Stopped"}

// NewInvocationsDataSource is the cloudcmd_ecs_invocations data source.
func NewInvocationsDataSource() datasource.DataSource {
	return framework.NewDataSource("_ecs_invocations", invocationsSchema(), readInvocations)
}

type invocationsModel struct {
	ID                types.String `tfsdk:"id"`
	RegionID          types.String `tfsdk:"region_id"`
	InvokeID          types.String `tfsdk:"invoke_id"`
	CommandID         types.String `tfsdk:"command_id"`
	CommandType       types.String `tfsdk:"command_type"`
	InvokeStatus      types.String `tfsdk:"invoke_status"`
	InstanceID        types.String `tfsdk:"instance_id"`
	CommandName       types.String `tfsdk:"command_name"`
	RepeatMode        types.String `tfsdk:"repeat_mode"`
	Tags              types.Map    `tfsdk:"tags"`
	ResourceGroupID   types.String `tfsdk:"resource_group_id"`
	Timed             types.Bool   `tfsdk:"timed"`
	IncludeOutput     types.Bool   `tfsdk:"include_output"`
	IncludeHistory    types.Bool   `tfsdk:"include_history"`
	IncludeParameters types.Bool   `tfsdk:"include_parameters"`
	Invocations       types.List   `tfsdk:"invocations"`
	Parameters        types.Map    `tfsdk:"parameters"`
}

func invocationsSchema() schema.Schema {
	attrs := invocationsFilterAttributes()
	attrs["include_output"] = schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Also fetch each instance's output, decoded. With `invoke_id` or `instance_id` it comes with the listing " +
			"(DescribeInvocations' IncludeOutput); otherwise the results of the command, resource group and tags filtered on are " +
			"read 50 at a time with DescribeInvocationResults, or each invocation's on its own when that takes fewer calls. Default false.",
	}
	attrs["include_parameters"] = framework.IncludeParametersArgument("each invocation was run with")
	attrs["parameters"] = framework.ParametersAttribute("With `include_parameters`, the parameters each invocation was run with, as JSON, keyed by " +
		"invocation ID: `parameters[inv.invoke_id]`. Null otherwise. Sensitive as a whole, so plans and output never show them.")
	attrs["include_history"] = schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Also list every run so far of each periodic or reboot-triggered invocation in its `history` " +
			"(DescribeInvocationResults' IncludeHistory), one query per such invocation. Default false.",
	}
	attrs["invocations"] = framework.ComputedObjects("The invocations found, newest first.", listedInvocationAttributes)
	return framework.DataSourceSchema("Lists ECS Cloud Assistant invocations (DescribeInvocations) that match the filters, every page of them, "+
		"with each instance's run, on request its decoded output, and the past runs of periodic invocations.", attrs)
}

// invocationsFilterAttributes are the arguments that select invocations.
func invocationsFilterAttributes() map[string]schema.Attribute {
	filter := framework.FilterArgument
	return map[string]schema.Attribute{
		"region_id":  dataSourceRegionArgument("Region to list"),
		"invoke_id":  filter("Only this invocation.", stringvalidator.LengthAtLeast(1)),
		"command_id": filter("Only invocations of this command.", stringvalidator.LengthAtLeast(1)),
		"command_type": filter("Only invocations of this script kind: "+quotedList(CommandTypes)+".",
			stringvalidator.OneOf(CommandTypes...)),
		"invoke_status": filter("Only invocations in this coarse status: "+quotedList(InvokeStatusFilters)+
			". `Finished` covers runs that ended on every instance, including failures on some; a periodic invocation stays `Running` until stopped.",
			stringvalidator.OneOf(InvokeStatusFilters...)),
		"instance_id": filter("Only invocations that ran on this instance, an ECS instance (`i-...`) or a managed instance (`mi-...`); "+
			"each invocation then lists only this instance's run.", validate.ECSInstanceID()),
		"command_name": filter("Only invocations of commands with this name.", stringvalidator.LengthAtLeast(1)),
		"repeat_mode": filter("Only invocations in this mode: "+quotedList(stringList(RepeatModes))+".",
			stringvalidator.OneOf(stringList(RepeatModes)...)),
		"resource_group_id": filter("Only invocations assigned to this resource group (the `resource_group_id` they were run with).",
			stringvalidator.LengthAtLeast(1)),
		"timed": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "`true`: only invocations that will run again, periodic or reboot-triggered ones neither stopped nor complete; " +
				"`false`: only the others. Unset: both.",
		},
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Only invocations carrying all of these tags.",
			Validators:          validate.AlibabaTags(),
		},
	}
}

// listedInvocationAttributes are what the data source reports of one
// invocation: every field of DescribeInvocations' Invocation.
var listedInvocationAttributes = map[string]schema.Attribute{
	"invoke_id":           framework.ComputedString("The invocation ID."),
	"command_id":          framework.ComputedString("The command run."),
	"command_name":        framework.ComputedString("The command's name."),
	"command_type":        framework.ComputedString("Script kind: " + quotedList(CommandTypes) + "."),
	"command_content":     framework.ComputedString("The script run, decoded."),
	"command_description": framework.ComputedString("The command's description."),
	"timeout":             framework.ComputedInt64("Timeout in seconds."),
	"working_dir":         framework.ComputedString("Directory the command ran in."),
	"username":            framework.ComputedString("User the command ran as."),
	"frequency":           framework.ComputedString("Schedule of a periodic invocation."),
	"repeat_mode":         framework.ComputedString("When it runs: " + quotedList(stringList(RepeatModes)) + "."),
	"timed":               framework.ComputedBool("Whether it runs automatically: on a schedule or at reboots."),
	"creation_time":       framework.ComputedString("When the invocation was created (ISO 8601, UTC)."),
	"container_id":        framework.ComputedString("Container the command ran in."),
	"container_name":      framework.ComputedString("Name of that container."),
	"launcher":            framework.ComputedString("Program the script was started with, such as `python3 -u {{ACS::ScriptFileName|Ext(\".py\")}}`; empty for the default."),
	"termination_mode":    framework.ComputedString("How a stopped or timed-out run was ended: `Process` (the script's process) or `ProcessTree` (it and its children); empty for the default."),
	"resource_group_id": framework.ComputedString("The `resource_group_id` filter when it is set, since every invocation listed then belongs to that group; " +
		"null otherwise, as the API does not report an invocation's group."),
	"invocation_status": framework.ComputedString("Overall status: " + flex.EnumList(InvocationStatuses) + "."),
	"invoke_status":     framework.ComputedString("The deprecated coarse status: " + quotedList(InvokeStatusFilters) + "."),
	"tags":              framework.ComputedStringMap("The invocation's tags."),
	"instances": framework.ComputedObjects("One entry per instance, sorted by instance ID; for a periodic or reboot-triggered run, "+
		"each instance's latest run.", instanceRunAttributes()),
	"history": framework.ComputedObjects("With `include_history`, every run so far of a periodic or reboot-triggered invocation: by instance ID, then oldest first. "+
		"Before its first run, an instance may be listed once, with its current state. Null for one-time invocations, whose only run is in `instances`, "+
		"and without `include_history`.", historyRunAttributes()),
}

// runAttributes are the fields of one run shared by instances and history.
func runAttributes() map[string]schema.Attribute {
	str, number := framework.ComputedString, framework.ComputedInt64
	return map[string]schema.Attribute{
		"instance_id":       str("The instance."),
		"invocation_status": str("The instance's status: " + flex.EnumList(InstanceStatuses) + "."),
		"exit_code":         number("The command's exit code, once it has run (null when it never started)."),
		"output":            str("The output, decoded: the last 24 KB. Set with `include_output`, else null."),
		"output_truncated":  framework.ComputedBool("Whether output before the last 24 KB was dropped."),
		"dropped":           number("How many bytes of output were dropped before the last 24 KB."),
		"error_code":        str("Why the run failed, such as `ExitCodeNonzero`, `ExecutionTimeout` or `DirectoryNotExists`; empty on success."),
		"error_info":        str("Cloud Assistant's explanation of `error_code`."),
		"repeats":           number("How many times it had run on the instance, this run included."),
		"start_time":        str("When the command started on the instance; empty if it never did."),
		"finish_time":       str("When it ended; empty while it goes on."),
		"stop_time":         str("When StopInvocation reached it; empty if it was not stopped."),
	}
}

func instanceRunAttributes() map[string]schema.Attribute {
	attrs := runAttributes()
	attrs["instance_invoke_status"] = framework.ComputedString("The deprecated coarse status of the instance's run: " + quotedList(InvokeRecordStatuses) + ".")
	attrs["timed"] = framework.ComputedBool("Whether the run is automatic: on a schedule or at reboots.")
	attrs["creation_time"] = framework.ComputedString("When the run on this instance was created.")
	attrs["update_time"] = framework.ComputedString("When its status last changed.")
	return attrs
}

func historyRunAttributes() map[string]schema.Attribute {
	attrs := runAttributes()
	attrs["invoke_record_status"] = framework.ComputedString("The deprecated coarse status of this run: " + quotedList(InvokeRecordStatuses) + ".")
	return attrs
}

var (
	listedInvocationType   = framework.ObjectType(listedInvocationAttributes)
	invocationInstanceType = framework.ObjectType(instanceRunAttributes())
	historyRunType         = framework.ObjectType(historyRunAttributes())
)

// dataSourceRegionArgument is the region_id argument of a data source, whose
// description starts with what, such as "Region to list". Every ECS request
// names its region; unset, the provider's is used.
func dataSourceRegionArgument(what string) schema.Attribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: what + ", such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` " +
			"(or `ALICLOUD_REGION`); one of the two must be set.",
		Validators: []validator.String{validate.AlibabaRegionID()},
	}
}

// regionalClient is the ECS client and the region a data source reads: its
// region_id, else the provider's; it adds an error when neither is set.
func regionalClient(clients *conns.Clients, regionID types.String, diags *diag.Diagnostics) (*conns.ECSClient, string) {
	client := ecsClient(clients, diags)
	if diags.HasError() {
		return nil, ""
	}
	region := regionOf(regionID, client)
	if region == "" {
		diags.Append(missingRegionDiagnostic())
	}
	return client, region
}

func readInvocations(ctx context.Context, clients *conns.Clients, config *invocationsModel, diags *diag.Diagnostics) {
	client, regionID := regionalClient(clients, config.RegionID, diags)
	if diags.HasError() {
		return
	}
	query := config.query(ctx, regionID, diags)
	if diags.HasError() {
		return
	}
	invocations, err := listInvocations(ctx, client, query)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing ECS Invocations", "list ECS invocations in "+regionID, err))
		return
	}
	reader := invocationReader{
		client: client, regionID: regionID, instanceID: query.InstanceId, groupID: query.ResourceGroupId,
		withOutput:     config.IncludeOutput.ValueBool(),
		includeHistory: config.IncludeHistory.ValueBool(),
	}
	if reader.withOutput && (query.IncludeOutput == nil || !*query.IncludeOutput) {
		reader.outputs, err = findOutputsOf(ctx, client, query, invocations)
		if err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Reading ECS Invocation Results", "read the results of the invocations listed in "+regionID, err))
			return
		}
	}
	values := make([]attr.Value, 0, len(invocations))
	for _, inv := range invocations {
		value, valueDiags := reader.invocationValue(ctx, inv)
		diags.Append(valueDiags...)
		if diags.HasError() {
			return
		}
		values = append(values, value)
	}
	list, listDiags := types.ListValue(listedInvocationType, values)
	diags.Append(listDiags...)
	config.Invocations = list
	config.Parameters = framework.ParametersByID(config.IncludeParameters, invocations,
		func(inv *invocation) (string, *string) { return flex.StringValue(inv.InvokeId), inv.Parameters })
	config.ID = invocationsQueryDigest(query, config.IncludeOutput.ValueBool(), config.IncludeHistory.ValueBool(), config.IncludeParameters.ValueBool())
}

// query turns the arguments into a DescribeInvocations request without
// paging fields.
func (m invocationsModel) query(ctx context.Context, regionID string, diags *diag.Diagnostics) *ecs.DescribeInvocationsRequest {
	q := &ecs.DescribeInvocationsRequest{
		RegionId:        &regionID,
		InvokeId:        flex.KnownStringPointer(m.InvokeID),
		CommandId:       flex.KnownStringPointer(m.CommandID),
		CommandType:     flex.KnownStringPointer(m.CommandType),
		InvokeStatus:    flex.KnownStringPointer(m.InvokeStatus),
		InstanceId:      flex.KnownStringPointer(m.InstanceID),
		CommandName:     flex.KnownStringPointer(m.CommandName),
		RepeatMode:      flex.KnownStringPointer(m.RepeatMode),
		ResourceGroupId: flex.KnownStringPointer(m.ResourceGroupID),
		Timed:           m.Timed.ValueBoolPointer(),
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, k := range flex.SortedKeys(tags) {
		q.Tag = append(q.Tag, &ecs.DescribeInvocationsRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(tags[k])})
	}
	// The API gives output in the listing only for a named invocation or
	// instance.
	if m.IncludeOutput.ValueBool() && (q.InvokeId != nil || q.InstanceId != nil) {
		includeOutput := true
		q.IncludeOutput = &includeOutput
	}
	return q
}

// listInvocations pages through every invocation the query matches.
func listInvocations(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeInvocationsRequest) ([]*invocation, error) {
	return pageAll(func(number, size int64) ([]*invocation, int64, error) {
		page := *query
		page.PageNumber, page.PageSize = &number, &size
		resp, err := client.DescribeInvocations(ctx, &page)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, 0, err
		}
		var batch []*invocation
		if resp.Body.Invocations != nil {
			batch = resp.Body.Invocations.Invocation
		}
		return batch, int64Value(resp.Body.TotalCount), nil
	})
}

func invocationsQueryDigest(q *ecs.DescribeInvocationsRequest, includeOutput, includeHistory, includeParameters bool) types.String {
	digest := framework.QueryDigest{"ecs-invocations", flex.StringValue(q.RegionId)}
	digest.Add("invoke-id", q.InvokeId)
	digest.Add("command-id", q.CommandId)
	digest.Add("command-type", q.CommandType)
	digest.Add("invoke-status", q.InvokeStatus)
	digest.Add("instance-id", q.InstanceId)
	digest.Add("command-name", q.CommandName)
	digest.Add("repeat-mode", q.RepeatMode)
	digest.Add("resource-group-id", q.ResourceGroupId)
	if q.Timed != nil {
		digest.Add("timed", flex.StringPtr(strconv.FormatBool(*q.Timed)))
	}
	for _, t := range q.Tag {
		digest.Add("tag:"+*t.Key, t.Value)
	}
	digest.Flag("output", includeOutput)
	digest.Flag("history", includeHistory)
	digest.Flag("parameters", includeParameters)
	return digest.Value()
}

// invocationReader turns listed invocations into values, adding what the
// listing lacks: output, when the listing could not carry it, and the
// history of periodic invocations, which it reads.
type invocationReader struct {
	client     *conns.ECSClient
	regionID   string
	instanceID *string // the instance_id filter: only its runs are shown
	groupID    *string // the resource_group_id filter

	withOutput bool // include_output
	// outputs holds each invocation's results, by invocation ID, when the
	// listing could not carry the output (findOutputsOf); nil when it did.
	outputs        map[string][]*invocationResult
	includeHistory bool
}

func (r invocationReader) invocationValue(ctx context.Context, inv *invocation) (attr.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	invokeID := flex.StringValue(inv.InvokeId)
	runs := listedRuns(inv, r.withOutput && r.outputs == nil)
	if r.withOutput && r.outputs != nil {
		addOutput(runs, r.outputs[invokeID])
	}
	instances := instancesList(ctx, runs, &diags)
	history := types.ListNull(historyRunType)
	if r.includeHistory && !RepeatMode(flex.StringValue(inv.RepeatMode)).Ends() {
		results, err := r.history(ctx, invokeID)
		if err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Reading ECS Invocation History", "read the past runs of invocation "+invokeID, err))
			return nil, diags
		}
		history = historyList(ctx, results, r.withOutput, &diags)
	}
	return listedInvocationValue(inv, r.groupID, instances, history, &diags), diags
}

// history pages through every run of a periodic invocation, on the
// filtered instance only when instance_id is set.
func (r invocationReader) history(ctx context.Context, invokeID string) ([]*invocationResult, error) {
	return allResults(ctx, r.client, ecs.DescribeInvocationResultsRequest{
		RegionId:       &r.regionID,
		InvokeId:       &invokeID,
		InstanceId:     r.instanceID,
		IncludeHistory: flex.BoolPtr(true),
	})
}

func listedInvocationValue(inv *invocation, groupID *string, instances, history types.List, diags *diag.Diagnostics) attr.Value {
	obj, d := types.ObjectValue(listedInvocationType.AttrTypes, map[string]attr.Value{
		"invoke_id":           types.StringValue(flex.StringValue(inv.InvokeId)),
		"command_id":          types.StringValue(flex.StringValue(inv.CommandId)),
		"command_name":        types.StringValue(flex.StringValue(inv.CommandName)),
		"command_type":        types.StringValue(flex.StringValue(inv.CommandType)),
		"command_content":     types.StringValue(flex.DecodeContent(inv.CommandContent)),
		"command_description": types.StringValue(flex.StringValue(inv.CommandDescription)),
		"timeout":             types.Int64Value(int64Value(inv.Timeout)),
		"working_dir":         types.StringValue(flex.StringValue(inv.WorkingDir)),
		"username":            types.StringValue(flex.StringValue(inv.Username)),
		"frequency":           types.StringValue(flex.StringValue(inv.Frequency)),
		"repeat_mode":         types.StringValue(flex.StringValue(inv.RepeatMode)),
		"timed":               types.BoolValue(boolValue(inv.Timed)),
		"creation_time":       types.StringValue(flex.StringValue(inv.CreationTime)),
		"container_id":        types.StringValue(flex.StringValue(inv.ContainerId)),
		"container_name":      types.StringValue(flex.StringValue(inv.ContainerName)),
		"launcher":            types.StringValue(flex.StringValue(inv.Launcher)),
		"termination_mode":    types.StringValue(flex.StringValue(inv.TerminationMode)),
		"resource_group_id":   types.StringPointerValue(groupID),
		"invocation_status":   types.StringValue(flex.StringValue(inv.InvocationStatus)),
		"invoke_status":       types.StringValue(flex.StringValue(inv.InvokeStatus)),
		"tags":                invocationTagsFromAPI(inv.Tags, framework.EmptyStringMap, diags),
		"instances":           instances,
		"history":             history,
	})
	diags.Append(d...)
	return obj
}

// instanceRunModel is one run on one instance, as an element of an
// invocation's instances and of its history records it.
type instanceRunModel struct {
	InstanceID       types.String `tfsdk:"instance_id"`
	InvocationStatus types.String `tfsdk:"invocation_status"`
	ExitCode         types.Int64  `tfsdk:"exit_code"`
	Output           types.String `tfsdk:"output"`
	OutputTruncated  types.Bool   `tfsdk:"output_truncated"`
	Dropped          types.Int64  `tfsdk:"dropped"`
	ErrorCode        types.String `tfsdk:"error_code"`
	ErrorInfo        types.String `tfsdk:"error_info"`
	Repeats          types.Int64  `tfsdk:"repeats"`
	StartTime        types.String `tfsdk:"start_time"`
	FinishTime       types.String `tfsdk:"finish_time"`
	StopTime         types.String `tfsdk:"stop_time"`
}

// invocationInstanceModel is an element of an invocation's instances.
type invocationInstanceModel struct {
	instanceRunModel
	InstanceInvokeStatus types.String `tfsdk:"instance_invoke_status"`
	Timed                types.Bool   `tfsdk:"timed"`
	CreationTime         types.String `tfsdk:"creation_time"`
	UpdateTime           types.String `tfsdk:"update_time"`
}

// historyRunModel is an element of an invocation's history.
type historyRunModel struct {
	instanceRunModel
	InvokeRecordStatus types.String `tfsdk:"invoke_record_status"`
}

// instanceRunOf is the run r reports, with its output when it was asked
// for.
func instanceRunOf(r *invocationResult, withOutput bool) instanceRunModel {
	status := flex.StringValue(r.InvocationStatus)
	return instanceRunModel{
		InstanceID:       types.StringValue(flex.StringValue(r.InstanceId)),
		InvocationStatus: types.StringValue(status),
		ExitCode:         exitCodeValue(status, r.ExitCode),
		Output:           outputValue(r.Output, withOutput),
		OutputTruncated:  types.BoolValue(int32Value(r.Dropped) > 0),
		Dropped:          types.Int64Value(int64(int32Value(r.Dropped))),
		ErrorCode:        types.StringValue(flex.StringValue(r.ErrorCode)),
		ErrorInfo:        types.StringValue(flex.StringValue(r.ErrorInfo)),
		Repeats:          types.Int64Value(int64(int32Value(r.Repeats))),
		StartTime:        types.StringValue(flex.StringValue(r.StartTime)),
		FinishTime:       types.StringValue(flex.StringValue(r.FinishedTime)),
		StopTime:         types.StringValue(flex.StringValue(r.StopTime)),
	}
}

func exitCodeValue(status string, code *int64) types.Int64 {
	if code != nil && InstanceStatus(status).HasExitCode() {
		return types.Int64Value(*code)
	}
	return types.Int64Null()
}

// outputValue is a run's decoded output, or null when it was not asked for.
func outputValue(output *string, wanted bool) types.String {
	if !wanted {
		return types.StringNull()
	}
	return types.StringValue(flex.DecodeContent(output))
}

// listedRuns are the runs DescribeInvocations carries, with their output
// when the listing included it.
func listedRuns(inv *invocation, withOutput bool) []invocationInstanceModel {
	models := []invocationInstanceModel{}
	if inv.InvokeInstances == nil {
		return models
	}
	for _, r := range flex.NonNil(inv.InvokeInstances.InvokeInstance) {
		models = append(models, invocationInstanceModel{
			instanceRunModel:     instanceRunOf(asInvocationResult(inv, r), withOutput),
			InstanceInvokeStatus: types.StringValue(flex.StringValue(r.InstanceInvokeStatus)),
			Timed:                types.BoolValue(boolValue(r.Timed)),
			CreationTime:         types.StringValue(flex.StringValue(r.CreationTime)),
			UpdateTime:           types.StringValue(flex.StringValue(r.UpdateTime)),
		})
	}
	return models
}

// addOutput copies each instance's output from DescribeInvocationResults
// into the listed runs. An instance the results leave out (its records
// aged out between the two calls) gets an empty output.
func addOutput(runs []invocationInstanceModel, results []*invocationResult) {
	byInstance := map[string]*invocationResult{}
	for _, r := range results {
		if r != nil {
			byInstance[flex.StringValue(r.InstanceId)] = r
		}
	}
	for i := range runs {
		runs[i].Output = types.StringValue("")
		if r, ok := byInstance[runs[i].InstanceID.ValueString()]; ok {
			runs[i].Output = types.StringValue(flex.DecodeContent(r.Output))
			runs[i].OutputTruncated = types.BoolValue(int32Value(r.Dropped) > 0)
			runs[i].Dropped = types.Int64Value(int64(int32Value(r.Dropped)))
		}
	}
}

// instancesList sorts the runs by instance ID, so the list is stable
// between reads.
func instancesList(ctx context.Context, models []invocationInstanceModel, diags *diag.Diagnostics) types.List {
	sort.Slice(models, func(i, j int) bool { return models[i].InstanceID.ValueString() < models[j].InstanceID.ValueString() })
	list, d := types.ListValueFrom(ctx, invocationInstanceType, models)
	diags.Append(d...)
	return list
}

// historyList lists the runs of a periodic invocation by instance, then in
// the order they ran.
func historyList(ctx context.Context, results []*invocationResult, withOutput bool, diags *diag.Diagnostics) types.List {
	models := make([]historyRunModel, 0, len(results))
	for _, r := range flex.NonNil(results) {
		models = append(models, historyRunModel{
			instanceRunModel:   instanceRunOf(r, withOutput),
			InvokeRecordStatus: types.StringValue(flex.StringValue(r.InvokeRecordStatus)),
		})
	}
	sort.SliceStable(models, func(i, j int) bool {
		a, b := models[i], models[j]
		if a.InstanceID != b.InstanceID {
			return a.InstanceID.ValueString() < b.InstanceID.ValueString()
		}
		return a.Repeats.ValueInt64() < b.Repeats.ValueInt64()
	})
	list, d := types.ListValueFrom(ctx, historyRunType, models)
	diags.Append(d...)
	return list
}

func boolValue(p *bool) bool { return p != nil && *p }

package ecs

import (
	"context"
	"regexp"
	"sort"
	"strings"

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
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// InvokeStatusFilters are the values of DescribeInvocations' InvokeStatus
// filter, the deprecated coarse status (SPEC B.6).
var InvokeStatusFilters = []string{"Running", "Finished", "Failed", "PartialFailed", "Stopped"}

// filterInstanceIDPattern is the form of an ECS instance ID: i- and lowercase
// letters or digits.
var filterInstanceIDPattern = regexp.MustCompile(`^i-[a-z0-9]+$`)

var _ datasource.DataSourceWithConfigure = (*invocationsDataSource)(nil)

// NewInvocationsDataSource is the cloudcmd_ecs_invocations data source.
func NewInvocationsDataSource() datasource.DataSource { return &invocationsDataSource{} }

type invocationsDataSource struct {
	clients *conns.Clients
}

type invocationsModel struct {
	ID            types.String `tfsdk:"id"`
	RegionID      types.String `tfsdk:"region_id"`
	InvokeID      types.String `tfsdk:"invoke_id"`
	CommandID     types.String `tfsdk:"command_id"`
	CommandType   types.String `tfsdk:"command_type"`
	InvokeStatus  types.String `tfsdk:"invoke_status"`
	InstanceID    types.String `tfsdk:"instance_id"`
	CommandName   types.String `tfsdk:"command_name"`
	RepeatMode    types.String `tfsdk:"repeat_mode"`
	Tags          types.Map    `tfsdk:"tags"`
	IncludeOutput types.Bool   `tfsdk:"include_output"`
	Invocations   types.List   `tfsdk:"invocations"`
}

// invocationInstanceType is one instance's run as the data source lists it.
var invocationInstanceType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"instance_id":       types.StringType,
	"invocation_status": types.StringType,
	"exit_code":         types.Int64Type,
	"output":            types.StringType,
	"output_truncated":  types.BoolType,
	"error_code":        types.StringType,
	"error_info":        types.StringType,
	"repeats":           types.Int64Type,
	"start_time":        types.StringType,
	"finish_time":       types.StringType,
}}

var listedInvocationType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"invoke_id":           types.StringType,
	"command_id":          types.StringType,
	"command_name":        types.StringType,
	"command_type":        types.StringType,
	"command_content":     types.StringType,
	"command_description": types.StringType,
	"parameters":          types.StringType,
	"timeout":             types.Int64Type,
	"working_dir":         types.StringType,
	"username":            types.StringType,
	"frequency":           types.StringType,
	"repeat_mode":         types.StringType,
	"creation_time":       types.StringType,
	"container_id":        types.StringType,
	"container_name":      types.StringType,
	"invocation_status":   types.StringType,
	"invoke_status":       types.StringType,
	"tags":                types.MapType{ElemType: types.StringType},
	"instances":           types.ListType{ElemType: invocationInstanceType},
}}

func (d *invocationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ecs_invocations"
}

func (d *invocationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	filter := func(desc string, validators ...validator.String) schema.Attribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: validators}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists ECS Cloud Assistant invocations (DescribeInvocations) that match the filters, every page of them, " +
			"with each instance's run and, on request, its decoded output.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"region_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region to list, such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` " +
					"(or `ALICLOUD_REGION`); one of the two must be set.",
				Validators: []validator.String{validate.AlibabaRegionID()},
			},
			"invoke_id":  filter("Only this invocation.", stringvalidator.LengthAtLeast(1)),
			"command_id": filter("Only invocations of this command.", stringvalidator.LengthAtLeast(1)),
			"command_type": filter("Only invocations of this script kind: "+quotedList(CommandTypes)+".",
				stringvalidator.OneOf(CommandTypes...)),
			"invoke_status": filter("Only invocations in this coarse status: "+quotedList(InvokeStatusFilters)+
				". `Finished` covers runs that ended on every instance, including failures on some; a periodic invocation stays `Running` until stopped.",
				stringvalidator.OneOf(InvokeStatusFilters...)),
			"instance_id": filter("Only invocations that ran on this instance; each invocation then lists only this instance's run.",
				stringvalidator.RegexMatches(filterInstanceIDPattern, "must be an ECS instance ID: i- followed by lowercase letters or digits")),
			"command_name": filter("Only invocations of commands with this name.", stringvalidator.LengthAtLeast(1)),
			"repeat_mode": filter("Only invocations in this mode: "+quotedList(stringList(RepeatModes))+".",
				stringvalidator.OneOf(stringList(RepeatModes)...)),
			"tags": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Only invocations carrying all of these tags.",
				Validators:          validate.AlibabaTags(),
			},
			"include_output": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also fetch each instance's output, decoded. With `invoke_id` or `instance_id` it comes with the listing " +
					"(DescribeInvocations' IncludeOutput); otherwise each invocation's results are read with DescribeInvocationResults. Default false.",
			},
			"invocations": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The invocations found, newest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"invoke_id":           str("The invocation ID."),
					"command_id":          str("The command run."),
					"command_name":        str("The command's name."),
					"command_type":        str("Script kind: " + quotedList(CommandTypes) + "."),
					"command_content":     str("The script run, decoded."),
					"command_description": str("The command's description."),
					"parameters":          schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The parameters sent, as JSON."},
					"timeout":             schema.Int64Attribute{Computed: true, MarkdownDescription: "Timeout in seconds."},
					"working_dir":         str("Directory the command ran in."),
					"username":            str("User the command ran as."),
					"frequency":           str("Schedule of a periodic invocation."),
					"repeat_mode":         str("When it runs: " + quotedList(stringList(RepeatModes)) + "."),
					"creation_time":       str("When the invocation was created (ISO 8601, UTC)."),
					"container_id":        str("Container the command ran in."),
					"container_name":      str("Name of that container."),
					"invocation_status":   str("Overall status: " + flex.EnumList(InvocationStatuses) + "."),
					"invoke_status":       str("The deprecated coarse status: " + quotedList(InvokeStatusFilters) + "."),
					"tags":                schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The invocation's tags."},
					"instances": schema.ListNestedAttribute{
						Computed: true, MarkdownDescription: "One entry per instance, sorted by instance ID; for a periodic or reboot-triggered run, each instance's latest run.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"instance_id":       str("The instance."),
							"invocation_status": str("The instance's status: " + flex.EnumList(InstanceStatuses) + "."),
							"exit_code":         schema.Int64Attribute{Computed: true, MarkdownDescription: "The command's exit code, once it has run (null when it never started)."},
							"output":            str("The output, decoded: the last 24 KB. Set with `include_output`, else null."),
							"output_truncated":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether output before the last 24 KB was dropped."},
							"error_code":        str("Why the run failed, such as `ExitCodeNonzero` or `ExecutionTimeout`; empty on success."),
							"error_info":        str("Cloud Assistant's explanation of `error_code`."),
							"repeats":           schema.Int64Attribute{Computed: true, MarkdownDescription: "How many times it has run on the instance."},
							"start_time":        str("When the command started on the instance."),
							"finish_time":       str("When it ended."),
						}},
					},
				}},
			},
		},
	}
}

func (d *invocationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = configuredClients(req.ProviderData, &resp.Diagnostics)
}

func (d *invocationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config invocationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := ecsClient(d.clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	regionID := regionOf(config.RegionID, client)
	if regionID == "" {
		resp.Diagnostics.Append(missingRegionDiagnostic())
		return
	}
	query := config.query(ctx, regionID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	invocations, err := listInvocations(ctx, client, query)
	if err != nil {
		resp.Diagnostics.Append(conns.APIErrorDiagnostic("Error Listing ECS Invocations", "list ECS invocations in "+regionID, err))
		return
	}
	// With IncludeOutput the listing carries the output; without it, and
	// output wanted, each invocation's results are read.
	fetchResults := config.IncludeOutput.ValueBool() && (query.IncludeOutput == nil || !*query.IncludeOutput)
	values := make([]attr.Value, 0, len(invocations))
	for _, inv := range invocations {
		var instances types.List
		if fetchResults {
			results, err := findInvocationResults(ctx, client, regionID, flex.StringValue(inv.InvokeId))
			if err != nil {
				resp.Diagnostics.Append(conns.APIErrorDiagnostic("Error Reading ECS Invocation Results",
					"read the results of invocation "+flex.StringValue(inv.InvokeId), err))
				return
			}
			instances = resultInstancesValue(ctx, results, &resp.Diagnostics)
		} else {
			instances = invokeInstancesValue(ctx, inv, config.IncludeOutput.ValueBool(), &resp.Diagnostics)
		}
		values = append(values, listedInvocationValue(ctx, inv, instances, &resp.Diagnostics))
	}
	list, diags := types.ListValue(listedInvocationType, values)
	resp.Diagnostics.Append(diags...)
	config.Invocations = list
	config.ID = types.StringValue(invocationsQueryDigest(query, config.IncludeOutput.ValueBool()))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
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
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
	}
	tags := flex.StringMap(ctx, m.Tags, diags)
	for _, k := range sortedKeys(tags) {
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
	var all []*invocation
	for number := int64(1); ; number++ {
		page := *query
		page.PageNumber = int64Ptr(number)
		page.PageSize = int64Ptr(describePageSize)
		resp, err := client.DescribeInvocations(ctx, &page)
		if err != nil {
			return nil, err
		}
		var batch []*invocation
		var total int64
		if resp != nil && resp.Body != nil {
			total = int64Value(resp.Body.TotalCount)
			if resp.Body.Invocations != nil {
				batch = resp.Body.Invocations.Invocation
			}
		}
		all = append(all, batch...)
		if len(batch) < describePageSize || int64(len(all)) >= total {
			return all, nil
		}
	}
}

func invocationsQueryDigest(q *ecs.DescribeInvocationsRequest, includeOutput bool) string {
	parts := []string{"ecs-invocations", flex.StringValue(q.RegionId)}
	add := func(name string, v *string) {
		if v != nil {
			parts = append(parts, name+"="+*v)
		}
	}
	add("invoke-id", q.InvokeId)
	add("command-id", q.CommandId)
	add("command-type", q.CommandType)
	add("invoke-status", q.InvokeStatus)
	add("instance-id", q.InstanceId)
	add("command-name", q.CommandName)
	add("repeat-mode", q.RepeatMode)
	for _, t := range q.Tag {
		add("tag:"+*t.Key, t.Value)
	}
	if includeOutput {
		parts = append(parts, "output")
	}
	return strings.Join(parts, ",")
}

func listedInvocationValue(ctx context.Context, inv *invocation, instances types.List, diags *diag.Diagnostics) attr.Value {
	tags := map[string]string{}
	if inv.Tags != nil {
		for _, t := range inv.Tags.Tag {
			if t != nil && t.TagKey != nil {
				tags[*t.TagKey] = flex.StringValue(t.TagValue)
			}
		}
	}
	tagsValue, d := types.MapValueFrom(ctx, types.StringType, tags)
	diags.Append(d...)
	obj, d := types.ObjectValue(listedInvocationType.AttrTypes, map[string]attr.Value{
		"invoke_id":           types.StringValue(flex.StringValue(inv.InvokeId)),
		"command_id":          types.StringValue(flex.StringValue(inv.CommandId)),
		"command_name":        types.StringValue(flex.StringValue(inv.CommandName)),
		"command_type":        types.StringValue(flex.StringValue(inv.CommandType)),
		"command_content":     types.StringValue(flex.DecodeContent(inv.CommandContent)),
		"command_description": types.StringValue(flex.StringValue(inv.CommandDescription)),
		"parameters":          types.StringValue(flex.StringValue(inv.Parameters)),
		"timeout":             types.Int64Value(int64Value(inv.Timeout)),
		"working_dir":         types.StringValue(flex.StringValue(inv.WorkingDir)),
		"username":            types.StringValue(flex.StringValue(inv.Username)),
		"frequency":           types.StringValue(flex.StringValue(inv.Frequency)),
		"repeat_mode":         types.StringValue(flex.StringValue(inv.RepeatMode)),
		"creation_time":       types.StringValue(flex.StringValue(inv.CreationTime)),
		"container_id":        types.StringValue(flex.StringValue(inv.ContainerId)),
		"container_name":      types.StringValue(flex.StringValue(inv.ContainerName)),
		"invocation_status":   types.StringValue(flex.StringValue(inv.InvocationStatus)),
		"invoke_status":       types.StringValue(flex.StringValue(inv.InvokeStatus)),
		"tags":                tagsValue,
		"instances":           instances,
	})
	diags.Append(d...)
	return obj
}

// invocationInstanceModel is an element of an invocation's instances.
type invocationInstanceModel struct {
	InstanceID       types.String `tfsdk:"instance_id"`
	InvocationStatus types.String `tfsdk:"invocation_status"`
	ExitCode         types.Int64  `tfsdk:"exit_code"`
	Output           types.String `tfsdk:"output"`
	OutputTruncated  types.Bool   `tfsdk:"output_truncated"`
	ErrorCode        types.String `tfsdk:"error_code"`
	ErrorInfo        types.String `tfsdk:"error_info"`
	Repeats          types.Int64  `tfsdk:"repeats"`
	StartTime        types.String `tfsdk:"start_time"`
	FinishTime       types.String `tfsdk:"finish_time"`
}

func exitCodeValue(status string, code *int64) types.Int64 {
	if code != nil && InstanceStatus(status).HasExitCode() {
		return types.Int64Value(*code)
	}
	return types.Int64Null()
}

// invokeInstancesValue lists the runs DescribeInvocations carries, with
// their output when the listing included it.
func invokeInstancesValue(ctx context.Context, inv *invocation, withOutput bool, diags *diag.Diagnostics) types.List {
	models := []invocationInstanceModel{}
	if inv.InvokeInstances != nil {
		for _, r := range inv.InvokeInstances.InvokeInstance {
			if r == nil {
				continue
			}
			status := flex.StringValue(r.InvocationStatus)
			output := types.StringNull()
			if withOutput {
				output = types.StringValue(flex.DecodeContent(r.Output))
			}
			models = append(models, invocationInstanceModel{
				InstanceID:       types.StringValue(flex.StringValue(r.InstanceId)),
				InvocationStatus: types.StringValue(status),
				ExitCode:         exitCodeValue(status, r.ExitCode),
				Output:           output,
				OutputTruncated:  types.BoolValue(int32Value(r.Dropped) > 0),
				ErrorCode:        types.StringValue(flex.StringValue(r.ErrorCode)),
				ErrorInfo:        types.StringValue(flex.StringValue(r.ErrorInfo)),
				Repeats:          types.Int64Value(int64(int32Value(r.Repeats))),
				StartTime:        types.StringValue(flex.StringValue(r.StartTime)),
				FinishTime:       types.StringValue(flex.StringValue(r.FinishTime)),
			})
		}
	}
	return instancesList(ctx, models, diags)
}

// resultInstancesValue lists the runs DescribeInvocationResults returned.
func resultInstancesValue(ctx context.Context, results []*invocationResult, diags *diag.Diagnostics) types.List {
	models := make([]invocationInstanceModel, 0, len(results))
	for _, r := range results {
		if r == nil {
			continue
		}
		status := flex.StringValue(r.InvocationStatus)
		models = append(models, invocationInstanceModel{
			InstanceID:       types.StringValue(flex.StringValue(r.InstanceId)),
			InvocationStatus: types.StringValue(status),
			ExitCode:         exitCodeValue(status, r.ExitCode),
			Output:           types.StringValue(flex.DecodeContent(r.Output)),
			OutputTruncated:  types.BoolValue(int32Value(r.Dropped) > 0),
			ErrorCode:        types.StringValue(flex.StringValue(r.ErrorCode)),
			ErrorInfo:        types.StringValue(flex.StringValue(r.ErrorInfo)),
			Repeats:          types.Int64Value(int64(int32Value(r.Repeats))),
			StartTime:        types.StringValue(flex.StringValue(r.StartTime)),
			FinishTime:       types.StringValue(flex.StringValue(r.FinishedTime)),
		})
	}
	return instancesList(ctx, models, diags)
}

// instancesList sorts the runs by instance ID, so the list is stable
// between reads.
func instancesList(ctx context.Context, models []invocationInstanceModel, diags *diag.Diagnostics) types.List {
	sort.Slice(models, func(i, j int) bool { return models[i].InstanceID.ValueString() < models[j].InstanceID.ValueString() })
	list, d := types.ListValueFrom(ctx, invocationInstanceType, models)
	diags.Append(d...)
	return list
}

package ecs

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// resultModel is one instance's run of an invocation: an element of the
// results of cloudcmd_ecs_run_command and cloudcmd_ecs_invocation.
type resultModel struct {
	runs.ResultFields
	InvocationStatus types.String `tfsdk:"invocation_status"`
	ErrorCode        types.String `tfsdk:"error_code"`
	ErrorInfo        types.String `tfsdk:"error_info"`
	StartTime        types.String `tfsdk:"start_time"`
	FinishTime       types.String `tfsdk:"finish_time"`
}

// resultType is the object type of a resultModel, as resultsAttribute
// declares it.
var resultType = runs.ResultType(resultsAttribute())

// resultsAttribute is the computed results list of an invocation resource.
func resultsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed: true,
		MarkdownDescription: "One entry per instance, sorted by instance ID, including instances that `resource_tags` selected. " +
			"For a periodic or reboot-triggered run, each instance's latest run.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The instance."},
			"invocation_status": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The instance's status: " + flex.EnumList(InstanceStatuses) + ".",
			},
			"exit_code": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "The command's exit code, once it has run (null when it never started).",
			},
			"output": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The output, decoded, as `keep_output` keeps it of what Cloud Assistant returns " +
					"(the last 24 KB the agent keeps); null with `sensitive_output`, which puts it in `sensitive_outputs`.",
			},
			"output_truncated": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether anything of the output was left out: by the agent, before its last 24 KB, or by `keep_output`.",
			},
			"error_code": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Why the run failed, such as `ExitCodeNonzero`, `ExecutionTimeout` or `InstanceNotRunning`; empty on success.",
			},
			"error_info":  schema.StringAttribute{Computed: true, MarkdownDescription: "Cloud Assistant's explanation of `error_code`."},
			"start_time":  schema.StringAttribute{Computed: true, MarkdownDescription: "When the command started on the instance (ISO 8601, UTC)."},
			"finish_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When it ended."},
		}},
	}
}

// resultModels maps API results to models, sorted by instance ID so the
// list is stable between reads.
func resultModels(results []*invocationResult) []resultModel {
	return runs.ResultModels(results, func(r *invocationResult) resultModel {
		return resultModel{
			ResultFields:     runs.ResultFieldsOf(instanceResult(r)),
			InvocationStatus: types.StringValue(flex.StringValue(r.InvocationStatus)),
			ErrorCode:        types.StringValue(flex.StringValue(r.ErrorCode)),
			ErrorInfo:        types.StringValue(flex.StringValue(r.ErrorInfo)),
			StartTime:        types.StringValue(flex.StringValue(r.StartTime)),
			FinishTime:       types.StringValue(flex.StringValue(r.FinishedTime)),
		}
	})
}

// Result is a recorded instance's run in the engine's terms.
func (r resultModel) Result() runs.InstanceResult {
	status, errorCode := r.InvocationStatus.ValueString(), r.ErrorCode.ValueString()
	return r.ResultFields.Result(status, instanceEnding(status, errorCode, r.ExitCode.ValueInt64Pointer()),
		failureReason(errorCode, r.ErrorInfo.ValueString()))
}

// errorCodeExitCodeNonzero is the ErrorCode of a run that failed only by
// its exit code (ECS DescribeInvocationResults: ErrorCode).
const errorCodeExitCodeNonzero = "ExitCodeNonzero"

// instanceResults are the per-instance runs of an invocation read with
// IncludeOutput, in the shape DescribeInvocationResults gives them.
func instanceResults(inv *invocation) []*invocationResult {
	if inv == nil || inv.InvokeInstances == nil {
		return nil
	}
	var results []*invocationResult
	for _, i := range flex.NonNil(inv.InvokeInstances.InvokeInstance) {
		results = append(results, asInvocationResult(inv, i))
	}
	return results
}

// asInvocationResult is one instance's run of inv, as DescribeInvocations
// lists it, in the shape DescribeInvocationResults gives it
// (DescribeInvocations names the end FinishTime, DescribeInvocationResults
// FinishedTime).
func asInvocationResult(inv *invocation, i *invokeInstance) *invocationResult {
	return &invocationResult{
		InvokeId:         inv.InvokeId,
		InstanceId:       i.InstanceId,
		InvocationStatus: i.InvocationStatus,
		ExitCode:         i.ExitCode,
		Output:           i.Output,
		Dropped:          i.Dropped,
		ErrorCode:        i.ErrorCode,
		ErrorInfo:        i.ErrorInfo,
		Repeats:          i.Repeats,
		StartTime:        i.StartTime,
		FinishedTime:     i.FinishTime,
		StopTime:         i.StopTime,
	}
}

package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// The results of every TAT run resource record tasks the same way: the
// output as keep_output and sensitive_output say (package runs), and each
// task judged by success_exit_codes.

const (
	taskOutputDescription = "The output, decoded, as `keep_output` keeps it of what TAT returns (the first 24 KB the agent keeps); " +
		"null with `sensitive_output`, which puts it in `sensitive_outputs`."
	taskOutputTruncatedDescription = "Whether anything of the output was left out: by TAT, beyond its first 24 KB, or by `keep_output`."
)

// recordTaskResults is the results list of a run resource: the tasks, with
// their outputs kept as rec says.
func recordTaskResults(ctx context.Context, rec *runs.Recording, tasks []*tat.InvocationTask, diags *diag.Diagnostics) types.List {
	results := taskResults(tasks)
	rec.KeepOutputs(ctx, outputSlots(results), diags)
	list, d := types.ListValueFrom(ctx, taskResultType, results)
	diags.Append(d...)
	return list
}

// tasksFailed judges a finished run by its recorded tasks under
// success_exit_codes; vendorFailed is TAT's word, which stands when no
// task is recorded.
func tasksFailed(ctx context.Context, rec runs.Recording, vendorFailed bool, resultsList types.List) bool {
	var ends []runs.InstanceEnd
	for _, r := range resultModels(ctx, resultsList) {
		ends = append(ends, taskEnd(r))
	}
	return rec.Failed(ctx, vendorFailed, ends)
}

// taskEnd is how a recorded task ended, for the success rule.
func taskEnd(r taskResultModel) runs.InstanceEnd {
	return taskEnding(r.TaskStatus.ValueString(), r.ExitCode.ValueInt64Pointer())
}

// recordedInstanceResults are the recorded tasks in the engine's terms,
// for the failure report.
func recordedInstanceResults(ctx context.Context, resultsList types.List) []runs.InstanceResult {
	var results []runs.InstanceResult
	for _, r := range resultModels(ctx, resultsList) {
		results = append(results, runs.InstanceResult{
			InstanceID: r.InstanceID.ValueString(),
			Status:     r.TaskStatus.ValueString(),
			ExitCode:   r.ExitCode.ValueInt64Pointer(),
			Output:     r.Output.ValueString(),
			End:        taskEnd(r),
			Reason:     r.ErrorInfo.ValueString(),
		})
	}
	return results
}

// resultModels reads a results list this provider built.
func resultModels(ctx context.Context, resultsList types.List) []taskResultModel {
	var results []taskResultModel
	_ = resultsList.ElementsAs(ctx, &results, false) // built by this provider, always of this type
	return results
}

// outputSlots points at each result's output, for the shared output rules.
func outputSlots(results []taskResultModel) []runs.OutputSlot {
	slots := make([]runs.OutputSlot, 0, len(results))
	for i := range results {
		slots = append(slots, runs.OutputSlot{
			InstanceID: results[i].InstanceID.ValueString(),
			Output:     &results[i].Output,
			Truncated:  &results[i].OutputTruncated,
		})
	}
	return slots
}

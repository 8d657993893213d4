package tat

import (
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

// Result is a recorded task in the engine's terms.
func (r taskResultModel) Result() runs.InstanceResult {
	status := r.TaskStatus.ValueString()
	return r.ResultFields.Result(status, taskEnding(status, r.ExitCode.ValueInt64Pointer()), r.ErrorInfo.ValueString())
}

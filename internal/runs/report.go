package runs

import (
	"fmt"
	"strings"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// FailureOutputLines is how much of a failed instance's output a failure
// report quotes.
const FailureOutputLines = 10

// ResourceFailureAdvice ends the failure report of a run resource.
const ResourceFailureAdvice = "The invocation is recorded in the state, tainted, so the next apply runs it again; " +
	"set fail_on_error = false to accept failures, or success_exit_codes to accept other exit codes."

// FailureReport explains a run that did not succeed under codes: its
// status, then every instance that did not succeed with its status, exit
// code, the vendor's reason and the last lines of its output, then how
// many failed and advice, which says what the surface does next.
func FailureReport(invocationID, status string, results []InstanceResult, codes SuccessCodes, advice string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Invocation %s ended %s.", invocationID, status)
	failed := codes.Failures(results)
	for _, r := range failed {
		b.WriteString("\n\n")
		b.WriteString(FailureLine(r))
		if tail := flex.LastLines(r.Output, FailureOutputLines); tail != "" {
			fmt.Fprintf(&b, "\nlast lines of output:\n%s", flex.Indent(tail, "  "))
		}
	}
	fmt.Fprintf(&b, "\n\n%d of %d instances did not succeed. %s", len(failed), len(results), advice)
	return b.String()
}

// FailureLine is one instance's status, exit code and the vendor's reason,
// such as "i-1: Failed, exit code 3 (ExitCodeNonzero)".
func FailureLine(r InstanceResult) string {
	line := r.InstanceID + ": " + r.Status
	if r.ExitCode != nil {
		line += fmt.Sprintf(", exit code %d", *r.ExitCode)
	}
	if r.Reason != "" {
		line += " (" + r.Reason + ")"
	}
	return line
}

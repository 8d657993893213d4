package runs

import "context"

// Ending is how one instance's run ended, as far as success_exit_codes
// cares.
type Ending int

const (
	// EndedOtherwise: the command did not run to its end: it is still
	// going, timed out, was cancelled, or was never delivered or started.
	// No exit code makes it a success.
	EndedOtherwise Ending = iota
	// EndedWithExitCode: the command ran to its end, and the vendor's
	// status (success or failure) says only what its exit code was.
	EndedWithExitCode
)

// InstanceEnd is one instance's run, for the success rule.
type InstanceEnd struct {
	Ending Ending
	// ExitCode is the command's exit code; nil when the vendor reported
	// none.
	ExitCode *int64
}

// SuccessCodes are the exit codes that count as success
// (success_exit_codes).
type SuccessCodes map[int64]bool

// NewSuccessCodes makes codes the ones that count as success; none means
// [0], the default of success_exit_codes.
func NewSuccessCodes(codes []int64) SuccessCodes {
	set := SuccessCodes{}
	for _, c := range codes {
		set[c] = true
	}
	if len(set) == 0 {
		set[0] = true
	}
	return set
}

// Succeeded reports whether an instance's run counts as success: it ran
// to its end with one of the codes.
func (c SuccessCodes) Succeeded(end InstanceEnd) bool {
	return end.Ending == EndedWithExitCode && end.ExitCode != nil && c[*end.ExitCode]
}

// Failures are the results that did not succeed, in order.
func (c SuccessCodes) Failures(results []InstanceResult) []InstanceResult {
	var failed []InstanceResult
	for _, r := range results {
		if !c.Succeeded(r.End) {
			failed = append(failed, r)
		}
	}
	return failed
}

// Succeeded reports whether an instance's run counts as success: it ran
// to its end with an exit code in success_exit_codes.
func (r Recording) Succeeded(ctx context.Context, end InstanceEnd) bool {
	return r.SuccessCodes(ctx).Succeeded(end)
}

// Failed reports whether a finished run failed under success_exit_codes:
// whether any instance did not succeed. With no instance recorded it is
// the vendor's word, vendorFailed: nothing then contradicts it.
func (r Recording) Failed(ctx context.Context, vendorFailed bool, ends []InstanceEnd) bool {
	if len(ends) == 0 {
		return vendorFailed
	}
	codes := r.SuccessCodes(ctx)
	for _, end := range ends {
		if !codes.Succeeded(end) {
			return true
		}
	}
	return false
}

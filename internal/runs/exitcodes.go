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

// Succeeded reports whether an instance's run counts as success: it ran
// to its end with an exit code in success_exit_codes.
func (r Recording) Succeeded(ctx context.Context, end InstanceEnd) bool {
	return r.succeeded(r.exitCodes(ctx), end)
}

func (r Recording) succeeded(codes map[int64]bool, end InstanceEnd) bool {
	return end.Ending == EndedWithExitCode && end.ExitCode != nil && codes[*end.ExitCode]
}

// Failed reports whether a finished run failed under success_exit_codes:
// whether any instance did not succeed. With no instance recorded it is
// the vendor's word, vendorFailed: nothing then contradicts it.
func (r Recording) Failed(ctx context.Context, vendorFailed bool, ends []InstanceEnd) bool {
	if len(ends) == 0 {
		return vendorFailed
	}
	codes := r.exitCodes(ctx)
	for _, end := range ends {
		if !r.succeeded(codes, end) {
			return true
		}
	}
	return false
}

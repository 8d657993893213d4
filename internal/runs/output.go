package runs

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// OutputSlot is one instance's output in a run's results, as pointers into
// the vendor's result model, so that the shared rules can rewrite it.
type OutputSlot struct {
	InstanceID string
	// Output is the instance's output; null when it is held in
	// sensitive_outputs instead.
	Output *types.String
	// Truncated is output_truncated: whether anything of the output was
	// left out, by the vendor or by keep_output.
	Truncated *types.Bool
}

// KeepOutputs records freshly read outputs under the switches: each slot
// holds the whole output the vendor returned, and Truncated whether the
// vendor left some out. It cuts each output as keep_output says, marks
// what it cut, and moves the outputs to sensitive_outputs when
// sensitive_output is set. nil slots are results not recorded yet, which
// hold no outputs at all.
func (r *Recording) KeepOutputs(ctx context.Context, slots []OutputSlot, diags *diag.Diagnostics) {
	if slots == nil {
		r.SensitiveOutputs = types.MapNull(types.StringType)
		return
	}
	mode, limit := r.keepMode()
	sensitive := map[string]string{}
	for _, s := range slots {
		kept, cut := keepOutput(s.Output.ValueString(), mode, limit)
		*s.Truncated = types.BoolValue(s.Truncated.ValueBool() || cut)
		*s.Output = types.StringValue(kept)
		if r.SensitiveOutput.ValueBool() {
			sensitive[s.InstanceID] = kept
			*s.Output = types.StringNull()
		}
	}
	if !r.SensitiveOutput.ValueBool() {
		r.SensitiveOutputs = types.MapNull(types.StringType)
		return
	}
	m, d := types.MapValueFrom(ctx, types.StringType, sensitive)
	diags.Append(d...)
	r.SensitiveOutputs = m
}

// Update takes the switches of plan and applies them to the outputs prior
// recorded, without reading the run again: the outputs are taken back from
// sensitive_outputs where prior kept them there, then kept again under the
// new switches. What an earlier keep_output left out stays out.
func (r *Recording) Update(ctx context.Context, plan Recording, slots []OutputSlot, diags *diag.Diagnostics) {
	var held map[string]string
	if !r.SensitiveOutputs.IsNull() && !r.SensitiveOutputs.IsUnknown() {
		diags.Append(r.SensitiveOutputs.ElementsAs(ctx, &held, false)...)
	}
	for _, s := range slots {
		if s.Output.IsNull() || s.Output.IsUnknown() {
			*s.Output = types.StringValue(held[s.InstanceID])
		}
	}
	r.SuccessExitCodes = plan.SuccessExitCodes
	r.KeepOutput = plan.KeepOutput
	r.KeepOutputLimit = plan.KeepOutputLimit
	r.SensitiveOutput = plan.SensitiveOutput
	r.KeepOutputs(ctx, slots, diags)
}

// keepMode is keep_output and its limit; all when unset.
func (r Recording) keepMode() (string, int) {
	mode := r.KeepOutput.ValueString()
	if mode == "" {
		mode = KeepAll
	}
	return mode, int(r.KeepOutputLimit.ValueInt64())
}

// keepOutput is what the state keeps of output under mode, and whether
// anything was left out.
func keepOutput(output, mode string, limit int) (kept string, cut bool) {
	switch mode {
	case KeepNone:
		kept = ""
	case KeepLastBytes:
		kept = LastBytes(output, limit)
	case KeepLastLines:
		kept = LastLines(output, limit)
	default:
		kept = output
	}
	return kept, len(kept) < len(output)
}

// LastBytes is the end of text, at most n bytes long, starting on a
// character: a multi-byte UTF-8 character that n would split is left out
// whole.
func LastBytes(text string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(text) <= n {
		return text
	}
	start := len(text) - n
	for start < len(text) && !utf8.RuneStart(text[start]) {
		start++
	}
	return text[start:]
}

// LastLines is the last n lines of text; a final newline ends the last
// line rather than starting another.
func LastLines(text string, n int) string {
	if n <= 0 {
		return ""
	}
	end := len(strings.TrimSuffix(text, "\n"))
	start := end
	for range n {
		i := strings.LastIndexByte(text[:start], '\n')
		if i < 0 {
			return text
		}
		start = i
	}
	return text[start+1:]
}

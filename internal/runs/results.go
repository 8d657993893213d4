package runs

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every run resource records its results the same way, whatever each
// vendor's element holds beside the shared fields: the outputs as
// keep_output and sensitive_output say, each instance judged by
// success_exit_codes, and the failure report built from what is recorded.

// ResultModel is one element of a vendor's results attribute, as a run
// resource records it.
type ResultModel interface {
	// Result is the recorded run in the engine's terms.
	Result() InstanceResult
}

// ResultFields are the attributes every vendor's results element shares.
// The vendor's element embeds them beside its own, such as its status
// and times, so that each instance's result is mapped from the API once,
// as the vendor's Adapter reports it (ResultFieldsOf).
type ResultFields struct {
	InstanceID      types.String `tfsdk:"instance_id"`
	ExitCode        types.Int64  `tfsdk:"exit_code"`
	Output          types.String `tfsdk:"output"`
	OutputTruncated types.Bool   `tfsdk:"output_truncated"`
}

// ResultFieldsOf are the shared fields of r, as recorded: the exit code is
// null when r has none, the output whole until KeepOutputs cuts it.
func ResultFieldsOf(r InstanceResult) ResultFields {
	return ResultFields{
		InstanceID:      types.StringValue(r.InstanceID),
		ExitCode:        types.Int64PointerValue(r.ExitCode),
		Output:          types.StringValue(r.Output),
		OutputTruncated: types.BoolValue(r.OutputTruncated),
	}
}

// Result is the recorded run in the engine's terms, with what the vendor's
// element adds: its status, how the run ended, and the vendor's reason.
func (f ResultFields) Result(status string, end InstanceEnd, reason string) InstanceResult {
	return InstanceResult{
		InstanceID: f.InstanceID.ValueString(),
		Status:     status,
		ExitCode:   f.ExitCode.ValueInt64Pointer(),
		Output:     f.Output.ValueString(),
		End:        end,
		Reason:     reason,
	}
}

// OutputSlot points at the element's output, for the output rules.
func (f *ResultFields) OutputSlot() OutputSlot {
	return OutputSlot{InstanceID: f.InstanceID.ValueString(), Output: &f.Output, Truncated: &f.OutputTruncated}
}

func (f ResultFields) instanceID() string { return f.InstanceID.ValueString() }

// ResultModels maps each of the vendor's answers for one instance to its
// results element, sorted by instance ID so that the list is stable
// between reads; a null in items is passed over.
func ResultModels[T any, E interface{ instanceID() string }](items []*T, element func(*T) E) []E {
	elements := make([]E, 0, len(items))
	for _, item := range items {
		if item != nil {
			elements = append(elements, element(item))
		}
	}
	sort.Slice(elements, func(i, j int) bool { return elements[i].instanceID() < elements[j].instanceID() })
	return elements
}

// resultModelPointer is a pointer to a vendor's results element, which
// points at its own output for the output rules.
type resultModelPointer[R any] interface {
	*R
	// OutputSlot points at the element's output and output_truncated.
	OutputSlot() OutputSlot
}

// RecordResults sets m's results to results, a list of elementType, with
// their outputs kept as m's recording says.
func RecordResults[R any, P resultModelPointer[R]](ctx context.Context, m *Model, elementType attr.Type, results []R, diags *diag.Diagnostics) {
	slots := make([]OutputSlot, len(results))
	for i := range results {
		slots[i] = P(&results[i]).OutputSlot()
	}
	m.KeepOutputs(ctx, slots, diags)
	list, d := types.ListValueFrom(ctx, elementType, results)
	diags.Append(d...)
	m.Results = list
}

// RecordedResults are m's recorded results, elements of type R, in the
// engine's terms.
func RecordedResults[R ResultModel](ctx context.Context, m *Model) []InstanceResult {
	var models []R
	_ = m.Results.ElementsAs(ctx, &models, false) // built by this provider, always of this type
	results := make([]InstanceResult, 0, len(models))
	for _, r := range models {
		results = append(results, r.Result())
	}
	return results
}

// RecordedRunFailed judges a finished run by m's recorded results under
// success_exit_codes; vendorFailed is the vendor's word, which stands when
// no instance is recorded.
func RecordedRunFailed[R ResultModel](ctx context.Context, m *Model, vendorFailed bool) bool {
	var ends []InstanceEnd
	for _, r := range RecordedResults[R](ctx, m) {
		ends = append(ends, r.End)
	}
	return m.Failed(ctx, vendorFailed, ends)
}

// RecordedFailureReport names every instance of m's recorded results that
// did not succeed under success_exit_codes, with its status, exit code,
// the vendor's reason and the end of its recorded output.
func RecordedFailureReport[R ResultModel](ctx context.Context, m *Model) string {
	return FailureReport(m.ID.ValueString(), m.InvocationStatus.ValueString(), RecordedResults[R](ctx, m), m.SuccessCodes(ctx), ResourceFailureAdvice)
}

// ResultType is the object type of one element of a vendor's results
// attribute, as the attribute declares it.
func ResultType(results schema.ListNestedAttribute) types.ObjectType {
	attrTypes := make(map[string]attr.Type, len(results.NestedObject.Attributes))
	for name, a := range results.NestedObject.Attributes {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}

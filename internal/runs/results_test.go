package runs

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// answer stands for one vendor answer for one instance.
type answer struct {
	instance string
	exitCode *int64
	extra    string
}

type element struct {
	ResultFields
	Extra types.String `tfsdk:"extra"`
}

func TestResultModels_mapsOnceSortedAndSkipsNulls(t *testing.T) {
	one := int64(1)
	answers := []*answer{
		{instance: "ins-b", exitCode: &one, extra: "b"},
		nil,
		{instance: "ins-a", extra: "a"},
	}
	elements := ResultModels(answers, func(a *answer) element {
		r := InstanceResult{InstanceID: a.instance, ExitCode: a.exitCode, Output: "out " + a.instance, OutputTruncated: a.exitCode != nil}
		return element{ResultFields: ResultFieldsOf(r), Extra: types.StringValue(a.extra)}
	})
	if len(elements) != 2 {
		t.Fatalf("got %d elements, want 2 (the null answer passed over)", len(elements))
	}
	a, b := elements[0], elements[1]
	if a.InstanceID.ValueString() != "ins-a" || b.InstanceID.ValueString() != "ins-b" {
		t.Fatalf("elements not sorted by instance: %s, %s", a.InstanceID, b.InstanceID)
	}
	if !a.ExitCode.IsNull() || b.ExitCode.ValueInt64() != 1 {
		t.Errorf("exit codes = %s, %s; want null (none reported) and 1", a.ExitCode, b.ExitCode)
	}
	if a.Output.ValueString() != "out ins-a" || a.OutputTruncated.ValueBool() || !b.OutputTruncated.ValueBool() {
		t.Errorf("outputs = %+v, %+v", a.ResultFields, b.ResultFields)
	}
	if a.Extra.ValueString() != "a" {
		t.Errorf("the vendor's own field = %s, want a", a.Extra)
	}
}

func TestResultFields_outputSlotAndResult(t *testing.T) {
	code := int64(3)
	e := element{ResultFields: ResultFieldsOf(InstanceResult{InstanceID: "ins-1", ExitCode: &code, Output: "whole"})}
	slot := e.OutputSlot()
	*slot.Output = types.StringValue("cut")
	*slot.Truncated = types.BoolValue(true)
	if e.Output.ValueString() != "cut" || !e.OutputTruncated.ValueBool() || slot.InstanceID != "ins-1" {
		t.Fatalf("the slot does not point at the element's output: %+v", e.ResultFields)
	}
	end := InstanceEnd{Ending: EndedWithExitCode, ExitCode: &code}
	r := e.Result("Failed", end, "exit code 3")
	if r.InstanceID != "ins-1" || r.Status != "Failed" || *r.ExitCode != 3 || r.Output != "cut" || r.End.ExitCode != &code || r.Reason != "exit code 3" {
		t.Fatalf("Result = %+v", r)
	}
}

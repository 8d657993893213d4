package runs

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestLastBytesNeverSplitsACharacter(t *testing.T) {
	t.Parallel()
	text := "ab€d" // € is 3 bytes: a b [e2 82 ac] d
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, ""}, {1, "d"}, {2, "d"}, {3, "d"}, {4, "€d"}, {5, "b€d"}, {6, "ab€d"}, {100, "ab€d"},
	} {
		got := LastBytes(text, tc.n)
		if got != tc.want || !utf8.ValidString(got) || len(got) > tc.n {
			t.Errorf("LastBytes(%q, %d) = %q, want %q", text, tc.n, got, tc.want)
		}
	}
}

func TestLastLines(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		n    int
		want string
	}{
		{"a\nb\nc\n", 1, "c\n"},
		{"a\nb\nc\n", 2, "b\nc\n"},
		{"a\nb\nc\n", 3, "a\nb\nc\n"},
		{"a\nb\nc", 2, "b\nc"},
		{"a\nb\nc\n", 9, "a\nb\nc\n"},
		{"", 1, ""},
		{"a\n", 0, ""},
	} {
		if got := LastLines(tc.text, tc.n); got != tc.want {
			t.Errorf("LastLines(%q, %d) = %q, want %q", tc.text, tc.n, got, tc.want)
		}
	}
}

// slotsOf makes output slots of instance → output, none of them cut by the
// vendor but those named in vendorCut.
func slotsOf(outputs map[string]string, vendorCut ...string) ([]OutputSlot, map[string]*types.String, map[string]*types.Bool) {
	out, cut := map[string]*types.String{}, map[string]*types.Bool{}
	var slots []OutputSlot
	for id, text := range outputs {
		o, c := types.StringValue(text), types.BoolValue(false)
		for _, v := range vendorCut {
			if v == id {
				c = types.BoolValue(true)
			}
		}
		out[id], cut[id] = &o, &c
		slots = append(slots, OutputSlot{InstanceID: id, Output: &o, Truncated: &c})
	}
	return slots, out, cut
}

func TestKeepOutputsMarksWhatIsLeftOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		mode      string
		limit     int64
		wantShort string // kept of "1\n2\n3\n"
		wantCut   bool
	}{
		{KeepAll, 0, "1\n2\n3\n", false},
		{"", 0, "1\n2\n3\n", false}, // unset: all
		{KeepNone, 0, "", true},
		{KeepLastBytes, 4, "2\n3\n", true},
		{KeepLastBytes, 6, "1\n2\n3\n", false},
		{KeepLastLines, 1, "3\n", true},
		{KeepLastLines, 3, "1\n2\n3\n", false},
	} {
		rec := Recording{KeepOutput: types.StringValue(tc.mode), KeepOutputLimit: types.Int64Value(tc.limit)}
		if tc.mode == "" {
			rec.KeepOutput = types.StringNull()
		}
		slots, out, cut := slotsOf(map[string]string{"i-short": "1\n2\n3\n", "i-empty": "", "i-vendor": "x"}, "i-vendor")
		var diags diag.Diagnostics
		rec.KeepOutputs(ctx, slots, &diags)
		if diags.HasError() || out["i-short"].ValueString() != tc.wantShort || cut["i-short"].ValueBool() != tc.wantCut {
			t.Errorf("%s %d: kept %q (cut %t), want %q (cut %t)", tc.mode, tc.limit, out["i-short"].ValueString(), cut["i-short"].ValueBool(), tc.wantShort, tc.wantCut)
		}
		if cut["i-empty"].ValueBool() || !cut["i-vendor"].ValueBool() {
			t.Errorf("%s: an empty output is never cut, and what the vendor cut stays marked", tc.mode)
		}
		if !rec.SensitiveOutputs.IsNull() {
			t.Errorf("%s: sensitive_outputs %v without sensitive_output", tc.mode, rec.SensitiveOutputs)
		}
	}
}

func TestSensitiveOutputMovesAndComesBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var diags diag.Diagnostics
	rec := Recording{SensitiveOutput: types.BoolValue(true), KeepOutput: types.StringValue(KeepAll)}
	slots, out, _ := slotsOf(map[string]string{"i-1": "secret\n", "i-2": "other\n"})
	rec.KeepOutputs(ctx, slots, &diags)
	if !out["i-1"].IsNull() || !out["i-2"].IsNull() {
		t.Errorf("outputs %v %v; want null with sensitive_output", out["i-1"], out["i-2"])
	}
	want := types.MapValueMust(types.StringType, map[string]attr.Value{"i-1": types.StringValue("secret\n"), "i-2": types.StringValue("other\n")})
	if !rec.SensitiveOutputs.Equal(want) {
		t.Errorf("sensitive_outputs %v, want %v", rec.SensitiveOutputs, want)
	}

	// Turned off, with the last line only: the outputs come back from the
	// map, cut as now asked.
	plan := Recording{SensitiveOutput: types.BoolValue(false), KeepOutput: types.StringValue(KeepLastBytes), KeepOutputLimit: types.Int64Value(3)}
	rec.Update(ctx, plan, slots, &diags)
	if diags.HasError() || out["i-1"].ValueString() != "et\n" || !rec.SensitiveOutputs.IsNull() || rec.KeepOutput.ValueString() != KeepLastBytes {
		t.Errorf("after update: output %v, sensitive_outputs %v, keep_output %v, diags %v", out["i-1"], rec.SensitiveOutputs, rec.KeepOutput, diags)
	}
}

func TestUnrecordedResultsHaveNoSensitiveOutputs(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	rec := Recording{SensitiveOutput: types.BoolValue(true)}
	rec.KeepOutputs(context.Background(), nil, &diags)
	if !rec.SensitiveOutputs.IsNull() {
		t.Errorf("sensitive_outputs %v; want null while no results are recorded", rec.SensitiveOutputs)
	}
}

func TestSuccessExitCodes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	code := func(c int64) *int64 { return &c }
	codes := func(cs ...int64) types.Set {
		var vs []attr.Value
		for _, c := range cs {
			vs = append(vs, types.Int64Value(c))
		}
		return types.SetValueMust(types.Int64Type, vs)
	}
	for _, tc := range []struct {
		name  string
		codes types.Set
		end   InstanceEnd
		want  bool
	}{
		{"default accepts 0", types.SetNull(types.Int64Type), InstanceEnd{EndedWithExitCode, code(0)}, true},
		{"default refuses 1", types.SetNull(types.Int64Type), InstanceEnd{EndedWithExitCode, code(1)}, false},
		{"listed code", codes(0, 3), InstanceEnd{EndedWithExitCode, code(3)}, true},
		{"0 not listed", codes(3), InstanceEnd{EndedWithExitCode, code(0)}, false},
		{"timeout never", codes(0, -1), InstanceEnd{EndedOtherwise, code(-1)}, false},
		{"no exit code", codes(0), InstanceEnd{EndedWithExitCode, nil}, false},
	} {
		if got := (Recording{SuccessExitCodes: tc.codes}).Succeeded(ctx, tc.end); got != tc.want {
			t.Errorf("%s: Succeeded = %t, want %t", tc.name, got, tc.want)
		}
	}
	rec := Recording{SuccessExitCodes: codes(0, 3)}
	if rec.Failed(ctx, true, []InstanceEnd{{EndedWithExitCode, code(3)}, {EndedWithExitCode, code(0)}}) {
		t.Error("every instance ended with an accepted code: not failed")
	}
	if !rec.Failed(ctx, false, []InstanceEnd{{EndedWithExitCode, code(0)}, {EndedOtherwise, nil}}) {
		t.Error("an instance that did not run to its end fails the run")
	}
	if !rec.Failed(ctx, true, nil) || rec.Failed(ctx, false, nil) {
		t.Error("with no instance recorded, the vendor's word stands")
	}
}

// TestFillRecordingDefaults: a state without the switches (an import, or
// one written before they existed) gets their defaults; a switch set is
// kept; a schema without them is left alone.
func TestFillRecordingDefaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	attrs := RecordingAttributes("TAT")
	attrs["id"] = schema.StringAttribute{Computed: true}
	s := schema.Schema{Attributes: attrs}
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), map[string]tftypes.Value{
		"id":                 tftypes.NewValue(tftypes.String, "inv-1"),
		"success_exit_codes": tftypes.NewValue(tftypes.Set{ElementType: tftypes.Number}, nil),
		"keep_output":        tftypes.NewValue(tftypes.String, "none"),
		"keep_output_limit":  tftypes.NewValue(tftypes.Number, nil),
		"sensitive_output":   tftypes.NewValue(tftypes.Bool, nil),
		"sensitive_outputs":  tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
	})}
	var diags diag.Diagnostics
	fillRecordingDefaults(ctx, &state, &diags)
	var got Recording
	var id types.String
	diags.Append(state.GetAttribute(ctx, path.Root("id"), &id)...)
	for name, target := range map[string]any{"success_exit_codes": &got.SuccessExitCodes, "keep_output": &got.KeepOutput, "sensitive_output": &got.SensitiveOutput} {
		diags.Append(state.GetAttribute(ctx, path.Root(name), target)...)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !got.SuccessExitCodes.Equal(recordingDefaults["success_exit_codes"]) || got.KeepOutput.ValueString() != KeepNone ||
		got.SensitiveOutput.IsNull() || got.SensitiveOutput.ValueBool() || id.ValueString() != "inv-1" {
		t.Errorf("after filling: %+v, id %v; want the defaults where null, keep_output kept", got, id)
	}

	other := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
	bare := tfsdk.State{Schema: other, Raw: tftypes.NewValue(other.Type().TerraformType(ctx), map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "inv-1"),
	})}
	fillRecordingDefaults(ctx, &bare, &diags)
	if diags.HasError() {
		t.Errorf("a schema without the switches: %v", diags)
	}
}

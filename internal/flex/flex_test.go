package flex

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestContentRoundTrip(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "echo hi\n", "printf '%s' \"ünïcode\" \x00\xff"} {
		if got := DecodeContent(EncodeContent(text)); got != text {
			t.Errorf("round trip of %q gave %q", text, got)
		}
	}
	notBase64 := "not base64!"
	if got := DecodeContent(&notBase64); got != notBase64 {
		t.Errorf("invalid base64 must be kept as sent, got %q", got)
	}
	if DecodeContent(nil) != "" {
		t.Error("nil content must decode to empty")
	}
}

func TestParametersFromJSONKeepsTheConfiguredForm(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	empty := ""
	if got := ParametersFromJSON(&empty, types.MapNull(types.StringType), &diags); !got.IsNull() {
		t.Errorf("no parameters with a null prior = %v, want null", got)
	}
	emptyMap, _ := types.MapValue(types.StringType, nil)
	if got := ParametersFromJSON(&empty, emptyMap, &diags); got.IsNull() || len(got.Elements()) != 0 {
		t.Errorf("no parameters with an empty prior = %v, want {}", got)
	}
	raw := `{"b":"2","a":"1"}`
	if got := ParametersFromJSON(&raw, types.MapNull(types.StringType), &diags); len(got.Elements()) != 2 {
		t.Errorf("two parameters decoded as %v", got)
	}
	bad := `["not","an","object"]`
	ParametersFromJSON(&bad, types.MapNull(types.StringType), &diags)
	if !diags.HasError() {
		t.Error("a JSON array must be reported as an unexpected response")
	}
}

func TestParametersJSONIsSortedAndNilStaysUnsent(t *testing.T) {
	t.Parallel()
	if ParametersJSON(nil) != nil {
		t.Error("nil parameters must not be sent")
	}
	if got := *ParametersJSON(map[string]string{"b": "<2>", "a": "1"}); got != `{"a":"1","b":"\u003c2\u003e"}` {
		t.Errorf("got %s", got)
	}
}

func TestEnumList(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		"":                nil,
		"`A`":             {"A"},
		"`A` or `B`":      {"A", "B"},
		"`A`, `B` or `C`": {"A", "B", "C"},
	}
	for want, values := range cases {
		if got := EnumList(values); got != want {
			t.Errorf("EnumList(%v) = %q, want %q", values, got, want)
		}
	}
}

func TestLastLinesAndIndent(t *testing.T) {
	t.Parallel()
	if got := LastLines("1\n2\n3\n4\n", 2); got != "3\n4" {
		t.Errorf("LastLines = %q", got)
	}
	if got := LastLines("only", 5); got != "only" {
		t.Errorf("LastLines = %q", got)
	}
	if got := Indent("a\nb", "  "); got != "  a\n  b" {
		t.Errorf("Indent = %q", got)
	}
}

func TestTagChanges(t *testing.T) {
	old := map[string]string{"keep": "1", "change": "a", "drop": "x", "drop2": "y"}
	want := map[string]string{"keep": "1", "change": "b", "add": ""}
	set, removed := TagChanges(old, want)
	if len(set) != 2 || set["change"] != "b" || set["add"] != "" {
		t.Errorf("set = %v, want change=b and add=\"\"", set)
	}
	if strings.Join(removed, ",") != "drop,drop2" {
		t.Errorf("removed = %v, want [drop drop2]", removed)
	}
	if set, removed := TagChanges(want, want); len(set) != 0 || len(removed) != 0 {
		t.Errorf("no change gave set %v, removed %v", set, removed)
	}
}

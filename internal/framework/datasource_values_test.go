package framework

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestFoundKeepsTheOrderOfTheItems(t *testing.T) {
	var diags diag.Diagnostics
	objectType := ObjectType(map[string]schema.Attribute{"id": ComputedString("i")})
	objects, ids := Found([]string{"b", "a"}, objectType, func(s string) string { return s }, func(s string) attr.Value {
		return types.ObjectValueMust(objectType.AttrTypes, map[string]attr.Value{"id": types.StringValue(s)})
	}, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if want := StringList([]string{"b", "a"}); !ids.Equal(want) {
		t.Errorf("ids = %s, want %s", ids, want)
	}
	var listed []struct {
		ID types.String `tfsdk:"id"`
	}
	if d := objects.ElementsAs(context.Background(), &listed, false); d.HasError() {
		t.Fatal(d)
	}
	if len(listed) != 2 || listed[0].ID.ValueString() != "b" || listed[1].ID.ValueString() != "a" {
		t.Errorf("objects = %s, want b then a", objects)
	}
}

func TestParametersByIDOnlyWhenAskedFor(t *testing.T) {
	params := func(s string) (string, *string) { p := `{"x":"` + s + `"}`; return s, &p }
	if got := ParametersByID(types.BoolValue(false), []string{"a"}, params); !got.IsNull() {
		t.Errorf("not asked for: %s, want null", got)
	}
	if got := ParametersByID(types.BoolNull(), []string{"a"}, params); !got.IsNull() {
		t.Errorf("unset: %s, want null", got)
	}
	got := ParametersByID(types.BoolValue(true), []string{"a", "b"}, params)
	want := types.MapValueMust(types.StringType, map[string]attr.Value{
		"a": types.StringValue(`{"x":"a"}`), "b": types.StringValue(`{"x":"b"}`),
	})
	if !got.Equal(want) {
		t.Errorf("asked for: %s, want %s", got, want)
	}
}

func TestSelectFoundSplitsFoundFromMissing(t *testing.T) {
	found := map[string]int{"a": 1, "b": 2, "c": 3}
	kept, missing := SelectFound([]string{"a", "b", "x", "c"}, found, func(n int) bool { return n != 2 })
	if !slices.Equal(kept, []int{1, 3}) || !slices.Equal(missing, []string{"x"}) {
		t.Errorf("kept %v, missing %v; want [1 3] and [x]", kept, missing)
	}
	kept, missing = SelectFound(nil, found, func(int) bool { return true })
	if kept == nil || missing == nil || len(kept)+len(missing) != 0 {
		t.Errorf("no IDs: kept %#v, missing %#v; want empty, not nil (the state lists them)", kept, missing)
	}
}

func TestQueryDigestKeepsTheOrderAndSkipsWhatIsUnset(t *testing.T) {
	value := "x"
	digest := QueryDigest{"things", "region"}
	digest.Add("name", &value)
	digest.Add("unset", nil)
	digest.Flag("on", true)
	digest.Flag("off", false)
	if got, want := digest.Value(), types.StringValue("things,region,name=x,on"); !got.Equal(want) {
		t.Errorf("digest = %s, want %s", got, want)
	}
}

func TestNamesMatching(t *testing.T) {
	names := []string{"deploy-web", "backup", "deploy-db"}
	identity := func(s string) string { return s }
	if got := NamesMatching(slices.Clone(names), types.StringValue("^deploy-"), identity); !slices.Equal(got, []string{"deploy-web", "deploy-db"}) {
		t.Errorf("matching ^deploy-: %v", got)
	}
	if got := NamesMatching(slices.Clone(names), types.StringNull(), identity); !slices.Equal(got, names) {
		t.Errorf("no name_regex: %v, want every name", got)
	}
}

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

func TestObjectTypeFollowsTheSchema(t *testing.T) {
	got := ObjectType(map[string]schema.Attribute{
		"name":    ComputedString("n"),
		"count":   ComputedInt64("c"),
		"ok":      ComputedBool("o"),
		"tags":    ComputedStringMap("t"),
		"ids":     ComputedStringList("i"),
		"entries": ComputedObjects("e", map[string]schema.Attribute{"key": ComputedString("k")}),
	})
	want := types.ObjectType{AttrTypes: map[string]attr.Type{
		"name":    types.StringType,
		"count":   types.Int64Type,
		"ok":      types.BoolType,
		"tags":    types.MapType{ElemType: types.StringType},
		"ids":     types.ListType{ElemType: types.StringType},
		"entries": types.ListType{ElemType: types.ObjectType{AttrTypes: map[string]attr.Type{"key": types.StringType}}},
	}}
	if !got.Equal(want) {
		t.Errorf("ObjectType = %s, want %s", got, want)
	}
}

func TestDataSourceSchemaAddsTheQueryID(t *testing.T) {
	s := DataSourceSchema("Lists things.", map[string]schema.Attribute{"names": ComputedStringList("n")})
	id, ok := s.Attributes["id"].(schema.StringAttribute)
	if !ok || !id.Computed || id.MarkdownDescription != "A digest of the query." {
		t.Errorf("id = %#v, want the computed query digest", s.Attributes["id"])
	}
	if s.MarkdownDescription != "Lists things." || len(s.Attributes) != 2 {
		t.Errorf("schema = %#v", s)
	}
}

func TestIDsArgumentExcludesTheFiltersOnly(t *testing.T) {
	withFilters := IDsArgument("d", 100, nil, "a", "b")
	if !withFilters.Optional || withFilters.Required || len(withFilters.Validators) != 3 {
		t.Errorf("with filters: optional %v, required %v, %d validators; want optional with size, element and conflict rules",
			withFilters.Optional, withFilters.Required, len(withFilters.Validators))
	}
	alone := IDsArgument("d", 100, nil)
	if len(alone.Validators) != 2 {
		t.Errorf("without filters: %d validators, want size and element rules only", len(alone.Validators))
	}
	required := RequiredIDsArgument("d", 100, nil)
	if !required.Required || required.Optional {
		t.Errorf("required: optional %v, required %v", required.Optional, required.Required)
	}
}

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

package framework

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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

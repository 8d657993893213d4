package framework

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// Found is what a listing data source found, in the order listed: each
// item as an object of objectType, and the item IDs.
func Found[T any](items []T, objectType types.ObjectType, id func(T) string, object func(T) attr.Value, diags *diag.Diagnostics) (objects, ids types.List) {
	objects = ObjectList(items, objectType, object, diags)
	idValues := make([]attr.Value, 0, len(items))
	for _, item := range items {
		idValues = append(idValues, types.StringValue(id(item)))
	}
	ids, d := types.ListValue(types.StringType, idValues)
	diags.Append(d...)
	return objects, ids
}

// ObjectList is a list of objects of objectType, one for each item.
func ObjectList[T any](items []T, objectType types.ObjectType, object func(T) attr.Value, diags *diag.Diagnostics) types.List {
	values := make([]attr.Value, 0, len(items))
	for _, item := range items {
		values = append(values, object(item))
	}
	list, d := types.ListValue(objectType, values)
	diags.Append(d...)
	return list
}

// StringList is a list value of the strings, never null.
func StringList(values []string) types.List {
	elements := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elements = append(elements, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elements)
}

// SelectFound splits the IDs a data source named into what was found for
// them that keep accepts, in the order of ids, and the IDs nothing was
// found for. A call that takes IDs often takes no filters besides, so the
// filters are applied here.
func SelectFound[T any](ids []string, found map[string]T, keep func(T) bool) (kept []T, missing []string) {
	kept, missing = []T{}, []string{}
	for _, id := range ids {
		item, ok := found[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case keep(item):
			kept = append(kept, item)
		}
	}
	return kept, missing
}

// ListStrings reads a known list of strings; null or unknown gives nil.
func ListStrings(ctx context.Context, list types.List, diags *diag.Diagnostics) []string {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(list.ElementsAs(ctx, &out, false)...)
	return out
}

// ParametersByID is the value of ParametersAttribute: null unless include
// is true, else each item's parameters (as the API reports them, JSON) by
// its ID.
func ParametersByID[T any](include types.Bool, items []T, parameters func(T) (id string, json *string)) types.Map {
	if !include.ValueBool() {
		return types.MapNull(types.StringType)
	}
	params := make(map[string]attr.Value, len(items))
	for _, item := range items {
		id, json := parameters(item)
		params[id] = types.StringValue(flex.StringValue(json))
	}
	return types.MapValueMust(types.StringType, params)
}

// QueryDigest is the "id" of a data source as it is built: the parts of
// its query in a fixed order, so that the same query gives the same ID.
type QueryDigest []string

// Add adds name=value for an argument that is set.
func (d *QueryDigest) Add(name string, value *string) {
	if value != nil {
		*d = append(*d, name+"="+*value)
	}
}

// Flag adds name for a switch that is on.
func (d *QueryDigest) Flag(name string, on bool) {
	if on {
		*d = append(*d, name)
	}
}

// Value is the digest as the "id" attribute.
func (d QueryDigest) Value() types.String {
	return types.StringValue(strings.Join(d, ","))
}

// EmptyStringMap is an empty map of strings. Given as the prior value of
// tags read from an API (flex.MapOrPrior), it makes an object without tags
// report an empty map, as data sources do, where a resource whose
// configuration left them out keeps null.
var EmptyStringMap = types.MapValueMust(types.StringType, map[string]attr.Value{})

// NamesMatching keeps the items whose name matches nameRegex, every item
// when it is null. The regular expression was validated at plan time.
func NamesMatching[T any](items []T, nameRegex types.String, name func(T) string) []T {
	if nameRegex.IsNull() {
		return items
	}
	re := regexp.MustCompile(nameRegex.ValueString())
	return slices.DeleteFunc(items, func(item T) bool { return !re.MatchString(name(item)) })
}

// Package flex converts between Terraform values and the vendor SDKs'
// pointer-heavy types, the same way for both vendors: scripts travel
// base64-encoded, optional strings map to null, and empty collections keep
// the form the configuration used so plans stay clean.
package flex

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// EncodeContent turns the plain text users write into the base64 the APIs
// take.
func EncodeContent(text string) *string {
	s := base64.StdEncoding.EncodeToString([]byte(text))
	return &s
}

// DecodeContent turns API base64 back into text; content that is not valid
// base64 is kept as sent so that nothing is lost.
func DecodeContent(encoded *string) string {
	if encoded == nil {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(*encoded)
	if err != nil {
		return *encoded
	}
	return string(raw)
}

// StringMap reads a known map of strings; null or unknown gives nil.
func StringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

// SetStrings reads a known set of strings; null or unknown gives nil.
func SetStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

// MapOrPrior builds a map value, keeping null for an empty map when the
// prior value was null, so an unset argument does not show a diff.
func MapOrPrior(m map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(m) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(context.Background(), types.StringType, m)
	diags.Append(d...)
	return v
}

// ParametersJSON encodes parameters as the JSON object string both APIs
// expect; nil stays nil (not sent).
func ParametersJSON(params map[string]string) *string {
	if params == nil {
		return nil
	}
	raw, _ := json.Marshal(params) // a map of strings always marshals
	s := string(raw)
	return &s
}

// ParametersFromJSON decodes an API's JSON parameter string; prior keeps an
// absent or empty value in the form the configuration used (null or {}).
func ParametersFromJSON(s *string, prior types.Map, diags *diag.Diagnostics) types.Map {
	params := map[string]string{}
	if s != nil && *s != "" {
		if err := json.Unmarshal([]byte(*s), &params); err != nil {
			diags.AddError("Unexpected API Response", "The API returned parameters that are not a JSON object of strings: "+err.Error())
			return prior
		}
	}
	return MapOrPrior(params, prior, diags)
}

// StringValue dereferences an SDK string; nil is "".
func StringValue(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// StringPtr is &s, for SDK request fields.
func StringPtr(s string) *string { return &s }

// NonEmptyPointer is s, or nil when it is empty: an argument left out of
// a request for the API's default.
func NonEmptyPointer(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// SortedPointers are ids sorted, in the SDKs' form of a list of strings,
// so that a request built from a set is the same on every attempt.
func SortedPointers(ids []string) []*string {
	sorted := slices.Sorted(slices.Values(ids))
	out := make([]*string, 0, len(sorted))
	for _, id := range sorted {
		out = append(out, StringPtr(id))
	}
	return out
}

// BoolPtr is &b, for SDK request fields.
func BoolPtr(b bool) *bool { return &b }

// KnownStringPointer is nil for a null or unknown value, so the API applies
// its own default.
func KnownStringPointer(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// OptionalString maps the API's empty string to null, for optional
// arguments without a default.
func OptionalString(p *string) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// FilledInByCloud is the API's value of an argument it fills in when the
// configuration leaves it out, or the current value when the API says
// nothing (null rather than unknown, after a create).
func FilledInByCloud(p *string, current types.String) types.String {
	if p == nil || *p == "" {
		if current.IsUnknown() {
			return types.StringNull()
		}
		return current
	}
	return types.StringValue(*p)
}

// NullUnknownStrings makes each unknown value null, so that a create that
// fails before the first read saves a valid state.
func NullUnknownStrings(values ...*types.String) {
	for _, v := range values {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
}

// EnumList renders allowed values for a description: `A`, `B` or `C`.
func EnumList[T ~string](values []T) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + string(v) + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// LastLines is the final n lines of text, without a trailing newline.
func LastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Indent prefixes every line of text.
func Indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}

// NonNil returns items without its nil entries. An API list can hold a
// JSON null ([null] or [{...}, null]); every caller would otherwise have to
// guard each element before reading a field of it.
func NonNil[T any](items []*T) []*T {
	out := make([]*T, 0, len(items))
	for _, item := range items {
		if item != nil {
			out = append(out, item)
		}
	}
	return out
}

// TagChanges lists what turns the tags old into the tags want: the keys to
// set (new ones and those whose value changes) and the keys to remove, each
// sorted, so requests are the same from run to run.
func TagChanges(old, want map[string]string) (set map[string]string, removed []string) {
	set = map[string]string{}
	for k, v := range want {
		if prior, ok := old[k]; !ok || prior != v {
			set[k] = v
		}
	}
	for k := range old {
		if _, ok := want[k]; !ok {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	return set, removed
}

// SortedKeys returns the keys of m in order.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

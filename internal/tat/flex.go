package tat

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// encodeContent turns the plain text users write into the base64 the API
// wants.
func encodeContent(text string) *string {
	s := base64.StdEncoding.EncodeToString([]byte(text))
	return &s
}

// decodeContent turns API base64 back into text; content that is not valid
// base64 is kept as sent so that nothing is lost.
func decodeContent(encoded *string) string {
	if encoded == nil {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(*encoded)
	if err != nil {
		return *encoded
	}
	return string(raw)
}

func stringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out
}

// parametersJSON encodes parameters as the JSON object string TAT expects.
func parametersJSON(params map[string]string) *string {
	if params == nil {
		return nil
	}
	raw, _ := json.Marshal(params) // a map of strings always marshals
	s := string(raw)
	return &s
}

// parametersFromJSON decodes TAT's JSON parameter string; prior keeps an
// absent or empty value in the form the configuration used (null or {}).
func parametersFromJSON(s *string, prior types.Map, diags *diag.Diagnostics) types.Map {
	params := map[string]string{}
	if s != nil && *s != "" {
		if err := json.Unmarshal([]byte(*s), &params); err != nil {
			diags.AddError("Unexpected API Response", "TAT returned parameters that are not a JSON object of strings: "+err.Error())
			return prior
		}
	}
	return mapOrPrior(params, prior, diags)
}

func tagsFromAPI(tags []*tat.Tag, prior types.Map, diags *diag.Diagnostics) types.Map {
	m := map[string]string{}
	for _, t := range tags {
		if t != nil && t.Key != nil {
			m[*t.Key] = stringValue(t.Value)
		}
	}
	return mapOrPrior(m, prior, diags)
}

func tagsToAPI(m map[string]string) []*tat.Tag {
	var tags []*tat.Tag
	for k, v := range m {
		tags = append(tags, &tat.Tag{Key: stringPtr(k), Value: stringPtr(v)})
	}
	return tags
}

// mapOrPrior builds a map value, keeping null for an empty map when the
// prior value was null, so an unset argument does not show a diff.
func mapOrPrior(m map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(m) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(context.Background(), types.StringType, m)
	diags.Append(d...)
	return v
}

func stringValue(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func stringPtr(s string) *string { return &s }

func uint64Ptr(v int64) *uint64 {
	u := uint64(v)
	return &u
}

func uint64Value(p *uint64) uint64 {
	if p == nil {
		return 0
	}
	return *p
}

// knownStringPointer is nil for a null or unknown value, so the API applies
// its own default.
func knownStringPointer(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// optionalString maps the API's empty string to null, for optional
// arguments without a default.
func optionalString(p *string) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func boolPtr(b bool) *bool { return &b }

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

// enumList renders allowed values for a description: `A`, `B` or `C`.
func enumList[T ~string](values []T) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + string(v) + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// lastLines is the final n lines of text, without a trailing newline.
func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}

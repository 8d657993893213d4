package ecs

import (
	"context"
	"encoding/base64"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// contentEncodingBase64 makes the API take and return command content as
// base64, so scripts of any bytes cross the query string unchanged.
const contentEncodingBase64 = "Base64"

// encodeContent turns the plain text users write into the base64 the API
// is told to expect.
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

func tagsToAPI(m map[string]string) []*ecs.CreateCommandRequestTag {
	var tags []*ecs.CreateCommandRequestTag
	for k, v := range m {
		tags = append(tags, &ecs.CreateCommandRequestTag{Key: stringPtr(k), Value: stringPtr(v)})
	}
	return tags
}

func tagsFromAPI(tags *ecs.DescribeCommandsResponseBodyCommandsCommandTags, prior types.Map, diags *diag.Diagnostics) types.Map {
	m := map[string]string{}
	if tags != nil {
		for _, t := range tags.Tag {
			if t != nil && t.TagKey != nil {
				m[*t.TagKey] = stringValue(t.TagValue)
			}
		}
	}
	return mapOrPrior(m, prior, diags)
}

// parameterNamesFromAPI lists the parameters the service found in the
// content; a command without parameters has an empty list, not null.
func parameterNamesFromAPI(names *ecs.DescribeCommandsResponseBodyCommandsCommandParameterNames, diags *diag.Diagnostics) types.List {
	values := []string{}
	if names != nil {
		for _, name := range names.ParameterName {
			if name != nil {
				values = append(values, *name)
			}
		}
	}
	v, d := types.ListValueFrom(context.Background(), types.StringType, values)
	diags.Append(d...)
	return v
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

func int64Value(p *int64) int64 {
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

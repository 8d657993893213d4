package ecs

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func int64Ptr(v int64) *int64 { return &v }

func int32Value(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}

// stringOrPrior is the API's value of an optional argument, except that an
// empty value keeps the form the configuration used (null or ""), so an
// unset argument does not show a diff.
func stringOrPrior(p *string, prior types.String) types.String {
	if p == nil || *p == "" {
		if prior.IsNull() || prior.IsUnknown() {
			return types.StringNull()
		}
		return types.StringValue("")
	}
	return types.StringValue(*p)
}

// stringList converts a typed enum list for validators.
func stringList[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

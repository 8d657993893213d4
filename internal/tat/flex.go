package tat

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

func tagsFromAPI(tags []*tat.Tag, prior types.Map, diags *diag.Diagnostics) types.Map {
	m := map[string]string{}
	for _, t := range tags {
		if t != nil && t.Key != nil {
			m[*t.Key] = flex.StringValue(t.Value)
		}
	}
	return flex.MapOrPrior(m, prior, diags)
}

func tagsToAPI(m map[string]string) []*tat.Tag {
	var tags []*tat.Tag
	for k, v := range m {
		tags = append(tags, &tat.Tag{Key: flex.StringPtr(k), Value: flex.StringPtr(v)})
	}
	return tags
}

// TAT counts and sizes are unsigned.
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

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

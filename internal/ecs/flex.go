package ecs

import (
	"context"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// contentEncodingBase64 makes the API take and return command content as
// base64, so scripts of any bytes cross the query string unchanged.
const contentEncodingBase64 = "Base64"

func tagsToAPI(m map[string]string) []*ecs.CreateCommandRequestTag {
	var tags []*ecs.CreateCommandRequestTag
	for k, v := range m {
		tags = append(tags, &ecs.CreateCommandRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(v)})
	}
	return tags
}

func tagsFromAPI(tags *ecs.DescribeCommandsResponseBodyCommandsCommandTags, prior types.Map, diags *diag.Diagnostics) types.Map {
	m := map[string]string{}
	if tags != nil {
		for _, t := range tags.Tag {
			if t != nil && t.TagKey != nil {
				m[*t.TagKey] = flex.StringValue(t.TagValue)
			}
		}
	}
	return flex.MapOrPrior(m, prior, diags)
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

func int64Value(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

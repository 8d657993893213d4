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

// tagsFromAPI are a command's tags (DescribeCommands: Tags.Tag), or prior
// as flex.MapOrPrior says.
func tagsFromAPI(tags *ecs.DescribeCommandsResponseBodyCommandsCommandTags, prior types.Map, diags *diag.Diagnostics) types.Map {
	var list []*ecs.DescribeCommandsResponseBodyCommandsCommandTagsTag
	if tags != nil {
		list = tags.Tag
	}
	return flex.MapOrPrior(tagMap(list, func(t *ecs.DescribeCommandsResponseBodyCommandsCommandTagsTag) (*string, *string) {
		return t.TagKey, t.TagValue
	}), prior, diags)
}

// invocationTagsFromAPI are an invocation's tags (DescribeInvocations:
// Tags.Tag), or prior as flex.MapOrPrior says.
func invocationTagsFromAPI(tags *ecs.DescribeInvocationsResponseBodyInvocationsInvocationTags, prior types.Map, diags *diag.Diagnostics) types.Map {
	var list []*ecs.DescribeInvocationsResponseBodyInvocationsInvocationTagsTag
	if tags != nil {
		list = tags.Tag
	}
	return flex.MapOrPrior(tagMap(list, func(t *ecs.DescribeInvocationsResponseBodyInvocationsInvocationTagsTag) (*string, *string) {
		return t.TagKey, t.TagValue
	}), prior, diags)
}

// tagMap is the map of the API's tag list, each tag's key and value told by
// pair; a tag without a key is left out.
func tagMap[T any](tags []*T, pair func(*T) (key, value *string)) map[string]string {
	m := map[string]string{}
	for _, t := range flex.NonNil(tags) {
		if key, value := pair(t); key != nil {
			m[*key] = flex.StringValue(value)
		}
	}
	return m
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

package ecs

import (
	"context"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// Resource types of ECS TagResources / UntagResources that name Cloud
// Assistant objects: a saved command and a command's execution.
const (
	tagResourceTypeCommand    = "command"
	tagResourceTypeInvocation = "invocation"
)

// changeTags turns the tags of one resource from old into want in place:
// TagResources sets the new and changed ones, UntagResources removes the
// others. Each takes at most 20 tags (Tag.N, TagKey.N), as many as a
// resource may carry, so one call of each is enough.
func changeTags(ctx context.Context, client *conns.ECSClient, region, resourceType, id string, old, want types.Map, diags *diag.Diagnostics) error {
	set, removed := flex.TagChanges(flex.StringMap(ctx, old, diags), flex.StringMap(ctx, want, diags))
	if diags.HasError() {
		return nil
	}
	// Removing first leaves room under the per-resource limit for the
	// tags that take their place.
	if len(removed) > 0 {
		in := &ecs.UntagResourcesRequest{
			RegionId: &region, ResourceType: flex.StringPtr(resourceType), ResourceId: []*string{&id},
		}
		for _, k := range removed {
			in.TagKey = append(in.TagKey, flex.StringPtr(k))
		}
		if _, err := client.UntagResources(ctx, in); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		in := &ecs.TagResourcesRequest{
			RegionId: &region, ResourceType: flex.StringPtr(resourceType), ResourceId: []*string{&id},
		}
		for _, k := range flex.SortedKeys(set) {
			in.Tag = append(in.Tag, &ecs.TagResourcesRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(set[k])})
		}
		if _, err := client.TagResources(ctx, in); err != nil {
			return err
		}
	}
	return nil
}

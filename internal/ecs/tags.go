package ecs

import (
	"context"
	"fmt"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
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

// retagRun changes the tags of a run in place: those of its invocation
// record (TagResources takes ResourceType invocation) and, when commandID
// is set, those of the command it kept, which RunCommand tagged alike. The
// run is not sent again. A record the vendor has purged, or a command
// deleted since, has no tags left to change: the new tags are recorded all
// the same, with a warning.
func retagRun(ctx context.Context, clients *conns.Clients, regionID types.String, invokeID, commandID string, old, want types.Map, diags *diag.Diagnostics) {
	client := ecsClient(clients, diags)
	if client == nil {
		return
	}
	region := regionOf(regionID, client)
	targets := [][2]string{{tagResourceTypeInvocation, invokeID}}
	if commandID != "" {
		targets = append(targets, [2]string{tagResourceTypeCommand, commandID})
	}
	for _, target := range targets {
		err := changeTags(ctx, client, region, target[0], target[1], old, want, diags)
		switch {
		case conns.IsCode(err, "InvalidResourceId.NotFound"):
			diags.AddWarning("ECS Tags Not Changed",
				fmt.Sprintf("The %s %s no longer exists in %s, so its tags could not be changed; the new tags are recorded in the state only.", target[0], target[1], region))
		case err != nil:
			diags.Append(framework.APIErrorDiagnostic("Error Updating ECS Tags", "change the tags of ECS "+target[0]+" "+target[1], err))
			return
		}
	}
}

package ecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

var regionIDPath = path.Root("region_id")

// regionIDAttribute is the region_id argument of a resource; what names the
// object, such as "command". Every ECS request names its region, unlike TAT
// where the region belongs to the client, so each ECS resource carries one,
// defaulting to the provider's alicloud region.
func regionIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "Region of the " + what + ", such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` " +
			"(or `ALICLOUD_REGION`). Changing it, or the default it came from, replaces the " + what + ".",
		Validators: []validator.String{validate.AlibabaRegionID()},
		// A region left out keeps the one in state here; planDefaultRegion
		// then puts the provider's region in the plan.
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
	}
}

// planDefaultRegion puts the provider's default region in the plan when the
// configuration leaves region_id out, so the plan shows where the object
// will live, and replaces the object when that default moves, as a changed
// region_id would. A create with no region at all fails here, at plan time.
func planDefaultRegion(ctx context.Context, clients *conns.Clients, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroying
	}
	defer checkAtPlan(ctx, clients, req, resp)
	var configured types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, regionIDPath, &configured)...)
	if !configured.IsNull() {
		return // set, or not known yet: the attribute's plan modifiers apply
	}
	region, ok := providerRegion(clients)
	if !ok {
		return // the provider is not configured yet; Create reports what is missing
	}
	creating := req.State.Raw.IsNull()
	if region == "" {
		if creating {
			resp.Diagnostics.Append(missingRegionDiagnostic())
		}
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, regionIDPath, region)...)
	if creating {
		return
	}
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, regionIDPath, &prior)...)
	if !prior.IsNull() && prior.ValueString() != region {
		resp.RequiresReplace.Append(regionIDPath)
	}
}

// checkAtPlan reports at plan that the credentials or the region of the
// planned resource cannot be used, once the plan holds its region.
func checkAtPlan(ctx context.Context, clients *conns.Clients, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if resp.Diagnostics.HasError() {
		return
	}
	var region types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, regionIDPath, &region)...)
	framework.CheckECSAtPlan(clients, req, region.ValueString(), regionIDPath, &resp.Diagnostics)
}

// providerRegion is the provider's default region, which may be empty; ok
// is false when the ECS client is not available to say.
func providerRegion(clients *conns.Clients) (region string, ok bool) {
	if clients == nil {
		return "", false
	}
	client, err := clients.ECS()
	if err != nil {
		return "", false
	}
	return client.Region(), true
}

// regionOf is the region an object lives in: its region_id, else the
// provider's default (an import knows only the ID). Empty means neither is
// set.
func regionOf(regionID types.String, client *conns.ECSClient) string {
	if !regionID.IsNull() && !regionID.IsUnknown() && regionID.ValueString() != "" {
		return regionID.ValueString()
	}
	return client.Region()
}

// clientIn is the ECS client and the region an object lives in (regionOf);
// nil, with a diagnostic, when the provider has no ECS client or no region
// is set.
func clientIn(clients *conns.Clients, regionID types.String, diags *diag.Diagnostics) (*conns.ECSClient, string) {
	client := ecsClient(clients, diags)
	if client == nil {
		return nil, ""
	}
	region := regionOf(regionID, client)
	if region == "" {
		diags.Append(missingRegionDiagnostic())
		return nil, ""
	}
	return client, region
}

func missingRegionDiagnostic() diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(regionIDPath, "Missing Region",
		"Attribute region_id is not set and the provider has no default Alibaba Cloud region. "+
			"Set region_id on this resource, or region in the provider's alicloud block (alicloud.region) or the ALICLOUD_REGION environment variable.")
}

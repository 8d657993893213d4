package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// Terraform configures the provider before it plans resources, so a
// resource's ModifyPlan can tell at plan whether its vendor's credentials
// and region were found, rather than leaving it to fail at apply.

// CheckTATAtPlan adds the reason TAT cannot be reached when the plan is
// about to call it: a create, or a change of a resource already in state.
// A plan that leaves the resource as it is, or destroys it, may need no
// call (a finished run is history), and is let through.
func CheckTATAtPlan(clients *conns.Clients, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if clients == nil || !callsAPI(req) {
		return
	}
	if _, err := clients.TAT(); err != nil {
		diags.Append(NotConfiguredDiagnostic(err))
	}
}

// CheckECSAtPlan is CheckTATAtPlan for ECS Cloud Assistant, and checks
// the region the resource is planned in (regionPath), which may be its
// own.
func CheckECSAtPlan(clients *conns.Clients, req resource.ModifyPlanRequest, region string, regionPath path.Path, diags *diag.Diagnostics) {
	if clients == nil || !callsAPI(req) {
		return
	}
	if _, err := clients.ECS(); err != nil {
		diags.Append(NotConfiguredDiagnostic(err))
		return
	}
	rule := clients.ECSRegionRule
	rule.Setting = "region_id"
	if err := rule.Check(region); err != nil {
		diags.AddAttributeError(regionPath, "Unknown Region", err.Error()+".")
	}
}

func callsAPI(req resource.ModifyPlanRequest) bool {
	if req.Plan.Raw.IsNull() {
		return false
	}
	return req.State.Raw.IsNull() || !req.Plan.Raw.Equal(req.State.Raw)
}

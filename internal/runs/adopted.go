package runs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The arguments of a run that neither vendor reports (triggers, and the
// parameters, which may be secret and are never read back) are unknown to
// an import. The first apply after an import takes them from the
// configuration in place; a change of them later runs the command again.

const replaceUnlessAdoptedDescription = "Any change runs it again, except the first apply after an import, which takes the value in place."

// replaceMapUnlessAdopted is RequiresReplace for a map argument that an
// import leaves null.
func replaceMapUnlessAdopted() planmodifier.Map {
	return mapplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// replaceInt64UnlessAdopted is RequiresReplace for an int64 argument that
// an import leaves null.
func replaceInt64UnlessAdopted() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// adoptedAndUnset reports whether the run was imported and not yet
// applied, and the import left the argument unset.
func adoptedAndUnset(ctx context.Context, private privateData, unset bool, diags *diag.Diagnostics) bool {
	return unset && privateFlag(ctx, private, privateAdopted, diags)
}

// takeAdoptedArguments is the first apply after an import: the arguments
// the import could not read are taken from the plan, and the mark goes.
func takeAdoptedArguments(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !privateFlag(ctx, req.Private, privateAdopted, &resp.Diagnostics) {
		return
	}
	for _, name := range []string{"triggers", "parameters"} {
		var v types.Map
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &v)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	var version types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("parameters_wo_version"), &version)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("parameters_wo_version"), version)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateAdopted, nil)...)
}

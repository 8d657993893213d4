package runs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// Some arguments of a run are never reported by the vendor: triggers, the
// parameters (which may be secret and are never read back), and on ECS
// windows_password_name, resource_group_id and resource_tags. An import
// leaves them null. And an ECS run made with resource_tags is imported
// with the instances it ran on as instance_ids, which the configuration
// leaves out. The first apply after an import takes such arguments from
// the configuration in place, since they were set when the run was made;
// replacing the run for them would run its command again. A change of them
// later replaces the run, as any change of its arguments does.

const replaceUnlessAdoptedDescription = "Any change runs it again, except the first apply after an import, which takes the value in place."

// ReplaceStringUnlessAdopted is RequiresReplace for a string argument the
// vendor does not report.
func ReplaceStringUnlessAdopted() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull() || req.PlanValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// ReplaceSetUnlessAdopted is RequiresReplace for a set argument that an
// import may fill in where the configuration does not (ECS instance_ids of
// a run that selected its instances by resource_tags).
func ReplaceSetUnlessAdopted() planmodifier.Set {
	return setplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.SetRequest, resp *setplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull() || req.PlanValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// ReplaceMapUnlessAdopted is RequiresReplace for a map argument the vendor
// does not report.
func ReplaceMapUnlessAdopted() planmodifier.Map {
	return mapplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull() || req.PlanValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// ReplaceInt64UnlessAdopted is RequiresReplace for an int64 argument the
// vendor does not report.
func ReplaceInt64UnlessAdopted() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !adoptedAndUnset(ctx, req.Private, req.StateValue.IsNull() || req.PlanValue.IsNull(), &resp.Diagnostics)
	}, replaceUnlessAdoptedDescription, replaceUnlessAdoptedDescription)
}

// adoptedAndUnset reports whether the run was imported and not yet
// applied, and either the import or the configuration left the argument
// unset: what the import could not know, or filled in for the
// configuration's resource_tags.
func adoptedAndUnset(ctx context.Context, private privateData, unset bool, diags *diag.Diagnostics) bool {
	return unset && privateFlag(ctx, private, privateAdopted, diags)
}

// takeAdoptedArguments is the first apply after an import: the
// configuration's arguments are taken as they are planned, and the mark
// goes. Only arguments: computed values stay as recorded, and write-only
// ones are never stored.
func takeAdoptedArguments(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !privateFlag(ctx, req.Private, privateAdopted, &resp.Diagnostics) {
		return
	}
	for name, attribute := range req.Plan.Schema.GetAttributes() {
		if attribute.IsComputed() || attribute.IsWriteOnly() {
			continue
		}
		var planned attr.Value
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		if !planned.IsUnknown() {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), planned)...)
		}
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateAdopted, nil)...)
}

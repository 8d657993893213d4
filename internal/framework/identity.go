// Package framework holds what the provider's resources share on top of
// terraform-plugin-framework.
package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// IdentityModel is the resource identity of every object the provider
// manages: the ID the cloud gave it and the region it lives in, which
// together name it in an account. Terraform 1.12+ keeps it beside the state;
// list results carry it, and `import { identity = {...} }` takes it.
type IdentityModel struct {
	ID     types.String `tfsdk:"id"`
	Region types.String `tfsdk:"region"`
}

// NewIdentity is the identity of the object id in region.
func NewIdentity(id, region string) IdentityModel {
	return IdentityModel{ID: types.StringValue(id), Region: types.StringValue(region)}
}

// IdentitySchema is the identity schema of a resource: id is required to
// import, region is optional and defaults to the provider's region.
func IdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The ID the cloud gave the object.",
			},
			"region": identityschema.StringAttribute{
				OptionalForImport: true,
				Description:       "The region the object lives in; the provider's region when left out of an import.",
			},
		},
	}
}

// SetIdentity records the identity of the object id in region. A nil
// identity (a resource the framework passes none to) is left alone.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id, region string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, NewIdentity(id, region))
}

// ImportTarget is what an import names: the object's ID and, when the
// import gave one, its region (empty otherwise).
type ImportTarget struct {
	ID     string
	Region string
}

// ImportTargetOf reads what an import names, from the import ID (`terraform
// import`, or an import block's id) or from an import block's identity.
func ImportTargetOf(ctx context.Context, req resource.ImportStateRequest) (ImportTarget, diag.Diagnostics) {
	if req.ID != "" || req.Identity == nil {
		return ImportTarget{ID: req.ID}, nil
	}
	var identity IdentityModel
	diags := req.Identity.Get(ctx, &identity)
	return ImportTarget{ID: identity.ID.ValueString(), Region: identity.Region.ValueString()}, diags
}

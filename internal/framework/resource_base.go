package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// ResourceBase is embedded by every resource, as the AWS provider's
// resources embed its framework base: the provider's clients (Configure),
// the type name (Metadata) and the identity schema every object the
// provider manages shares (IdentitySchema). The resource adds its Schema
// and CRUD.
type ResourceBase struct {
	ResourceWithClients
	typeName string
}

// NewResourceBase is the base of the resource type typeName, without the
// provider's prefix, such as "tat_command".
func NewResourceBase(typeName string) ResourceBase {
	return ResourceBase{typeName: typeName}
}

func (r *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.typeName
}

func (r *ResourceBase) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = IdentitySchema()
}

// VendorClient is one vendor's client of clients, as vendorClient (such as
// (*conns.Clients).TAT) gives it, or nil with a diagnostic saying which
// provider setting is missing.
func VendorClient[C any](clients *conns.Clients, vendorClient func(*conns.Clients) (*C, error), diags *diag.Diagnostics) *C {
	if clients == nil {
		diags.AddError("Provider Not Configured", "The provider was not configured before this resource was used. This is a bug in the provider; please report it.")
		return nil
	}
	client, err := vendorClient(clients)
	if err != nil {
		diags.Append(NotConfiguredDiagnostic(err))
		return nil
	}
	return client
}

// ManagedObject names the object a resource manages, for the diagnostics
// of reading it.
type ManagedObject struct {
	// Title and Name are its kind, such as "TAT Command" and "TAT command".
	Title, Name string
	ID          string
	// Region is named where the object's region is its own argument (ECS
	// region_id); empty where it is the provider's.
	Region string
}

// ReadFound reports whether a Read found the object, err being the
// lookup's error and gone whether it says the object no longer exists. A
// gone object is removed from the state with a warning, so the next apply
// creates it again; any other error is reported.
func ReadFound(ctx context.Context, err error, gone bool, object ManagedObject, resp *resource.ReadResponse) bool {
	switch {
	case gone:
		in := ""
		if object.Region != "" {
			in = " in " + object.Region
		}
		resp.Diagnostics.AddWarning(object.Title+" Not Found",
			object.Name+" "+object.ID+" no longer exists"+in+", so it was removed from the state; the next apply creates it again.")
		resp.State.RemoveResource(ctx)
		return false
	case err != nil:
		resp.Diagnostics.Append(APIErrorDiagnostic("Error Reading "+object.Title, "read "+object.Name+" "+object.ID, err))
		return false
	}
	return true
}

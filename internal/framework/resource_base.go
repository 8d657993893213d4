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

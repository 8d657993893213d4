package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// ClientsFrom is the one Configure helper of every resource and data
// source: the provider's Clients, or nil without error before the provider
// is configured (validation and early plan calls). Any other type is a bug,
// reported as such rather than left to surface as a nil client.
func ClientsFrom(providerData any, diags *diag.Diagnostics) *conns.Clients {
	if providerData == nil {
		return nil
	}
	clients, ok := providerData.(*conns.Clients)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *conns.Clients, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return clients
}

// ResourceWithClients is embedded by a resource for its Configure: it keeps
// the provider's clients in Clients.
type ResourceWithClients struct {
	Clients *conns.Clients
}

func (r *ResourceWithClients) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.Clients = ClientsFrom(req.ProviderData, &resp.Diagnostics)
}

// DataSourceWithClients is ResourceWithClients for a data source.
type DataSourceWithClients struct {
	Clients *conns.Clients
}

func (d *DataSourceWithClients) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.Clients = ClientsFrom(req.ProviderData, &resp.Diagnostics)
}

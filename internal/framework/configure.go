package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

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

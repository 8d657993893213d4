// Package ecs holds the Alibaba Cloud ECS Cloud Assistant resources and data
// sources.
package ecs

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// configuredClients extracts the provider's clients from ProviderData. It
// returns nil without error before the provider is configured (validation
// and early plan calls), and an error for any other type.
func configuredClients(providerData any, diags *diag.Diagnostics) *conns.Clients {
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

// ecsClient returns the ECS client, or adds a diagnostic saying which
// provider setting is missing.
func ecsClient(clients *conns.Clients, diags *diag.Diagnostics) *conns.ECSClient {
	if clients == nil {
		diags.AddError("Provider Not Configured", "The provider was not configured before this resource was used. This is a bug in the provider; please report it.")
		return nil
	}
	client, err := clients.ECS()
	if err != nil {
		diags.Append(conns.NotConfiguredDiagnostic(err))
		return nil
	}
	return client
}

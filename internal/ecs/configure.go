// Package ecs holds the Alibaba Cloud ECS Cloud Assistant resources and data
// sources.
package ecs

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// configuredClients is framework.ClientsFrom, the one Configure helper.
var configuredClients = framework.ClientsFrom

// ecsClient returns the ECS client, or adds a diagnostic saying which
// provider setting is missing.
func ecsClient(clients *conns.Clients, diags *diag.Diagnostics) *conns.ECSClient {
	if clients == nil {
		diags.AddError("Provider Not Configured", "The provider was not configured before this resource was used. This is a bug in the provider; please report it.")
		return nil
	}
	client, err := clients.ECS()
	if err != nil {
		diags.Append(framework.NotConfiguredDiagnostic(err))
		return nil
	}
	return client
}

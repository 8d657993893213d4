// Package ecs holds the Alibaba Cloud ECS Cloud Assistant resources and data
// sources.
package ecs

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// ecsClient returns the ECS client, or adds a diagnostic saying which
// provider setting is missing.
func ecsClient(clients *conns.Clients, diags *diag.Diagnostics) *conns.ECSClient {
	return framework.VendorClient(clients, (*conns.Clients).ECS, diags)
}

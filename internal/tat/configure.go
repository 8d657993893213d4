// Package tat holds the Tencent Cloud TAT resources and data sources.
package tat

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// tatClient returns the TAT client, or adds a diagnostic saying which
// provider setting is missing.
func tatClient(clients *conns.Clients, diags *diag.Diagnostics) *conns.TATClient {
	return framework.VendorClient(clients, (*conns.Clients).TAT, diags)
}

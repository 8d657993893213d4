package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// identityRegion is the region of a TAT object: the TAT client's, since a
// TAT request names its region in the client (the X-TC-Region header)
// rather than in its parameters. Empty when the client is missing.
func identityRegion(clients *conns.Clients) string {
	if clients == nil {
		return ""
	}
	client, err := clients.TAT()
	if err != nil {
		return ""
	}
	return client.Region()
}

// importByIDOrIdentity imports a TAT object by its ID or its identity. The
// identity's region, when given, must be the provider's: TAT objects are
// read through the provider's one region.
func importByIDOrIdentity(ctx context.Context, clients *conns.Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	target, diags := framework.ImportTargetOf(ctx, req)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if region := identityRegion(clients); target.Region != "" && region != "" && target.Region != region {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Region Not The Provider's",
			"The identity names region "+target.Region+", but this provider reaches TAT in "+region+
				" (tencentcloud.region). Import it through a provider configured for "+target.Region+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), target.ID)...)
}

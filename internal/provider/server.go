package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Server serves the provider over protocol 6: the framework's server, with
// the refresh of runs that are history answered before the framework
// decodes their state (runs.HistoryServer).
func Server(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	serve := providerserver.NewProtocol6WithError(newProvider())
	return func() (tfprotov6.ProviderServer, error) {
		server, err := serve()
		if err != nil {
			return nil, err
		}
		framework, ok := server.(runs.FrameworkServer)
		if !ok {
			return nil, fmt.Errorf("the framework's server (%T) does not serve every kind of request", server)
		}
		return runs.HistoryServer(framework), nil
	}
}

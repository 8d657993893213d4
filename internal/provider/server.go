package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Server serves the provider over protocol 6: the framework's server, with
// the refresh and the unchanged plan of runs that are history answered
// before the framework decodes their state (runs.HistoryServer).
func Server(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return ServeThrough(newProvider, runs.HistoryServer)
}

// CheckedServer is Server with every plan it answers for history also
// made by the framework, and any difference reported as an error
// (runs.CheckedHistoryServer): the acceptance tests serve the provider
// through it.
func CheckedServer(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return ServeThrough(newProvider, runs.CheckedHistoryServer)
}

// ServeThrough serves the framework's server through wrap, given the
// HistoryPlan of each run resource type. It makes a provider of its own
// for each server, since the plans answered as history read the settings
// the server configured it with.
func ServeThrough(newProvider func() provider.Provider, wrap func(runs.FrameworkServer, map[string]runs.HistoryPlan) runs.FrameworkServer) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := newProvider()
		server, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		framework, ok := server.(runs.FrameworkServer)
		if !ok {
			return nil, fmt.Errorf("the framework's server (%T) does not serve every kind of request", server)
		}
		plans, err := historyPlans(context.Background(), p)
		if err != nil {
			return nil, err
		}
		return wrap(framework, plans), nil
	}
}

// historyPlans are the runs.HistoryPlan of every run resource of p, by
// type name, reading the settings p is configured with.
func historyPlans(ctx context.Context, p provider.Provider) (map[string]runs.HistoryPlan, error) {
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	plans := map[string]runs.HistoryPlan{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		run, ok := r.(runs.RunResource)
		if !ok {
			continue
		}
		var named resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &named)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		if s.Diagnostics.HasError() {
			return nil, fmt.Errorf("the schema of %s: %v", named.TypeName, s.Diagnostics)
		}
		plan, err := runs.NewHistoryPlan(ctx, s.Schema, settingsOf(p, run.DefaultsFromProvider()))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", named.TypeName, err)
		}
		plans[named.TypeName] = plan
	}
	return plans, nil
}

// settingsOf binds each default to the settings p is configured with: no
// value is known before p is configured.
func settingsOf(p provider.Provider, defaults map[string]runs.ProviderDefault) map[string]func() (string, bool) {
	bound := map[string]func() (string, bool){}
	for name, fromSettings := range defaults {
		bound[name] = func() (string, bool) {
			configurable, ok := p.(*cloudcmdProvider)
			if !ok {
				return "", false
			}
			clients := configurable.configured.Load()
			if clients == nil {
				return "", false
			}
			return fromSettings(clients)
		}
	}
	return bound
}

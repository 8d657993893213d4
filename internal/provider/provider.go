// Package provider is the cloudcmd Terraform provider: its configuration,
// the vendor clients it builds from it, and the list of resources and data
// sources it serves.
package provider

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/tat"
)

var (
	_ provider.Provider                   = (*cloudcmdProvider)(nil)
	_ provider.ProviderWithValidateConfig = (*cloudcmdProvider)(nil)
	_ provider.ProviderWithListResources  = (*cloudcmdProvider)(nil)
	_ provider.ProviderWithActions        = (*cloudcmdProvider)(nil)
)

type cloudcmdProvider struct {
	version  string
	lifetime *conns.Lifetime
	// configured are the clients Configure made, for the plans
	// runs.HistoryServer answers from the provider's settings.
	configured atomic.Pointer[conns.Clients]
}

// New returns a constructor for the provider at the given version.
func New(version string) func() provider.Provider {
	return NewStoppable(version, nil)
}

// NewStoppable is New for a provider process that may be asked to stop:
// stopping lifetime ends the waits of runs under way, so that terraform
// records them before the process exits.
func NewStoppable(version string, lifetime *conns.Lifetime) func() provider.Provider {
	return func() provider.Provider {
		return &cloudcmdProvider{version: version, lifetime: lifetime}
	}
}

func (p *cloudcmdProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "cloudcmd"
	resp.Version = p.version
}

func (p *cloudcmdProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs commands on cloud instances through the vendors' agents, with no SSH: " +
			"Tencent Cloud TAT (TencentCloud Automation Tools) and Alibaba Cloud ECS Cloud Assistant. " +
			"Configure only the vendor you use: settings of the other are never required.",
		Blocks: map[string]schema.Block{
			"tencentcloud": tencentCloudBlock(),
			"alicloud":     aliCloudBlock(),
		},
	}
}

func (p *cloudcmdProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(config.validateEndpoints()...)
}

func (p *cloudcmdProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clients, warnings := config.clients()
	for _, w := range warnings {
		resp.Diagnostics.AddWarning("Credentials File Readable By Others", w)
	}
	clients.Lifetime = p.lifetime
	p.configured.Store(clients)
	resp.ResourceData = clients
	resp.DataSourceData = clients
	resp.ListResourceData = clients
	resp.ActionData = clients
}

func (p *cloudcmdProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		tat.NewCommandResource,
		tat.NewInvocationResource,
		tat.NewRunCommandResource,
		tat.NewInvokerResource,
		ecs.NewCommandResource,
		ecs.NewRunCommandResource,
		ecs.NewInvocationResource,
	}
}

func (p *cloudcmdProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		tat.NewInvocationsDataSource,
		tat.NewInvokerRecordsDataSource,
		tat.NewAgentStatusDataSource,
		tat.NewCommandsDataSource,
		tat.NewInvokersDataSource,
		ecs.NewCommandsDataSource,
		ecs.NewInvocationsDataSource,
		ecs.NewAgentStatusDataSource,
	}
}

// ListResources are what `terraform query` (Terraform 1.14+) can search
// for: the account's own commands and invokers.
func (p *cloudcmdProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		tat.NewCommandListResource,
		tat.NewInvokerListResource,
		ecs.NewCommandListResource,
	}
}

// Actions are the runs Terraform 1.14+ carries out when invoked
// (`terraform apply -invoke`, or an action_trigger), with no state.
func (p *cloudcmdProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		tat.NewRunCommandAction,
		tat.NewInvokeCommandAction,
		ecs.NewRunCommandAction,
		ecs.NewInvokeCommandAction,
	}
}

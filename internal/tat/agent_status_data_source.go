package tat

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// TAT DescribeAutomationAgentStatus filters: agent-status Online or
// Offline, environment Linux or Windows.
var (
	agentStatuses     = []string{agentStatusOnline, agentStatusOffline}
	agentEnvironments = []string{"Linux", "Windows"}
)

var _ datasource.DataSourceWithConfigure = (*agentStatusDataSource)(nil)

// NewAgentStatusDataSource is the cloudcmd_tat_agent_status data source.
func NewAgentStatusDataSource() datasource.DataSource { return &agentStatusDataSource{} }

type agentStatusDataSource struct {
	framework.DataSourceWithClients
}

type agentStatusModel struct {
	ID                 types.String `tfsdk:"id"`
	InstanceIDs        types.Set    `tfsdk:"instance_ids"`
	AgentStatus        types.String `tfsdk:"agent_status"`
	Environment        types.String `tfsdk:"environment"`
	Agents             types.List   `tfsdk:"agents"`
	MissingInstanceIDs types.List   `tfsdk:"missing_instance_ids"`
}

type agentModel struct {
	InstanceID        types.String `tfsdk:"instance_id"`
	AgentStatus       types.String `tfsdk:"agent_status"`
	Version           types.String `tfsdk:"version"`
	LastHeartbeatTime types.String `tfsdk:"last_heartbeat_time"`
	Environment       types.String `tfsdk:"environment"`
	SupportFeatures   types.List   `tfsdk:"support_features"`
}

var agentType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"instance_id":         types.StringType,
	"agent_status":        types.StringType,
	"version":             types.StringType,
	"last_heartbeat_time": types.StringType,
	"environment":         types.StringType,
	"support_features":    types.ListType{ElemType: types.StringType},
}}

func (d *agentStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tat_agent_status"
}

func (d *agentStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists TAT agents (DescribeAutomationAgentStatus): whether each instance's agent is online, its version, " +
			"last heartbeat and environment. Instances are read 100 to a call, in calls shared with the runs waiting for agents.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"instance_ids": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "The instances whose agents to list: CVM (`ins-...`), Lighthouse (`lhins-...`) or TAT managed (`rins-...`) instances, " +
					"which may be mixed. Without it, every agent of the region is listed.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validate.TATInstanceID()),
				},
			},
			"agent_status": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only agents in this status: " + flex.EnumList(agentStatuses) + ".",
				Validators: []validator.String{stringvalidator.OneOf(agentStatuses...)},
			},
			"environment": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only agents on this system: " + flex.EnumList(agentEnvironments) + ".",
				Validators: []validator.String{stringvalidator.OneOf(agentEnvironments...)},
			},
			"agents": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The agents, sorted by instance ID.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"instance_id":         str("The instance."),
					"agent_status":        str("`Online` or `Offline`: only an online agent takes commands."),
					"version":             str("The agent's version."),
					"last_heartbeat_time": str("The agent's last heartbeat (RFC 3339, UTC)."),
					"environment":         str("`Linux` or `Windows`."),
					"support_features": schema.ListAttribute{
						ElementType: types.StringType, Computed: true, MarkdownDescription: "Features the agent supports.",
					},
				}},
			},
			"missing_instance_ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "The instances of `instance_ids` that TAT reports no agent for: none is installed, or the instance does not exist. " +
					"Sorted; empty without `instance_ids`.",
			},
		},
	}
}

func (d *agentStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config agentStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := tatClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := flex.SetStrings(ctx, config.InstanceIDs, &resp.Diagnostics)
	slices.Sort(ids)
	agents, missing, err := config.list(ctx, client, ids)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing TAT Agents", "list the TAT agents", err))
		return
	}
	config.Agents = agentsValue(ctx, agents, &resp.Diagnostics)
	missingList, diags := types.ListValueFrom(ctx, types.StringType, missing)
	resp.Diagnostics.Append(diags...)
	config.MissingInstanceIDs = missingList
	config.ID = types.StringValue(strings.Join([]string{"agents", strings.Join(ids, ","), config.AgentStatus.ValueString(), config.Environment.ValueString()}, ";"))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// list reads the agents: the named instances' in batched calls, filtered
// here, or every agent the filters select, page by page.
func (m agentStatusModel) list(ctx context.Context, client *conns.TATClient, ids []string) ([]*tat.AutomationAgentInfo, []string, error) {
	if len(ids) == 0 {
		agents, err := listAgents(ctx, client, m.filters())
		return agents, []string{}, err
	}
	found, err := client.AgentStatuses(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	agents := []*tat.AutomationAgentInfo{}
	missing := []string{}
	for _, id := range ids {
		agent, ok := found[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case m.selects(agent):
			agents = append(agents, agent)
		}
	}
	return agents, missing, nil
}

// filters are the agent_status and environment arguments as TAT filters.
func (m agentStatusModel) filters() []*tat.Filter {
	var filters []*tat.Filter
	if v := m.AgentStatus.ValueString(); v != "" {
		filters = append(filters, &tat.Filter{Name: flex.StringPtr("agent-status"), Values: []*string{flex.StringPtr(v)}})
	}
	if v := m.Environment.ValueString(); v != "" {
		filters = append(filters, &tat.Filter{Name: flex.StringPtr("environment"), Values: []*string{flex.StringPtr(v)}})
	}
	return filters
}

// selects applies agent_status and environment to an agent read by ID: TAT
// takes InstanceIds or Filters, never both.
func (m agentStatusModel) selects(agent *tat.AutomationAgentInfo) bool {
	if v := m.AgentStatus.ValueString(); v != "" && flex.StringValue(agent.AgentStatus) != v {
		return false
	}
	if v := m.Environment.ValueString(); v != "" && flex.StringValue(agent.Environment) != v {
		return false
	}
	return true
}

// listAgents pages through every agent the filters select, sorted by
// instance ID.
func listAgents(ctx context.Context, client *conns.TATClient, filters []*tat.Filter) ([]*tat.AutomationAgentInfo, error) {
	all, err := pageAll(func(offset, limit uint64) ([]*tat.AutomationAgentInfo, *uint64, error) {
		resp, err := client.DescribeAutomationAgentStatus(ctx, &tat.DescribeAutomationAgentStatusRequest{
			Filters: filters, Limit: &limit, Offset: &offset,
		})
		if err != nil {
			return nil, nil, err
		}
		return resp.Response.AutomationAgentSet, resp.Response.TotalCount, nil
	})
	slices.SortFunc(all, func(a, b *tat.AutomationAgentInfo) int {
		return strings.Compare(flex.StringValue(a.InstanceId), flex.StringValue(b.InstanceId))
	})
	return all, err
}

func agentsValue(ctx context.Context, agents []*tat.AutomationAgentInfo, diags *diag.Diagnostics) types.List {
	models := make([]agentModel, 0, len(agents))
	for _, a := range agents {
		features, d := types.ListValueFrom(ctx, types.StringType, supportFeatures(a.SupportFeatures))
		diags.Append(d...)
		models = append(models, agentModel{
			InstanceID:        types.StringValue(flex.StringValue(a.InstanceId)),
			AgentStatus:       types.StringValue(flex.StringValue(a.AgentStatus)),
			Version:           types.StringValue(flex.StringValue(a.Version)),
			LastHeartbeatTime: types.StringValue(flex.StringValue(a.LastHeartbeatTime)),
			Environment:       types.StringValue(flex.StringValue(a.Environment)),
			SupportFeatures:   features,
		})
	}
	list, d := types.ListValueFrom(ctx, agentType, models)
	diags.Append(d...)
	return list
}

// supportFeatures is the agent's feature list, never null.
func supportFeatures(features []*string) []string {
	out := []string{}
	for _, f := range features {
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}

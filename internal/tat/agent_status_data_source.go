package tat

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// NewAgentStatusDataSource is the cloudcmd_tat_agent_status data source.
func NewAgentStatusDataSource() datasource.DataSource {
	return framework.NewDataSource("_tat_agent_status", agentStatusSchema(), readAgentStatus)
}

type agentStatusModel struct {
	framework.AgentsModel
	AgentStatus types.String `tfsdk:"agent_status"`
	Environment types.String `tfsdk:"environment"`
}

type agentModel struct {
	InstanceID        types.String `tfsdk:"instance_id"`
	AgentStatus       types.String `tfsdk:"agent_status"`
	Version           types.String `tfsdk:"version"`
	LastHeartbeatTime types.String `tfsdk:"last_heartbeat_time"`
	Environment       types.String `tfsdk:"environment"`
	SupportFeatures   types.List   `tfsdk:"support_features"`
}

func agentStatusSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists TAT agents (DescribeAutomationAgentStatus): whether each instance's agent is online, its version, "+
		"last heartbeat and environment. Instances are read 100 to a call, in calls shared with the runs waiting for agents.", map[string]schema.Attribute{
		"instance_ids": framework.InstanceIDsArgument("The instances whose agents to list: CVM (`ins-...`), Lighthouse (`lhins-...`) or TAT managed (`rins-...`) instances, "+
			"which may be mixed. Without it, every agent of the region is listed.", validate.TATInstanceID()),
		"agent_status": filter("Only agents in this status: "+flex.EnumList(agentStatuses)+".", stringvalidator.OneOf(agentStatuses...)),
		"environment":  filter("Only agents on this system: "+flex.EnumList(agentEnvironments)+".", stringvalidator.OneOf(agentEnvironments...)),
		"agents":       framework.ComputedObjects("The agents, sorted by instance ID.", agentAttributes),
		"missing_instance_ids": framework.ComputedStringList("The instances of `instance_ids` that TAT reports no agent for: none is installed, or the instance does not exist. " +
			"Sorted; empty without `instance_ids`."),
	})
}

// agentAttributes are what the data source reports of one agent.
var agentAttributes = map[string]schema.Attribute{
	"instance_id":         framework.ComputedString("The instance."),
	"agent_status":        framework.ComputedString("`Online` or `Offline`: only an online agent takes commands."),
	"version":             framework.ComputedString("The agent's version."),
	"last_heartbeat_time": framework.ComputedString("The agent's last heartbeat (RFC 3339, UTC)."),
	"environment":         framework.ComputedString("`Linux` or `Windows`."),
	"support_features":    framework.ComputedStringList("Features the agent supports."),
}

var agentType = framework.ObjectType(agentAttributes)

func readAgentStatus(ctx context.Context, clients *conns.Clients, config *agentStatusModel, diags *diag.Diagnostics) {
	client := tatClient(clients, diags)
	if diags.HasError() {
		return
	}
	ids, err := framework.ReadAgents(ctx, &config.AgentsModel, framework.AgentLookup[*tat.AutomationAgentInfo]{
		ByID:       func(ids []string) (map[string]*tat.AutomationAgentInfo, error) { return client.AgentStatuses(ctx, ids) },
		All:        func() ([]*tat.AutomationAgentInfo, error) { return listAgents(ctx, client, config.filters()) },
		Selects:    config.selects,
		InstanceID: func(a *tat.AutomationAgentInfo) string { return flex.StringValue(a.InstanceId) },
	}, agentType, agentModelOf, diags)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing TAT Agents", "list the TAT agents", err))
		return
	}
	config.ID = types.StringValue(strings.Join([]string{"agents", strings.Join(ids, ","), config.AgentStatus.ValueString(), config.Environment.ValueString()}, ";"))
}

// filters are the agent_status and environment arguments as TAT filters.
func (m agentStatusModel) filters() []*tat.Filter {
	filters := withFilter(nil, "agent-status", m.AgentStatus)
	return withFilter(filters, "environment", m.Environment)
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

// listAgents pages through every agent the filters select.
func listAgents(ctx context.Context, client *conns.TATClient, filters []*tat.Filter) ([]*tat.AutomationAgentInfo, error) {
	return pageAll(func(offset, limit uint64) ([]*tat.AutomationAgentInfo, *uint64, error) {
		resp, err := client.DescribeAutomationAgentStatus(ctx, &tat.DescribeAutomationAgentStatusRequest{
			Filters: filters, Limit: &limit, Offset: &offset,
		})
		if err != nil {
			return nil, nil, err
		}
		return resp.Response.AutomationAgentSet, resp.Response.TotalCount, nil
	})
}

func agentModelOf(a *tat.AutomationAgentInfo) agentModel {
	return agentModel{
		InstanceID:        types.StringValue(flex.StringValue(a.InstanceId)),
		AgentStatus:       types.StringValue(flex.StringValue(a.AgentStatus)),
		Version:           types.StringValue(flex.StringValue(a.Version)),
		LastHeartbeatTime: types.StringValue(flex.StringValue(a.LastHeartbeatTime)),
		Environment:       types.StringValue(flex.StringValue(a.Environment)),
		SupportFeatures:   framework.StringList(supportFeatures(a.SupportFeatures)),
	}
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

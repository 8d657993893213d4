package ecs

import (
	"context"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// ECS DescribeCloudAssistantStatus: OSType is Windows, Linux or FreeBSD;
// MaxResults at most 50.
var agentOSTypes = []string{"Windows", "Linux", "FreeBSD"}

const agentPageSize = 50

// NewAgentStatusDataSource is the cloudcmd_ecs_agent_status data source.
func NewAgentStatusDataSource() datasource.DataSource {
	return framework.NewDataSource("_ecs_agent_status", agentStatusSchema(), readAgentStatus)
}

type agentStatusModel struct {
	framework.AgentsModel
	RegionID types.String `tfsdk:"region_id"`
	OSType   types.String `tfsdk:"os_type"`
}

type agentModel struct {
	InstanceID            types.String `tfsdk:"instance_id"`
	Online                types.Bool   `tfsdk:"online"`
	Installed             types.Bool   `tfsdk:"installed"`
	Version               types.String `tfsdk:"version"`
	LastHeartbeatTime     types.String `tfsdk:"last_heartbeat_time"`
	OSType                types.String `tfsdk:"os_type"`
	ActiveTaskCount       types.Int64  `tfsdk:"active_task_count"`
	InvocationCount       types.Int64  `tfsdk:"invocation_count"`
	LastInvokedTime       types.String `tfsdk:"last_invoked_time"`
	SupportSessionManager types.Bool   `tfsdk:"support_session_manager"`
}

func agentStatusSchema() schema.Schema {
	filter := framework.FilterArgument
	return framework.DataSourceSchema("Lists Cloud Assistant agents (DescribeCloudAssistantStatus): whether each instance's agent is installed and online, "+
		"its version, last heartbeat and operating system. Instances are read 50 to a call, in calls shared with the runs waiting for agents.", map[string]schema.Attribute{
		"region_id": dataSourceRegionArgument("Region of the instances"),
		"instance_ids": framework.InstanceIDsArgument("The instances whose agents to list: ECS (`i-...`) or managed (`mi-...`) instances, which may be mixed. "+
			"Without it, every instance of the region is listed.", validate.ECSInstanceID()),
		"os_type": filter("Only instances of this system: "+quotedList(agentOSTypes)+".", stringvalidator.OneOf(agentOSTypes...)),
		"agents":  framework.ComputedObjects("The instances' agents, sorted by instance ID.", agentAttributes),
		"missing_instance_ids": framework.ComputedStringList(
			"The instances of `instance_ids` that Cloud Assistant does not list: they do not exist in the region. Sorted; empty without `instance_ids`."),
	})
}

// agentAttributes are what the data source reports of one agent.
var agentAttributes = map[string]schema.Attribute{
	"instance_id":             framework.ComputedString("The instance."),
	"online":                  framework.ComputedBool("Whether the agent sent a heartbeat in the last two minutes (`CloudAssistantStatus`): only an online agent takes commands."),
	"installed":               framework.ComputedBool("Whether the agent is installed: Cloud Assistant reports a version for it."),
	"version":                 framework.ComputedString("The agent's version; empty when it is not installed."),
	"last_heartbeat_time":     framework.ComputedString("The agent's last heartbeat (ISO 8601, UTC)."),
	"os_type":                 framework.ComputedString("`Windows`, `Linux` or `FreeBSD`."),
	"active_task_count":       framework.ComputedInt64("Commands the agent is running."),
	"invocation_count":        framework.ComputedInt64("Commands the agent has finished."),
	"last_invoked_time":       framework.ComputedString("When a command last ran on the instance."),
	"support_session_manager": framework.ComputedBool("Whether the agent is recent enough for Session Manager."),
}

var agentType = framework.ObjectType(agentAttributes)

func readAgentStatus(ctx context.Context, clients *conns.Clients, config *agentStatusModel, diags *diag.Diagnostics) {
	client, region := regionalClient(clients, config.RegionID, diags)
	if diags.HasError() {
		return
	}
	osType := config.OSType.ValueString()
	ids, err := framework.ReadAgents(ctx, &config.AgentsModel, framework.AgentLookup[*conns.ECSAgentStatus]{
		ByID: func(ids []string) (map[string]*conns.ECSAgentStatus, error) {
			return client.AgentStatuses(ctx, region, ids)
		},
		All: func() ([]*conns.ECSAgentStatus, error) {
			return listAgents(ctx, client, region, flex.KnownStringPointer(config.OSType))
		},
		// os_type, applied here to the instances read by ID.
		Selects:    func(a *conns.ECSAgentStatus) bool { return osType == "" || flex.StringValue(a.OSType) == osType },
		InstanceID: func(a *conns.ECSAgentStatus) string { return flex.StringValue(a.InstanceId) },
	}, agentType, agentModelOf, diags)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Listing Cloud Assistant Agents", "list the Cloud Assistant agents in "+region, err))
		return
	}
	config.ID = types.StringValue(strings.Join([]string{"agents", region, strings.Join(ids, ","), osType}, ";"))
}

// listAgents pages through every instance's agent in the region with
// MaxResults and NextToken.
func listAgents(ctx context.Context, client *conns.ECSClient, region string, osType *string) ([]*conns.ECSAgentStatus, error) {
	all := []*conns.ECSAgentStatus{}
	size := int32(agentPageSize)
	req := &ecs.DescribeCloudAssistantStatusRequest{RegionId: &region, OSType: osType, MaxResults: &size}
	for {
		resp, err := client.DescribeCloudAssistantStatus(ctx, req)
		if err != nil {
			return nil, err
		}
		if resp.Body == nil {
			break
		}
		if set := resp.Body.InstanceCloudAssistantStatusSet; set != nil {
			all = append(all, flex.NonNil(set.InstanceCloudAssistantStatus)...)
		}
		if flex.StringValue(resp.Body.NextToken) == "" {
			break
		}
		req.NextToken = resp.Body.NextToken
	}
	return all, nil
}

func agentModelOf(a *conns.ECSAgentStatus) agentModel {
	return agentModel{
		InstanceID:            types.StringValue(flex.StringValue(a.InstanceId)),
		Online:                types.BoolValue(flex.StringValue(a.CloudAssistantStatus) == "true"),
		Installed:             types.BoolValue(flex.StringValue(a.CloudAssistantVersion) != ""),
		Version:               types.StringValue(flex.StringValue(a.CloudAssistantVersion)),
		LastHeartbeatTime:     types.StringValue(flex.StringValue(a.LastHeartbeatTime)),
		OSType:                types.StringValue(flex.StringValue(a.OSType)),
		ActiveTaskCount:       types.Int64Value(int64Value(a.ActiveTaskCount)),
		InvocationCount:       types.Int64Value(int64Value(a.InvocationCount)),
		LastInvokedTime:       types.StringValue(flex.StringValue(a.LastInvokedTime)),
		SupportSessionManager: types.BoolValue(boolValue(a.SupportSessionManager)),
	}
}

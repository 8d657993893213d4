package ecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// waitForAgentsDescription documents wait_for_agents on both ECS runs.
const waitForAgentsDescription = "Before running, wait until Cloud Assistant Agent is online on every instance in `instance_ids`, " +
	"within `timeouts.create`: for instances created in the same apply, whose agent starts a little after them " +
	"(Cloud Assistant does not deliver a command to an agent that is not online). Only with `instance_ids`: " +
	"instances selected by `resource_tags` are known only once the run is made, so setting both is refused at plan. " +
	"Default false. A behaviour switch: changing it never runs the command again."

// agentAdvice is what to check when Cloud Assistant agents stay offline.
const agentAdvice = "that Cloud Assistant Agent is installed and running on it (ECS RunCommand: instances created from public images " +
	"since 1 December 2017 come with it; InstallCloudAssistant installs it; a managed instance needs its activation), " +
	"and that its security group and any firewall allow the agent's outbound traffic to the Cloud Assistant service, " +
	"as Cloud Assistant's guide to an agent that is not online lists it"

var waitForAgentsPath = path.Root("wait_for_agents")

// agentsToWaitFor is the agent wait of an ECS run on these instances in
// region, with the agents read in calls shared by every resource (up to 50
// instances a DescribeCloudAssistantStatus call).
func agentsToWaitFor(client *conns.ECSClient, region string, instanceIDs []string) *runs.Agents {
	return &runs.Agents{
		Agent:       "Cloud Assistant agent",
		InstanceIDs: instanceIDs,
		Advice:      agentAdvice,
		Read: func(ctx context.Context, ids []string) (map[string]runs.AgentState, error) {
			found, err := client.AgentStatuses(ctx, region, ids)
			if err != nil {
				return nil, err
			}
			states := map[string]runs.AgentState{}
			for id, agent := range found {
				states[id] = agentState(agent)
			}
			return states, nil
		},
	}
}

// agentState reads ECS DescribeCloudAssistantStatus: CloudAssistantStatus
// "true" when heartbeats came in the last two minutes; no
// CloudAssistantVersion when the agent is not installed.
func agentState(agent *conns.ECSAgentStatus) runs.AgentState {
	switch {
	case flex.StringValue(agent.CloudAssistantStatus) == "true":
		return runs.AgentOnline
	case flex.StringValue(agent.CloudAssistantVersion) == "":
		return runs.AgentNotInstalled
	}
	return runs.AgentOffline
}

// AgentsToWaitFor waits for the agents of instance_ids when wait_for_agents
// is set. A run without a region gets none: Start reports that.
func (r *ecsRun) AgentsToWaitFor() *runs.Agents {
	if !r.model.Run().WaitForAgents.ValueBool() {
		return nil
	}
	region := regionOf(r.model.region(), r.client)
	if region == "" {
		return nil
	}
	return agentsToWaitFor(r.client, region, r.model.instanceIDs())
}

// waitForAgentsRule: wait_for_agents waits for instance_ids only; with
// resource_tags the instances are chosen by Cloud Assistant as it makes
// the run, too late to wait for them.
type waitForAgentsRule struct{}

func (waitForAgentsRule) Description(_ context.Context) string {
	return "wait_for_agents = true needs instance_ids, not resource_tags"
}

func (v waitForAgentsRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (waitForAgentsRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var wait types.Bool
	var tags types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, waitForAgentsPath, &wait)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("resource_tags"), &tags)...)
	if resp.Diagnostics.HasError() || !wait.ValueBool() || tags.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(waitForAgentsPath, "Cannot Wait For Agents Of Tagged Instances",
		"Attribute wait_for_agents = true waits for the instances in instance_ids, but this run selects its instances with resource_tags, "+
			"which Cloud Assistant resolves only as it makes the run. List the instances in instance_ids, or remove wait_for_agents.")
}

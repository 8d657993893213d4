package tat

import (
	"context"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// TAT DescribeAutomationAgentStatus: AgentStatus is Online or Offline.
const (
	agentStatusOnline  = "Online"
	agentStatusOffline = "Offline"
)

// waitForAgentsDescription documents wait_for_agents on every TAT run.
const waitForAgentsDescription = "Before running, wait until the TAT agent is online on every instance in `instance_ids`, " +
	"within `timeouts.create`: for instances created in the same apply, whose agent starts a little after them " +
	"(TAT InvokeCommand refuses an instance whose agent is not online). Default false. A behaviour switch: changing it never runs the command again."

// agentAdvice is what to check when TAT agents stay offline.
const agentAdvice = "that the TAT agent is installed and running on it (CVM and Lighthouse instances from public images come with it; " +
	"a managed instance needs its registration), and that its security group and any firewall allow the agent's outbound traffic " +
	"to the TAT service, as TAT's guide to an offline agent lists it"

// agentsToWaitFor is the agent wait of a TAT run on these instances, with
// the agents read in calls shared by every resource (up to 100 instances a
// DescribeAutomationAgentStatus call).
func agentsToWaitFor(client *conns.TATClient, instanceIDs []string) *runs.Agents {
	return &runs.Agents{
		Agent:       "TAT agent",
		InstanceIDs: instanceIDs,
		Advice:      agentAdvice,
		Read: func(ctx context.Context, ids []string) (map[string]runs.AgentState, error) {
			found, err := client.AgentStatuses(ctx, ids)
			if err != nil {
				return nil, err
			}
			states := map[string]runs.AgentState{}
			for id, agent := range found {
				switch flex.StringValue(agent.AgentStatus) {
				case agentStatusOnline:
					states[id] = runs.AgentOnline
				default:
					states[id] = runs.AgentOffline
				}
			}
			return states, nil
		},
	}
}

package tencent

import (
	"cmp"
	"slices"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// What the fake's TAT agents report of themselves. The fake has no
// operating systems: every agent runs on Linux, at one version, and an
// offline agent's last heartbeat is offlineHeartbeatAge old.
const (
	agentVersion        = "1.0.19"
	agentEnvironment    = "Linux"
	agentOnline         = "Online"
	agentOffline        = "Offline"
	offlineHeartbeatAge = 10 * time.Minute
)

// agentStatus is one instance's agent: its ID and whether it is online.
type agentStatus struct {
	instanceID string
	online     bool
}

// describeAutomationAgentStatus answers TAT DescribeAutomationAgentStatus:
// InstanceIds (at most 100) or Filters (agent-status, environment,
// instance-id), never both, with Limit and Offset paging. An instance
// without an agent, or that does not exist, is simply not listed.
func (s *Service) describeAutomationAgentStatus(p *tat.DescribeAutomationAgentStatusRequestParams) (any, *apiError) {
	match, err := idsOrFilters(p.InstanceIds, validateInstanceID, func(a agentStatus) string { return a.instanceID }, p.Filters, agentFilter, agentFilterValues)
	if err != nil {
		return nil, err
	}
	offset, limit, err := pageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	agents := s.agents(append(derefAll(p.InstanceIds), namedInFilters(p.Filters, "instance-id")...))
	now := s.now()
	total, set := listed(agents, match, offset, limit, func(a agentStatus) automationAgentWire { return a.wire(now) })
	return describeAutomationAgentStatusResponse{TotalCount: total, AutomationAgentSet: set}, nil
}

// agents are the agents the fake knows of, sorted by instance ID: every
// declared instance that has one, and the named instances, which exist
// with an online agent unless the fleet says otherwise.
func (s *Service) agents(named []string) []agentStatus {
	states := map[string]fleet.State{}
	for _, inst := range s.cfg.Fleet.All() {
		if instanceKind(inst.ID) != "" {
			states[inst.ID] = inst.State
		}
	}
	for _, id := range named {
		if _, declared := states[id]; !declared {
			states[id] = fleet.Running
		}
	}
	var out []agentStatus
	for id, state := range states {
		switch state {
		case fleet.NotFound, fleet.AgentNotInstalled:
			continue
		}
		out = append(out, agentStatus{instanceID: id, online: state == fleet.Running})
	}
	slices.SortFunc(out, func(a, b agentStatus) int { return cmp.Compare(a.instanceID, b.instanceID) })
	return out
}

// namedInFilters returns the values of the filters of this name.
func namedInFilters(filters []*tat.Filter, name string) []string {
	var out []string
	for _, f := range filters {
		if f != nil && f.Name != nil && *f.Name == name {
			out = append(out, derefAll(f.Values)...)
		}
	}
	return out
}

// agentFilter returns the predicate for a DescribeAutomationAgentStatus
// filter.
func agentFilter(name string) (filterFunc[agentStatus], bool) {
	switch name {
	case "agent-status":
		return func(a agentStatus, values []string) bool { return slices.Contains(values, a.status()) }, true
	case "environment":
		return func(_ agentStatus, values []string) bool { return slices.Contains(values, agentEnvironment) }, true
	case "instance-id":
		return func(a agentStatus, values []string) bool { return slices.Contains(values, a.instanceID) }, true
	}
	return nil, false
}

// agentFilterValues check the values of DescribeAutomationAgentStatus
// filters.
var agentFilterValues = map[string]func(string) *apiError{
	"agent-status": oneOf("agent-status", agentOnline, agentOffline),
	"environment":  oneOf("environment", "Linux", "Windows"),
	"instance-id":  validateInstanceID,
}

func (a agentStatus) status() string {
	if a.online {
		return agentOnline
	}
	return agentOffline
}

func (a agentStatus) wire(now time.Time) automationAgentWire {
	heartbeat := now
	if !a.online {
		heartbeat = now.Add(-offlineHeartbeatAge)
	}
	return automationAgentWire{
		InstanceID:        a.instanceID,
		Version:           agentVersion,
		LastHeartbeatTime: formatTime(heartbeat),
		AgentStatus:       a.status(),
		Environment:       agentEnvironment,
		SupportFeatures:   []string{},
	}
}

type describeAutomationAgentStatusResponse struct {
	TotalCount         uint64                `json:"TotalCount"`
	AutomationAgentSet []automationAgentWire `json:"AutomationAgentSet"`
}

// automationAgentWire is TAT's AutomationAgentInfo structure.
type automationAgentWire struct {
	InstanceID        string   `json:"InstanceId"`
	Version           string   `json:"Version"`
	LastHeartbeatTime string   `json:"LastHeartbeatTime"`
	AgentStatus       string   `json:"AgentStatus"`
	Environment       string   `json:"Environment"`
	SupportFeatures   []string `json:"SupportFeatures"`
}

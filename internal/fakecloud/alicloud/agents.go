package alicloud

import (
	"cmp"
	"slices"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// DescribeCloudAssistantStatus takes at most 50 instances in InstanceId.N.
const maxAgentStatusInstances = 50

// What the fake's Cloud Assistant agents report of themselves. The fake has
// no operating systems: every instance runs Linux and one agent version,
// and an agent that is not running last sent a heartbeat
// offlineHeartbeatAge ago.
const (
	agentVersion        = "2.2.3.189"
	agentOSType         = "Linux"
	offlineHeartbeatAge = 10 * time.Minute
)

// OSType values DescribeCloudAssistantStatus takes.
var agentOSTypes = []string{"Windows", "Linux", "FreeBSD"}

// agentStatus is one instance's Cloud Assistant agent.
type agentStatus struct {
	instanceID string
	running    bool // heartbeats within the last two minutes
	installed  bool
}

// describeCloudAssistantStatus answers ECS DescribeCloudAssistantStatus:
// the named instances (InstanceId.N, at most 50; paging does not apply to
// them, as the vendor documents), or every instance the fleet declares,
// paged by PageNumber and PageSize or MaxResults and NextToken; OSType
// filters. An instance that does not exist is not listed; one without the
// agent is listed with CloudAssistantStatus false and no version.
func (s *Service) describeCloudAssistantStatus(c *call) (any, error) {
	ids, err := listParam(c.params, "InstanceId", maxAgentStatusInstances, errInstanceIDsExceedLimit)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !instanceIDPattern.MatchString(id) {
			return nil, errInstanceNotFound
		}
	}
	osType := c.params.get("OSType")
	if osType != "" && !slices.Contains(agentOSTypes, osType) {
		return nil, errInvalidParameter("OSType")
	}
	l, err := listingFromParams(c.params)
	if err != nil {
		return nil, err
	}
	agents := s.agents(ids)
	if osType != "" && osType != agentOSType {
		agents = nil
	}
	onPage, page := pageOf(l, agents)
	if len(ids) > 0 {
		// Instances named by ID are listed whatever the paging asks.
		onPage, page.NextToken = agents, ""
	}
	now := s.now()
	set := []wireAgentStatus{}
	for _, a := range onPage {
		set = append(set, a.wire(now))
	}
	return describeCloudAssistantStatusResponse{
		RequestID: c.requestID, pageInfo: page, Set: wireAgentStatusSet{InstanceCloudAssistantStatus: set},
	}, nil
}

// agents are the named instances that exist, or, when none is named, every
// declared ECS or managed instance that exists, sorted by ID. An
// undeclared instance is running with its agent.
func (s *Service) agents(named []string) []agentStatus {
	var insts []fleet.Instance
	if len(named) == 0 {
		for _, inst := range s.cfg.Fleet.All() {
			if instanceIDPattern.MatchString(inst.ID) {
				insts = append(insts, inst)
			}
		}
	}
	for _, id := range named {
		inst, declared := s.cfg.Fleet.Lookup(id)
		if !declared {
			inst = fleet.Instance{ID: id, State: fleet.Running}
		}
		insts = append(insts, inst)
	}
	var out []agentStatus
	for _, inst := range insts {
		if inst.State == fleet.NotFound {
			continue
		}
		out = append(out, agentStatus{
			instanceID: inst.ID,
			running:    inst.State == fleet.Running,
			installed:  inst.State != fleet.AgentNotInstalled,
		})
	}
	slices.SortFunc(out, func(a, b agentStatus) int { return cmp.Compare(a.instanceID, b.instanceID) })
	return out
}

func (a agentStatus) wire(now time.Time) wireAgentStatus {
	w := wireAgentStatus{InstanceID: a.instanceID, CloudAssistantStatus: "false", OSType: agentOSType}
	if !a.installed {
		return w
	}
	w.CloudAssistantVersion = agentVersion
	w.SupportSessionManager = true
	w.LastHeartbeatTime = formatTime(now.Add(-offlineHeartbeatAge))
	if a.running {
		w.CloudAssistantStatus = "true"
		w.LastHeartbeatTime = formatTime(now)
	}
	return w
}

type describeCloudAssistantStatusResponse struct {
	RequestID string `json:"RequestId"`
	pageInfo
	Set wireAgentStatusSet `json:"InstanceCloudAssistantStatusSet"`
}

type wireAgentStatusSet struct {
	InstanceCloudAssistantStatus []wireAgentStatus `json:"InstanceCloudAssistantStatus"`
}

// wireAgentStatus is one InstanceCloudAssistantStatus. The fake keeps no
// per-instance task counts: ActiveTaskCount and InvocationCount are 0 and
// LastInvokedTime empty.
type wireAgentStatus struct {
	InstanceID            string `json:"InstanceId"`
	CloudAssistantStatus  string `json:"CloudAssistantStatus"`
	CloudAssistantVersion string `json:"CloudAssistantVersion"`
	LastHeartbeatTime     string `json:"LastHeartbeatTime"`
	ActiveTaskCount       int64  `json:"ActiveTaskCount"`
	InvocationCount       int64  `json:"InvocationCount"`
	LastInvokedTime       string `json:"LastInvokedTime"`
	OSType                string `json:"OSType"`
	SupportSessionManager bool   `json:"SupportSessionManager"`
}

package tencent

import (
	"fmt"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// agentEnv is a service whose fleet declares one instance of each state,
// and a new instance whose agent comes online a minute after the fleet's
// origin, the service's start.
func agentEnv(t *testing.T) *testEnv {
	t.Helper()
	f := fleet.New(
		fleet.Instance{ID: "ins-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Minute)},
		fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline},
		fleet.Instance{ID: "ins-down0001", State: fleet.Stopped},
		fleet.Instance{ID: "ins-noagent1", State: fleet.AgentNotInstalled},
		fleet.Instance{ID: "ins-gone0001", State: fleet.NotFound},
	)
	env := newTestEnv(t, func(cfg *Config) { cfg.Fleet = f })
	f.UseClock(env.now)
	return env
}

func describeAgents(t *testing.T, c *tat.Client, configure func(*tat.DescribeAutomationAgentStatusRequest)) *tat.DescribeAutomationAgentStatusResponseParams {
	t.Helper()
	req := tat.NewDescribeAutomationAgentStatusRequest()
	configure(req)
	resp, err := c.DescribeAutomationAgentStatus(req)
	mustSucceed(t, err)
	return resp.Response
}

func agentStatuses(set []*tat.AutomationAgentInfo) map[string]string {
	out := map[string]string{}
	for _, a := range set {
		out[*a.InstanceId] = *a.AgentStatus
	}
	return out
}

func TestDescribeAutomationAgentStatusByInstanceIDs(t *testing.T) {
	t.Parallel()
	env := agentEnv(t)
	c := env.tatClient(t)

	got := describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.InstanceIds = common.StringPtrs([]string{"ins-new00001", "ins-offline1", "ins-down0001", "ins-noagent1", "ins-gone0001", "lhins-abcd1234", "rins-8dz6cwxx"})
	})
	want := map[string]string{"ins-new00001": "Offline", "ins-offline1": "Offline", "ins-down0001": "Offline", "lhins-abcd1234": "Online", "rins-8dz6cwxx": "Online"}
	if fmt.Sprint(agentStatuses(got.AutomationAgentSet)) != fmt.Sprint(want) || *got.TotalCount != uint64(len(want)) {
		t.Errorf("agents %v (total %d), want %v: no agent and not found are not listed", agentStatuses(got.AutomationAgentSet), *got.TotalCount, want)
	}
	a := got.AutomationAgentSet[0]
	if *a.Version == "" || *a.Environment != "Linux" || a.SupportFeatures == nil {
		t.Errorf("agent %+v lacks version, environment or features", a)
	}
	if _, err := time.Parse(timeFormat, *a.LastHeartbeatTime); err != nil {
		t.Errorf("LastHeartbeatTime %q: %v", *a.LastHeartbeatTime, err)
	}

	// online_after: the new instance's agent comes online a minute after
	// the origin, and InvokeCommand follows it.
	cmd := createScript(t, c, "bootstrap", "echo hi")
	_, err := c.InvokeCommand(invokeRequestFor(cmd, "ins-new00001"))
	assertCode(t, err, codeAgentNotOnline)
	env.advance(time.Minute)
	got = describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.InstanceIds = common.StringPtrs([]string{"ins-new00001", "ins-offline1"})
	})
	if s := agentStatuses(got.AutomationAgentSet); s["ins-new00001"] != "Online" || s["ins-offline1"] != "Offline" {
		t.Errorf("after online_after: %v", s)
	}
	_, err = c.InvokeCommand(invokeRequestFor(cmd, "ins-new00001"))
	mustSucceed(t, err)
}

func TestDescribeAutomationAgentStatusFiltersAndPages(t *testing.T) {
	t.Parallel()
	env := agentEnv(t)
	c := env.tatClient(t)

	offline := describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.Filters = []*tat.Filter{filter("agent-status", "Offline"), filter("environment", "Linux")}
	})
	if s := agentStatuses(offline.AutomationAgentSet); len(s) != 3 || s["ins-down0001"] != "Offline" {
		t.Errorf("agent-status Offline: %v", s)
	}
	byID := describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.Filters = []*tat.Filter{filter("instance-id", "ins-abcd0001", "ins-offline1"), filter("agent-status", "Online")}
	})
	if s := agentStatuses(byID.AutomationAgentSet); len(s) != 1 || s["ins-abcd0001"] != "Online" {
		t.Errorf("instance-id and agent-status Online: %v", s)
	}
	first := describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.Filters = []*tat.Filter{filter("agent-status", "Offline")}
		r.Limit = common.Uint64Ptr(2)
	})
	second := describeAgents(t, c, func(r *tat.DescribeAutomationAgentStatusRequest) {
		r.Filters = []*tat.Filter{filter("agent-status", "Offline")}
		r.Limit, r.Offset = common.Uint64Ptr(2), common.Uint64Ptr(2)
	})
	if len(first.AutomationAgentSet) != 2 || len(second.AutomationAgentSet) != 1 || *second.TotalCount != 3 ||
		*second.AutomationAgentSet[0].InstanceId == *first.AutomationAgentSet[1].InstanceId {
		t.Errorf("pages %v and %v", agentStatuses(first.AutomationAgentSet), agentStatuses(second.AutomationAgentSet))
	}
}

func TestDescribeAutomationAgentStatusRefusals(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	many := make([]string, maxDescribeIDs+1)
	for i := range many {
		many[i] = fmt.Sprintf("ins-%08d", i)
	}
	for name, tc := range map[string]struct {
		configure func(*tat.DescribeAutomationAgentStatusRequest)
		code      string
	}{
		"ids and filters": {func(r *tat.DescribeAutomationAgentStatusRequest) {
			r.InstanceIds = common.StringPtrs([]string{"ins-abcd0001"})
			r.Filters = []*tat.Filter{filter("agent-status", "Online")}
		}, codeConflictParameter},
		"101 ids": {func(r *tat.DescribeAutomationAgentStatusRequest) { r.InstanceIds = common.StringPtrs(many) }, codeValueLimitExceeded},
		"malformed id": {func(r *tat.DescribeAutomationAgentStatusRequest) {
			r.InstanceIds = common.StringPtrs([]string{"i-abc"})
		}, codeInvalidInstanceID},
		"unknown filter": {func(r *tat.DescribeAutomationAgentStatusRequest) { r.Filters = []*tat.Filter{filter("os", "Linux")} }, codeInvalidFilter},
		"bad status": {func(r *tat.DescribeAutomationAgentStatusRequest) {
			r.Filters = []*tat.Filter{filter("agent-status", "Up")}
		}, codeInvalidFilter},
		"bad environment": {func(r *tat.DescribeAutomationAgentStatusRequest) {
			r.Filters = []*tat.Filter{filter("environment", "Mac")}
		}, codeInvalidFilter},
		"limit 101": {func(r *tat.DescribeAutomationAgentStatusRequest) { r.Limit = common.Uint64Ptr(101) }, codeInvalidParameterValue},
	} {
		req := tat.NewDescribeAutomationAgentStatusRequest()
		tc.configure(req)
		_, err := c.DescribeAutomationAgentStatus(req)
		t.Run(name, func(t *testing.T) { assertCode(t, err, tc.code) })
	}
}

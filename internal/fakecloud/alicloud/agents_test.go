package alicloud

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// agentFixture declares one instance of each state, and a new instance
// whose agent comes online a minute after the fleet's origin.
func agentFixture(t *testing.T) *fixture {
	t.Helper()
	instances := fleet.New(
		fleet.Instance{ID: "i-new00001", State: fleet.AgentOffline, OnlineAfter: fleet.Duration(time.Minute)},
		fleet.Instance{ID: "i-offline1", State: fleet.AgentOffline},
		fleet.Instance{ID: "i-down0001", State: fleet.Stopped},
		fleet.Instance{ID: "i-noagent1", State: fleet.AgentNotInstalled},
		fleet.Instance{ID: "i-gone0001", State: fleet.NotFound},
	)
	f := newFixture(t, func(cfg *Config) { cfg.Fleet = instances })
	instances.UseClock(f.clock.Now)
	return f
}

type agentView struct{ status, version string }

func agentViews(body *ecs.DescribeCloudAssistantStatusResponseBody) map[string]agentView {
	out := map[string]agentView{}
	for _, a := range body.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus {
		out[tea.StringValue(a.InstanceId)] = agentView{tea.StringValue(a.CloudAssistantStatus), tea.StringValue(a.CloudAssistantVersion)}
	}
	return out
}

func describeAgents(t *testing.T, client *ecs.Client, req *ecs.DescribeCloudAssistantStatusRequest) *ecs.DescribeCloudAssistantStatusResponseBody {
	t.Helper()
	req.RegionId = tea.String(testRegion)
	resp, err := client.DescribeCloudAssistantStatus(req)
	mustSucceed(t, err)
	return resp.Body
}

func TestDescribeCloudAssistantStatusByInstanceID(t *testing.T) {
	t.Parallel()
	f := agentFixture(t)
	client := f.client(t)

	body := describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{
		InstanceId: tea.StringSlice([]string{"i-new00001", "i-offline1", "i-down0001", "i-noagent1", "i-gone0001", "mi-hz018jrc1o0abcd"}),
		PageSize:   tea.Int64(1), // does not apply to named instances
	})
	got := agentViews(body)
	want := map[string]agentView{
		"i-new00001": {"false", agentVersion}, "i-offline1": {"false", agentVersion}, "i-down0001": {"false", agentVersion},
		"i-noagent1": {"false", ""}, "mi-hz018jrc1o0abcd": {"true", agentVersion},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("agents %v, want %v", got, want)
	}
	a := body.InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus[0]
	if tea.StringValue(a.OSType) != "Linux" || a.LastHeartbeatTime == nil {
		t.Errorf("agent %v lacks OSType or LastHeartbeatTime", a)
	}

	// online_after: the new instance's agent comes online a minute after
	// the origin, and RunCommand reaches it from then on.
	_, before := runCommand(t, client, runRequest("echo hi", "i-new00001"))
	wantStatuses(t, client, before, "Failed", "Aborted")
	f.clock.shift(time.Minute)
	body = describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{InstanceId: tea.StringSlice([]string{"i-new00001", "i-offline1"})})
	if got := agentViews(body); got["i-new00001"].status != "true" || got["i-offline1"].status != "false" {
		t.Errorf("after online_after: %v", got)
	}
	_, after := runCommand(t, client, runRequest("echo hi", "i-new00001"))
	wantStatuses(t, client, after, "Success", "Success")
}

func TestDescribeCloudAssistantStatusPagesAndFilters(t *testing.T) {
	t.Parallel()
	f := agentFixture(t)
	client := f.client(t)

	first := describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{MaxResults: tea.Int32(3)})
	second := describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{MaxResults: tea.Int32(3), NextToken: first.NextToken})
	if n1, n2 := len(agentViews(first)), len(agentViews(second)); n1 != 3 || n2 != 1 || tea.StringValue(second.NextToken) != "" {
		t.Errorf("pages of %d and %d (next %q), want 3 and 1 of the 4 declared instances that exist", n1, n2, tea.StringValue(second.NextToken))
	}
	numbered := describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{PageNumber: tea.Int64(2), PageSize: tea.Int64(3)})
	if n := len(agentViews(numbered)); n != 1 || tea.Int64Value(numbered.TotalCount) != 4 {
		t.Errorf("page 2 of 3: %d agents of %d", n, tea.Int64Value(numbered.TotalCount))
	}
	windows := describeAgents(t, client, &ecs.DescribeCloudAssistantStatusRequest{OSType: tea.String("Windows")})
	if n := len(agentViews(windows)); n != 0 {
		t.Errorf("OSType Windows lists %d agents of the fake's Linux instances", n)
	}
}

func TestDescribeCloudAssistantStatusRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	many := make([]string, maxAgentStatusInstances+1)
	for i := range many {
		many[i] = fmt.Sprintf("i-%08d", i)
	}
	tests := []struct {
		name   string
		req    *ecs.DescribeCloudAssistantStatusRequest
		code   string
		status int
	}{
		{"51 instances", &ecs.DescribeCloudAssistantStatusRequest{InstanceId: tea.StringSlice(many)}, "InstanceIds.ExceedLimit", http.StatusForbidden},
		{"malformed", &ecs.DescribeCloudAssistantStatusRequest{InstanceId: tea.StringSlice([]string{"ins-abcd0001"})}, "InvalidInstance.NotFound", http.StatusNotFound},
		{"OSType", &ecs.DescribeCloudAssistantStatusRequest{OSType: tea.String("Mac")}, "InvalidParameter", http.StatusBadRequest},
		{"MaxResults", &ecs.DescribeCloudAssistantStatusRequest{MaxResults: tea.Int32(51)}, "InvalidParam.MaxResults", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.RegionId = tea.String(testRegion)
			_, err := client.DescribeCloudAssistantStatus(tt.req)
			wantSDKError(t, err, tt.code, tt.status)
		})
	}
}

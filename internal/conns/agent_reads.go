package conns

import (
	"context"
	"sync"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Agent status reads, batched like the run reads (tat_reads.go): a hundred
// runs waiting for their instances' agents share one call a look.

// ecsAgentIDsPerCall is the most instances ECS DescribeCloudAssistantStatus
// takes in InstanceId.N, and its largest page (MaxResults).
const ecsAgentIDsPerCall = 50

// AgentStatuses returns the TAT agents of these instances, by instance ID.
// An instance that is missing has no agent, or does not exist: TAT
// DescribeAutomationAgentStatus lists neither. The IDs are read together
// with those other resources ask for at the same moment, up to 100 a call.
func (c *TATClient) AgentStatuses(ctx context.Context, instanceIDs []string) (map[string]*tat.AutomationAgentInfo, error) {
	return c.reads.agents.get(ctx, instanceIDs)
}

func (c *TATClient) fetchAgentStatuses(ctx context.Context, ids []string) (map[string]*tat.AutomationAgentInfo, error) {
	resp, err := c.DescribeAutomationAgentStatus(ctx, &tat.DescribeAutomationAgentStatusRequest{
		InstanceIds: stringPtrs(ids), Limit: uint64Ptr(tatIDsPerCall),
	})
	if IsCode(err, "InvalidParameterValue.InvalidInstanceId") {
		return oneByOne(ctx, ids, c.fetchAgentStatuses)
	}
	if err != nil {
		return nil, err
	}
	found := map[string]*tat.AutomationAgentInfo{}
	for _, a := range resp.Response.AutomationAgentSet {
		if a != nil && a.InstanceId != nil {
			found[*a.InstanceId] = a
		}
	}
	return found, nil
}

// DescribeAutomationAgentStatus calls TAT DescribeAutomationAgentStatus.
func (c *TATClient) DescribeAutomationAgentStatus(ctx context.Context, req *tat.DescribeAutomationAgentStatusRequest) (*tat.DescribeAutomationAgentStatusResponse, error) {
	return doTAT(ctx, c, "DescribeAutomationAgentStatus", c.api.DescribeAutomationAgentStatusWithContext, req)
}

// ECSAgentStatus is one instance's Cloud Assistant agent, as ECS
// DescribeCloudAssistantStatus reports it.
type ECSAgentStatus = ecs.DescribeCloudAssistantStatusResponseBodyInstanceCloudAssistantStatusSetInstanceCloudAssistantStatus

// ecsAgentReads are one ECS client's batched agent reads, a batcher per
// region, since each call names its region.
type ecsAgentReads struct {
	mu       sync.Mutex
	byRegion map[string]*batcher[string, *ECSAgentStatus]
}

// AgentStatuses returns the Cloud Assistant agents of these instances in
// region, by instance ID; an instance that does not exist is missing. The
// IDs are read together with those other resources ask for at the same
// moment, up to 50 a call.
func (c *ECSClient) AgentStatuses(ctx context.Context, region string, instanceIDs []string) (map[string]*ECSAgentStatus, error) {
	return c.agentBatcher(region).get(ctx, instanceIDs)
}

func (c *ECSClient) agentBatcher(region string) *batcher[string, *ECSAgentStatus] {
	c.agents.mu.Lock()
	defer c.agents.mu.Unlock()
	if c.agents.byRegion == nil {
		c.agents.byRegion = map[string]*batcher[string, *ECSAgentStatus]{}
	}
	b, ok := c.agents.byRegion[region]
	if !ok {
		b = newBatcher(ecsAgentIDsPerCall, func(ctx context.Context, ids []string) (map[string]*ECSAgentStatus, error) {
			return c.fetchAgentStatuses(ctx, region, ids)
		})
		c.agents.byRegion[region] = b
	}
	return b
}

// fetchAgentStatuses reads the named instances' agents. ECS
// DescribeCloudAssistantStatus answers every named instance at once
// (paging does not apply to them), but a NextToken is followed all the
// same.
func (c *ECSClient) fetchAgentStatuses(ctx context.Context, region string, ids []string) (map[string]*ECSAgentStatus, error) {
	found := map[string]*ECSAgentStatus{}
	req := &ecs.DescribeCloudAssistantStatusRequest{RegionId: &region, InstanceId: stringPtrs(ids), MaxResults: int32Ptr(ecsAgentIDsPerCall)}
	for {
		resp, err := c.DescribeCloudAssistantStatus(ctx, req)
		if IsCode(err, "InvalidInstance.NotFound") {
			return oneByOne(ctx, ids, func(ctx context.Context, ids []string) (map[string]*ECSAgentStatus, error) {
				return c.fetchAgentStatuses(ctx, region, ids)
			})
		}
		if err != nil {
			return nil, err
		}
		body := resp.Body
		if body == nil {
			return found, nil
		}
		if set := body.InstanceCloudAssistantStatusSet; set != nil {
			for _, a := range set.InstanceCloudAssistantStatus {
				if a != nil && a.InstanceId != nil {
					found[*a.InstanceId] = a
				}
			}
		}
		if body.NextToken == nil || *body.NextToken == "" {
			return found, nil
		}
		req.NextToken = body.NextToken
	}
}

// DescribeCloudAssistantStatus calls ECS DescribeCloudAssistantStatus.
func (c *ECSClient) DescribeCloudAssistantStatus(ctx context.Context, req *ecs.DescribeCloudAssistantStatusRequest) (*ecs.DescribeCloudAssistantStatusResponse, error) {
	return doECS(ctx, c, "DescribeCloudAssistantStatus", ECSAPI.DescribeCloudAssistantStatusWithOptions, req)
}

func int32Ptr(v int32) *int32 { return &v }

package conns

import (
	"context"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// tatIDsPerCall is the most IDs TAT DescribeInvocations (InvocationIds) and
// DescribeInvocationTasks (InvocationTaskIds) take in one request, and the
// largest page (Limit) they return.
const tatIDsPerCall = 100

// tatReads are the batched reads of one TAT client, shared by every
// resource of the provider process.
type tatReads struct {
	invocations *batcher[string, *tat.Invocation]
	tasks       *batcher[string, *tat.InvocationTask]
	agents      *batcher[string, *tat.AutomationAgentInfo]
}

func newTATReads(c *TATClient) *tatReads {
	return &tatReads{
		invocations: newBatcher(tatIDsPerCall, c.fetchInvocations),
		tasks:       newBatcher(tatIDsPerCall, c.fetchInvocationTasks),
		agents:      newBatcher(tatIDsPerCall, c.fetchAgentStatuses),
	}
}

// Invocations returns the invocations with these IDs that exist. The IDs
// are read together with those that other resources ask for at the same
// moment, up to 100 in one DescribeInvocations call.
func (c *TATClient) Invocations(ctx context.Context, ids []string) (map[string]*tat.Invocation, error) {
	return c.reads.invocations.get(ctx, ids)
}

// InvocationTasks returns the tasks with these IDs that exist, output
// included, read like Invocations: up to 100 in one DescribeInvocationTasks
// call.
func (c *TATClient) InvocationTasks(ctx context.Context, taskIDs []string) (map[string]*tat.InvocationTask, error) {
	return c.reads.tasks.get(ctx, taskIDs)
}

func (c *TATClient) fetchInvocations(ctx context.Context, ids []string) (map[string]*tat.Invocation, error) {
	resp, err := c.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{InvocationIds: stringPtrs(ids), Limit: uint64Ptr(tatIDsPerCall)})
	if IsCode(err, "InvalidParameterValue.InvalidInvocationId") {
		// One malformed ID fails the whole request; ask for each alone, so
		// that the others are still answered and it alone is missing.
		return oneByOne(ctx, ids, c.fetchInvocations)
	}
	if err != nil {
		return nil, err
	}
	found := map[string]*tat.Invocation{}
	for _, inv := range resp.Response.InvocationSet {
		if inv != nil && inv.InvocationId != nil {
			found[*inv.InvocationId] = inv
		}
	}
	return found, nil
}

func (c *TATClient) fetchInvocationTasks(ctx context.Context, ids []string) (map[string]*tat.InvocationTask, error) {
	resp, err := c.DescribeInvocationTasks(ctx, &tat.DescribeInvocationTasksRequest{
		InvocationTaskIds: stringPtrs(ids),
		Limit:             uint64Ptr(tatIDsPerCall),
		HideOutput:        boolPtr(false), // TAT DescribeInvocationTasks hides output by default
	})
	if IsCode(err, "InvalidParameterValue.InvalidInvocationTaskId") {
		return oneByOne(ctx, ids, c.fetchInvocationTasks)
	}
	if err != nil {
		return nil, err
	}
	found := map[string]*tat.InvocationTask{}
	for _, t := range resp.Response.InvocationTaskSet {
		if t != nil && t.InvocationTaskId != nil {
			found[*t.InvocationTaskId] = t
		}
	}
	return found, nil
}

// oneByOne reads each key alone; a key the service refuses is missing from
// the answer, as one that does not exist.
func oneByOne[V any](ctx context.Context, ids []string, fetch fetchFunc[string, V]) (map[string]V, error) {
	if len(ids) == 1 {
		return map[string]V{}, nil
	}
	found := map[string]V{}
	for _, id := range ids {
		got, err := fetch(ctx, []string{id})
		if err != nil {
			return nil, err
		}
		for k, v := range got {
			found[k] = v
		}
	}
	return found, nil
}

func stringPtrs(ss []string) []*string {
	out := make([]*string, len(ss))
	for i := range ss {
		out[i] = &ss[i]
	}
	return out
}

func uint64Ptr(v uint64) *uint64 { return &v }
func boolPtr(v bool) *bool       { return &v }

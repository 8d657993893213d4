package tat

import (
	"context"
	"fmt"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// errNotFound marks an object that the API says does not exist.
var errNotFound = conns.ErrNotFound

// findCommand returns the command with this ID, or an error wrapping
// errNotFound. TAT answers an unknown ID with an empty set, not an error.
func findCommand(ctx context.Context, client *conns.TATClient, id string) (*tat.Command, error) {
	resp, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{CommandIds: []*string{&id}})
	if err != nil {
		if conns.IsCode(err, "ResourceNotFound.CommandNotFound", "InvalidParameterValue.InvalidCommandId") {
			return nil, fmt.Errorf("TAT command %s: %w", id, errNotFound)
		}
		return nil, err
	}
	for _, c := range resp.Response.CommandSet {
		if c != nil && c.CommandId != nil && *c.CommandId == id {
			return c, nil
		}
	}
	return nil, fmt.Errorf("TAT command %s: %w", id, errNotFound)
}

// describePageSize is the largest page TAT's Describe* actions return.
const describePageSize = 100

// pageAll pages through a TAT Describe* listing with Offset and Limit, until
// a short page or TotalCount ends it. fetch reads the page at offset and
// returns its entries and the listing's TotalCount; nil entries are
// dropped, since every caller reads fields of each one.
func pageAll[T any](fetch func(offset, limit uint64) ([]*T, *uint64, error)) ([]*T, error) {
	var all []*T
	for offset := uint64(0); ; offset += describePageSize {
		page, total, err := fetch(offset, describePageSize)
		if err != nil {
			return nil, err
		}
		all = append(all, flex.NonNil(page)...)
		if len(page) < describePageSize || uint64(len(all)) >= uint64Value(total) {
			return all, nil
		}
	}
}

// findInvocation returns the invocation with this ID, or an error wrapping
// errNotFound. It is read in a DescribeInvocations call shared with the
// other reads and waits of the moment.
func findInvocation(ctx context.Context, client *conns.TATClient, id string) (*tat.Invocation, error) {
	found, err := client.Invocations(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if inv, ok := found[id]; ok {
		return inv, nil
	}
	return nil, fmt.Errorf("TAT invocation %s: %w", id, errNotFound)
}

// findRunTasks returns every task of an invocation with its output. The
// tasks are read by the IDs the invocation lists, in a DescribeInvocationTasks
// call shared with other runs; an answer that lists no task IDs is read
// page by page by invocation ID instead.
func findRunTasks(ctx context.Context, client *conns.TATClient, inv *tat.Invocation) ([]*tat.InvocationTask, error) {
	var taskIDs []string
	for _, t := range inv.InvocationTaskBasicInfoSet {
		if t != nil && t.InvocationTaskId != nil {
			taskIDs = append(taskIDs, *t.InvocationTaskId)
		}
	}
	if len(taskIDs) == 0 {
		return findInvocationTasks(ctx, client, flex.StringValue(inv.InvocationId))
	}
	found, err := client.InvocationTasks(ctx, taskIDs)
	if err != nil {
		return nil, err
	}
	tasks := make([]*tat.InvocationTask, 0, len(found))
	for _, id := range taskIDs {
		if t, ok := found[id]; ok {
			tasks = append(tasks, t)
		}
	}
	if len(tasks) < len(taskIDs) {
		return nil, fmt.Errorf("%d of the %d tasks of invocation %s: %w", len(taskIDs)-len(tasks), len(taskIDs), flex.StringValue(inv.InvocationId), errNotFound)
	}
	return tasks, nil
}

// findInvocationTasks returns every task of an invocation with its output,
// page by page.
func findInvocationTasks(ctx context.Context, client *conns.TATClient, invocationID string) ([]*tat.InvocationTask, error) {
	var tasks []*tat.InvocationTask
	for offset := uint64(0); ; offset += describePageSize {
		resp, err := client.DescribeInvocationTasks(ctx, &tat.DescribeInvocationTasksRequest{
			Filters:    []*tat.Filter{{Name: flex.StringPtr("invocation-id"), Values: []*string{&invocationID}}},
			Limit:      uint64Ptr(describePageSize),
			Offset:     &offset,
			HideOutput: flex.BoolPtr(false),
		})
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, resp.Response.InvocationTaskSet...)
		if len(resp.Response.InvocationTaskSet) < describePageSize || uint64(len(tasks)) >= uint64Value(resp.Response.TotalCount) {
			return tasks, nil
		}
	}
}

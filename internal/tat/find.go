package tat

import (
	"context"
	"errors"
	"fmt"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// errNotFound marks an object that the API says does not exist.
var errNotFound = errors.New("not found")

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

// findInvocation returns the invocation with this ID, or an error wrapping
// errNotFound.
func findInvocation(ctx context.Context, client *conns.TATClient, id string) (*tat.Invocation, error) {
	resp, err := client.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{InvocationIds: []*string{&id}})
	if err != nil {
		if conns.IsCode(err, "InvalidParameterValue.InvalidInvocationId") {
			return nil, fmt.Errorf("TAT invocation %s: %w", id, errNotFound)
		}
		return nil, err
	}
	for _, inv := range resp.Response.InvocationSet {
		if inv != nil && inv.InvocationId != nil && *inv.InvocationId == id {
			return inv, nil
		}
	}
	return nil, fmt.Errorf("TAT invocation %s: %w", id, errNotFound)
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
			HideOutput: boolPtr(false),
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

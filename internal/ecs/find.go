package ecs

import (
	"context"
	"fmt"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// errNotFound marks an object that the API says does not exist.
var errNotFound = conns.ErrNotFound

// findCommand returns the command with this ID in this region, with its
// content base64-encoded, or an error wrapping errNotFound. The API answers
// an unknown ID with an empty list; InvalidCmdId.NotFound is handled too, as
// the other Cloud Assistant actions report an unknown command that way.
func findCommand(ctx context.Context, client *conns.ECSClient, regionID, id string) (*ecs.DescribeCommandsResponseBodyCommandsCommand, error) {
	return findByID("ECS command", regionID, id, "InvalidCmdId.NotFound", func() ([]*ecs.DescribeCommandsResponseBodyCommandsCommand, error) {
		resp, err := client.DescribeCommands(ctx, &ecs.DescribeCommandsRequest{
			RegionId:        &regionID,
			CommandId:       &id,
			ContentEncoding: flex.StringPtr(contentEncodingBase64),
		})
		if err != nil || resp == nil || resp.Body == nil || resp.Body.Commands == nil {
			return nil, err
		}
		return resp.Body.Commands.Command, nil
	}, func(c *ecs.DescribeCommandsResponseBodyCommandsCommand) *string { return c.CommandId })
}

// findByID is the object whose ID (idOf) is id among those one Describe*
// call in regionID lists, or an error wrapping errNotFound that names it as
// what, such as "ECS command". notFoundCode is the error the other Cloud
// Assistant actions give an unknown ID, which means the same.
func findByID[T any](what, regionID, id, notFoundCode string, describe func() ([]*T, error), idOf func(*T) *string) (*T, error) {
	items, err := describe()
	if err != nil && !conns.IsCode(err, notFoundCode) {
		return nil, err
	}
	if err == nil {
		for _, item := range flex.NonNil(items) {
			if itemID := idOf(item); itemID != nil && *itemID == id {
				return item, nil
			}
		}
	}
	return nil, fmt.Errorf("%s %s in %s: %w", what, id, regionID, errNotFound)
}

// describePageSize is the largest page the Describe* actions return.
const describePageSize = 50

// invocation, invokeInstance and invocationResult are short names for the
// SDK's types of what DescribeInvocations and DescribeInvocationResults
// return.
type (
	invocation       = ecs.DescribeInvocationsResponseBodyInvocationsInvocation
	invokeInstance   = ecs.DescribeInvocationsResponseBodyInvocationsInvocationInvokeInstancesInvokeInstance
	invocationResult = ecs.DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult
)

// findInvocation returns the invocation with this ID in this region, each
// instance's output included (IncludeOutput, Base64), or an error wrapping
// errNotFound. Like DescribeCommands, the API answers an unknown ID with an
// empty list; InvalidInvokeId.NotFound, which StopInvocation uses, is
// handled too.
func findInvocation(ctx context.Context, client *conns.ECSClient, regionID, id string) (*invocation, error) {
	return findByID("ECS invocation", regionID, id, "InvalidInvokeId.NotFound", func() ([]*invocation, error) {
		resp, err := client.DescribeInvocations(ctx, &ecs.DescribeInvocationsRequest{
			RegionId:        &regionID,
			InvokeId:        &id,
			IncludeOutput:   flex.BoolPtr(true),
			ContentEncoding: flex.StringPtr(contentEncodingBase64),
		})
		if err != nil || resp == nil || resp.Body == nil || resp.Body.Invocations == nil {
			return nil, err
		}
		return resp.Body.Invocations.Invocation, nil
	}, func(inv *invocation) *string { return inv.InvokeId })
}

// findInvocationResults returns every instance's latest run of an
// invocation, with its output base64-encoded, page by page.
func findInvocationResults(ctx context.Context, client *conns.ECSClient, regionID, id string) ([]*invocationResult, error) {
	return pageAll(func(number, size int64) ([]*invocationResult, int64, error) {
		resp, err := client.DescribeInvocationResults(ctx, &ecs.DescribeInvocationResultsRequest{
			RegionId:        &regionID,
			InvokeId:        &id,
			ContentEncoding: flex.StringPtr(contentEncodingBase64),
			PageNumber:      &number,
			PageSize:        &size,
		})
		if err != nil {
			return nil, 0, err
		}
		batch, total := resultsPage(resp)
		return batch, total, nil
	})
}

// pageAll reads every page of a Describe* listing (ECS: PageNumber from 1,
// PageSize at most 50), until a short page or the total count. fetch reads
// one page and says the total. Nulls in a page are dropped, since every
// caller reads fields of each entry; a short page still ends the listing
// by its length as sent.
func pageAll[T any](fetch func(number, size int64) ([]*T, int64, error)) ([]*T, error) {
	var all []*T
	for number := int64(1); ; number++ {
		batch, total, err := fetch(number, describePageSize)
		if err != nil {
			return nil, err
		}
		all = append(all, flex.NonNil(batch)...)
		if len(batch) < describePageSize || int64(len(all)) >= total {
			return all, nil
		}
	}
}

// resultsPage unwraps one page of DescribeInvocationResults and the total
// count of results.
func resultsPage(resp *ecs.DescribeInvocationResultsResponse) ([]*invocationResult, int64) {
	if resp == nil || resp.Body == nil || resp.Body.Invocation == nil {
		return nil, 0
	}
	inv := resp.Body.Invocation
	if inv.InvocationResults == nil {
		return nil, int64Value(inv.TotalCount)
	}
	return inv.InvocationResults.InvocationResult, int64Value(inv.TotalCount)
}

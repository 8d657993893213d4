package ecs

import (
	"context"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// findOutputsOf returns the latest run on each listed instance of the
// listed invocations, with its output, by invocation ID, when the listing
// could not carry the output: DescribeInvocations gives it only for a named
// invocation or instance (IncludeOutput needs InvokeId or InstanceId).
//
// DescribeInvocationResults takes one InvokeId, not a list, but it filters
// by the command, resource group and tags DescribeInvocations was filtered
// by (CommandId, ResourceGroupId, Tag.N), and then answers for every listed
// invocation at once, 50 runs a page (PageSize, at most 50).
// Those pages are read when they take no more calls than reading each
// invocation's results on its own, which the first page's TotalCount
// tells; the invocations they leave incomplete (they matched other
// filters, or their records moved between pages) are then read on their
// own. So a thousand one-instance runs of a command take 20 calls rather
// than a thousand, and a narrow listing costs at most one call more than
// before.
func findOutputsOf(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeInvocationsRequest, invocations []*invocation) (map[string][]*invocationResult, error) {
	regionID := flex.StringValue(query.RegionId)
	wanted := map[string]map[string]bool{} // invocation ID to the instances listed
	var order []string
	alone := int64(0) // the calls reading each invocation on its own take
	for _, inv := range invocations {
		id := flex.StringValue(inv.InvokeId)
		if _, seen := wanted[id]; seen {
			continue
		}
		instances := map[string]bool{}
		for _, run := range listedInstances(inv) {
			instances[flex.StringValue(run.InstanceId)] = true
		}
		wanted[id] = instances
		order = append(order, id)
		alone += pagesOf(int64(len(instances)))
	}
	found := make(map[string][]*invocationResult, len(wanted))
	if alone > 1 {
		if err := findResultsTogether(ctx, client, query, wanted, alone, found); err != nil {
			return nil, err
		}
	}
	for _, id := range order {
		if len(found[id]) == len(wanted[id]) {
			continue
		}
		results, err := findInvocationResults(ctx, client, regionID, id)
		if err != nil {
			return nil, err
		}
		found[id] = results
	}
	return found, nil
}

// findResultsTogether pages through the results of every invocation that
// DescribeInvocationResults' filters select, adding to found those of the
// wanted runs, unless that takes more than budget calls: then it stops
// after the first page.
func findResultsTogether(ctx context.Context, client *conns.ECSClient, query *ecs.DescribeInvocationsRequest,
	wanted map[string]map[string]bool, budget int64, found map[string][]*invocationResult,
) error {
	req := ecs.DescribeInvocationResultsRequest{
		RegionId:        query.RegionId,
		CommandId:       query.CommandId,
		ResourceGroupId: query.ResourceGroupId,
		ContentEncoding: flex.StringPtr(contentEncodingBase64),
		PageSize:        int64Ptr(describePageSize),
	}
	for _, t := range query.Tag {
		req.Tag = append(req.Tag, &ecs.DescribeInvocationResultsRequestTag{Key: t.Key, Value: t.Value})
	}
	type run struct{ invokeID, instanceID string }
	seen := map[run]bool{}
	read := 0
	for page := int64(1); ; page++ {
		req.PageNumber = int64Ptr(page)
		resp, err := client.DescribeInvocationResults(ctx, &req)
		if err != nil {
			return err
		}
		batch, total := resultsPage(resp)
		read += len(batch)
		for _, r := range batch {
			if r == nil {
				continue
			}
			key := run{flex.StringValue(r.InvokeId), flex.StringValue(r.InstanceId)}
			if wanted[key.invokeID][key.instanceID] && !seen[key] {
				seen[key] = true
				found[key.invokeID] = append(found[key.invokeID], r)
			}
		}
		if page == 1 && pagesOf(total) > budget {
			return nil
		}
		if len(batch) < describePageSize || int64(read) >= total {
			return nil
		}
	}
}

// listedInstances are the runs DescribeInvocations lists of an invocation.
func listedInstances(inv *invocation) []*ecs.DescribeInvocationsResponseBodyInvocationsInvocationInvokeInstancesInvokeInstance {
	if inv.InvokeInstances == nil {
		return nil
	}
	return flex.NonNil(inv.InvokeInstances.InvokeInstance)
}

// pagesOf is how many pages n results fill.
func pagesOf(n int64) int64 {
	return (n + describePageSize - 1) / describePageSize
}

// allResults pages through every result the request selects, with output
// base64-encoded (ECS DescribeInvocationResults: PageNumber, PageSize at
// most 50).
func allResults(ctx context.Context, client *conns.ECSClient, req ecs.DescribeInvocationResultsRequest) ([]*invocationResult, error) {
	req.ContentEncoding = flex.StringPtr(contentEncodingBase64)
	return pageAll(func(number, size int64) ([]*invocationResult, int64, error) {
		page := req
		page.PageNumber, page.PageSize = &number, &size
		resp, err := client.DescribeInvocationResults(ctx, &page)
		if err != nil {
			return nil, 0, err
		}
		batch, total := resultsPage(resp)
		return batch, total, nil
	})
}

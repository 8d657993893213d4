package ecs

import (
	"context"
	"errors"
	"fmt"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

var errStillRunning = errors.New("invocation still running")

// pollBackOff spaces status checks: quick at first, since most commands end
// within seconds, then slower, so a long job does not flood the API.
func pollBackOff() *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 500 * time.Millisecond
	b.Multiplier = 1.5
	b.MaxInterval = 10 * time.Second
	return b
}

// waitInvocationDone polls until the invocation reaches a final status or
// ctx ends. It always returns the last invocation it saw, so a caller whose
// wait timed out can still record what is known.
func waitInvocationDone(ctx context.Context, client *conns.ECSClient, regionID, id string) (*invocation, error) {
	return backoff.Retry(ctx, func() (*invocation, error) {
		inv, err := findInvocation(ctx, client, regionID, id)
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		if !InvocationStatus(flex.StringValue(inv.InvocationStatus)).Done() {
			return inv, errStillRunning
		}
		return inv, nil
	}, backoff.WithBackOff(pollBackOff()), backoff.WithMaxElapsedTime(0))
}

// stopInvocation stops an invocation that has not finished, periodic ones
// included, and waits for it to stop. One that is gone or done is left be.
func stopInvocation(ctx context.Context, client *conns.ECSClient, region, id string, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	inv, err := findInvocation(ctx, client, region, id)
	if errors.Is(err, errNotFound) {
		return diags
	}
	if err != nil {
		diags.Append(conns.APIErrorDiagnostic("Error Reading ECS Invocation", "read invocation "+id+" before deleting it", err))
		return diags
	}
	if InvocationStatus(flex.StringValue(inv.InvocationStatus)).Done() {
		return diags
	}
	_, err = client.StopInvocation(ctx, &ecs.StopInvocationRequest{RegionId: &region, InvokeId: &id})
	if err != nil && !conns.IsCode(err, "InvalidInvokeId.NotFound") {
		diags.Append(conns.APIErrorDiagnostic("Error Stopping ECS Invocation", "stop invocation "+id, err))
		return diags
	}
	if _, err := waitInvocationDone(ctx, client, region, id); err != nil && !errors.Is(err, errNotFound) {
		diags.AddError("Error Waiting For Stop",
			fmt.Sprintf("Invocation %s was stopped but did not finish within %s: %s", id, timeout, err))
	}
	return diags
}

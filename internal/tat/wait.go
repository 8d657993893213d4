package tat

import (
	"context"
	"errors"
	"time"

	"github.com/cenkalti/backoff/v5"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

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
func waitInvocationDone(ctx context.Context, client *conns.TATClient, id string) (*tat.Invocation, error) {
	return backoff.Retry(ctx, func() (*tat.Invocation, error) {
		inv, err := findInvocation(ctx, client, id)
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		if !InvocationStatus(flex.StringValue(inv.InvocationStatus)).Done() {
			return inv, errStillRunning
		}
		return inv, nil
	}, backoff.WithBackOff(pollBackOff()), backoff.WithMaxElapsedTime(0))
}

package conns

import (
	"context"
	"time"
)

// AtLeast returns ctx when it has not ended and has at least d left before
// its deadline, or no deadline; otherwise a context that keeps ctx's values but lasts d from now,
// whether ctx has ended or not. Recording what the cloud has already done,
// or finding what a create made, must not fail because the time allowed for
// the work itself has run out.
func AtLeast(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if ctx.Err() == nil && (!ok || time.Until(deadline) >= d) {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(context.WithoutCancel(ctx), d)
}

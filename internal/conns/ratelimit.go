package conns

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is a client-side limit on one action: Rate requests a second on
// average, and at most Burst at once.
type RateLimit struct {
	Rate  rate.Limit
	Burst int
}

// Default limits, just under the vendors' documented ones. A token bucket
// lets through at most Burst + Rate×T requests in any span of T, and the
// services count in fixed windows, so each default keeps that sum below the
// documented limit for the window.
var (
	// TAT documents 20 requests a second for each action: 18/s with a
	// burst of 1 sends at most 19 in any second.
	defaultTATRateLimit = RateLimit{Rate: 18, Burst: 1}
	// ECS documents 1000 RunCommand requests per 60 seconds: 15/s with a
	// burst of 50 sends at most 950 in any minute. The other Cloud
	// Assistant actions publish no limit; they get the same one, the only
	// figure the ECS documentation gives.
	defaultECSRateLimit = RateLimit{Rate: 15, Burst: 50}
)

// rateLimiters holds one token bucket per action, created on first use and
// shared by every call of the client, so all resources of a provider
// instance draw from the same allowance.
type rateLimiters struct {
	mu       sync.Mutex
	byAction map[string]*rate.Limiter
	fallback RateLimit            // for actions without an override
	override map[string]RateLimit // by action
	// now and sleep are the clock; tests replace them to count without
	// waiting.
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

func newRateLimiters(fallback RateLimit) *rateLimiters {
	return &rateLimiters{
		byAction: map[string]*rate.Limiter{},
		fallback: fallback,
		override: map[string]RateLimit{},
		now:      time.Now,
		sleep:    Sleep,
	}
}

// set overrides the limit of one action; it must be called before the
// client's first call.
func (l *rateLimiters) set(action string, limit RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.override[action] = limit
	delete(l.byAction, action)
}

func (l *rateLimiters) limiter(action string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lim, ok := l.byAction[action]; ok {
		return lim
	}
	limit, ok := l.override[action]
	if !ok {
		limit = l.fallback
	}
	lim := rate.NewLimiter(limit.Rate, limit.Burst)
	l.byAction[action] = lim
	return lim
}

// wait blocks until action may be sent. A wait that would outlast the
// context's deadline fails at once, without using up the allowance.
func (l *rateLimiters) wait(ctx context.Context, action string) error {
	lim := l.limiter(action)
	if lim.Limit() == rate.Inf {
		return nil
	}
	now := l.now()
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return fmt.Errorf("%s: the client-side rate limit allows no request (burst 0)", action)
	}
	delay := r.DelayFrom(now)
	if delay <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(delay).After(deadline) {
		r.CancelAt(now)
		return fmt.Errorf("%s: waiting %s for the client-side rate limit would pass the deadline: %w", action, delay, context.DeadlineExceeded)
	}
	if err := l.sleep(ctx, delay); err != nil {
		r.CancelAt(l.now())
		return err
	}
	return nil
}

// Sleep waits for d or until ctx ends, and then returns ctx's cause: the
// one pause of the provider that a deadline or an interrupt cuts short.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

package conns

import (
	"context"
	"time"
)

// Option adjusts a client's retry layer.
type Option func(*retrier)

// WithMaxRetries sets how many times a failed call may be sent again; 0
// sends every call once. Negative values count as 0.
func WithMaxRetries(n int) Option {
	return func(r *retrier) { r.maxRetries = max(n, 0) }
}

// WithBackOff sets the first and the longest wait between attempts; tests
// shorten them.
func WithBackOff(initial, maxWait time.Duration) Option {
	return func(r *retrier) { r.initial, r.maxWait = initial, maxWait }
}

// WithRateLimit overrides the client-side rate limit of one action.
func WithRateLimit(action string, limit RateLimit) Option {
	return func(r *retrier) { r.limits.set(action, limit) }
}

// WithDefaultRateLimit sets the client-side rate limit of every action
// that has no limit of its own.
func WithDefaultRateLimit(limit RateLimit) Option {
	return func(r *retrier) { r.limits.fallback = limit }
}

// withSecrets names the strings to mask in the client's log lines.
func withSecrets(secrets ...string) Option {
	return func(r *retrier) { r.secrets = append(r.secrets, nonEmpty(secrets...)...) }
}

// withCurrentSecrets masks, in each call's log lines, the keys the client
// signs with at the time of the call.
func withCurrentSecrets(current func() []string) Option {
	return func(r *retrier) { r.currentSecrets = current }
}

// withObserver lets tests see every failed attempt.
func withObserver(observe func(attemptReport)) Option {
	return func(r *retrier) { r.observe = observe }
}

// withLimiterClock replaces the rate limiter's clock; tests count the waits
// it asks for instead of waiting.
func withLimiterClock(now func() time.Time, sleep func(context.Context, time.Duration) error) Option {
	return func(r *retrier) { r.limits.now, r.limits.sleep = now, sleep }
}

// withUnreachableFor sets how long a call tries an endpoint that never
// answered; tests shorten it.
func withUnreachableFor(d time.Duration) Option {
	return func(r *retrier) { r.unreachableFor = d }
}

func applyOptions(r *retrier, opts []Option) *retrier {
	for _, opt := range opts {
		opt(r)
	}
	return r
}

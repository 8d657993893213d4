package conns

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// DefaultMaxRetries is how many times a failed call is sent again when the
// provider's max_retries is not set. It is the AWS provider's default: an
// apply of a few hundred calls through a storm of throttling, server errors
// and dropped connections (more than half of all attempts failing) must
// still succeed, and each retry waits longer, up to defaultMaxInterval.
const DefaultMaxRetries = 25

// Default backoff between attempts: exponential with jitter, from about a
// second (the vendors' rate limits count per second) to at most 20 seconds.
const (
	defaultInitialInterval = time.Second
	defaultMaxInterval     = 20 * time.Second
)

// defaultUnreachableFor is how long a call tries an endpoint that has not
// answered this process yet and refuses connections: long enough to ride
// out a proxy or a network that is still coming up, short enough that a
// plan against a wrong endpoint fails within half a minute rather than
// after max_retries patient retries.
const defaultUnreachableFor = 10 * time.Second

// retrier is a client's single retry layer: every SDK call of the client
// goes through it, and the SDKs' own retries are switched off.
type retrier struct {
	vendor     string
	maxRetries int
	initial    time.Duration
	maxWait    time.Duration
	limits     *rateLimiters
	secrets    []string // masked in every log line of a call
	// currentSecrets, when set, adds the keys in use at the time of the
	// call, which may be temporary ones renewed since the client was made.
	currentSecrets func() []string
	clock          serverClock
	// unreachableFor is how long a call keeps trying an endpoint that has
	// never answered this process and cannot be reached.
	unreachableFor time.Duration
	// observe, when set, sees every failed attempt; tests use it.
	observe func(attemptReport)
}

func newRetrier(vendor string, limit RateLimit) *retrier {
	return &retrier{
		vendor:     vendor,
		maxRetries: DefaultMaxRetries,
		initial:    defaultInitialInterval,
		maxWait:    defaultMaxInterval,
		limits:     newRateLimiters(limit),

		unreachableFor: defaultUnreachableFor,
	}
}

// call describes one API call to the retry layer.
type call struct {
	action string
	// idempotent is set when sending the request twice has the effect of
	// sending it once, so an ambiguous failure may be retried.
	idempotent bool
}

// attemptReport is what happened to one failed attempt, and what follows.
type attemptReport struct {
	Action  string
	Attempt int
	Code    string
	Failure failure
	Retry   bool
	Wait    time.Duration
}

// retryCall runs attempt until it succeeds, fails in a way that must not be
// retried, the retries are used up, or the context's deadline leaves no time
// for the next wait. Each attempt first waits for the action's rate limit.
func retryCall[T any](ctx context.Context, r *retrier, c call, attempt func(context.Context) (T, error)) (T, error) {
	ctx = maskSecrets(ctx, r.callSecrets())
	s := &retryState{ctx: ctx, r: r, call: c, began: time.Now()}
	s.backOff = &hintedBackOff{base: r.newBackOff(), deadline: deadlineOf(ctx), now: time.Now}
	op := func() (T, error) {
		out, retry, err := attemptOnce(s, attempt)
		if err != nil && !retry {
			return out, backoff.Permanent(err)
		}
		return out, err
	}
	out, err := backoff.Retry(ctx, op,
		backoff.WithBackOff(s.backOff),
		backoff.WithMaxTries(uint(max(r.maxRetries, 0))+1),
		backoff.WithMaxElapsedTime(0), // the context's deadline bounds the whole call
		backoff.WithNotify(s.retrying))
	return out, s.finish(err)
}

// retryState follows one call through its attempts.
type retryState struct {
	ctx     context.Context
	r       *retrier
	call    call
	began   time.Time
	backOff *hintedBackOff
	attempt int
	last    attemptReport // the latest failed attempt
	lastErr error
	pending bool // last is not reported yet
}

// attemptOnce makes one attempt, judges its failure, and says whether the
// call may be retried.
func attemptOnce[T any](s *retryState, attempt func(context.Context) (T, error)) (T, bool, error) {
	var zero T
	s.attempt++
	if err := s.r.limits.wait(s.ctx, s.call.action); err != nil {
		return zero, false, err
	}
	p := &probe{}
	out, err := attempt(withProbe(s.ctx, p))
	seen := p.view()
	s.r.clock.observe(seen.header)
	if err == nil {
		tflog.Debug(s.ctx, "Vendor API call succeeded", map[string]any{"vendor": s.r.vendor, "action": s.call.action, "attempt": s.attempt})
		return out, false, nil
	}
	kind := classify(err, seen)
	if kind == failServer && !s.call.idempotent {
		// A server error is the service's word that it failed, not that
		// it did nothing: a backend may time out after committing. A
		// create without an idempotency token (TAT CreateCommand,
		// InvokeCommand, RunCommand, CreateInvoker) is then left for the
		// caller to look for, as after a dropped connection.
		kind = failAmbiguous
		err = &AmbiguousError{Vendor: s.r.vendor, Action: s.call.action, Err: err, ServerError: true}
	} else if kind == failAmbiguous {
		err = &AmbiguousError{Vendor: s.r.vendor, Action: s.call.action, Err: err}
	}
	retry := kind.retryable(s.call.idempotent) && s.ctx.Err() == nil
	if unreachable(err, seen) {
		err = &EndpointUnreachableError{Vendor: s.r.vendor, Host: seen.host, Err: err}
		retry = retry && time.Since(s.began) < s.r.unreachableFor
	}
	s.backOff.hint = 0
	if retry && kind == failThrottled {
		s.backOff.hint = timeLeft(seen.header)
	}
	s.last = attemptReport{Action: s.call.action, Attempt: s.attempt, Code: ErrorCode(err), Failure: kind, Retry: retry}
	s.lastErr, s.pending = err, true
	if !retry {
		s.report()
	}
	return zero, retry, err
}

// retrying is the backoff's notification that it waits d before the next
// attempt.
func (s *retryState) retrying(_ error, d time.Duration) {
	s.last.Wait = d
	s.report()
}

// finish reports an attempt the backoff gave up after, and keeps the
// service's last word with an error that only says the context ended.
func (s *retryState) finish(err error) error {
	if err == nil {
		return nil
	}
	if s.pending {
		s.last.Retry = false
		s.report()
	}
	if s.lastErr != nil && !errors.Is(err, s.lastErr) {
		return fmt.Errorf("%w; the last attempt failed with: %w", err, s.lastErr)
	}
	return err
}

func (s *retryState) report() {
	s.pending = false
	rep := s.last
	tflog.Debug(s.ctx, "Vendor API call failed", map[string]any{
		"vendor": s.r.vendor, "action": rep.Action, "attempt": rep.Attempt, "code": rep.Code,
		"failure": rep.Failure.String(), "retry": rep.Retry, "wait": rep.Wait.String(), "error": s.lastErr.Error(),
	})
	if s.r.observe != nil {
		s.r.observe(rep)
	}
}

func (r *retrier) newBackOff() backoff.BackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = r.initial
	b.MaxInterval = r.maxWait
	return b
}

// hintedBackOff is an exponential backoff that waits at least as long as
// the service asked, and stops instead of waiting past the deadline: a call
// that cannot be retried in time returns the service's error at once rather
// than a bare "context deadline exceeded" later.
type hintedBackOff struct {
	base     backoff.BackOff
	hint     time.Duration // the last attempt's server-side wait, if any
	deadline time.Time     // zero without one
	now      func() time.Time
}

func (b *hintedBackOff) NextBackOff() time.Duration {
	next := b.base.NextBackOff()
	if next == backoff.Stop {
		return backoff.Stop
	}
	if b.hint > 0 {
		// Spread the callers the service released at the same moment.
		next = max(next, b.hint+jitter(b.hint/10))
	}
	if !b.deadline.IsZero() && b.now().Add(next).After(b.deadline) {
		return backoff.Stop
	}
	return next
}

func (b *hintedBackOff) Reset() {
	b.base.Reset()
	b.hint = 0
}

// jitter is a random duration in [0, d].
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1) //nolint:gosec // spreading retries needs no secure randomness
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// callSecrets are the strings masked in the log lines of one call.
func (r *retrier) callSecrets() []string {
	if r.currentSecrets == nil {
		return r.secrets
	}
	return append(slices.Clone(r.secrets), r.currentSecrets()...)
}

// maskSecrets hides the client's credentials in every log line written
// with ctx, in messages and in field values alike.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	return tflog.MaskMessageStrings(ctx, secrets...)
}

// nonEmpty drops empty strings: masking "" would mask everything.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// serverClock estimates the service's clock from the Date headers of its
// answers, so that times the service records (an invocation's creation
// time) can be compared with moments measured here.
type serverClock struct {
	offset atomic.Int64 // server time minus local time, in nanoseconds
}

func (c *serverClock) observe(h http.Header) {
	if h == nil {
		return
	}
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	c.offset.Store(int64(time.Until(date)))
}

// at converts a local time to the service's clock. Date headers have whole
// seconds, so the result is good to about a second.
func (c *serverClock) at(local time.Time) time.Time {
	return local.Add(time.Duration(c.offset.Load()))
}

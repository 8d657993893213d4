package conns

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrStopping is the cause of a wait cut short because the provider process
// was asked to stop.
var ErrStopping = errors.New("the provider process was asked to stop (SIGTERM)")

// Lifetime lets a provider process that is asked to stop end its waits
// early and answer terraform, instead of dying with them. Terraform records
// a resource only from the provider's answer: a create that is killed while
// waiting for its command leaves no trace of a run the cloud accepted. A
// wait bound to the lifetime ends when Stop is called, so the create
// returns with the run's ID (an error, so terraform taints it), and the
// process exits once every bound wait has answered.
//
// A nil *Lifetime is valid and never stops: in-process acceptance tests
// serve the provider without one.
type Lifetime struct {
	// stopped ends when Stop is called; it carries no values and no
	// deadline, only the moment of stopping.
	stopped context.Context //nolint:containedctx // a signal shared by every bound wait
	stop    context.CancelFunc
	waits   sync.WaitGroup
}

// NewLifetime returns a Lifetime that has not stopped.
func NewLifetime() *Lifetime {
	stopped, stop := context.WithCancel(context.Background())
	return &Lifetime{stopped: stopped, stop: stop}
}

// Bind returns a context that also ends, with ErrStopping as its cause, when
// the lifetime stops. Call release when the wait is over; Drain waits for
// that.
func (l *Lifetime) Bind(ctx context.Context) (bound context.Context, release func()) {
	if l == nil {
		return ctx, func() {}
	}
	l.waits.Add(1)
	bound, cancel := context.WithCancelCause(ctx)
	stopWatching := context.AfterFunc(l.stopped, func() { cancel(ErrStopping) })
	var once sync.Once
	return bound, func() {
		once.Do(func() {
			stopWatching()
			cancel(context.Canceled)
			l.waits.Done()
		})
	}
}

// Stop ends every bound wait, now and from now on.
func (l *Lifetime) Stop() {
	if l == nil {
		return
	}
	l.stop()
}

// Drain waits until every bound wait is released or timeout passes, and
// reports whether they all were.
func (l *Lifetime) Drain(timeout time.Duration) bool {
	if l == nil {
		return true
	}
	done := make(chan struct{})
	go func() {
		l.waits.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Stopping reports whether ctx ended because the provider is stopping.
func Stopping(ctx context.Context) bool {
	return errors.Is(context.Cause(ctx), ErrStopping)
}

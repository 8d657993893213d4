package conns_test

import (
	"context"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

func TestLifetimeStopEndsBoundWaitsWithItsCause(t *testing.T) {
	t.Parallel()
	l := conns.NewLifetime()
	bound, release := l.Bind(t.Context())
	defer release()
	if bound.Err() != nil {
		t.Fatalf("a bound context ended before Stop: %v", bound.Err())
	}
	l.Stop()
	<-bound.Done()
	if !conns.Stopping(bound) {
		t.Errorf("cause = %v, want ErrStopping", context.Cause(bound))
	}
	later, releaseLater := l.Bind(t.Context())
	defer releaseLater()
	<-later.Done() // a wait bound after Stop ends at once
	if !conns.Stopping(later) {
		t.Errorf("cause after Stop = %v, want ErrStopping", context.Cause(later))
	}
}

func TestLifetimeReleaseIsNotStopping(t *testing.T) {
	t.Parallel()
	l := conns.NewLifetime()
	bound, release := l.Bind(t.Context())
	release()
	release() // a second release changes nothing
	if conns.Stopping(bound) {
		t.Error("a released wait reports that the provider is stopping")
	}
	if !l.Drain(time.Minute) {
		t.Error("Drain did not see the released wait")
	}
}

func TestLifetimeParentEndingIsNotStopping(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithCancel(t.Context())
	bound, release := conns.NewLifetime().Bind(parent)
	defer release()
	cancel()
	<-bound.Done()
	if conns.Stopping(bound) {
		t.Error("a wait whose own context ended reports that the provider is stopping")
	}
}

func TestLifetimeDrainWaitsForBoundWaits(t *testing.T) {
	t.Parallel()
	l := conns.NewLifetime()
	_, release := l.Bind(t.Context())
	if l.Drain(10 * time.Millisecond) {
		t.Fatal("Drain returned true with a wait still bound")
	}
	done := make(chan bool)
	go func() { done <- l.Drain(time.Minute) }()
	release()
	if !<-done {
		t.Error("Drain did not return true once the wait was released")
	}
}

func TestNilLifetimeNeverStops(t *testing.T) {
	t.Parallel()
	var l *conns.Lifetime
	bound, release := l.Bind(t.Context())
	defer release()
	l.Stop()
	if bound.Err() != nil || conns.Stopping(bound) || !l.Drain(0) {
		t.Error("a nil Lifetime stopped a wait")
	}
}

package vendorkit

import (
	"context"
	"errors"
	"sync"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// ErrClosed is the error of a real run asked for after Close: the run
// fails to start with it as its StartError.
const ErrClosed = "the service is closed"

// LiveRuns keeps the real runs of a service (its Config.Executor) under
// way: each runs in a goroutine of its own, so the action that starts it
// answers at once, as the clouds do, and Close kills those still under way
// and waits until they have reported back, so no process outlives the
// service. It has a lock of its own, apart from the service's. The zero
// value is ready to use.
type LiveRuns struct {
	mu      sync.Mutex
	ctx     context.Context // ends every run when Close is called
	stopAll context.CancelFunc
	closed  bool
	running sync.WaitGroup
}

// Start hands a task's run to exec, with kill able to kill the process
// (TAT CancelInvocation, ECS StopInvocation). It is called with the
// service's lock held, and settle is called with it held too: once the
// process has reported back, with how the run went (script.Executed: a run
// that reached req.Timeout has timed out) and whether it was killed, by
// kill or by Close; or at once, when Close has been called, with a run that
// failed to start with ErrClosed.
func (l *LiveRuns) Start(lock sync.Locker, exec script.Executor, req script.ExecRequest, kill *Kill, settle func(run script.Run, killed bool)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		settle(script.Run{StartError: ErrClosed}, false)
		return
	}
	ctx, stop := context.WithCancel(l.context())
	kill.Running(stop)
	l.running.Add(1)
	go func() {
		defer l.running.Done()
		defer stop()
		runCtx, cancel := context.WithTimeout(ctx, req.Timeout)
		defer cancel()
		result := exec.Execute(runCtx, req)
		ended := runCtx.Err()
		lock.Lock()
		defer lock.Unlock()
		settle(script.Executed(result, req.Timeout, errors.Is(ended, context.DeadlineExceeded)), errors.Is(ended, context.Canceled))
	}()
}

// Closing returns a channel that is closed once Close has been called, for
// whatever waits on a client and must give up when the service goes.
func (l *LiveRuns) Closing() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.context().Done()
}

// Close kills the runs still under way and waits until each has reported
// back; runs asked for afterwards do not start.
func (l *LiveRuns) Close() {
	l.mu.Lock()
	l.closed = true
	l.context() // made now if no run ever started, so Closing's channel closes too
	l.stopAll()
	l.mu.Unlock()
	l.running.Wait()
}

// Wait waits until every run started so far has reported back.
func (l *LiveRuns) Wait() { l.running.Wait() }

// context returns the context every run derives from, making it on first
// use. Callers hold l.mu.
func (l *LiveRuns) context() context.Context {
	if l.ctx == nil {
		l.ctx, l.stopAll = context.WithCancel(context.Background())
	}
	return l.ctx
}

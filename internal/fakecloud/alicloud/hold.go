package alicloud

import "sync"

// Held requests simulate a request the service is still working on when
// another arrives: the held one stops in the middle of its processing, with
// its ClientToken taken, and the service serves other requests meanwhile.
// A test uses it to see a retry of a request still under way refused with
// IdempotentProcessing.

// RequestHold is one request stopped by HoldNextRequest.
type RequestHold struct {
	reached chan struct{} // closed once the request has stopped
	release chan struct{} // closed to let it go on
	once    sync.Once
}

// Reached is closed once the held request has arrived and stopped.
func (h *RequestHold) Reached() <-chan struct{} { return h.reached }

// Release lets the held request go on and finish. It may be called more
// than once, and before the request arrives.
func (h *RequestHold) Release() { h.once.Do(func() { close(h.release) }) }

// holdSwitch keeps, by action, the holds still to apply, first armed first.
type holdSwitch struct {
	mu      sync.Mutex
	pending map[string][]*RequestHold
}

func (d *holdSwitch) arm(action string) *RequestHold {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending == nil {
		d.pending = map[string][]*RequestHold{}
	}
	h := &RequestHold{reached: make(chan struct{}), release: make(chan struct{})}
	d.pending[action] = append(d.pending[action], h)
	return h
}

// take returns the hold for this request of action, nil if none is armed.
func (d *holdSwitch) take(action string) *RequestHold {
	d.mu.Lock()
	defer d.mu.Unlock()
	queue := d.pending[action]
	if len(queue) == 0 {
		return nil
	}
	d.pending[action] = queue[1:]
	return queue[0]
}

// HoldNextRequest makes the next request of action (RunCommand,
// InvokeCommand or CreateCommand: the actions that take a ClientToken) stop
// once its ClientToken is taken, before it acts, until the returned hold is
// released. Other requests are served
// meanwhile; one with the same ClientToken is refused with
// IdempotentProcessing. Release every hold a test arms: a held request
// otherwise waits until its client gives up or the service is closed.
func (s *Service) HoldNextRequest(action string) *RequestHold {
	return s.holds.arm(action)
}

// pauseIfHeld stops a request a test holds, with s.mu released so that
// other requests go on, until the test releases it, its client goes away or
// the service closes. Callers hold s.mu.
func (s *Service) pauseIfHeld(c *call) {
	h := s.holds.take(c.action)
	if h == nil {
		return
	}
	s.mu.Unlock()
	defer s.mu.Lock()
	close(h.reached)
	select {
	case <-h.release:
	case <-c.ctx.Done():
	case <-s.live.Closing():
	}
}

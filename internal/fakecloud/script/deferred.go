package script

import "sync"

// Deferred holds the runs a request of a vendor's fake has to interpret,
// so that the interpreter works on them once the request has let go of
// the vendor's lock: a busy script then holds up its own request alone,
// never the requests about other runs. A zero Deferred is ready to use.
type Deferred struct {
	runs      []deferredRun
	interpret func(ExecRequest) Run // Interpret unless a test says otherwise
}

type deferredRun struct {
	req    ExecRequest
	settle func(Run)
}

// Add queues req; settle records its run, and is called with the lock
// held.
func (d *Deferred) Add(req ExecRequest, settle func(Run)) {
	d.runs = append(d.runs, deferredRun{req: req, settle: settle})
}

// Interpret works out every queued run without lock, then settles each
// under it. The caller must not hold lock.
func (d *Deferred) Interpret(lock sync.Locker) {
	if d == nil {
		return
	}
	interpret := d.interpret
	if interpret == nil {
		interpret = Interpret
	}
	for _, r := range d.runs {
		run := interpret(r.req)
		lock.Lock()
		r.settle(run)
		lock.Unlock()
	}
	d.runs = nil
}

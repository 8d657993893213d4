package alicloud

import (
	"net/http"
	"sync"
)

// Dropped responses simulate a network failure after the service has acted:
// the client sees its connection close with no answer and, not knowing
// whether the action happened, retries. A test uses it to check that the
// retry carries the same ClientToken and so does not act twice.

// dropSwitch counts, by action, the responses still to drop.
type dropSwitch struct {
	mu      sync.Mutex
	pending map[string]int
}

func (d *dropSwitch) arm(action string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending == nil {
		d.pending = map[string]int{}
	}
	d.pending[action]++
}

// take reports whether this response of action is to be dropped, using up
// one armed drop.
func (d *dropSwitch) take(action string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending[action] == 0 {
		return false
	}
	d.pending[action]--
	return true
}

// DropNextResponse makes the next request of action be processed as usual,
// its effects included, but answered by closing the connection without a
// response. Calling it n times drops the next n responses of the action.
func (s *Service) DropNextResponse(action string) {
	s.drops.arm(action)
}

// dropConnection closes the request's connection without writing anything.
// Where the connection cannot be taken over (HTTP/2), the handler panics
// with http.ErrAbortHandler, which also ends the response unwritten.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

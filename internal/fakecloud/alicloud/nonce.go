package alicloud

import (
	"container/heap"
	"sync"
	"time"
)

// nonceCache remembers signature nonces until the requests that carried them
// could no longer pass the freshness check, and forgets them after that, so
// its size is bounded by the request rate over the allowed clock skew.
type nonceCache struct {
	mu      sync.Mutex
	expires map[string]time.Time
	queue   expiryQueue
}

func newNonceCache() *nonceCache {
	return &nonceCache{expires: map[string]time.Time{}}
}

// remember records nonce until expires and reports whether it was new: false
// means the nonce was seen before and has not expired yet.
func (c *nonceCache) remember(nonce string, now, expires time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forgetExpired(now)
	if _, seen := c.expires[nonce]; seen {
		return false
	}
	c.expires[nonce] = expires
	heap.Push(&c.queue, nonceExpiry{nonce: nonce, at: expires})
	return true
}

func (c *nonceCache) forgetExpired(now time.Time) {
	for len(c.queue) > 0 && c.queue[0].at.Before(now) {
		delete(c.expires, c.queue[0].nonce)
		heap.Pop(&c.queue)
	}
}

// size is the number of nonces remembered.
func (c *nonceCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.expires)
}

type nonceExpiry struct {
	nonce string
	at    time.Time
}

// expiryQueue is a min-heap of nonces by expiry time.
type expiryQueue []nonceExpiry

func (q expiryQueue) Len() int           { return len(q) }
func (q expiryQueue) Less(i, j int) bool { return q[i].at.Before(q[j].at) }
func (q expiryQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *expiryQueue) Push(x any) {
	if e, ok := x.(nonceExpiry); ok { // heap.Push only ever passes what forget pushes
		*q = append(*q, e)
	}
}
func (q *expiryQueue) Pop() any {
	old := *q
	last := old[len(old)-1]
	*q = old[:len(old)-1]
	return last
}

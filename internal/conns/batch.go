package conns

import (
	"context"
	"sync"
	"time"
)

// A fleet's runs are read and waited for by many resources at once, each
// asking about one object. A batcher gathers the lookups that arrive close
// together into calls of up to max keys, so that a hundred reads that
// terraform sends at once cost one call rather than a hundred, and a hundred
// waiting runs share one poll.

// Batching settings. A call waits until no new lookup has arrived for
// batchWindow, but no longer than batchWindowMax: terraform starts its
// reads of a group of resources within a few milliseconds of each other,
// not at once. Two calls of one batcher start at least batchGap apart, so
// that waits polling on their own schedules ride shared calls instead of
// each sending its own.
const (
	batchWindow    = 40 * time.Millisecond
	batchWindowMax = 200 * time.Millisecond
	batchGap       = 100 * time.Millisecond
)

// fetchFunc reads the objects with these keys; a key it does not return
// does not exist.
type fetchFunc[K comparable, V any] func(ctx context.Context, keys []K) (map[K]V, error)

// batcher shares calls of fetch among concurrent lookups.
type batcher[K comparable, V any] struct {
	max   int
	fetch fetchFunc[K, V]

	mu        sync.Mutex
	queue     []*lookup[K, V]
	scheduled bool      // a goroutine is serving the queue
	last      time.Time // when the latest call started
}

// lookup is one caller's request and, once done is closed, its answer.
type lookup[K comparable, V any] struct {
	ctx   context.Context //nolint:containedctx // the caller's, to tell whether it still waits
	keys  []K
	found map[K]V
	err   error
	done  chan struct{}
}

func newBatcher[K comparable, V any](maxKeys int, fetch fetchFunc[K, V]) *batcher[K, V] {
	return &batcher[K, V]{max: maxKeys, fetch: fetch}
}

// get returns the objects with these keys that exist, read in a call shared
// with the other lookups of the moment.
func (b *batcher[K, V]) get(ctx context.Context, keys []K) (map[K]V, error) {
	l := &lookup[K, V]{ctx: ctx, keys: keys, done: make(chan struct{})}
	b.mu.Lock()
	b.queue = append(b.queue, l)
	if !b.scheduled {
		b.scheduled = true
		go b.serve()
	}
	b.mu.Unlock()
	select {
	case <-l.done:
		return l.found, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// serve answers the queue round by round until it is empty: each round
// waits for the lookups of the moment to gather (and for the gap since the
// previous call), then reads every key asked for meanwhile.
func (b *batcher[K, V]) serve() {
	for {
		b.gather()
		b.mu.Lock()
		round := b.queue
		b.queue = nil
		if len(round) == 0 {
			b.scheduled = false
			b.mu.Unlock()
			return
		}
		b.last = time.Now()
		b.mu.Unlock()
		b.answer(round)
	}
}

// gather waits until the queue has had no new lookup for batchWindow, or
// batchWindowMax has passed, and at least until batchGap after the
// previous call.
func (b *batcher[K, V]) gather() {
	start := time.Now()
	b.mu.Lock()
	queued, notBefore := len(b.queue), b.last.Add(batchGap)
	b.mu.Unlock()
	for {
		time.Sleep(batchWindow)
		b.mu.Lock()
		now := len(b.queue)
		b.mu.Unlock()
		if (now == queued || time.Since(start) >= batchWindowMax) && !time.Now().Before(notBefore) {
			return
		}
		queued = now
	}
}

// answer reads the keys of a round's lookups that still wait, in calls of
// up to max keys, and hands each lookup its part.
func (b *batcher[K, V]) answer(round []*lookup[K, V]) {
	var waiting []*lookup[K, V]
	for _, l := range round {
		if l.ctx.Err() == nil {
			waiting = append(waiting, l)
		} else {
			close(l.done)
		}
	}
	if len(waiting) == 0 {
		return
	}
	ctx, cancel := sharedContext(waiting)
	defer cancel()

	found := map[K]V{}
	failed := map[K]error{}
	keys := distinctKeys(waiting)
	for start := 0; start < len(keys); start += b.max {
		chunk := keys[start:min(start+b.max, len(keys))]
		got, err := b.fetch(ctx, chunk)
		for _, k := range chunk {
			if err != nil {
				failed[k] = err
			} else if v, ok := got[k]; ok {
				found[k] = v
			}
		}
	}
	for _, l := range waiting {
		l.found = map[K]V{}
		for _, k := range l.keys {
			if err, ok := failed[k]; ok {
				l.err = err
				break
			}
			if v, ok := found[k]; ok {
				l.found[k] = v
			}
		}
		close(l.done)
	}
}

// sharedContext is the context of a call made for several callers: it
// carries the first caller's values (log fields among them), is not ended
// by any one caller giving up, and lasts until the latest of their
// deadlines, or without one if any caller has none.
func sharedContext[K comparable, V any](waiting []*lookup[K, V]) (context.Context, context.CancelFunc) {
	base := context.WithoutCancel(waiting[0].ctx)
	var latest time.Time
	for _, l := range waiting {
		deadline, ok := l.ctx.Deadline()
		if !ok {
			return context.WithCancel(base)
		}
		if deadline.After(latest) {
			latest = deadline
		}
	}
	return context.WithDeadline(base, latest)
}

func distinctKeys[K comparable, V any](waiting []*lookup[K, V]) []K {
	seen := map[K]bool{}
	var keys []K
	for _, l := range waiting {
		for _, k := range l.keys {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

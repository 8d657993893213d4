package conns

import "sync"

// CreateGuard keeps creates of one provider instance from mistaking each
// other's objects for their own. A create whose request may or may not have
// gone through (an ambiguous failure) looks for the object it may have
// made; an identical create of another resource, running at the same time,
// would make an object that matches just as well. So identical creates take
// turns (Lock, by a key naming what they create), and every object a create
// made or adopted is claimed, so that a later search passes it over.
type CreateGuard struct {
	mu      sync.Mutex
	locks   map[string]*keyLock
	claimed map[string]bool
}

type keyLock struct {
	mu    sync.Mutex
	users int // holders and waiters; the entry goes when it reaches 0
}

// Lock waits until no other create with the same key runs, and returns the
// function that lets the next one go.
func (g *CreateGuard) Lock(key string) (unlock func()) {
	g.mu.Lock()
	if g.locks == nil {
		g.locks = map[string]*keyLock{}
	}
	l := g.locks[key]
	if l == nil {
		l = &keyLock{}
		g.locks[key] = l
	}
	l.users++
	g.mu.Unlock()

	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		g.mu.Lock()
		defer g.mu.Unlock()
		if l.users--; l.users == 0 {
			delete(g.locks, key)
		}
	}
}

// Claim records that a create of this provider made or adopted the object
// with this ID.
func (g *CreateGuard) Claim(id string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.claimed == nil {
		g.claimed = map[string]bool{}
	}
	g.claimed[id] = true
}

// Claimed reports whether a create of this provider made or adopted the
// object with this ID.
func (g *CreateGuard) Claimed(id string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.claimed[id]
}

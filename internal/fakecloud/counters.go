package fakecloud

import "sync"

// Counters is a snapshot of what the fake has seen since it started or was
// last reset. Tests read it to check, for example, that a chaos run created
// each invocation exactly once however many retries it took.
type Counters struct {
	// Requests counts every API request that reached the fake, faulted or
	// not, by vendor then action.
	Requests map[string]map[string]int `json:"requests"`
	// Faults counts the faults injected, by vendor then kind (FaultThrottle,
	// FaultServerError, FaultDropBefore, FaultDropAfter, FaultTruncate,
	// FaultServerErrorAfter,
	// FaultLatency, FaultRateLimit).
	Faults map[string]map[string]int `json:"faults"`
	// Effects counts the requests the service carried out successfully, by
	// vendor then action, including those whose response was then dropped:
	// for InvokeCommand or RunCommand, the invocations created. A success
	// that repeats an earlier one is counted in Replays instead.
	Effects map[string]map[string]int `json:"effects"`
	// Replays counts successful requests that created nothing new: an
	// idempotent retry (same ClientToken) answered with the IDs an earlier
	// request created. By vendor then action.
	Replays map[string]map[string]int `json:"replays"`
}

// Request returns the requests of vendor's action; AnyAction sums them all.
func (c Counters) Request(vendor, action string) int { return lookup(c.Requests, vendor, action) }

// Fault returns the faults of one kind injected into vendor's requests.
func (c Counters) Fault(vendor, kind string) int { return lookup(c.Faults, vendor, kind) }

// Effect returns the successful requests of vendor's action; AnyAction sums
// them all.
func (c Counters) Effect(vendor, action string) int { return lookup(c.Effects, vendor, action) }

// Replay returns the idempotent replays of vendor's action; AnyAction sums
// them all.
func (c Counters) Replay(vendor, action string) int { return lookup(c.Replays, vendor, action) }

func lookup(counts map[string]map[string]int, vendor, name string) int {
	if name != AnyAction {
		return counts[vendor][name]
	}
	total := 0
	for _, n := range counts[vendor] {
		total += n
	}
	return total
}

// counterSet is the live counters behind a Server.
type counterSet struct {
	mu sync.Mutex
	c  Counters
	// created holds what successful creates have made, to tell a replay
	// from a new effect. A reset keeps it: a replay after a reset still
	// creates nothing.
	created map[string]bool
}

func newCounterSet() *counterSet {
	cs := &counterSet{created: map[string]bool{}}
	cs.reset()
	return cs
}

func (cs *counterSet) reset() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.c = Counters{
		Requests: map[string]map[string]int{},
		Faults:   map[string]map[string]int{},
		Effects:  map[string]map[string]int{},
		Replays:  map[string]map[string]int{},
	}
}

func (cs *counterSet) request(vendor, action string) {
	cs.add(func(c *Counters) map[string]map[string]int { return c.Requests }, vendor, action)
}

func (cs *counterSet) fault(vendor, kind string) {
	cs.add(func(c *Counters) map[string]map[string]int { return c.Faults }, vendor, kind)
}

// success counts a successful request as an effect or, when created (the
// IDs its response names, "" for none) was already seen, as a replay.
func (cs *counterSet) success(vendor, action, created string) {
	cs.mu.Lock()
	replay := created != "" && cs.created[created]
	if created != "" {
		cs.created[created] = true
	}
	cs.mu.Unlock()
	if replay {
		cs.add(func(c *Counters) map[string]map[string]int { return c.Replays }, vendor, action)
		return
	}
	cs.add(func(c *Counters) map[string]map[string]int { return c.Effects }, vendor, action)
}

// add picks its map through which under the lock, since reset replaces the
// maps while requests may be counting.
func (cs *counterSet) add(which func(*Counters) map[string]map[string]int, vendor, name string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	counts := which(&cs.c)
	if counts[vendor] == nil {
		counts[vendor] = map[string]int{}
	}
	counts[vendor][name]++
}

// snapshot returns a deep copy, which the caller may keep and change.
func (cs *counterSet) snapshot() Counters {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return Counters{
		Requests: copyCounts(cs.c.Requests),
		Faults:   copyCounts(cs.c.Faults),
		Effects:  copyCounts(cs.c.Effects),
		Replays:  copyCounts(cs.c.Replays),
	}
}

func copyCounts(counts map[string]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(counts))
	for vendor, byName := range counts {
		inner := make(map[string]int, len(byName))
		for name, n := range byName {
			inner[name] = n
		}
		out[vendor] = inner
	}
	return out
}

package vendorkit

import (
	"cmp"
	"iter"
	"slices"
	"time"
)

// MaxRecordTasks bounds the tasks a fake service keeps unless set
// otherwise, so a fake left running does not grow without end: past it,
// the oldest finished invocations are forgotten as retention forgets them.
// Each task keeps at most 24 KB of output.
const MaxRecordTasks = 10_000

// A Record is an invocation as Records sees it.
type Record interface {
	// TaskCount is how many tasks (one per instance) it has.
	TaskCount() int
	// EndedAt is when its last task ended, as seen at now; zero while a
	// task is under way.
	EndedAt(now time.Time) time.Time
}

// Records keeps a service's invocations by ID in the order they were made,
// and forgets them as the clouds do: once they have aged out (TAT and ECS
// keep their history for a bounded time, see DefaultRecordRetention) or
// while too many tasks are kept. An invocation under way is never
// forgotten but by Delete. The zero value is empty and ready to use; it is
// guarded by the service's lock.
type Records[T Record] struct {
	byID  map[string]madeRecord[T]
	count uint64 // invocations ever added, which orders them
}

// madeRecord is an invocation with its ID and its place in the order
// they were made.
type madeRecord[T Record] struct {
	id     string
	record T
	order  uint64
}

// Add keeps an invocation under its ID, after every one kept so far.
func (r *Records[T]) Add(id string, record T) {
	if r.byID == nil {
		r.byID = map[string]madeRecord[T]{}
	}
	r.count++
	r.byID[id] = madeRecord[T]{id: id, record: record, order: r.count}
}

// Get returns the invocation with this ID, if it is kept.
func (r *Records[T]) Get(id string) (T, bool) {
	made, ok := r.byID[id]
	return made.record, ok
}

// Delete forgets the invocation with this ID and reports whether it was
// kept.
func (r *Records[T]) Delete(id string) bool {
	_, ok := r.byID[id]
	delete(r.byID, id)
	return ok
}

// All yields every invocation kept, in no particular order.
func (r *Records[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, made := range r.byID {
			if !yield(made.record) {
				return
			}
		}
	}
}

// OldestFirst lists the invocations kept in the order they were made.
func (r *Records[T]) OldestFirst() []T {
	return recordsOf(r.inOrder(nil))
}

// NewestFirst lists the invocations that keep selects (every one when keep
// is nil), the newest first, as the clouds' Describe actions list them.
func (r *Records[T]) NewestFirst(keep func(T) bool) []T {
	list := recordsOf(r.inOrder(keep))
	slices.Reverse(list)
	return list
}

// Expire forgets the invocations that ended so long before now that
// expired says they have aged out (Base.RecordExpired).
func (r *Records[T]) Expire(now time.Time, expired func(end, now time.Time) bool) {
	for id, made := range r.byID {
		if expired(made.record.EndedAt(now), now) {
			delete(r.byID, id)
		}
	}
}

// Cap forgets the oldest finished invocations while the tasks kept pass
// limit (zero or less: MaxRecordTasks), and reports whether it forgot any.
// Invocations under way are kept, so the tasks may stay past the limit.
func (r *Records[T]) Cap(limit int, now time.Time) (forgot bool) {
	if limit <= 0 {
		limit = MaxRecordTasks
	}
	kept := 0
	for _, made := range r.byID {
		kept += made.record.TaskCount()
	}
	if kept <= limit {
		return false
	}
	for _, made := range r.inOrder(nil) {
		if kept <= limit {
			break
		}
		if !made.record.EndedAt(now).IsZero() {
			delete(r.byID, made.id)
			kept -= made.record.TaskCount()
			forgot = true
		}
	}
	return forgot
}

// inOrder lists the invocations that keep selects (every one when keep is
// nil) in the order they were made.
func (r *Records[T]) inOrder(keep func(T) bool) []madeRecord[T] {
	made := make([]madeRecord[T], 0, len(r.byID))
	for _, m := range r.byID {
		if keep == nil || keep(m.record) {
			made = append(made, m)
		}
	}
	slices.SortFunc(made, func(a, b madeRecord[T]) int { return cmp.Compare(a.order, b.order) })
	return made
}

func recordsOf[T Record](made []madeRecord[T]) []T {
	list := make([]T, len(made))
	for i, m := range made {
		list[i] = m.record
	}
	return list
}

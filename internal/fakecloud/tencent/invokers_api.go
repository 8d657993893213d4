package tencent

import (
	"slices"
	"time"
)

// The Go API for invokers, as api.go is for commands and invocations: tests
// look at invokers and change them behind the API's back.

// InvokerSnapshot is an invoker as seen at the moment it was taken, after
// every firing due by then.
type InvokerSnapshot struct {
	ID          string
	Name        string
	CommandID   string
	Username    string // "" when the command's user runs it
	Parameters  string // JSON object text, "" when there are none
	InstanceIDs []string
	Enabled     bool
	Policy      string    // ONCE or RECURRENCE
	Recurrence  string    // RECURRENCE: the cron expression
	InvokeTime  time.Time // ONCE: when it runs
	CreatedTime time.Time
	UpdatedTime time.Time
	Records     []InvokerRecordSnapshot // oldest first
}

// InvokerRecordSnapshot is one firing of an invoker.
type InvokerRecordSnapshot struct {
	InvokeTime   time.Time
	InvocationID string // "" when the firing could not start an invocation
	Result       string // the invocation's status, or FAILED
	Reason       string
}

// Invoker returns the invoker with this ID as it is now.
func (s *Service) Invoker(id string) (InvokerSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	ivk, ok := s.invokers[id]
	if !ok {
		return InvokerSnapshot{}, false
	}
	return ivk.snapshot(s.now()), true
}

// DeleteInvoker removes an invoker as if it had been deleted in the
// console. It reports whether the invoker existed.
func (s *Service) DeleteInvoker(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.invokers[id]; !ok {
		return false
	}
	delete(s.invokers, id)
	return true
}

// FireDueInvokers makes the firings due by the clock's present time now,
// rather than at the next request; firings happen at their own times either
// way, so tests need it only to look at the fake's state directly.
func (s *Service) FireDueInvokers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fireDueInvokers()
}

func (ivk *invoker) snapshot(now time.Time) InvokerSnapshot {
	out := InvokerSnapshot{
		ID: ivk.id, Name: ivk.name, CommandID: ivk.commandID, Username: ivk.username,
		Parameters: ivk.parameters, InstanceIDs: slices.Clone(ivk.instanceIDs), Enabled: ivk.enabled,
		Policy: ivk.schedule.policy, Recurrence: ivk.schedule.recurrence, InvokeTime: ivk.schedule.invokeTime,
		CreatedTime: ivk.created, UpdatedTime: ivk.updated,
	}
	for _, r := range ivk.records {
		w := r.wire(now)
		out.Records = append(out.Records, InvokerRecordSnapshot{
			InvokeTime: r.invokeTime, InvocationID: w.InvocationID, Result: w.Result, Reason: w.Reason,
		})
	}
	return out
}

package alicloud

import "time"

// Record retention. ECS DescribeInvocations: "You can query information
// about command executions within the last four weeks." The fake keeps a
// finished invocation for DefaultRecordRetention by default, counted from
// the end of its last run: an invocation with a run still under way, or a
// schedule that still runs, is never forgotten, and a schedule that was
// stopped ages from when it stopped. Once forgotten, an invocation is
// answered as one that never existed: DescribeInvocations and
// DescribeInvocationResults list nothing for its InvokeId, and
// StopInvocation answers InvalidInvokeId.NotFound. The vendor's other bound,
// "Up to 100,000 pieces of execution information can be retained", is not
// modelled.

// DefaultRecordRetention is how long a finished invocation is kept when
// Config.RecordRetention is zero: four weeks.
const DefaultRecordRetention = 28 * 24 * time.Hour

// retentionOrDefault maps the zero (or a negative) retention to the default.
func retentionOrDefault(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultRecordRetention
	}
	return d
}

// SetRecordRetention sets how long invocations are kept once they have
// finished; zero or less restores DefaultRecordRetention. It applies at
// once, to the invocations already made too.
func (s *Service) SetRecordRetention(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.recordRetention = retentionOrDefault(d)
}

// RecordRetention returns how long invocations are kept once they have
// finished.
func (s *Service) RecordRetention() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.recordRetention
}

// expireRecords forgets the invocations that finished more than the
// retention ago. Callers hold s.mu.
func (s *Service) expireRecords() {
	now := s.now()
	for id, inv := range s.state.invocations {
		if end := inv.endedAt(now); !end.IsZero() && now.Sub(end) > s.state.recordRetention {
			delete(s.state.invocations, id)
		}
	}
}

// endedAt is when the invocation's last run ended, or was stopped, as seen
// at now; zero while an instance's run is under way or a schedule waits to
// run again.
func (inv *invocation) endedAt(now time.Time) time.Time {
	var end time.Time
	for _, t := range inv.tasks {
		st := t.stateAt(now)
		if !isEnded(st.status) {
			return time.Time{}
		}
		end = later(end, later(st.finish, st.stop))
	}
	return end
}

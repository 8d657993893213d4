package alicloud

import (
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

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
const DefaultRecordRetention = vendorkit.DefaultRecordRetention

// expireRecords forgets the invocations that finished more than the
// retention ago. Callers hold s.mu.
func (s *Service) expireRecords() {
	now := s.now()
	s.state.invocations.Expire(now, s.RecordExpired)
}

// EndedAt is when the invocation's last run ended, or was stopped, as seen
// at now; zero while an instance's run is under way or a schedule waits to
// run again (vendorkit.Record).
// TaskCount is how many tasks the invocation has (vendorkit.Record).
func (inv *invocation) TaskCount() int { return len(inv.tasks) }

func (inv *invocation) EndedAt(now time.Time) time.Time {
	var end time.Time
	for _, t := range inv.tasks {
		st := t.stateAt(now)
		if !isEnded(st.status) {
			return time.Time{}
		}
		end = vendorkit.Later(end, vendorkit.Later(st.finish, st.stop))
	}
	return end
}

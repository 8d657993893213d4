package tencent

import (
	"slices"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Record retention. TAT keeps the history of invocations for a bounded
// time only and does not say how long; the fake keeps a finished
// invocation for DefaultRecordRetention by default, the four weeks Alibaba
// Cloud documents for the same records (ECS DescribeInvocations: "command
// executions within the last four weeks"). Retention counts from the end
// of the run, so an invocation with a task still under way is never
// forgotten. Once forgotten, an invocation is answered as one that never
// existed: DescribeInvocations and DescribeInvocationTasks no longer list
// it or its tasks, CancelInvocation reports it unknown, and the invoker
// records of its firing go with it.

// DefaultRecordRetention is how long a finished invocation is kept when
// Config.RecordRetention is zero: 28 days.
const DefaultRecordRetention = vendorkit.DefaultRecordRetention

// catchUp brings the state up to the clock's present: the invokers' firings
// due by now, then forgetting the records that have aged out, so a firing
// made late but long ago goes at once. It is called with s.mu held.
func (s *Service) catchUp() {
	s.fireDueInvokers()
	s.expireRecords()
}

// expireRecords forgets the invocations that finished more than the
// retention ago, with their tasks, and the invoker records of the firings
// that started invocations no longer kept (DeleteInvocation forgets some
// too). A firing that could not start an invocation ended when it was
// made, and its record ages from then. It is called with s.mu held.
func (s *Service) expireRecords() {
	now := s.now()
	s.invocations.Expire(now, s.RecordExpired)
	for _, ivk := range s.invokers {
		ivk.records = slices.DeleteFunc(ivk.records, func(r *invokerRecord) bool {
			if r.invocation == nil {
				return s.RecordExpired(r.invokeTime, now)
			}
			_, kept := s.invocations.Get(r.invocation.id)
			return !kept
		})
	}
}

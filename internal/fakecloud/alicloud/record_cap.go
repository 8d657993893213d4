package alicloud

import (
	"cmp"
	"slices"
)

// maxRecordTasks bounds the tasks the fake keeps, so a fake left running
// does not grow without end: past it, the oldest finished invocations are
// forgotten as retention forgets them. Each task keeps at most 24 KB of
// output. An invocation under way is never forgotten.
const maxRecordTasks = 10_000

// capRecords forgets the oldest finished invocations while more than
// the tasks kept pass Config.MaxRecordTasks. It is called with s.mu held.
func (s *Service) capRecords() {
	kept := 0
	for _, inv := range s.state.invocations {
		kept += len(inv.tasks)
	}
	limit := s.cfg.MaxRecordTasks
	if limit <= 0 {
		limit = maxRecordTasks
	}
	if kept <= limit {
		return
	}
	now := s.now()
	list := make([]*invocation, 0, len(s.state.invocations))
	for _, inv := range s.state.invocations {
		list = append(list, inv)
	}
	slices.SortFunc(list, func(a, b *invocation) int { return cmp.Compare(a.seq, b.seq) })
	for _, inv := range list {
		if kept <= limit {
			break
		}
		if !inv.endedAt(now).IsZero() {
			delete(s.state.invocations, inv.id)
			kept -= len(inv.tasks)
		}
	}
}

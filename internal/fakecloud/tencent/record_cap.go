package tencent

// capRecords forgets the oldest finished invocations while the tasks kept
// pass Config.MaxRecordTasks (zero: vendorkit.MaxRecordTasks), then the
// invoker records of the invocations no longer kept. It is called with
// s.mu held.
func (s *Service) capRecords() {
	s.invocations.Cap(s.cfg.MaxRecordTasks, s.now())
	s.expireRecords()
}

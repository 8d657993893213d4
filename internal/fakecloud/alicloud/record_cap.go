package alicloud

// capRecords forgets the oldest finished invocations while the tasks kept
// pass Config.MaxRecordTasks (zero: vendorkit.MaxRecordTasks). It is
// called with s.mu held.
func (s *Service) capRecords() {
	s.state.invocations.Cap(s.cfg.MaxRecordTasks, s.now())
}

package alicloud

// This file is the Go API tests use to inspect and change the fake's state
// directly, for example to simulate changes made outside Terraform.

// Command returns a copy of the command with this ID, in any region.
func (s *Service) Command(id string) (Command, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, ok := s.state.commands[id]
	if !ok {
		return Command{}, false
	}
	return cmd.clone(), true
}

// DeleteCommand removes a command, as if deleted outside Terraform. It
// reports whether the command existed.
func (s *Service) DeleteCommand(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.state.commands[id]; !ok {
		return false
	}
	delete(s.state.commands, id)
	return true
}

// UpdateCommand changes a stored command in place through fn, as if edited
// outside Terraform, and reports whether the command exists. A change to the
// ID is undone, since the command is stored under it. fn runs with the
// service locked, so it must not call the service.
func (s *Service) UpdateCommand(id string, fn func(*Command)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, ok := s.state.commands[id]
	if !ok {
		return false
	}
	fn(cmd)
	cmd.ID = id
	return true
}

// SetCommandQuota sets how many commands each region may hold before
// CreateCommand fails with CmdCount.ExceedQuota. The default is 500.
func (s *Service) SetCommandQuota(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.commandQuota = n
}

// RequestCount returns how many requests for action the service has
// received, whether or not they were authenticated or succeeded.
func (s *Service) RequestCount(action string) int {
	return s.requests.count(action)
}

package tencent

// This file is the Go API tests use to look at and change the fake's state
// directly, for example to simulate changes made outside Terraform.

// Command returns a copy of the command with this ID.
func (s *Service) Command(id string) (Command, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, ok := s.commands[id]
	if !ok {
		return Command{}, false
	}
	return cmd.clone(), true
}

// DeleteCommand removes a command as if it had been deleted in the console.
// It reports whether the command existed.
func (s *Service) DeleteCommand(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.commands[id]; !ok {
		return false
	}
	delete(s.commands, id)
	return true
}

// UpdateCommand changes a command in place through fn, as if it had been
// edited in the console; fn may change any field but the ID. UpdatedTime is
// left to fn. It reports whether the command existed.
func (s *Service) UpdateCommand(id string, fn func(*Command)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, ok := s.commands[id]
	if !ok {
		return false
	}
	fn(cmd)
	cmd.ID = id
	return true
}

// RequestCount returns how many requests named this action in X-TC-Action,
// whether or not they were authenticated and valid.
func (s *Service) RequestCount(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[action]
}

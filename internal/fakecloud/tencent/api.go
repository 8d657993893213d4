package tencent

import "time"

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

// InvocationSnapshot is an invocation as seen at the moment it was taken:
// statuses, times and output are those a Describe* request would have seen.
type InvocationSnapshot struct {
	ID                 string
	CommandID          string
	CommandName        string
	Status             string // InvocationStatus
	InstanceKind       string // CVM or LIGHTHOUSE; empty for managed instances
	CommandContent     string // Base64, before parameter substitution
	CommandType        string
	Parameters         string // as sent, hidden values masked; "" when none was sent
	DefaultParameters  string
	Username           string
	WorkingDirectory   string
	Timeout            uint64
	OutputCOSBucketURL string
	OutputCOSKeyPrefix string
	CreatedTime        time.Time
	EndTime            time.Time // zero until every task has ended
	Tasks              []TaskSnapshot
}

// TaskSnapshot is one instance's task of an invocation.
type TaskSnapshot struct {
	ID         string
	InstanceID string
	Status     string // TaskStatus
	ExitCode   int64
	Output     string // the kept output, decoded
	Dropped    uint64 // output bytes beyond what is kept
	StartTime  time.Time
	EndTime    time.Time // zero until known
	ErrorInfo  string    // why the script could not start, "" when it could
}

// Invocation returns the invocation with this ID as it is now.
func (s *Service) Invocation(id string) (InvocationSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	inv, ok := s.invocations.Get(id)
	if !ok {
		return InvocationSnapshot{}, false
	}
	return inv.snapshot(s.now()), true
}

// Invocations returns every invocation, oldest first, so a test can count
// how many times commands were run.
func (s *Service) Invocations() []InvocationSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	now := s.now()
	list := s.invocations.OldestFirst()
	out := make([]InvocationSnapshot, len(list))
	for i, inv := range list {
		out[i] = inv.snapshot(now)
	}
	return out
}

// DeleteInvocation forgets an invocation, its tasks and the invoker record
// of the firing that started it, as TAT does once they have aged out (see
// SetRecordRetention), whatever the clock says. A real run still under way
// is killed. It reports whether the invocation existed; one that has aged
// out already does not.
func (s *Service) DeleteInvocation(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireRecords()
	inv, ok := s.invocations.Get(id)
	if !ok {
		return false
	}
	for _, t := range inv.tasks {
		t.kill.KillProcess()
	}
	s.invocations.Delete(id)
	s.expireRecords()
	return true
}

func (inv *invocation) snapshot(now time.Time) InvocationSnapshot {
	st := inv.stateAt(now)
	out := InvocationSnapshot{
		ID: inv.id, CommandID: inv.commandID, CommandName: inv.commandName, Status: st.status,
		InstanceKind: reportedKind(inv.instanceKind), CommandContent: inv.content, CommandType: inv.commandType,
		Parameters: inv.parameters, DefaultParameters: inv.defaultParameters, Username: inv.username,
		WorkingDirectory: inv.workingDirectory, Timeout: inv.timeout,
		OutputCOSBucketURL: inv.cosBucketURL, OutputCOSKeyPrefix: inv.cosKeyPrefix,
		CreatedTime: inv.created, EndTime: st.endTime,
	}
	for i, t := range inv.tasks {
		ts := st.tasks[i]
		out.Tasks = append(out.Tasks, TaskSnapshot{
			ID: t.id, InstanceID: t.instanceID, Status: ts.status, ExitCode: ts.exitCode,
			Output: string(ts.output), Dropped: ts.dropped, StartTime: ts.startTime, EndTime: ts.endTime,
			ErrorInfo: ts.errorInfo,
		})
	}
	return out
}

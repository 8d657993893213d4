package alicloud

import (
	"slices"
	"strings"
	"time"
)

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

// CommandsNamed returns copies of the account's commands with this name, in
// any region, ordered by ID.
func (s *Service) CommandsNamed(name string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	var named []Command
	for _, cmd := range s.state.commands {
		if cmd.Name == name && cmd.Provider == "" {
			named = append(named, cmd.clone())
		}
	}
	slices.SortFunc(named, func(a, b Command) int { return strings.Compare(a.ID, b.ID) })
	return named
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

// InvocationSnapshot is an invocation as seen at the moment it was taken:
// statuses, times and output are those a Describe* request would have seen.
type InvocationSnapshot struct {
	ID              string
	RegionID        string
	CommandID       string
	CommandName     string
	CommandType     string
	CommandContent  string // decoded, before parameter substitution
	Parameters      string // the Parameters sent, as JSON; "{}" when none
	RepeatMode      string
	Frequency       string
	Timeout         int64
	WorkingDir      string
	Username        string
	ContainerID     string
	ContainerName   string
	Launcher        string
	TerminationMode string
	ResourceGroupID string
	Tags            []Tag
	Status          string // InvocationStatus
	InvokeStatus    string
	CreationTime    time.Time
	Instances       []InstanceRunSnapshot
}

// InstanceRunSnapshot is one instance's share of an invocation.
type InstanceRunSnapshot struct {
	InstanceID string
	Status     string // the instance's InvocationStatus
	ExitCode   int64
	Output     string // the kept output, decoded
	Dropped    uint64 // output bytes beyond what is kept
	Repeats    int
	ErrorCode  string
	ErrorInfo  string
	StartTime  time.Time // zero until known
	FinishTime time.Time
	StopTime   time.Time
}

// Invocation returns the invocation with this ID, in any region, as it is
// now.
func (s *Service) Invocation(id string) (InvocationSnapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireRecords()
	inv, ok := s.state.invocations.Get(id)
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
	s.expireRecords()
	now := s.now()
	list := s.state.invocations.OldestFirst()
	out := make([]InvocationSnapshot, len(list))
	for i, inv := range list {
		out[i] = inv.snapshot(now)
	}
	return out
}

// DeleteInvocation forgets an invocation, as the service does once its
// records have aged out (see SetRecordRetention), whatever the clock says.
// A real run still under way is killed. It reports whether the invocation
// existed; one that has aged out already does not.
func (s *Service) DeleteInvocation(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireRecords()
	inv, ok := s.state.invocations.Get(id)
	if !ok {
		return false
	}
	for _, t := range inv.tasks {
		t.kill.KillProcess()
	}
	s.state.invocations.Delete(id)
	return true
}

func (inv *invocation) snapshot(now time.Time) InvocationSnapshot {
	st := inv.stateAt(now)
	out := InvocationSnapshot{
		ID: inv.id, RegionID: inv.regionID, CommandID: inv.commandID, CommandName: inv.commandName,
		CommandType: inv.commandType, CommandContent: inv.content, Parameters: inv.parameters,
		RepeatMode: inv.repeatMode, Frequency: inv.frequency, Timeout: inv.timeout,
		WorkingDir: inv.workingDir, Username: inv.username, ContainerID: inv.containerID,
		ContainerName: inv.containerName, Launcher: inv.launcher, TerminationMode: inv.terminationMode,
		ResourceGroupID: inv.resourceGroupID, Tags: slices.Clone(inv.tags),
		Status: st.status, InvokeStatus: st.invokeStatus, CreationTime: inv.created,
	}
	for i, t := range inv.tasks {
		ts := st.tasks[i]
		out.Instances = append(out.Instances, InstanceRunSnapshot{
			InstanceID: t.instanceID, Status: ts.status, ExitCode: ts.exitCode,
			Output: string(ts.output), Dropped: ts.dropped, Repeats: ts.repeats,
			ErrorCode: ts.errorCode, ErrorInfo: ts.errorInfo,
			StartTime: ts.start, FinishTime: ts.finish, StopTime: ts.stop,
		})
	}
	return out
}

package tencent

import "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"

// Outcomes let a test decide how a task ends without writing a script for
// it, and missing directories let it see the agent refuse to start one.
// Both are looked up when an invocation is made, so changing them affects
// later invocations only. EXECUTION.md documents them for users.

// OutcomeMatch selects the tasks an Outcome applies to. An empty field
// matches any value, so the zero OutcomeMatch matches every task.
type OutcomeMatch = vendorkit.OutcomeMatch

// Outcome is how a matched task ends, in place of interpreting or executing
// its script: a Duration past the invocation's Timeout ends the task
// TIMEOUT at the Timeout, and NeverFinishes keeps it RUNNING until it is
// cancelled or reaches its Timeout.
type Outcome = vendorkit.Outcome

// missingDirectory is a working directory declared not to exist on an
// instance ("" for every instance).
type missingDirectory struct {
	instanceID string
	dir        string
}

// SetMissingDirectory declares that the working directory dir, written as
// an invocation would give it, does not exist on the instance, or on every
// instance when instanceID is "". A task that would run there ends
// START_FAILED, as the agent reports it, whatever would have run.
func (s *Service) SetMissingDirectory(instanceID, dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.missingDirs[missingDirectory{instanceID: instanceID, dir: dir}] = true
}

// ClearMissingDirectories makes every directory exist again.
func (s *Service) ClearMissingDirectories() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.missingDirs)
}

func (s *Service) directoryMissing(instanceID, dir string) bool {
	return s.missingDirs[missingDirectory{instanceID: instanceID, dir: dir}] ||
		s.missingDirs[missingDirectory{dir: dir}]
}

// missingDirectoryError is the ErrorInfo the TAT agent reports when the
// working directory does not exist.
func missingDirectoryError(dir string) string {
	return "DirectoryNotExists: working_directory `" + dir + "` not exists"
}

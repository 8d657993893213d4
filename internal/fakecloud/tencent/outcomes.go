package tencent

import (
	"math"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Outcomes let a test decide how a task ends without writing a script for
// it, and missing directories let it see the agent refuse to start one.
// Both are looked up when an invocation is made, so changing them affects
// later invocations only. EXECUTION.md documents them for users.

// OutcomeMatch selects the tasks an Outcome applies to. An empty field
// matches any value, so the zero OutcomeMatch matches every task.
type OutcomeMatch struct {
	InstanceID string
	CommandID  string
}

// Outcome is how a matched task ends, in place of interpreting or executing
// its script.
type Outcome struct {
	ExitCode int64
	// Output is printed at the start of the run, so it can be seen while the
	// task runs and after it is cancelled.
	Output string
	// Duration is how long the run takes. A Duration past the invocation's
	// Timeout ends the task TIMEOUT at the Timeout.
	Duration time.Duration
	// NeverFinishes keeps the task RUNNING until it is cancelled or reaches
	// its Timeout; ExitCode and Duration are then ignored.
	NeverFinishes bool
}

// SetOutcome makes the tasks that match end as outcome, replacing the
// outcome set before for the same match. When several outcomes match a
// task, the most specific wins: instance and command, then instance, then
// command, then the match of everything.
func (s *Service) SetOutcome(match OutcomeMatch, outcome Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outcomes[match] = outcome
}

// ClearOutcomes forgets every outcome, so scripts run again.
func (s *Service) ClearOutcomes() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.outcomes)
}

// outcomeFor returns the most specific outcome for a task, if any.
func (s *Service) outcomeFor(instanceID, commandID string) (Outcome, bool) {
	candidates := []OutcomeMatch{
		{InstanceID: instanceID, CommandID: commandID},
		{InstanceID: instanceID},
		{CommandID: commandID},
		{},
	}
	for _, m := range candidates {
		if o, ok := s.outcomes[m]; ok {
			return o, true
		}
	}
	return Outcome{}, false
}

// run is the outcome as the engine plays it out under timeout. The output
// is printed at once, kept and counted as the agent would.
func (o Outcome) run(timeout time.Duration) script.Run {
	duration := max(o.Duration, 0)
	if o.NeverFinishes {
		duration = time.Duration(math.MaxInt64)
	}
	return script.Ended([]byte(o.Output), 0, o.ExitCode, duration, timeout)
}

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

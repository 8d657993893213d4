package alicloud

import (
	"math"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Outcomes let a test decide how a run ends without writing a script for
// it. They are looked up when an invocation is made, so changing them
// affects later invocations only. EXECUTION.md documents them for users.

// OutcomeMatch selects the runs an Outcome applies to. An empty field
// matches any value, so the zero OutcomeMatch matches every run.
type OutcomeMatch struct {
	InstanceID string
	CommandID  string
}

// Outcome is how a matched run ends, in place of interpreting or executing
// its script.
type Outcome struct {
	ExitCode int64
	// Output is printed at the start of the run, so it can be seen while the
	// run goes on and after it is stopped.
	Output string
	// Duration is how long the run takes. A Duration past the invocation's
	// Timeout ends the run Timeout at the Timeout.
	Duration time.Duration
	// NeverFinishes keeps the run Running until it is stopped or reaches its
	// Timeout; ExitCode and Duration are then ignored.
	NeverFinishes bool
}

// SetOutcome makes the runs that match end as outcome, replacing the
// outcome set before for the same match. When several outcomes match a
// run, the most specific wins: instance and command, then instance, then
// command, then the match of everything.
func (s *Service) SetOutcome(match OutcomeMatch, outcome Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.outcomes[match] = outcome
}

// ClearOutcomes forgets every outcome, so scripts run again.
func (s *Service) ClearOutcomes() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.state.outcomes)
}

// outcomeFor returns the most specific outcome for a run, if any. Callers
// hold s.mu.
func (s *Service) outcomeFor(instanceID, commandID string) (Outcome, bool) {
	candidates := []OutcomeMatch{
		{InstanceID: instanceID, CommandID: commandID},
		{InstanceID: instanceID},
		{CommandID: commandID},
		{},
	}
	for _, m := range candidates {
		if o, ok := s.state.outcomes[m]; ok {
			return o, true
		}
	}
	return Outcome{}, false
}

// run is the outcome as the engine plays it out under timeout.
func (o Outcome) run(timeout time.Duration) script.Run {
	duration := max(o.Duration, 0)
	if o.NeverFinishes {
		duration = time.Duration(math.MaxInt64)
	}
	return script.Ended([]byte(o.Output), 0, o.ExitCode, duration, timeout)
}

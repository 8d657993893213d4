package vendorkit

import (
	"math"
	"sync"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Outcomes let a test decide how an instance's run ends without writing a
// script for it. They are looked up when an invocation is made, so changing
// them affects later invocations only.

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
	// run goes on and after it is cancelled or stopped.
	Output string
	// Duration is how long the run takes. A Duration past the invocation's
	// Timeout ends the run timed out at the Timeout.
	Duration time.Duration
	// NeverFinishes keeps the run going until it is cancelled or stopped, or
	// reaches its Timeout; ExitCode and Duration are then ignored.
	NeverFinishes bool
}

// Run is the outcome as an engine plays it out under timeout. The output is
// printed at once, kept and counted as the agent would.
func (o Outcome) Run(timeout time.Duration) script.Run {
	duration := max(o.Duration, 0)
	if o.NeverFinishes {
		duration = time.Duration(math.MaxInt64)
	}
	return script.Ended([]byte(o.Output), 0, o.ExitCode, duration, timeout)
}

// outcomeTable holds the outcomes a test has set, by match, under a lock of
// its own. The zero value is ready to use and matches nothing.
type outcomeTable struct {
	mu      sync.Mutex
	byMatch map[OutcomeMatch]Outcome
}

// Set makes the runs that match end as outcome, replacing the outcome set
// before for the same match.
func (o *outcomeTable) Set(match OutcomeMatch, outcome Outcome) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.byMatch == nil {
		o.byMatch = map[OutcomeMatch]Outcome{}
	}
	o.byMatch[match] = outcome
}

// Clear forgets every outcome, so scripts run again.
func (o *outcomeTable) Clear() {
	o.mu.Lock()
	defer o.mu.Unlock()
	clear(o.byMatch)
}

// For returns the most specific outcome for a run of the command on the
// instance, if any: instance and command, then instance, then command,
// then the match of everything.
func (o *outcomeTable) For(instanceID, commandID string) (Outcome, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	candidates := []OutcomeMatch{
		{InstanceID: instanceID, CommandID: commandID},
		{InstanceID: instanceID},
		{CommandID: commandID},
		{},
	}
	for _, m := range candidates {
		if out, ok := o.byMatch[m]; ok {
			return out, true
		}
	}
	return Outcome{}, false
}

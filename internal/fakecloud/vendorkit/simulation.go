package vendorkit

import (
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Simulation is how a fake service plays its cloud, set alike for both:
// the clock, the instances, how long status changes take, how scripts run
// and how many records are kept. Each service's Config embeds it beside
// what is the cloud's own (keys, timestamp skew).
type Simulation struct {
	Now       func() time.Time // the fake's clock; nil: the wall clock
	Realistic bool             // status changes take simulated time instead of happening at once
	Fleet     *fleet.Fleet     // the instances; nil: an empty fleet, where every instance is running
	// Executor runs scripts for real; nil means the interpreter. Outcomes
	// set with SetOutcome take precedence over both.
	Executor script.Executor
	// RecordRetention is how long an invocation is kept once it has
	// finished; zero means DefaultRecordRetention.
	RecordRetention time.Duration
	// MaxRecordTasks bounds the tasks kept (Records.Cap); zero means
	// MaxRecordTasks.
	MaxRecordTasks int
}

// WithDefaults returns the simulation with its nil Now and Fleet filled in:
// the wall clock, an empty fleet.
func (sim Simulation) WithDefaults() Simulation {
	if sim.Now == nil {
		sim.Now = time.Now
	}
	if sim.Fleet == nil {
		sim.Fleet = fleet.New()
	}
	return sim
}

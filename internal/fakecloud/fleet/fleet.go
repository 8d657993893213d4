// Package fleet declares the instances the fake endpoint knows about. An
// instance not declared is assumed to be running with an online agent, as
// long as its ID is well formed for its vendor; a fleet declares the
// exceptions, so every documented instance error can be produced.
package fleet

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// State is what the fake pretends about one instance.
type State string

// Instance states a fleet can declare.
const (
	Running           State = "running"             // running, agent online
	Stopped           State = "stopped"             // exists, not running
	AgentOffline      State = "agent-offline"       // running, agent offline
	AgentNotInstalled State = "agent-not-installed" // running, no agent
	NotFound          State = "not-found"           // does not exist
)

// States lists every valid State.
var States = []State{Running, Stopped, AgentOffline, AgentNotInstalled, NotFound}

// Instance declares one instance.
type Instance struct {
	ID    string `json:"id"`
	State State  `json:"state"`
	// Tags select instances for Alibaba Cloud's ResourceTag targeting.
	Tags map[string]string `json:"tags,omitempty"`
	// OnlineAfter, on an agent-offline instance, is how long after the
	// fleet's origin (the fake's start, on its clock) the agent comes
	// online: a new instance whose agent is still starting. Zero means
	// never. Its JSON form is a Go duration string, such as "30s".
	OnlineAfter Duration `json:"online_after,omitempty"`
	// Programs changes programs of the instance's simulated shell, by
	// name: one taken away, or one that fails, so scripts that check for
	// them can be tested.
	Programs Programs `json:"programs,omitempty"`
}

// Programs are the program changes of one instance, by program name.
type Programs map[string]Program

// Program is how one program of an instance's simulated shell differs
// from the stock one.
type Program struct {
	// Missing takes the program away: "command not found", exit code 127.
	Missing bool `json:"missing,omitempty"`
	// ExitCode, from 1 to 255, makes every run of the program fail with it.
	ExitCode int `json:"exit_code,omitempty"`
	// Output, with ExitCode, is what the failing program prints.
	Output string `json:"output,omitempty"`
}

// Duration is a time.Duration written in JSON as a Go duration string.
type Duration time.Duration

// MarshalJSON writes the duration as a string such as "30s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a Go duration string such as "30s" or "1m30s".
func (d *Duration) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("a duration is a string such as \"30s\": %w", err)
	}
	parsed, err := time.ParseDuration(text)
	if err != nil {
		return err
	}
	*d = Duration(parsed)
	return nil
}

// at is the instance as it is once elapsed has passed since the fleet's
// origin: an agent-offline instance whose OnlineAfter has passed is
// running with its agent online.
func (inst Instance) at(elapsed time.Duration) Instance {
	if inst.State == AgentOffline && inst.OnlineAfter > 0 && elapsed >= time.Duration(inst.OnlineAfter) {
		inst.State = Running
	}
	return inst
}

// Fleet is the set of declared instances. Its JSON form is the -fleet file of
// the standalone program:
//
//	{"instances": [{"id": "ins-down0001", "state": "stopped"},
//	               {"id": "rins-8dz6cwxx", "state": "agent-offline"},
//	               {"id": "ins-new00001", "state": "agent-offline", "online_after": "30s"},
//	               {"id": "i-web001", "state": "running", "tags": {"role": "web"}},
//	               {"id": "mi-hz018jrc1o0abcd", "state": "agent-not-installed"}]}
//
// IDs of every kind either vendor runs commands on may be declared: CVM
// (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances for Tencent
// Cloud, ECS (i-) and managed (mi-) instances for Alibaba Cloud. An ID
// malformed for its vendor is refused by that vendor whatever the fleet says.
//
// An agent-offline instance may declare online_after, a Go duration: its
// agent comes online that long after the fleet's origin, the moment the
// fake started (UseClock), measured on the fake's clock. Lookup, Tagged
// and All report each instance as it is at the clock's present time.
//
// A Fleet is safe for concurrent use.
type Fleet struct {
	mu        sync.Mutex
	instances []Instance
	now       func() time.Time
	origin    time.Time
}

type fleetFile struct {
	Instances []Instance `json:"instances"`
}

// New returns a fleet declaring the given instances.
func New(instances ...Instance) *Fleet {
	f := &Fleet{now: time.Now}
	f.origin = f.now()
	for _, inst := range instances {
		f.Set(inst)
	}
	return f
}

// Load reads and checks a fleet file.
func Load(path string) (*Fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file fleetFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("fleet file %s: %w", path, err)
	}
	for i, inst := range file.Instances {
		if inst.ID == "" {
			return nil, fmt.Errorf("fleet file %s: instance %d has no id", path, i)
		}
		if !validState(inst.State) {
			return nil, fmt.Errorf("fleet file %s: instance %s: state %q is not one of %v", path, inst.ID, inst.State, States)
		}
		if err := checkOnlineAfter(inst); err != nil {
			return nil, fmt.Errorf("fleet file %s: instance %s: %w", path, inst.ID, err)
		}
		if err := checkPrograms(inst.Programs); err != nil {
			return nil, fmt.Errorf("fleet file %s: instance %s: %w", path, inst.ID, err)
		}
	}
	return New(file.Instances...), nil
}

// checkOnlineAfter refuses an online_after that could never apply.
func checkOnlineAfter(inst Instance) error {
	switch {
	case inst.OnlineAfter < 0:
		return fmt.Errorf("online_after %s is negative", time.Duration(inst.OnlineAfter))
	case inst.OnlineAfter > 0 && inst.State != AgentOffline:
		return fmt.Errorf("online_after applies only to state %q, not %q", AgentOffline, inst.State)
	}
	return nil
}

// checkPrograms refuses a program change that says nothing or two things.
func checkPrograms(programs Programs) error {
	for name, p := range programs {
		switch {
		case name == "" || strings.ContainsAny(name, "/ \t"):
			return fmt.Errorf("program %q: a program is named without a directory or blanks", name)
		case p.ExitCode < 0 || p.ExitCode > 255:
			return fmt.Errorf("program %s: exit_code %d is not between 1 and 255", name, p.ExitCode)
		case p.Missing && (p.ExitCode != 0 || p.Output != ""):
			return fmt.Errorf("program %s: a missing program has no exit_code or output", name)
		case !p.Missing && p.ExitCode == 0:
			return fmt.Errorf("program %s: set missing, or an exit_code from 1 to 255", name)
		}
	}
	return nil
}

// Programs returns the program changes of the instance with this ID, nil
// when it declares none. A pointer keeps the requests that carry it
// comparable.
func (f *Fleet) Programs(id string) *Programs {
	inst, ok := f.Lookup(id)
	if !ok || len(inst.Programs) == 0 {
		return nil
	}
	return &inst.Programs
}

// UseClock makes the fleet tell time by now, and sets its origin, from
// which online_after counts, to now's present time. The fake calls it as
// it starts; a fleet never given a clock uses the wall clock from New.
func (f *Fleet) UseClock(now func() time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = now
	f.origin = now()
}

// elapsed is the time since the origin; f.mu must be held.
func (f *Fleet) elapsed() time.Duration { return f.now().Sub(f.origin) }

func validState(s State) bool {
	for _, v := range States {
		if s == v {
			return true
		}
	}
	return false
}

// Lookup returns the declared instance with this ID, if any, as it is now.
func (f *Fleet) Lookup(id string) (Instance, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, inst := range f.instances {
		if inst.ID == id {
			return inst.at(f.elapsed()), true
		}
	}
	return Instance{}, false
}

// All returns every declared instance as it is now, in declaration order.
func (f *Fleet) All() []Instance {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Instance, 0, len(f.instances))
	for _, inst := range f.instances {
		out = append(out, inst.at(f.elapsed()))
	}
	return out
}

// Set declares an instance, replacing an earlier declaration of the same ID.
func (f *Fleet) Set(inst Instance) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.instances {
		if f.instances[i].ID == inst.ID {
			f.instances[i] = inst
			return
		}
	}
	f.instances = append(f.instances, inst)
}

// Tagged returns the declared instances carrying every one of these tags.
func (f *Fleet) Tagged(tags map[string]string) []Instance {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Instance
	elapsed := f.elapsed()
	for _, inst := range f.instances {
		inst = inst.at(elapsed)
		match := true
		for k, v := range tags {
			if got, ok := inst.Tags[k]; !ok || got != v {
				match = false
				break
			}
		}
		if match {
			out = append(out, inst)
		}
	}
	return out
}

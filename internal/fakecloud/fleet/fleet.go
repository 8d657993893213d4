// Package fleet declares the instances the fake endpoint knows about. An
// instance not declared is assumed to be running with an online agent, as
// long as its ID is well formed for its vendor; a fleet declares the
// exceptions, so every documented instance error can be produced.
package fleet

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
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
}

// Fleet is the set of declared instances. Its JSON form is the -fleet file of
// the standalone program:
//
//	{"instances": [{"id": "ins-down0001", "state": "stopped"},
//	               {"id": "rins-8dz6cwxx", "state": "agent-offline"},
//	               {"id": "i-web001", "state": "running", "tags": {"role": "web"}},
//	               {"id": "mi-hz018jrc1o0abcd", "state": "agent-not-installed"}]}
//
// IDs of every kind either vendor runs commands on may be declared: CVM
// (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances for Tencent
// Cloud, ECS (i-) and managed (mi-) instances for Alibaba Cloud. An ID
// malformed for its vendor is refused by that vendor whatever the fleet says.
//
// A Fleet is safe for concurrent use.
type Fleet struct {
	mu        sync.Mutex
	instances []Instance
}

type fleetFile struct {
	Instances []Instance `json:"instances"`
}

// New returns a fleet declaring the given instances.
func New(instances ...Instance) *Fleet {
	f := &Fleet{}
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
	}
	return New(file.Instances...), nil
}

func validState(s State) bool {
	for _, v := range States {
		if s == v {
			return true
		}
	}
	return false
}

// Lookup returns the declared instance with this ID, if any.
func (f *Fleet) Lookup(id string) (Instance, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, inst := range f.instances {
		if inst.ID == id {
			return inst, true
		}
	}
	return Instance{}, false
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
	for _, inst := range f.instances {
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

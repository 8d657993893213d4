package fakecloud

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
)

// InstanceState is what the fake pretends about one instance.
type InstanceState string

// Instance states a fleet can declare. Any well-formed instance ID not in the
// fleet is InstanceRunning.
const (
	InstanceRunning           InstanceState = "running"       // running, agent online
	InstanceStopped           InstanceState = "stopped"       // exists, not running
	InstanceAgentOffline      InstanceState = "agent-offline" // running, agent offline
	InstanceAgentNotInstalled InstanceState = "agent-not-installed"
	InstanceNotFound          InstanceState = "not-found" // does not exist
)

var instanceStates = []InstanceState{InstanceRunning, InstanceStopped, InstanceAgentOffline, InstanceAgentNotInstalled, InstanceNotFound}

// FleetInstance declares one instance.
type FleetInstance struct {
	ID    string        `json:"id"`
	State InstanceState `json:"state"`
	// Tags are used by Alibaba Cloud's ResourceTag instance selection.
	Tags map[string]string `json:"tags,omitempty"`
}

// Fleet is the set of instances whose state differs from the default. Its
// JSON form is the -fleet file of the standalone program:
//
//	{"instances": [{"id": "ins-down0001", "state": "stopped"},
//	               {"id": "i-web001", "state": "running", "tags": {"role": "web"}}]}
type Fleet struct {
	Instances []FleetInstance `json:"instances"`
}

// LoadFleet reads and checks a fleet file.
func LoadFleet(path string) (*Fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f Fleet
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("fleet file %s: %w", path, err)
	}
	for i, inst := range f.Instances {
		if inst.ID == "" {
			return nil, fmt.Errorf("fleet file %s: instance %d has no id", path, i)
		}
		if !validInstanceState(inst.State) {
			return nil, fmt.Errorf("fleet file %s: instance %s: state %q is not one of %v", path, inst.ID, inst.State, instanceStates)
		}
	}
	return &f, nil
}

func validInstanceState(s InstanceState) bool {
	for _, v := range instanceStates {
		if s == v {
			return true
		}
	}
	return false
}

var (
	tencentInstanceID  = regexp.MustCompile(`^(ins|lhins)-[a-z0-9]{8}$`)
	alicloudInstanceID = regexp.MustCompile(`^i-[a-z0-9]{4,}$`)
)

// instanceState reports the state of an instance; the caller holds s.mu.
func (s *Server) instanceState(id string) InstanceState {
	for _, inst := range s.fleet.Instances {
		if inst.ID == id {
			return inst.State
		}
	}
	if tencentInstanceID.MatchString(id) || alicloudInstanceID.MatchString(id) {
		return InstanceRunning
	}
	return InstanceNotFound
}

// SetInstance declares (or re-declares) an instance's state.
func (s *Server) SetInstance(inst FleetInstance) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.fleet.Instances {
		if s.fleet.Instances[i].ID == inst.ID {
			s.fleet.Instances[i] = inst
			return
		}
	}
	s.fleet.Instances = append(s.fleet.Instances, inst)
}

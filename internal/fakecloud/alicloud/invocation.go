package alicloud

import (
	"cmp"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

// Repeat modes of an invocation.
const (
	repeatOnce           = "Once"
	repeatPeriod         = "Period"
	repeatNextRebootOnly = "NextRebootOnly"
	repeatEveryReboot    = "EveryReboot"
)

var repeatModes = []string{repeatOnce, repeatPeriod, repeatNextRebootOnly, repeatEveryReboot}

// fakeAccountID is what {{ACS::AccountId}} becomes: the fake has one
// account.
const fakeAccountID = "1234567890123456"

// invocation is one RunCommand or InvokeCommand call. It keeps the
// command's settings as they were when it was invoked, since the command
// may change or go later.
type invocation struct {
	id                  string
	regionID            string
	commandID           string
	commandName         string
	commandDescription  string
	commandType         string
	content             string // decoded, before parameter substitution
	parameters          string // the Parameters sent, as JSON; "{}" when none
	timeout             int64
	workingDir          string
	username            string
	windowsPasswordName string
	containerID         string
	containerName       string
	repeatMode          string
	frequency           string
	launcher            string
	terminationMode     string
	resourceGroupID     string
	tags                []Tag
	created             time.Time
	tasks               []*task
}

// invocationRequest is a checked RunCommand or InvokeCommand with every
// default filled in.
type invocationRequest struct {
	command     *Command
	regionID    string // where the run is; a common command is in every region
	instances   []targetInstance
	values      map[string]string // custom parameter values by lower-case name
	parameters  string
	timeout     int64
	username    string
	windowsPass string
	container   containerTarget
	schedule    schedule
	launcher    string
	termination string
	groupID     string
	tags        []Tag
}

// newInvocation starts a checked request: one task per instance, each
// laid out from now. Callers hold s.mu.
func (s *Service) newInvocation(r invocationRequest) *invocation {
	now := s.now()
	cmd := r.command
	inv := &invocation{
		id:                  newUniqueID("t-", func(id string) bool { _, taken := s.state.invocations.Get(id); return taken }),
		regionID:            cmp.Or(r.regionID, cmd.RegionID),
		commandID:           cmd.ID,
		commandName:         cmd.Name,
		commandDescription:  cmd.Description,
		commandType:         cmd.Type,
		content:             cmd.Content,
		parameters:          r.parameters,
		timeout:             r.timeout,
		workingDir:          cmd.WorkingDir,
		username:            r.username,
		windowsPasswordName: r.windowsPass,
		containerID:         r.container.id,
		containerName:       r.container.name,
		repeatMode:          r.schedule.mode,
		frequency:           r.schedule.frequency,
		launcher:            r.launcher,
		terminationMode:     r.termination,
		resourceGroupID:     r.groupID,
		tags:                r.tags,
		created:             now,
	}
	s.state.countInvocation(inv.regionID, now)
	for _, target := range r.instances {
		inv.tasks = append(inv.tasks, s.startTask(inv, r, target, now))
	}
	s.state.invocations.Add(inv.id, inv)
	return inv
}

// startTask creates the task of one instance, handing its script to the
// executor when nothing else decides how it runs.
func (s *Service) startTask(inv *invocation, r invocationRequest, target targetInstance, now time.Time) *task {
	t := s.scheduleTask(r.schedule, target, now)
	// The agent looks for the working directory before anything runs, so a
	// missing one stops even an outcome a test has set.
	if s.directoryMissing(target.id, inv) {
		t.failToStart(errorCodeDirectoryNotExists, errorInfoDirectoryNotExists, s.cfg.Realistic)
		return t
	}
	timeout := time.Duration(inv.timeout) * time.Second
	body := substitute(inv.content, r.values, builtinValues(inv, target.id))
	req := script.ExecRequest{
		InstanceID: target.id, Script: body, CommandType: inv.commandType,
		WorkingDirectory: inv.workingDir, Timeout: timeout, Programs: s.cfg.Fleet.Programs(target.id),
	}
	if run, ok := s.plannedRun(inv, req); ok {
		t.settle(run, s.cfg.Realistic)
		return t
	}
	if s.deferred != nil && (s.cfg.Executor == nil || inv.repeatMode != repeatOnce) {
		s.interpretLater(t, req)
		return t
	}
	s.startLive(t, req)
	return t
}

// scheduleTask lays out when the task's runs start; how long each lasts is
// left to settle.
func (s *Service) scheduleTask(sch schedule, target targetInstance, now time.Time) *task {
	t := &task{instanceID: target.id, created: now, delivered: now, aborted: target.unreachable}
	switch {
	case target.unreachable && s.cfg.Realistic:
		t.delivered = now.Add(deliveryWindow)
	case s.cfg.Realistic:
		t.delivered = now.Add(pendingTime)
	}
	t.firstStart, t.interval, t.scheduled = sch.firstRun(t.delivered)
	return t
}

// plannedRun is how the script runs on an instance when that is known
// without running it; false means the executor must run it. An outcome set
// by a test stands in for the script; then the executor, if there is one,
// runs one-time shell scripts; or else the interpreter works it out.
// Scheduled runs are always interpreted, since each run must go alike.
func (s *Service) plannedRun(inv *invocation, req script.ExecRequest) (script.Run, bool) {
	if outcome, ok := s.OutcomeFor(req.InstanceID, inv.commandID); ok {
		return outcome.Run(req.Timeout), true
	}
	if s.cfg.Executor != nil && inv.repeatMode == repeatOnce || s.deferred != nil {
		return script.Run{}, false
	}
	return script.Interpret(req), true
}

// builtinValues are the ACS:: parameters the service fills in itself, by
// lower-case name.
func builtinValues(inv *invocation, instanceID string) map[string]string {
	return map[string]string{
		"acs::instanceid":   instanceID,
		"acs::instancename": instanceID,
		"acs::regionid":     inv.regionID,
		"acs::accountid":    fakeAccountID,
		"acs::invokeid":     inv.id,
		"acs::commandid":    inv.commandID,
	}
}

// substitute fills in the {{name}} placeholders of content: custom ones
// from values, built-in ones from builtins, both by name without regard to
// case. A placeholder with no value is left as written.
func substitute(content string, values, builtins map[string]string) string {
	return placeholderPattern.ReplaceAllStringFunc(content, func(match string) string {
		name := strings.ToLower(strings.TrimSpace(match[2 : len(match)-2]))
		if v, ok := builtins[name]; ok {
			return v
		}
		if v, ok := values[name]; ok {
			return v
		}
		return match
	})
}

// invocationState is an invocation as seen at one moment.
type invocationState struct {
	status       string
	invokeStatus string
	tasks        []taskState // in the order of inv.tasks
}

func (inv *invocation) stateAt(now time.Time) invocationState {
	st := invocationState{}
	statuses := make([]string, 0, len(inv.tasks))
	for _, t := range inv.tasks {
		ts := t.stateAt(now)
		st.tasks = append(st.tasks, ts)
		statuses = append(statuses, ts.status)
	}
	st.status = invocationStatus(statuses)
	st.invokeStatus = invokeStatus(statuses)
	return st
}

// taskOn returns the invocation's task on an instance.
func (inv *invocation) taskOn(instanceID string) *task {
	for _, t := range inv.tasks {
		if t.instanceID == instanceID {
			return t
		}
	}
	return nil
}

// matchingInvocations lists the invocations the filter selects, newest
// first, as the Describe actions do, once those that have aged out are
// forgotten. Callers hold s.mu.
func (s *Service) matchingInvocations(f invocationFilter) []*invocation {
	s.expireRecords()
	return s.state.invocations.NewestFirst(f.matches)
}

// now reads the configured clock, in UTC.
func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// killDelay is how long the agent takes to stop a running script: a moment
// in realistic mode, none in instant mode.
func (s *Service) killDelay() time.Duration {
	if s.cfg.Realistic {
		return stoppingTime
	}
	return 0
}

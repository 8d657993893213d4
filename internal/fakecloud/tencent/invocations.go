package tencent

import (
	"regexp"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// invocationSourceUser marks invocations made through InvokeCommand, as
// opposed to those an invoker starts on a schedule (INVOKER).
const invocationSourceUser = "USER"

var (
	invocationIDPattern     = regexp.MustCompile(`^inv-[a-z0-9]{8}$`)
	invocationTaskIDPattern = regexp.MustCompile(`^invt-[a-z0-9]{8}$`)
)

// invocation is one InvokeCommand call. It keeps the command's settings as
// they were when it was invoked, since the command may change or go later.
type invocation struct {
	id                string
	region            string
	commandID         string
	commandName       string
	commandCreatedBy  string
	content           string // Base64, before parameter substitution
	commandType       string
	timeout           uint64
	workingDirectory  string
	username          string
	parameters        string // the Parameters sent, hidden values masked; "" when none
	defaultParameters string
	instanceKind      string
	cosBucketURL      string
	cosKeyPrefix      string
	source            string
	created           time.Time
	tasks             []*task
}

// invokeRequest is a checked InvokeCommand request with every default
// filled in from the command.
type invokeRequest struct {
	command      *Command
	instanceIDs  []string
	instanceKind string
	script       string // the content with parameters substituted
	parameters   string // as the invocation records them
	timeout      uint64
	username     string
	workingDir   string
	cosBucketURL string
	cosKeyPrefix string
}

func (s *Service) invokeCommand(p *tat.InvokeCommandRequestParams) (any, *apiError) {
	req, err := s.checkInvokeCommand(p)
	if err != nil {
		return nil, err
	}
	inv := s.newInvocation(req)
	s.invocations.Add(inv.id, inv)
	return invokeCommandResponse{InvocationID: inv.id}, nil
}

// checkInvokeCommand applies InvokeCommand's rules in the order TAT does:
// the form of each parameter, then the command, then the instances.
func (s *Service) checkInvokeCommand(p *tat.InvokeCommandRequestParams) (invokeRequest, *apiError) {
	if p.CommandId == nil {
		return invokeRequest{}, missingParameter("CommandId")
	}
	if err := validateCommandID(*p.CommandId); err != nil {
		return invokeRequest{}, err
	}
	instanceIDs, kind, err := invokeInstances(p.InstanceIds)
	if err != nil {
		return invokeRequest{}, err
	}
	if err := checkInvokeFields(p); err != nil {
		return invokeRequest{}, err
	}
	sent, err := sentParameters(p.Parameters)
	if err != nil {
		return invokeRequest{}, err
	}
	cmd, ok := s.commands[*p.CommandId]
	if !ok || !s.sees(cmd) {
		return invokeRequest{}, newError(codeCommandNotFound, "The command `%s` does not exist.", *p.CommandId)
	}
	if err := optional(p.WorkingDirectory, workingDirectoryFor(cmd.Type)); err != nil {
		return invokeRequest{}, err
	}
	req, err := newInvokeRequest(p, cmd, sent)
	if err != nil {
		return invokeRequest{}, err
	}
	if err := s.checkInstancesReady(instanceIDs); err != nil {
		return invokeRequest{}, err
	}
	req.instanceIDs, req.instanceKind = instanceIDs, kind
	return req, nil
}

func checkInvokeFields(p *tat.InvokeCommandRequestParams) *apiError {
	return firstError(
		optional(p.Timeout, validateTimeout),
		optional(p.Username, validateInvokeUsername),
		optional(p.WorkingDirectory, validateWorkingDirectory),
		optional(p.OutputCOSBucketUrl, validateCOSBucketURL),
		optional(p.OutputCOSKeyPrefix, validateCOSKeyPrefix),
	)
}

// newInvokeRequest settles what will run: the script with its parameters,
// and every setting the request leaves out taken from the command.
func newInvokeRequest(p *tat.InvokeCommandRequestParams, cmd *Command, sent []ParameterConf) (invokeRequest, *apiError) {
	template := decodeContent(cmd.Content)
	sentText := deref(p.Parameters)
	values, err := parameterValues(cmd, template, sentText, sent)
	if err != nil {
		return invokeRequest{}, err
	}
	return invokeRequest{
		command:      cmd,
		script:       substitute(template, values),
		parameters:   recordedParameters(template, sentText, sent),
		timeout:      valueOr(p.Timeout, cmd.Timeout),
		username:     nonEmptyOr(p.Username, cmd.Username),
		workingDir:   nonEmptyOr(p.WorkingDirectory, cmd.WorkingDirectory),
		cosBucketURL: nonEmptyOr(p.OutputCOSBucketUrl, cmd.OutputCOSBucketURL),
		cosKeyPrefix: nonEmptyOr(p.OutputCOSKeyPrefix, cmd.OutputCOSKeyPrefix),
	}, nil
}

// validateInvokeUsername applies the username rules of CreateCommand under
// the code InvokeCommand reports.
func validateInvokeUsername(username string) *apiError {
	if err := validateUsername(username); err != nil {
		return &apiError{Code: codeInvokeUsernameInvalid, Message: err.Message}
	}
	return nil
}

// newInvocation starts a checked request: one task per instance, each
// running the script from now.
func (s *Service) newInvocation(r invokeRequest) *invocation {
	return s.newInvocationAt(r, s.now(), invocationSourceUser)
}

// newInvocationAt starts a checked request as if made at now, by source
// (USER or INVOKER): an invoker's firing is laid out from its own time even
// when the fake only gets to it later.
func (s *Service) newInvocationAt(r invokeRequest, now time.Time, source string) *invocation {
	cmd := r.command
	inv := &invocation{
		id:                s.newID("inv-"),
		region:            s.region,
		commandID:         cmd.ID,
		commandName:       cmd.Name,
		commandCreatedBy:  cmd.CreatedBy,
		content:           cmd.Content,
		commandType:       cmd.Type,
		timeout:           r.timeout,
		workingDirectory:  r.workingDir,
		username:          r.username,
		parameters:        r.parameters,
		defaultParameters: cmd.DefaultParameters,
		instanceKind:      r.instanceKind,
		cosBucketURL:      r.cosBucketURL,
		cosKeyPrefix:      r.cosKeyPrefix,
		source:            source,
		created:           now,
	}
	for _, id := range r.instanceIDs {
		inv.tasks = append(inv.tasks, s.startTask(r, id, now))
	}
	return inv
}

// startTask creates the task of one instance, handing its script to the
// executor when nothing else decides how it runs.
func (s *Service) startTask(r invokeRequest, instanceID string, now time.Time) *task {
	id := s.newID("invt-")
	timeout := time.Duration(r.timeout) * time.Second
	req := ExecRequest{
		InstanceID: instanceID, Script: r.script, CommandType: r.command.Type,
		WorkingDirectory: r.workingDir, Timeout: timeout, Programs: s.cfg.Fleet.Programs(instanceID),
	}
	if run, ok := s.plannedRun(r, req); ok {
		return newTask(id, instanceID, run, now, s.cfg.Realistic)
	}
	t := scheduleTask(id, instanceID, now, s.cfg.Realistic)
	if s.cfg.Executor == nil {
		s.interpretLater(t, req)
		return t
	}
	s.startLive(t, req)
	return t
}

// plannedRun is how the script runs on an instance when that is known
// without running it; false means the executor must run it. The agent
// checks the working directory before it runs anything, so a missing one
// stops the script whatever would have run it; next, an outcome set by a
// test stands in for the script; then the executor, if there is one, runs
// it; or else the interpreter works it out.
func (s *Service) plannedRun(r invokeRequest, req ExecRequest) (script.Run, bool) {
	outcome, hasOutcome := s.OutcomeFor(req.InstanceID, r.command.ID)
	switch {
	case s.directoryMissing(req.InstanceID, r.workingDir):
		return script.Run{StartError: missingDirectoryError(r.workingDir)}, true
	case hasOutcome:
		return outcome.Run(req.Timeout), true
	case s.cfg.Executor != nil || s.deferred != nil:
		return script.Run{}, false
	}
	return script.Interpret(req), true
}

// invocationState is an invocation as seen at one moment.
type invocationState struct {
	status  string
	tasks   []taskState // in the order of inv.tasks
	endTime time.Time   // zero until every task has ended
	updated time.Time
}

func (inv *invocation) stateAt(now time.Time) invocationState {
	st := invocationState{updated: inv.created}
	statuses := make([]string, 0, len(inv.tasks))
	for _, t := range inv.tasks {
		ts := t.stateAt(now)
		st.tasks = append(st.tasks, ts)
		statuses = append(statuses, ts.status)
		st.updated = vendorkit.Later(st.updated, ts.updated)
		st.endTime = vendorkit.Later(st.endTime, ts.endTime)
	}
	st.status = invocationStatus(statuses)
	if !allOf(statuses, isTerminal) {
		st.endTime = time.Time{}
	}
	return st
}

// finished reports whether every task of the invocation has ended.
func (inv *invocation) finished(now time.Time) bool {
	for _, t := range inv.tasks {
		if !isTerminal(t.stateAt(now).status) {
			return false
		}
	}
	return true
}

// TaskCount is how many tasks the invocation has (vendorkit.Record).
func (inv *invocation) TaskCount() int { return len(inv.tasks) }

// EndedAt is when the invocation's last task ended, zero while one is
// under way (vendorkit.Record).
func (inv *invocation) EndedAt(now time.Time) time.Time { return inv.stateAt(now).endTime }

// commandExecuting reports whether an invocation of the command has a task
// that has not ended, which keeps the command from being deleted.
func (s *Service) commandExecuting(commandID string) bool {
	now := s.now()
	for inv := range s.invocations.All() {
		if inv.commandID == commandID && !inv.finished(now) {
			return true
		}
	}
	return false
}

// invocationsNewestFirst lists invocations the way DescribeInvocations does.
func (s *Service) invocationsNewestFirst() []*invocation {
	return s.invocations.NewestFirst(func(inv *invocation) bool { return s.inRegion(inv.region) })
}

func validateInvocationID(id string) *apiError {
	if !invocationIDPattern.MatchString(id) {
		return newError(codeInvalidInvocationID, "The InvocationId `%s` is malformed; invocation IDs look like inv-xxxxxxxx.", id)
	}
	return nil
}

func validateInvocationTaskID(id string) *apiError {
	if !invocationTaskIDPattern.MatchString(id) {
		return newError(codeInvalidInvocationTaskID, "The InvocationTaskId `%s` is malformed; invocation task IDs look like invt-xxxxxxxx.", id)
	}
	return nil
}

type invokeCommandResponse struct {
	InvocationID string `json:"InvocationId"`
}

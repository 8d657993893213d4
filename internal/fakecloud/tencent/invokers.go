package tencent

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Invokers run a command on a schedule (TAT CreateInvoker, DescribeInvokers,
// ModifyInvoker, DeleteInvoker, EnableInvoker, DisableInvoker). Their firings
// are in invoker_firing.go, DescribeInvokerRecords in invoker_records.go.

// Error codes of the invoker actions, as each action's page lists them.
const (
	codeInvalidInvokerID      = "InvalidParameterValue.InvalidInvokerId"
	codeInvalidCronExpression = "InvalidParameterValue.InvalidCronExpression"
	codeInvalidTimeFormat     = "InvalidParameterValue.InvalidTimeFormat"
	codeInvokeTimeExpired     = "InvalidParameterValue.InvokeTimeExpired"
	codeTooLarge              = "InvalidParameterValue.TooLarge"
	codeTooSmall              = "InvalidParameterValue.TooSmall"
	codeResourceNotFound      = "ResourceNotFound"
	codeCommandInInvoker      = "ResourceUnavailable.CommandInInvoker"
)

// Invoker rules (TAT CreateInvoker: Type SCHEDULE, ScheduleSettings.Policy
// ONCE or RECURRENCE, Name at most 120 characters, InstanceIds at most 100,
// Username at most 256 characters).
const (
	invokerTypeSchedule  = "SCHEDULE"
	policyOnce           = "ONCE"
	policyRecurrence     = "RECURRENCE"
	maxInvokerNameChars  = 120
	maxInvokerInstances  = 100
	maxInvokerUserChars  = 256
	invokerIDPrefix      = "ivk-"
	invokeTimeInputStyle = "YYYY-MM-DDThh:mm:ssZ or with an offset, such as 2021-09-01T00:00:00+08:00"
)

var invokerIDPattern = regexp.MustCompile(`^ivk-[a-z0-9]{8}$`)

// invoker is a scheduled run of a command on instances.
type invoker struct {
	id          string
	region      string
	name        string
	commandID   string
	username    string // "" runs as the command's user
	parameters  string // the JSON object text sent, "" for none
	instanceIDs []string
	enabled     bool
	schedule    invokerSchedule
	tags        []Tag
	created     time.Time
	updated     time.Time
	sequence    uint64

	// firedThrough is the moment up to which the schedule has been played:
	// every firing due at or before it has happened, or was skipped because
	// the invoker was disabled.
	firedThrough time.Time
	records      []*invokerRecord
}

// invokerSchedule is a checked ScheduleSettings.
type invokerSchedule struct {
	policy     string
	recurrence string        // RECURRENCE: the expression as sent
	cron       *cronSchedule // RECURRENCE: the expression parsed
	invokeTime time.Time     // ONCE: when it runs
}

func (s *Service) createInvoker(p *tat.CreateInvokerRequestParams) (any, *apiError) {
	ivk, err := s.checkCreateInvoker(p)
	if err != nil {
		return nil, err
	}
	s.invokers[ivk.id] = ivk
	return createInvokerResponse{InvokerID: ivk.id}, nil
}

// checkCreateInvoker applies CreateInvoker's rules: the form of each
// parameter, then the command and the instances. It returns the new
// invoker, enabled, whose schedule starts now.
func (s *Service) checkCreateInvoker(p *tat.CreateInvokerRequestParams) (*invoker, *apiError) {
	switch {
	case p.Name == nil:
		return nil, missingParameter("Name")
	case p.Type == nil:
		return nil, missingParameter("Type")
	case p.CommandId == nil:
		return nil, missingParameter("CommandId")
	case len(p.InstanceIds) == 0:
		return nil, missingParameter("InstanceIds")
	case p.ScheduleSettings == nil:
		return nil, missingParameter("ScheduleSettings")
	}
	now := s.now()
	fields := invokerFields{
		Name: p.Name, Type: p.Type, CommandID: p.CommandId, InstanceIDs: p.InstanceIds,
		Username: p.Username, Parameters: p.Parameters, Schedule: p.ScheduleSettings,
	}
	checked, err := s.checkInvokerFields(fields, "", now)
	if err != nil {
		return nil, err
	}
	tagList, err := tags(p.Tags)
	if err != nil {
		return nil, err
	}
	ivk := &invoker{
		id: s.newID(invokerIDPrefix), region: s.region, enabled: true, tags: tagList,
		created: now, updated: now, firedThrough: now, sequence: s.nextSequence(),
	}
	checked.applyTo(ivk)
	return ivk, nil
}

// invokerFields are the settable fields CreateInvoker and ModifyInvoker
// share. A nil field was not sent.
type invokerFields struct {
	Name        *string
	Type        *string
	CommandID   *string
	InstanceIDs []*string
	Username    *string
	Parameters  *string
	Schedule    *tat.ScheduleSettings
}

// checkedInvokerFields are invokerFields once checked; nil still means not
// sent.
type checkedInvokerFields struct {
	fields      invokerFields
	instanceIDs []string
	parameters  *string // normalized: an empty object is ""
	schedule    *invokerSchedule
}

// checkInvokerFields checks the fields that were sent: their form, then
// what depends on the service's state. currentCommand is the command the
// invoker runs now, "" for a new one.
func (s *Service) checkInvokerFields(f invokerFields, currentCommand string, now time.Time) (checkedInvokerFields, *apiError) {
	out, err := checkInvokerForm(f, now)
	if err != nil {
		return out, err
	}
	if f.CommandID != nil || out.parameters != nil {
		commandID := currentCommand
		setIfSent(&commandID, f.CommandID)
		cmd, err := s.findCommand(&commandID)
		if err != nil {
			return out, err
		}
		if deref(out.parameters) != "" && !cmd.EnableParameter {
			return out, newError(codeParameterDisabled, "Command %s was created with EnableParameter false; it takes no Parameters.", cmd.ID)
		}
	}
	return out, s.checkInstancesReady(out.instanceIDs)
}

// checkInvokerForm checks the form of each field that was sent.
func checkInvokerForm(f invokerFields, now time.Time) (checkedInvokerFields, *apiError) {
	out := checkedInvokerFields{fields: f}
	err := firstError(
		optional(f.Name, validateInvokerName),
		optional(f.Type, validateInvokerType),
		optional(f.CommandID, validateCommandID),
		optional(f.Username, validateInvokerUsername),
	)
	if err != nil {
		return out, err
	}
	if f.InstanceIDs != nil {
		if out.instanceIDs, err = invokerInstances(f.InstanceIDs); err != nil {
			return out, err
		}
	}
	if f.Parameters != nil {
		params, err := sentParameters(f.Parameters)
		if err != nil {
			return out, err
		}
		text := parameterObjectText(params)
		out.parameters = &text
	}
	if f.Schedule != nil {
		if out.schedule, err = checkSchedule(f.Schedule, now); err != nil {
			return out, err
		}
	}
	return out, nil
}

// applyTo copies the fields that were sent onto ivk.
func (c checkedInvokerFields) applyTo(ivk *invoker) {
	setIfSent(&ivk.name, c.fields.Name)
	setIfSent(&ivk.commandID, c.fields.CommandID)
	setIfSent(&ivk.username, c.fields.Username)
	setIfSent(&ivk.parameters, c.parameters)
	if c.instanceIDs != nil {
		ivk.instanceIDs = c.instanceIDs
	}
	if c.schedule != nil {
		ivk.schedule = *c.schedule
	}
}

func validateInvokerName(name string) *apiError {
	if name == "" {
		return newError(codeInvalidParameterValue, "Name must not be empty.")
	}
	if n := utf8.RuneCountInString(name); n > maxInvokerNameChars {
		return newError(codeTooLong, "Name must be at most %d characters, got %d.", maxInvokerNameChars, n)
	}
	return nil
}

func validateInvokerType(invokerType string) *apiError {
	if invokerType != invokerTypeSchedule {
		return newError(codeInvalidParameter, "Type must be SCHEDULE, the only invoker type, got `%s`.", invokerType)
	}
	return nil
}

func validateInvokerUsername(username string) *apiError {
	if n := utf8.RuneCountInString(username); n > maxInvokerUserChars {
		return newError(codeTooLong, "Username must be at most %d characters, got %d.", maxInvokerUserChars, n)
	}
	if strings.ContainsFunc(username, unicode.IsControl) {
		return newError(codeInvalidParameterValue, "Username must not contain control characters.")
	}
	return nil
}

func validateInvokerID(id string) *apiError {
	if !invokerIDPattern.MatchString(id) {
		return newError(codeInvalidInvokerID, "The InvokerId `%s` is malformed; invoker IDs look like ivk-xxxxxxxx.", id)
	}
	return nil
}

// invokerInstances checks an invoker's InstanceIds: 1 to 100 IDs, all of
// one kind, as for InvokeCommand.
func invokerInstances(ids []*string) ([]string, *apiError) {
	if len(ids) == 0 {
		return nil, missingParameter("InstanceIds")
	}
	list, err := instanceIDList(ids, maxInvokerInstances)
	if err != nil {
		return nil, err
	}
	for _, id := range list[1:] {
		if instanceKind(id) != instanceKind(list[0]) {
			return nil, newError(codeInconsistentInstance, "InstanceIds mixes instance types (%s, %s); an invoker targets CVM, Lighthouse or managed instances, one type.", list[0], id)
		}
	}
	return list, nil
}

// checkSchedule reads ScheduleSettings. A RECURRENCE schedule needs a cron
// expression, a ONCE schedule a time still to come; the field the policy
// does not use is ignored, as the service ignores it.
func checkSchedule(settings *tat.ScheduleSettings, now time.Time) (*invokerSchedule, *apiError) {
	if settings.Policy == nil {
		return nil, missingParameter("ScheduleSettings.Policy")
	}
	switch *settings.Policy {
	case policyRecurrence:
		expr := deref(settings.Recurrence)
		if expr == "" {
			return nil, missingParameter("ScheduleSettings.Recurrence")
		}
		cron, err := parseCron(expr)
		if err != nil {
			return nil, newError(codeInvalidCronExpression, "ScheduleSettings.Recurrence `%s` is not a valid crontab expression: %v.", expr, err)
		}
		return &invokerSchedule{policy: policyRecurrence, recurrence: expr, cron: cron}, nil
	case policyOnce:
		text := deref(settings.InvokeTime)
		if text == "" {
			return nil, missingParameter("ScheduleSettings.InvokeTime")
		}
		at, err := time.Parse(time.RFC3339, text)
		if err != nil {
			return nil, newError(codeInvalidTimeFormat, "ScheduleSettings.InvokeTime `%s` is not a time of the form %s.", text, invokeTimeInputStyle)
		}
		if !at.After(now) {
			return nil, newError(codeInvokeTimeExpired, "ScheduleSettings.InvokeTime %s has already passed; it is now %s.", formatTime(at), formatTime(now))
		}
		return &invokerSchedule{policy: policyOnce, invokeTime: at.UTC()}, nil
	}
	return nil, newError(codeInvalidParameter, "ScheduleSettings.Policy must be ONCE or RECURRENCE, got `%s`.", *settings.Policy)
}

// modifyInvoker checks the whole request before changing anything, so a
// rejected request leaves the invoker as it was. A new schedule counts
// from now: firings it would have had before are not made up.
func (s *Service) modifyInvoker(p *tat.ModifyInvokerRequestParams) (any, *apiError) {
	ivk, err := s.findInvoker(p.InvokerId)
	if err != nil {
		return nil, err
	}
	now := s.now()
	fields := invokerFields{
		Name: p.Name, Type: p.Type, CommandID: p.CommandId, InstanceIDs: p.InstanceIds,
		Username: p.Username, Parameters: p.Parameters, Schedule: p.ScheduleSettings,
	}
	checked, err := s.checkInvokerFields(fields, ivk.commandID, now)
	if err != nil {
		return nil, err
	}
	if p.Parameters == nil && p.CommandId != nil && ivk.parameters != "" && !s.commands[*p.CommandId].EnableParameter {
		// The invoker's parameters would stop every run of the new command.
		return nil, newError(codeParameterDisabled, "Command %s takes no Parameters, and the invoker has some; clear them in the same request.", *p.CommandId)
	}
	checked.applyTo(ivk)
	ivk.updated = now
	return struct{}{}, nil
}

func (s *Service) deleteInvoker(p *tat.DeleteInvokerRequestParams) (any, *apiError) {
	ivk, err := s.findInvoker(p.InvokerId)
	if err != nil {
		return nil, err
	}
	delete(s.invokers, ivk.id)
	return struct{}{}, nil
}

// enableInvoker starts the schedule again from now: firings missed while
// the invoker was disabled are not made up.
func (s *Service) enableInvoker(p *tat.EnableInvokerRequestParams) (any, *apiError) {
	return s.setInvokerEnabled(p.InvokerId, true)
}

func (s *Service) disableInvoker(p *tat.DisableInvokerRequestParams) (any, *apiError) {
	return s.setInvokerEnabled(p.InvokerId, false)
}

func (s *Service) setInvokerEnabled(id *string, enabled bool) (any, *apiError) {
	ivk, err := s.findInvoker(id)
	if err != nil {
		return nil, err
	}
	if ivk.enabled != enabled {
		ivk.enabled = enabled
		ivk.updated = s.now()
	}
	return struct{}{}, nil
}

func (s *Service) describeInvokers(p *tat.DescribeInvokersRequestParams) (any, *apiError) {
	match, err := idsOrFilters(p.InvokerIds, validateInvokerID, func(ivk *invoker) string { return ivk.id }, p.Filters, invokerFilter, invokerFilterValues)
	if err != nil {
		return nil, err
	}
	offset, limit, err := invokerPageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	now := s.now()
	total, set := listed(s.invokersNewestFirst(), match, offset, limit, func(ivk *invoker) invokerWire { return ivk.wire(now) })
	return describeInvokersResponse{TotalCount: total, InvokerSet: set}, nil
}

// invokerFilter returns the predicate for a DescribeInvokers filter name.
func invokerFilter(name string) (filterFunc[*invoker], bool) {
	switch name {
	case "invoker-id":
		return func(ivk *invoker, values []string) bool { return slices.Contains(values, ivk.id) }, true
	case "command-id":
		return func(ivk *invoker, values []string) bool { return slices.Contains(values, ivk.commandID) }, true
	case "invoker-type":
		return func(_ *invoker, values []string) bool { return slices.Contains(values, invokerTypeSchedule) }, true
	}
	return nil, false
}

var invokerFilterValues = map[string]func(string) *apiError{
	"invoker-id":   validateInvokerID,
	"command-id":   validateCommandID,
	"invoker-type": oneOf("invoker-type", invokerTypeSchedule),
}

// invokerPageBounds reads Offset and Limit as pageBounds does, with the
// codes the invoker actions report for a Limit out of range.
func invokerPageBounds(offset, limit *uint64) (int, int, *apiError) {
	switch size := valueOr(limit, defaultLimit); {
	case size < 1:
		return 0, 0, newError(codeTooSmall, "Limit must be at least 1, got %d.", size)
	case size > maxLimit:
		return 0, 0, newError(codeTooLarge, "Limit must be at most %d, got %d.", maxLimit, size)
	}
	return pageBounds(offset, limit)
}

// findInvoker resolves a request's InvokerId, telling a missing, a
// malformed and an unknown ID apart.
func (s *Service) findInvoker(id *string) (*invoker, *apiError) {
	if id == nil {
		return nil, missingParameter("InvokerId")
	}
	if err := validateInvokerID(*id); err != nil {
		return nil, err
	}
	ivk, ok := s.invokers[*id]
	if !ok || !s.inRegion(ivk.region) {
		return nil, newError(codeResourceNotFound, "The invoker `%s` does not exist.", *id)
	}
	return ivk, nil
}

// commandInInvoker reports whether an invoker runs the command, which keeps
// the command from being deleted.
func (s *Service) commandInInvoker(commandID string) (string, bool) {
	for _, ivk := range s.invokersNewestFirst() {
		if ivk.commandID == commandID {
			return ivk.id, true
		}
	}
	return "", false
}

func (s *Service) invokersNewestFirst() []*invoker {
	list := make([]*invoker, 0, len(s.invokers))
	for _, ivk := range s.invokers {
		if s.inRegion(ivk.region) {
			list = append(list, ivk)
		}
	}
	slices.SortFunc(list, func(a, b *invoker) int { return compareDescending(a.sequence, b.sequence) })
	return list
}

type createInvokerResponse struct {
	InvokerID string `json:"InvokerId"`
}

type describeInvokersResponse struct {
	TotalCount uint64        `json:"TotalCount"`
	InvokerSet []invokerWire `json:"InvokerSet"`
}

// invokerWire is TAT's Invoker structure.
type invokerWire struct {
	InvokerID        string               `json:"InvokerId"`
	Name             string               `json:"Name"`
	Type             string               `json:"Type"`
	CommandID        string               `json:"CommandId"`
	Username         string               `json:"Username"`
	Parameters       string               `json:"Parameters"`
	InstanceIDs      []string             `json:"InstanceIds"`
	Enable           bool                 `json:"Enable"`
	ScheduleSettings scheduleSettingsWire `json:"ScheduleSettings"`
	CreatedTime      string               `json:"CreatedTime"`
	UpdatedTime      string               `json:"UpdatedTime"`
	Tags             []tagWire            `json:"Tags"`
}

type scheduleSettingsWire struct {
	Policy     string `json:"Policy"`
	Recurrence string `json:"Recurrence"`
	InvokeTime string `json:"InvokeTime"`
}

// wire renders an invoker as DescribeInvokers returns it at now.
func (ivk *invoker) wire(now time.Time) invokerWire {
	return invokerWire{
		InvokerID:        ivk.id,
		Name:             ivk.name,
		Type:             invokerTypeSchedule,
		CommandID:        ivk.commandID,
		Username:         ivk.username,
		Parameters:       ivk.parameters,
		InstanceIDs:      slices.Clone(ivk.instanceIDs),
		Enable:           ivk.enabled,
		ScheduleSettings: ivk.scheduleWire(now),
		CreatedTime:      formatTime(ivk.created),
		UpdatedTime:      formatTime(ivk.updated),
		Tags:             tagsWire(ivk.tags),
	}
}

// scheduleWire is the schedule with its next execution time, which the SDK
// documents InvokeTime to be: a ONCE invoker's time as set, in UTC; for a
// RECURRENCE invoker the next time the expression matches, while it is
// enabled, else "".
func (ivk *invoker) scheduleWire(now time.Time) scheduleSettingsWire {
	sch := ivk.schedule
	out := scheduleSettingsWire{Policy: sch.policy, Recurrence: sch.recurrence}
	switch {
	case sch.policy == policyOnce:
		out.InvokeTime = formatTime(sch.invokeTime)
	case ivk.enabled:
		if next, ok := sch.cron.next(now); ok {
			out.InvokeTime = formatTime(next)
		}
	}
	return out
}

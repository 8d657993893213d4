package tencent

import (
	"encoding/base64"
	"slices"
	"strings"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// invocationTask is a task with the invocation it belongs to, the unit
// DescribeInvocationTasks selects and returns.
type invocationTask struct {
	inv  *invocation
	task *task
}

func (s *Service) describeInvocations(p *tat.DescribeInvocationsRequestParams) (any, *apiError) {
	match, err := idsOrFilters(p.InvocationIds, validateInvocationID, func(inv *invocation) string { return inv.id }, p.Filters, invocationFilter, invocationFilterValues)
	if err != nil {
		return nil, err
	}
	offset, limit, err := pageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	now := s.now()
	total, set := listed(s.invocationsNewestFirst(), match, offset, limit, func(inv *invocation) invocationWire { return inv.wire(now) })
	return describeInvocationsResponse{TotalCount: total, InvocationSet: set}, nil
}

// invocationFilter returns the predicate for a DescribeInvocations filter.
func invocationFilter(name string) (filterFunc[*invocation], bool) {
	switch name {
	case "invocation-id":
		return func(inv *invocation, values []string) bool { return slices.Contains(values, inv.id) }, true
	case "command-id":
		return func(inv *invocation, values []string) bool { return slices.Contains(values, inv.commandID) }, true
	case "command-created-by":
		return func(inv *invocation, values []string) bool { return slices.Contains(values, inv.commandCreatedBy) }, true
	case "instance-kind":
		return func(inv *invocation, values []string) bool { return slices.Contains(values, inv.instanceKind) }, true
	}
	return nil, false
}

// invocationFilterValues check the values of DescribeInvocations filters:
// an ID must be well formed and an enumeration one of its values.
var invocationFilterValues = map[string]func(string) *apiError{
	"invocation-id":      validateInvocationID,
	"command-id":         validateCommandID,
	"command-created-by": oneOf("command-created-by", createdByUser, "TAT"),
	"instance-kind":      oneOf("instance-kind", instanceKindCVM, instanceKindLighthouse),
}

func (s *Service) describeInvocationTasks(p *tat.DescribeInvocationTasksRequestParams) (any, *apiError) {
	match, err := idsOrFilters(p.InvocationTaskIds, validateInvocationTaskID, func(it invocationTask) string { return it.task.id }, p.Filters, invocationTaskFilter, invocationTaskFilterValues)
	if err != nil {
		return nil, err
	}
	offset, limit, err := pageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	var tasks []invocationTask
	for _, inv := range s.invocationsNewestFirst() {
		for _, t := range inv.tasks {
			tasks = append(tasks, invocationTask{inv: inv, task: t})
		}
	}
	now := s.now()
	hideOutput := valueOr(p.HideOutput, true)
	total, set := listed(tasks, match, offset, limit, func(it invocationTask) invocationTaskWire { return it.wire(now, hideOutput) })
	return describeInvocationTasksResponse{TotalCount: total, InvocationTaskSet: set}, nil
}

// invocationTaskFilter returns the predicate for a DescribeInvocationTasks
// filter.
func invocationTaskFilter(name string) (filterFunc[invocationTask], bool) {
	switch name {
	case "invocation-task-id":
		return func(it invocationTask, values []string) bool { return slices.Contains(values, it.task.id) }, true
	case "invocation-id":
		return func(it invocationTask, values []string) bool { return slices.Contains(values, it.inv.id) }, true
	case "instance-id":
		return func(it invocationTask, values []string) bool { return slices.Contains(values, it.task.instanceID) }, true
	case "command-id":
		return func(it invocationTask, values []string) bool { return slices.Contains(values, it.inv.commandID) }, true
	}
	return nil, false
}

var invocationTaskFilterValues = map[string]func(string) *apiError{
	"invocation-task-id": validateInvocationTaskID,
	"invocation-id":      validateInvocationID,
	"instance-id":        validateInstanceID,
	"command-id":         validateCommandID,
}

// oneOf accepts exactly the allowed values of a filter.
func oneOf(filterName string, allowed ...string) func(string) *apiError {
	return func(value string) *apiError {
		if slices.Contains(allowed, value) {
			return nil
		}
		return newError(codeInvalidFilter, "The filter `%s` takes %s, not `%s`.", filterName, strings.Join(allowed, " or "), value)
	}
}

type describeInvocationsResponse struct {
	TotalCount    uint64           `json:"TotalCount"`
	InvocationSet []invocationWire `json:"InvocationSet"`
}

type describeInvocationTasksResponse struct {
	TotalCount        uint64               `json:"TotalCount"`
	InvocationTaskSet []invocationTaskWire `json:"InvocationTaskSet"`
}

// invocationWire is TAT's Invocation structure. Every field is present;
// EndTime is null until every task has ended.
type invocationWire struct {
	InvocationID               string              `json:"InvocationId"`
	CommandID                  string              `json:"CommandId"`
	CommandName                string              `json:"CommandName"`
	InvocationStatus           string              `json:"InvocationStatus"`
	InvocationTaskBasicInfoSet []taskBasicInfoWire `json:"InvocationTaskBasicInfoSet"`
	Description                string              `json:"Description"`
	StartTime                  string              `json:"StartTime"`
	EndTime                    *string             `json:"EndTime"`
	CreatedTime                string              `json:"CreatedTime"`
	UpdatedTime                string              `json:"UpdatedTime"`
	Parameters                 string              `json:"Parameters"`
	DefaultParameters          string              `json:"DefaultParameters"`
	InstanceKind               string              `json:"InstanceKind"`
	Username                   string              `json:"Username"`
	InvocationSource           string              `json:"InvocationSource"`
	CommandContent             string              `json:"CommandContent"`
	CommandType                string              `json:"CommandType"`
	Timeout                    uint64              `json:"Timeout"`
	WorkingDirectory           string              `json:"WorkingDirectory"`
	OutputCOSBucketURL         string              `json:"OutputCOSBucketUrl"`
	OutputCOSKeyPrefix         string              `json:"OutputCOSKeyPrefix"`
}

type taskBasicInfoWire struct {
	InvocationTaskID string `json:"InvocationTaskId"`
	TaskStatus       string `json:"TaskStatus"`
	InstanceID       string `json:"InstanceId"`
}

// invocationTaskWire is TAT's InvocationTask structure. StartTime is null
// until the script starts and EndTime until the task ends.
type invocationTaskWire struct {
	InvocationID     string              `json:"InvocationId"`
	InvocationTaskID string              `json:"InvocationTaskId"`
	CommandID        string              `json:"CommandId"`
	TaskStatus       string              `json:"TaskStatus"`
	InstanceID       string              `json:"InstanceId"`
	TaskResult       taskResultWire      `json:"TaskResult"`
	StartTime        *string             `json:"StartTime"`
	EndTime          *string             `json:"EndTime"`
	CreatedTime      string              `json:"CreatedTime"`
	UpdatedTime      string              `json:"UpdatedTime"`
	CommandDocument  commandDocumentWire `json:"CommandDocument"`
	ErrorInfo        string              `json:"ErrorInfo"`
	InvocationSource string              `json:"InvocationSource"`
	CommandName      string              `json:"CommandName"`
}

type taskResultWire struct {
	ExitCode                 int64   `json:"ExitCode"`
	Output                   string  `json:"Output"`
	ExecStartTime            *string `json:"ExecStartTime"`
	ExecEndTime              *string `json:"ExecEndTime"`
	Dropped                  uint64  `json:"Dropped"`
	OutputURL                string  `json:"OutputUrl"`
	OutputUploadCOSErrorInfo string  `json:"OutputUploadCOSErrorInfo"`
}

type commandDocumentWire struct {
	Content            string `json:"Content"`
	CommandType        string `json:"CommandType"`
	Timeout            uint64 `json:"Timeout"`
	WorkingDirectory   string `json:"WorkingDirectory"`
	Username           string `json:"Username"`
	OutputCOSBucketURL string `json:"OutputCOSBucketUrl"`
	OutputCOSKeyPrefix string `json:"OutputCOSKeyPrefix"`
}

// wire renders an invocation as DescribeInvocations returns it at now. TAT
// starts an invocation when it is created, so StartTime is CreatedTime.
func (inv *invocation) wire(now time.Time) invocationWire {
	st := inv.stateAt(now)
	tasks := make([]taskBasicInfoWire, 0, len(inv.tasks))
	for i, t := range inv.tasks {
		tasks = append(tasks, taskBasicInfoWire{InvocationTaskID: t.id, TaskStatus: st.tasks[i].status, InstanceID: t.instanceID})
	}
	return invocationWire{
		InvocationID:               inv.id,
		CommandID:                  inv.commandID,
		CommandName:                inv.commandName,
		InvocationStatus:           st.status,
		InvocationTaskBasicInfoSet: tasks,
		StartTime:                  formatTime(inv.created),
		EndTime:                    nullableTime(st.endTime),
		CreatedTime:                formatTime(inv.created),
		UpdatedTime:                formatTime(st.updated),
		Parameters:                 inv.parameters,
		DefaultParameters:          inv.defaultParameters,
		InstanceKind:               reportedKind(inv.instanceKind),
		Username:                   inv.username,
		InvocationSource:           inv.source,
		CommandContent:             inv.content,
		CommandType:                inv.commandType,
		Timeout:                    inv.timeout,
		WorkingDirectory:           inv.workingDirectory,
		OutputCOSBucketURL:         inv.cosBucketURL,
		OutputCOSKeyPrefix:         inv.cosKeyPrefix,
	}
}

// wire renders a task as DescribeInvocationTasks returns it at now.
func (it invocationTask) wire(now time.Time, hideOutput bool) invocationTaskWire {
	inv, t := it.inv, it.task
	st := t.stateAt(now)
	return invocationTaskWire{
		InvocationID:     inv.id,
		InvocationTaskID: t.id,
		CommandID:        inv.commandID,
		TaskStatus:       st.status,
		InstanceID:       t.instanceID,
		TaskResult:       it.result(st, hideOutput),
		StartTime:        nullableTime(st.startTime),
		EndTime:          nullableTime(st.endTime),
		CreatedTime:      formatTime(t.created),
		UpdatedTime:      formatTime(st.updated),
		CommandDocument:  inv.document(),
		ErrorInfo:        st.errorInfo,
		InvocationSource: inv.source,
		CommandName:      inv.commandName,
	}
}

// result is the task's TaskResult. Output is hidden unless asked for, as
// TAT does by default; a task cancelled before it started has no run.
func (it invocationTask) result(st taskState, hideOutput bool) taskResultWire {
	r := taskResultWire{ExitCode: st.exitCode, Dropped: st.dropped, ExecStartTime: nullableTime(st.startTime)}
	if !hideOutput {
		r.Output = base64.StdEncoding.EncodeToString(st.output)
	}
	if st.ran() {
		r.ExecEndTime = nullableTime(st.endTime)
		r.OutputURL = it.outputURL()
	}
	return r
}

// outputURL is where the agent uploads the full output when the invocation
// names a COS bucket: <bucket>/<prefix>/<invocation>/<task>.log, as the TAT
// agent builds it, leaving out an empty prefix.
func (it invocationTask) outputURL() string {
	if it.inv.cosBucketURL == "" {
		return ""
	}
	parts := []string{strings.TrimSuffix(it.inv.cosBucketURL, "/")}
	if it.inv.cosKeyPrefix != "" {
		parts = append(parts, it.inv.cosKeyPrefix)
	}
	parts = append(parts, it.inv.id, it.task.id+".log")
	return strings.Join(parts, "/")
}

// document is the command as the invocation ran it.
func (inv *invocation) document() commandDocumentWire {
	return commandDocumentWire{
		Content:            inv.content,
		CommandType:        inv.commandType,
		Timeout:            inv.timeout,
		WorkingDirectory:   inv.workingDirectory,
		Username:           inv.username,
		OutputCOSBucketURL: inv.cosBucketURL,
		OutputCOSKeyPrefix: inv.cosKeyPrefix,
	}
}

// nullableTime renders a time that may not be known yet: null until it is.
func nullableTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := formatTime(t)
	return &s
}

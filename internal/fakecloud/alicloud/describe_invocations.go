package alicloud

import (
	"slices"
	"strconv"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Values of the InvokeStatus filter of DescribeInvocations.
var invokeStatusFilters = []string{recordRunning, recordFinished, recordFailed, statusPartialFailed, recordStopped}

// Values of the InvokeRecordStatus filter of DescribeInvocationResults.
var recordStatusFilters = []string{recordRunning, recordFinished, recordFailed, recordStopped}

// listing is a Describe* request's choice of page: PageNumber and PageSize,
// or MaxResults and NextToken when either is given. NextToken is the
// offset of the next result, which clients treat as opaque.
type listing struct {
	page
	tokens bool
	offset int
}

func listingFromParams(p params) (listing, error) {
	pg, err := pageFromParams(p)
	if err != nil {
		return listing{}, err
	}
	if !p.has("MaxResults") && !p.has("NextToken") {
		return listing{page: pg}, nil
	}
	size, err := p.int64Param("MaxResults", defaultPageSize)
	if err != nil || size < 1 || size > maxPageSize {
		return listing{}, errMaxResultsInvalid
	}
	l := listing{page: page{number: 1, size: size}, tokens: true}
	if token := p.get("NextToken"); token != "" {
		offset, err := strconv.Atoi(token)
		if err != nil || offset < 0 {
			return listing{}, errNextTokenInvalid
		}
		l.offset = offset
		l.number = int64(offset)/size + 1
	}
	return l, nil
}

// bounds returns the slice indexes of the listed results within total,
// and the NextToken to send back ("" on the last page).
func (l listing) bounds(total int) (start, end int, next string) {
	if !l.tokens {
		start, end = l.page.bounds(total)
		return start, end, ""
	}
	start = min(l.offset, total)
	end = min(start+int(l.size), total)
	if end < total {
		next = strconv.Itoa(end)
	}
	return start, end, next
}

// pageOf returns the results of found the listing asks for, and how the
// response describes the page. The results are never nil, so an empty page
// is sent as an empty list.
func pageOf[T any](l listing, found []T) ([]T, pageInfo) {
	start, end, next := l.bounds(len(found))
	page := pageInfo{TotalCount: int64(len(found)), PageNumber: l.number, PageSize: l.size, NextToken: next}
	return append([]T{}, found[start:end]...), page
}

// invocationFilter is what DescribeInvocations and DescribeInvocationResults
// select by, in the region the call is addressed to.
type invocationFilter struct {
	regionID                                      string
	invokeID, commandID, commandName, commandType string
	instanceID, repeatMode, groupID               string
	tags                                          []tagParam
}

// invocationsQueryFromCall reads what both Describe actions read first:
// the page asked for and which invocations.
func invocationsQueryFromCall(c *call) (listing, invocationFilter, error) {
	l, err := listingFromParams(c.params)
	if err != nil {
		return listing{}, invocationFilter{}, err
	}
	tags, err := parseTags(c.params)
	if err != nil {
		return listing{}, invocationFilter{}, err
	}
	p := c.params
	return l, invocationFilter{
		regionID: c.regionID(),
		invokeID: p.get("InvokeId"), commandID: p.get("CommandId"), commandName: p.get("CommandName"),
		commandType: p.get("CommandType"), instanceID: p.get("InstanceId"), repeatMode: p.get("RepeatMode"),
		groupID: p.get("ResourceGroupId"), tags: tags,
	}, nil
}

func (f invocationFilter) matches(inv *invocation) bool {
	equalOrUnset := func(filter, value string) bool { return filter == "" || filter == value }
	return inv.regionID == f.regionID && equalOrUnset(f.invokeID, inv.id) && equalOrUnset(f.commandID, inv.commandID) &&
		equalOrUnset(f.commandName, inv.commandName) && equalOrUnset(f.commandType, inv.commandType) &&
		equalOrUnset(f.repeatMode, inv.repeatMode) && equalOrUnset(f.groupID, inv.resourceGroupID) &&
		(f.instanceID == "" || inv.taskOn(f.instanceID) != nil) && hasTags(inv.tags, f.tags)
}

// timedFilter is DescribeInvocations' Timed filter. Timed=true selects the
// invocations that still wait to run again: those of a schedule or a
// reboot mode that have been neither stopped nor completed; Timed=false
// selects the others.
type timedFilter struct {
	set   bool
	timed bool
}

func timedFilterFromParams(p params) (timedFilter, error) {
	if p.get("Timed") == "" {
		return timedFilter{}, nil
	}
	timed, err := p.boolParam("Timed")
	return timedFilter{set: true, timed: timed}, err
}

func (f timedFilter) matches(inv *invocation, st invocationState) bool {
	if !f.set {
		return true
	}
	active := inv.repeatMode != repeatOnce && st.invokeStatus == recordRunning
	return active == f.timed
}

func (s *Service) describeInvocations(c *call) (any, error) {
	l, filter, err := invocationsQueryFromCall(c)
	if err != nil {
		return nil, err
	}
	includeOutput, err := c.params.boolParam("IncludeOutput")
	if err != nil {
		return nil, err
	}
	if includeOutput && filter.invokeID == "" && filter.instanceID == "" {
		return nil, errIncludeOutputNeedsTarget
	}
	status := c.params.get("InvokeStatus")
	if status != "" && !slices.Contains(invokeStatusFilters, status) {
		return nil, errInvalidParameter("InvokeStatus")
	}
	timed, err := timedFilterFromParams(c.params)
	if err != nil {
		return nil, err
	}
	view := invocationView{
		encoding:      contentEncoding(c.params.get("ContentEncoding"), encodingBase64),
		includeOutput: includeOutput,
		instanceID:    filter.instanceID,
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	matching := s.matchingInvocations(filter)
	now := s.now()
	var found []wireInvocation
	for _, inv := range matching {
		st := inv.stateAt(now)
		if (status == "" || st.invokeStatus == status) && timed.matches(inv, st) {
			found = append(found, view.invocation(inv, st))
		}
	}
	listed, page := pageOf(l, found)
	return describeInvocationsResponse{
		RequestID: c.requestID, pageInfo: page, Invocations: wireInvocations{Invocation: listed},
	}, nil
}

func (s *Service) describeInvocationResults(c *call) (any, error) {
	l, filter, err := invocationsQueryFromCall(c)
	if err != nil {
		return nil, err
	}
	// With IncludeHistory each run of a schedule is a result of its own;
	// the vendor asks for the scheduled invocation's InvokeId then.
	includeHistory, err := c.params.boolParam("IncludeHistory")
	if err != nil {
		return nil, err
	}
	if includeHistory && filter.invokeID == "" {
		return nil, errMissingParameter("InvokeId")
	}
	status := c.params.get("InvokeRecordStatus")
	if status != "" && !slices.Contains(recordStatusFilters, status) {
		return nil, errInvalidParameter("InvokeRecordStatus")
	}
	encoding := contentEncoding(c.params.get("ContentEncoding"), encodingBase64)
	// CommandName and CommandType are DescribeInvocations filters only.
	filter.commandName, filter.commandType = "", ""

	s.mu.Lock()
	defer s.mu.Unlock()
	matching := s.matchingInvocations(filter)
	now := s.now()
	var found []wireInvocationResult
	for _, inv := range matching {
		st := inv.stateAt(now)
		for i, t := range inv.tasks {
			if filter.instanceID != "" && t.instanceID != filter.instanceID {
				continue
			}
			runs := []taskState{st.tasks[i]}
			if includeHistory {
				runs = t.historyAt(now, st.tasks[i])
			}
			for _, ts := range runs {
				if status == "" || recordStatus(ts.status) == status {
					found = append(found, invocationResult(inv, t, ts, encoding))
				}
			}
		}
	}
	listed, page := pageOf(l, found)
	return describeInvocationResultsResponse{
		RequestID: c.requestID,
		Invocation: wireInvocationResultsPage{
			pageInfo: page, InvocationResults: wireInvocationResults{InvocationResult: listed},
		},
	}, nil
}

// invocationView is how DescribeInvocations shows invocations.
type invocationView struct {
	encoding      string
	includeOutput bool
	instanceID    string // when set, only this instance's run is shown
}

func (v invocationView) invocation(inv *invocation, st invocationState) wireInvocation {
	instances := []wireInvokeInstance{}
	for i, t := range inv.tasks {
		if v.instanceID != "" && t.instanceID != v.instanceID {
			continue
		}
		instances = append(instances, v.instance(inv, t, st.tasks[i]))
	}
	return wireInvocation{
		InvokeID:           inv.id,
		CommandID:          inv.commandID,
		CommandName:        inv.commandName,
		CommandType:        inv.commandType,
		CommandContent:     encodeContent(inv.content, v.encoding),
		CommandDescription: inv.commandDescription,
		Parameters:         inv.parameters,
		Timeout:            inv.timeout,
		WorkingDir:         inv.workingDir,
		Username:           inv.username,
		Frequency:          inv.frequency,
		RepeatMode:         inv.repeatMode,
		Timed:              inv.repeatMode != repeatOnce,
		CreationTime:       formatTime(inv.created),
		ContainerID:        inv.containerID,
		ContainerName:      inv.containerName,
		InvocationStatus:   st.status,
		InvokeStatus:       st.invokeStatus,
		Launcher:           inv.launcher,
		TerminationMode:    inv.terminationMode,
		Tags:               toWireTags(inv.tags),
		InvokeInstances:    wireInvokeInstances{InvokeInstance: instances},
	}
}

func (v invocationView) instance(inv *invocation, t *task, ts taskState) wireInvokeInstance {
	output := ""
	if v.includeOutput {
		output = encodeContent(string(ts.output), v.encoding)
	}
	return wireInvokeInstance{
		InstanceID:           t.instanceID,
		InvocationStatus:     ts.status,
		InstanceInvokeStatus: recordStatus(ts.status),
		ExitCode:             ts.exitCode,
		Output:               output,
		Dropped:              int64(ts.dropped),
		ErrorCode:            ts.errorCode,
		ErrorInfo:            ts.errorInfo,
		Repeats:              ts.repeats,
		Timed:                inv.repeatMode != repeatOnce,
		CreationTime:         formatTime(t.created),
		StartTime:            formatTime(ts.start),
		FinishTime:           formatTime(ts.finish),
		StopTime:             formatTime(ts.stop),
		UpdateTime:           formatTime(vendorkit.Later(t.created, ts.updated)),
	}
}

func invocationResult(inv *invocation, t *task, ts taskState, encoding string) wireInvocationResult {
	return wireInvocationResult{
		InvokeID:           inv.id,
		CommandID:          inv.commandID,
		InstanceID:         t.instanceID,
		InvocationStatus:   ts.status,
		InvokeRecordStatus: recordStatus(ts.status),
		ExitCode:           ts.exitCode,
		Output:             encodeContent(string(ts.output), encoding),
		Dropped:            int64(ts.dropped),
		ErrorCode:          ts.errorCode,
		ErrorInfo:          ts.errorInfo,
		Repeats:            ts.repeats,
		StartTime:          formatTime(ts.start),
		FinishedTime:       formatTime(ts.finish),
		StopTime:           formatTime(ts.stop),
		Username:           inv.username,
		ContainerID:        inv.containerID,
		ContainerName:      inv.containerName,
		Launcher:           inv.launcher,
		TerminationMode:    inv.terminationMode,
		Tags:               toWireTags(inv.tags),
	}
}

func toWireTags(tags []Tag) wireTags {
	out := make([]wireTag, len(tags))
	for i, tag := range tags {
		out[i] = wireTag{TagKey: tag.Key, TagValue: tag.Value}
	}
	return wireTags{Tag: out}
}

// formatTime renders a time the way the service does, to the second in
// UTC; a time not known yet is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(timestampLayout)
}

package tat

import (
	"context"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
	"golang.org/x/time/rate"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// errLost is a connection reset after the request went out: the client
// layer reports it as ambiguous and does not send a create again.
var errLost = &url.Error{Op: "Post", URL: "https://tat.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}

// lossyTAT is a TAT stand-in whose InvokeCommand, CreateCommand and
// CreateInvoker take effect, then lose their answers as many times as told.
type lossyTAT struct {
	conns.TATAPI
	mu          sync.Mutex
	lose        int // answers still to lose
	loseEffect  bool
	invokes     int
	creates     int
	invocations []*tat.Invocation // newest first
	commands    []*tat.Command
	// Invokers, newest first, how many CreateInvoker calls came, and the
	// filters of the last DescribeInvokers.
	invokers       []*tat.Invoker
	invokerCreates int
	invokerFilters []*tat.Filter
}

func (f *lossyTAT) InvokeCommandWithContext(_ context.Context, in *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invokes++
	lost := f.lose > 0
	if lost {
		f.lose--
		if f.loseEffect {
			return nil, errLost
		}
	}
	id := "inv-" + strings.Repeat(string(rune('a'+f.invokes)), 8)
	var tasks []*tat.InvocationTaskBasicInfo
	for _, instance := range in.InstanceIds {
		tasks = append(tasks, &tat.InvocationTaskBasicInfo{InstanceId: instance})
	}
	f.invocations = append([]*tat.Invocation{{
		InvocationId: &id, CommandId: in.CommandId, InvocationSource: flex.StringPtr("USER"),
		InvocationTaskBasicInfoSet: tasks, Parameters: in.Parameters, CreatedTime: nowText(),
	}}, f.invocations...)
	if lost {
		return nil, errLost
	}
	resp := tat.NewInvokeCommandResponse()
	resp.Response = &tat.InvokeCommandResponseParams{InvocationId: &id}
	return resp, nil
}

func (f *lossyTAT) DescribeInvocationsWithContext(context.Context, *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	resp := tat.NewDescribeInvocationsResponse()
	resp.Response = &tat.DescribeInvocationsResponseParams{InvocationSet: append([]*tat.Invocation(nil), f.invocations...)}
	return resp, nil
}

func (f *lossyTAT) CreateCommandWithContext(_ context.Context, in *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates++
	id := "cmd-" + strings.Repeat(string(rune('a'+f.creates)), 8)
	f.commands = append(f.commands, &tat.Command{CommandId: &id, CommandName: in.CommandName, Content: in.Content, CreatedTime: nowText()})
	if f.lose > 0 {
		f.lose--
		return nil, errLost
	}
	resp := tat.NewCreateCommandResponse()
	resp.Response = &tat.CreateCommandResponseParams{CommandId: &id}
	return resp, nil
}

func (f *lossyTAT) DescribeCommandsWithContext(context.Context, *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	resp := tat.NewDescribeCommandsResponse()
	resp.Response = &tat.DescribeCommandsResponseParams{CommandSet: append([]*tat.Command(nil), f.commands...)}
	return resp, nil
}

func (f *lossyTAT) CreateInvokerWithContext(_ context.Context, in *tat.CreateInvokerRequest) (*tat.CreateInvokerResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invokerCreates++
	lost := f.lose > 0
	if lost {
		f.lose--
		if f.loseEffect {
			return nil, errLost
		}
	}
	id := "ivk-" + strings.Repeat(string(rune('a'+f.invokerCreates)), 8)
	f.invokers = append([]*tat.Invoker{{
		InvokerId: &id, Name: in.Name, Type: flex.StringPtr("SCHEDULE"), CommandId: in.CommandId, InstanceIds: in.InstanceIds,
		Username: in.Username, Parameters: in.Parameters, Enable: flex.BoolPtr(true), ScheduleSettings: asTATReportsIt(in.ScheduleSettings),
		CreatedTime: nowText(),
	}}, f.invokers...)
	if lost {
		return nil, errLost
	}
	resp := tat.NewCreateInvokerResponse()
	resp.Response = &tat.CreateInvokerResponseParams{InvokerId: &id}
	return resp, nil
}

// asTATReportsIt is a schedule as DescribeInvokers reports it: a ONCE
// time in UTC, a RECURRENCE invoker with its next run in InvokeTime.
func asTATReportsIt(in *tat.ScheduleSettings) *tat.ScheduleSettings {
	out := &tat.ScheduleSettings{Policy: in.Policy, Recurrence: in.Recurrence, InvokeTime: nowText()}
	if at, ok := parseAPITime(in.InvokeTime); ok {
		out.InvokeTime = flex.StringPtr(at.UTC().Format(time.RFC3339))
	}
	return out
}

func (f *lossyTAT) DescribeInvokersWithContext(_ context.Context, in *tat.DescribeInvokersRequest) (*tat.DescribeInvokersResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invokerFilters = in.Filters
	resp := tat.NewDescribeInvokersResponse()
	resp.Response = &tat.DescribeInvokersResponseParams{InvokerSet: append([]*tat.Invoker(nil), f.invokers...)}
	return resp, nil
}

func (f *lossyTAT) invokerCalls() (creates int, filters []*tat.Filter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.invokerCreates, f.invokerFilters
}

func (f *lossyTAT) counts() (invokes, creates int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.invokes, f.creates
}

func nowText() *string { return flex.StringPtr(time.Now().UTC().Format(time.RFC3339)) }

func agoText(d time.Duration) *string {
	return flex.StringPtr(time.Now().Add(-d).UTC().Format(time.RFC3339))
}

func standInClient(api conns.TATAPI) *conns.TATClient {
	return conns.NewTATClientFromAPI(api, "ap-guangzhou", conns.WithBackOff(time.Millisecond, time.Millisecond),
		conns.WithDefaultRateLimit(conns.RateLimit{Rate: rate.Inf}))
}

func invokeRequest(instances ...string) *tat.InvokeCommandRequest {
	in := &tat.InvokeCommandRequest{CommandId: flex.StringPtr("cmd-12345678"), Parameters: flex.StringPtr(`{"who":"x"}`)}
	for _, id := range instances {
		in.InstanceIds = append(in.InstanceIds, flex.StringPtr(id))
	}
	return in
}

func TestInvokeOrAdoptAdoptsTheInvocationALostAnswerMade(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1}
	// An older run of the same command on the same instance is not ours.
	api.invocations = []*tat.Invocation{{
		InvocationId: flex.StringPtr("inv-old00000"), CommandId: flex.StringPtr("cmd-12345678"), InvocationSource: flex.StringPtr("USER"),
		InvocationTaskBasicInfoSet: []*tat.InvocationTaskBasicInfo{{InstanceId: flex.StringPtr("ins-1")}},
		Parameters:                 flex.StringPtr(`{"who":"x"}`), CreatedTime: agoText(time.Hour),
	}}
	id, adopted, err := invokeOrAdopt(context.Background(), standInClient(api), invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if invokes, _ := api.counts(); !adopted || id != "inv-bbbbbbbb" || invokes != 1 {
		t.Errorf("got %s (adopted %t) after %d InvokeCommand, want inv-bbbbbbbb adopted after 1", id, adopted, invokes)
	}
}

func TestInvokeOrAdoptSendsAgainWhenNothingRan(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1, loseEffect: true}
	id, adopted, err := invokeOrAdopt(context.Background(), standInClient(api), invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if invokes, _ := api.counts(); adopted || invokes != 2 || id != "inv-cccccccc" {
		t.Errorf("got %s (adopted %t) after %d InvokeCommand, want inv-cccccccc sent anew, 2 calls", id, adopted, invokes)
	}
}

func TestInvokeOrAdoptRefusesToGuessBetweenMatches(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1}
	// Someone else ran the same thing a moment ago.
	api.invocations = []*tat.Invocation{{
		InvocationId: flex.StringPtr("inv-other000"), CommandId: flex.StringPtr("cmd-12345678"), InvocationSource: flex.StringPtr("USER"),
		InvocationTaskBasicInfoSet: []*tat.InvocationTaskBasicInfo{{InstanceId: flex.StringPtr("ins-1")}},
		Parameters:                 flex.StringPtr(`{"who":"x"}`), CreatedTime: nowText(),
	}}
	_, _, err := invokeOrAdopt(context.Background(), standInClient(api), invokeRequest("ins-1"))
	if err == nil || !strings.Contains(err.Error(), "inv-other000") || !strings.Contains(err.Error(), "inv-bbbbbbbb") {
		t.Errorf("got %v, want an error naming both matches", err)
	}
	if invokes, _ := api.counts(); invokes != 1 {
		t.Errorf("InvokeCommand was sent %d times, want once", invokes)
	}
}

// Identical invocations of one provider take turns, and one never adopts
// what another made: the earlier one's invocation is claimed.
func TestInvokeOrAdoptPassesOverClaimedInvocations(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{}
	client := standInClient(api)
	first, _, err := invokeOrAdopt(context.Background(), client, invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	api.mu.Lock()
	api.lose = 1
	api.mu.Unlock()
	second, adopted, err := invokeOrAdopt(context.Background(), client, invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if !adopted || second == first {
		t.Errorf("the second create got %s (adopted %t), want its own invocation, not %s", second, adopted, first)
	}
}

func TestCreateCommandOrAdopt(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1}
	in := &tat.CreateCommandRequest{CommandName: flex.StringPtr("deploy"), Content: flex.EncodeContent("echo hi")}
	id, adopted, err := createCommandOrAdopt(context.Background(), standInClient(api), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, creates := api.counts(); !adopted || id != "cmd-bbbbbbbb" || creates != 1 {
		t.Errorf("got %s (adopted %t) after %d CreateCommand, want cmd-bbbbbbbb adopted after 1", id, adopted, creates)
	}
}

func TestInvocationMatches(t *testing.T) {
	t.Parallel()
	base := func() *tat.Invocation {
		return &tat.Invocation{
			InvocationId: flex.StringPtr("inv-1"), CommandId: flex.StringPtr("cmd-12345678"), InvocationSource: flex.StringPtr("USER"),
			InvocationTaskBasicInfoSet: []*tat.InvocationTaskBasicInfo{{InstanceId: flex.StringPtr("ins-2")}, {InstanceId: flex.StringPtr("ins-1")}},
			Parameters:                 flex.StringPtr(`{"who": "x"}`), Username: flex.StringPtr("root"), Timeout: uint64Ptr(60),
		}
	}
	in := invokeRequest("ins-1", "ins-2")
	cases := map[string]struct {
		change func(*tat.Invocation)
		want   bool
	}{
		"same request, instances in another order": {func(*tat.Invocation) {}, true},
		"another command":                          {func(i *tat.Invocation) { i.CommandId = flex.StringPtr("cmd-87654321") }, false},
		"run by an invoker":                        {func(i *tat.Invocation) { i.InvocationSource = flex.StringPtr("INVOKER") }, false},
		"fewer instances":                          {func(i *tat.Invocation) { i.InvocationTaskBasicInfoSet = i.InvocationTaskBasicInfoSet[:1] }, false},
		"other parameters":                         {func(i *tat.Invocation) { i.Parameters = flex.StringPtr(`{"who":"y"}`) }, false},
		"no parameters":                            {func(i *tat.Invocation) { i.Parameters = nil }, false},
	}
	for name, tc := range cases {
		inv := base()
		tc.change(inv)
		if got := invocationMatches(inv, in); got != tc.want {
			t.Errorf("%s: invocationMatches = %t, want %t", name, got, tc.want)
		}
	}
	withTimeout := invokeRequest("ins-1", "ins-2")
	withTimeout.Timeout = uint64Ptr(30)
	if invocationMatches(base(), withTimeout) {
		t.Error("an invocation with another timeout than the request set matched")
	}
	withUser := invokeRequest("ins-1", "ins-2")
	withUser.Username = flex.StringPtr("root")
	if !invocationMatches(base(), withUser) {
		t.Error("an invocation with the username the request set did not match")
	}
}

func TestSameParameters(t *testing.T) {
	t.Parallel()
	p := flex.StringPtr
	cases := []struct {
		a, b *string
		want bool
	}{
		{nil, nil, true},
		{nil, p(""), true},
		{p("{}"), nil, true},
		{p(`{"a":"1","b":"2"}`), p(`{"b": "2", "a": "1"}`), true},
		{p(`{"a":"1"}`), p(`{"a":"2"}`), false},
		{p(`{"a":"1"}`), nil, false},
		{p(`not json`), p(`not json`), false},
	}
	for _, tc := range cases {
		if got := sameParameters(tc.a, tc.b); got != tc.want {
			t.Errorf("sameParameters(%v, %v) = %t, want %t", flex.StringValue(tc.a), flex.StringValue(tc.b), got, tc.want)
		}
	}
}

// invokerRequest is a ONCE invoker written in UTC+8, as a configuration
// may, while TAT reports the time in UTC.
func invokerRequest(instances ...string) *tat.CreateInvokerRequest {
	in := &tat.CreateInvokerRequest{
		Name: flex.StringPtr("nightly"), Type: flex.StringPtr("SCHEDULE"), CommandId: flex.StringPtr("cmd-12345678"),
		Parameters: flex.StringPtr(`{"who":"x"}`),
		ScheduleSettings: &tat.ScheduleSettings{
			Policy: flex.StringPtr("ONCE"), InvokeTime: flex.StringPtr("2031-09-01T03:00:00+08:00"),
		},
	}
	in.InstanceIds = stringPointers(instances)
	return in
}

// olderInvoker is an invoker just like invokerRequest's, made an hour ago:
// someone else's, never to be adopted.
func olderInvoker() *tat.Invoker {
	return &tat.Invoker{
		InvokerId: flex.StringPtr("ivk-old00000"), Name: flex.StringPtr("nightly"), Type: flex.StringPtr("SCHEDULE"),
		CommandId: flex.StringPtr("cmd-12345678"), InstanceIds: []*string{flex.StringPtr("ins-1")},
		Parameters: flex.StringPtr(`{"who":"x"}`), Enable: flex.BoolPtr(true),
		ScheduleSettings: &tat.ScheduleSettings{Policy: flex.StringPtr("ONCE"), InvokeTime: flex.StringPtr("2031-08-31T19:00:00Z")},
		CreatedTime:      agoText(time.Hour),
	}
}

func TestCreateInvokerOrAdoptAdoptsTheInvokerALostAnswerMade(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1}
	api.invokers = []*tat.Invoker{olderInvoker()}
	id, adopted, err := createInvokerOrAdopt(context.Background(), standInClient(api), invokerRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	creates, filters := api.invokerCalls()
	if !adopted || id != "ivk-bbbbbbbb" || creates != 1 {
		t.Errorf("got %s (adopted %t) after %d CreateInvoker, want ivk-bbbbbbbb adopted after 1", id, adopted, creates)
	}
	// The search asks for the request's command only.
	if len(filters) != 1 || flex.StringValue(filters[0].Name) != "command-id" ||
		len(filters[0].Values) != 1 || flex.StringValue(filters[0].Values[0]) != "cmd-12345678" {
		t.Errorf("DescribeInvokers filters %s, want command-id cmd-12345678", describeFilters(filters))
	}
}

// An identical invoker created before the request is not what it made:
// with nothing new found, the request is sent again.
func TestCreateInvokerOrAdoptSendsAgainWhenNothingWasMade(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1, loseEffect: true}
	api.invokers = []*tat.Invoker{olderInvoker()}
	id, adopted, err := createInvokerOrAdopt(context.Background(), standInClient(api), invokerRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if creates, _ := api.invokerCalls(); adopted || creates != 2 || id != "ivk-cccccccc" {
		t.Errorf("got %s (adopted %t) after %d CreateInvoker, want ivk-cccccccc sent anew, 2 calls", id, adopted, creates)
	}
}

func TestCreateInvokerOrAdoptRefusesToGuessBetweenMatches(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{lose: 1}
	other := olderInvoker()
	other.InvokerId, other.CreatedTime = flex.StringPtr("ivk-other000"), nowText()
	api.invokers = []*tat.Invoker{other}
	_, _, err := createInvokerOrAdopt(context.Background(), standInClient(api), invokerRequest("ins-1"))
	if err == nil || !strings.Contains(err.Error(), "ivk-other000") || !strings.Contains(err.Error(), "ivk-bbbbbbbb") {
		t.Errorf("got %v, want an error naming both matches", err)
	}
	if creates, _ := api.invokerCalls(); creates != 1 {
		t.Errorf("CreateInvoker was sent %d times, want once", creates)
	}
}

// Two identical invokers of one provider: the second, whose answer is
// lost, adopts its own invoker and not the first one's.
func TestCreateInvokerOrAdoptPassesOverClaimedInvokers(t *testing.T) {
	t.Parallel()
	api := &lossyTAT{}
	client := standInClient(api)
	first, _, err := createInvokerOrAdopt(context.Background(), client, invokerRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	api.mu.Lock()
	api.lose = 1
	api.mu.Unlock()
	second, adopted, err := createInvokerOrAdopt(context.Background(), client, invokerRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if !adopted || second == first {
		t.Errorf("the second create got %s (adopted %t), want its own invoker, not %s", second, adopted, first)
	}
}

func TestInvokerMatches(t *testing.T) {
	t.Parallel()
	base := func() *tat.Invoker {
		ivk := olderInvoker()
		ivk.InstanceIds = []*string{flex.StringPtr("ins-2"), flex.StringPtr("ins-1")}
		ivk.Parameters = flex.StringPtr(`{ "who": "x" }`)
		ivk.Username = flex.StringPtr("root")
		return ivk
	}
	in := invokerRequest("ins-1", "ins-2")
	cases := map[string]struct {
		change func(*tat.Invoker)
		want   bool
	}{
		"same request, instances in another order, time in UTC": {func(*tat.Invoker) {}, true},
		"another name":     {func(i *tat.Invoker) { i.Name = flex.StringPtr("weekly") }, false},
		"another command":  {func(i *tat.Invoker) { i.CommandId = flex.StringPtr("cmd-87654321") }, false},
		"fewer instances":  {func(i *tat.Invoker) { i.InstanceIds = i.InstanceIds[:1] }, false},
		"other parameters": {func(i *tat.Invoker) { i.Parameters = flex.StringPtr(`{"who":"y"}`) }, false},
		"no parameters":    {func(i *tat.Invoker) { i.Parameters = nil }, false},
		"another time":     {func(i *tat.Invoker) { i.ScheduleSettings.InvokeTime = flex.StringPtr("2031-08-31T20:00:00Z") }, false},
		"another policy":   {func(i *tat.Invoker) { i.ScheduleSettings.Policy = flex.StringPtr("RECURRENCE") }, false},
		"no schedule":      {func(i *tat.Invoker) { i.ScheduleSettings = nil }, false},
		"another type":     {func(i *tat.Invoker) { i.Type = flex.StringPtr("EVENT") }, false},
		"no ID":            {func(i *tat.Invoker) { i.InvokerId = nil }, false},
	}
	for name, tc := range cases {
		ivk := base()
		tc.change(ivk)
		if got := invokerMatches(ivk, in); got != tc.want {
			t.Errorf("%s: invokerMatches = %t, want %t", name, got, tc.want)
		}
	}
	if invokerMatches(nil, in) {
		t.Error("a nil invoker matched")
	}
	withUser := invokerRequest("ins-1", "ins-2")
	withUser.Username = flex.StringPtr("admin")
	if invokerMatches(base(), withUser) {
		t.Error("an invoker with another username than the request set matched")
	}
}

// A RECURRENCE invoker is matched on its expression: the InvokeTime TAT
// reports is its next run, which the request never set.
func TestInvokerMatchesRecurrence(t *testing.T) {
	t.Parallel()
	in := invokerRequest("ins-1")
	in.ScheduleSettings = &tat.ScheduleSettings{Policy: flex.StringPtr("RECURRENCE"), Recurrence: flex.StringPtr("0 3 * * *")}
	ivk := olderInvoker()
	ivk.ScheduleSettings = &tat.ScheduleSettings{
		Policy: flex.StringPtr("RECURRENCE"), Recurrence: flex.StringPtr("0  3 * * *"), InvokeTime: flex.StringPtr("2031-08-31T19:00:00Z"),
	}
	if !invokerMatches(ivk, in) {
		t.Error("the same RECURRENCE schedule, with its next run reported, did not match")
	}
	ivk.ScheduleSettings.Recurrence = flex.StringPtr("0 4 * * *")
	if invokerMatches(ivk, in) {
		t.Error("another cron expression matched")
	}
}

func describeFilters(filters []*tat.Filter) string {
	var parts []string
	for _, f := range filters {
		if f != nil {
			parts = append(parts, flex.StringValue(f.Name)+"="+strings.Join(sortedValues(f.Values), ","))
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

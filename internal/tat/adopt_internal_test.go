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

// lossyTAT is a TAT stand-in whose InvokeCommand and CreateCommand take
// effect, then lose their answers as many times as told.
type lossyTAT struct {
	conns.TATAPI
	mu          sync.Mutex
	lose        int // answers still to lose
	loseEffect  bool
	invokes     int
	creates     int
	invocations []*tat.Invocation // newest first
	commands    []*tat.Command
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

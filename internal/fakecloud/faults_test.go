package fakecloud

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

func wantTencentSDKCode(t *testing.T, err error, code string) {
	t.Helper()
	var sdkErr *tcerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || sdkErr.Code != code {
		t.Fatalf("error = %v, want a TencentCloudSDKError with code %s", err, code)
	}
}

func wantAlicloudSDKError(t *testing.T, err error, code string, status int) {
	t.Helper()
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) || tea.StringValue(sdkErr.Code) != code || tea.IntValue(sdkErr.StatusCode) != status {
		t.Fatalf("error = %v, want a tea.SDKError with code %s and status %d", err, code, status)
	}
}

// wantNoResponse checks that a call failed without any API error: the
// connection was closed under it.
func wantNoResponse(t *testing.T, err error) {
	t.Helper()
	var tcErr *tcerrors.TencentCloudSDKError
	var aliErr *tea.SDKError
	switch {
	case err == nil:
		t.Fatal("the call succeeded, want the connection dropped")
	case errors.As(err, &tcErr) && !strings.HasPrefix(tcErr.Code, "ClientError."):
		t.Fatalf("error = %v, want a network error, not an API error", err)
	case errors.As(err, &aliErr) && tea.IntValue(aliErr.StatusCode) != 0:
		t.Fatalf("error = %v, want a network error, not an API error", err)
	}
}

func wantCount(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %d, want %d", what, got, want)
	}
}

// TestFaults_throttleTencent proves an injected TAT throttle is the exact
// shape the SDK recognises, and that the service never sees the request.
func TestFaults_throttleTencent(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	client := tatClient(t, fake)
	commandID := createTATCommand(t, client)
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", Throttle: 1})

	_, err := invokeTAT(client, commandID)
	wantTencentSDKCode(t, err, "RequestLimitExceeded")

	r := mustReply(t)(rawTencent(t, fake, "InvokeCommand"))
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" {
		t.Errorf("status %d, Content-Type %q; want 200, application/json (TAT reports errors in a 200 envelope)", r.status, r.header.Get("Content-Type"))
	}
	if code := tencentErrorCode(t, r.body); code != "RequestLimitExceeded" {
		t.Errorf("code = %q, want RequestLimitExceeded", code)
	}

	wantCount(t, "invocations", len(fake.Tencent().Invocations()), 0)
	wantCount(t, "InvokeCommand requests the service saw", fake.Tencent().RequestCount("InvokeCommand"), 0)
	c := fake.Counters()
	wantCount(t, "requests", c.Request(VendorTencent, "InvokeCommand"), 2)
	wantCount(t, "throttles", c.Fault(VendorTencent, FaultThrottle), 2)
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 0)
	wantCount(t, "CreateCommand effects", c.Effect(VendorTencent, "CreateCommand"), 1)
}

// TestFaults_throttleAlicloud proves an injected ECS throttle is HTTP 400
// Throttling.User with the rate-limit header the SDK reads TimeLeft from.
func TestFaults_throttleAlicloud(t *testing.T) {
	t.Parallel()
	// A quarter past a whole second, so the time left in it is known.
	clock := NewManualClock(time.Now().Truncate(time.Second).Add(250 * time.Millisecond))
	fake := startFake(t, Options{Clock: clock})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", Throttle: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "DescribeInvocations", Throttle: 1})

	_, err := runECS(ecsClient(t, fake))
	wantAlicloudSDKError(t, err, "Throttling.User", http.StatusBadRequest)

	r := mustReply(t)(rawAlicloud(t, fake, "RunCommand"))
	if r.status != http.StatusBadRequest {
		t.Errorf("status = %d, want 400", r.status)
	}
	if got, want := r.header.Get("x-ratelimit-user-api"), "Limit:1000,Remain:0,TimeLeft:750"; got != want {
		t.Errorf("x-ratelimit-user-api = %q, want %q", got, want)
	}
	if got := r.header.Get("Content-Type"); got != "application/json;charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	e := decodeAlicloudError(t, r.body)
	if e.Code != "Throttling.User" || e.HostID != "ecs.cn-hangzhou.aliyuncs.com" || e.RequestID == "" || !strings.Contains(e.Recommend, "Throttling.User") {
		t.Errorf("error body = %+v", e)
	}

	// An action without a documented limit names none.
	r = mustReply(t)(rawAlicloud(t, fake, "DescribeInvocations"))
	if got, want := r.header.Get("x-ratelimit-user-api"), "Remain:0,TimeLeft:750"; got != want {
		t.Errorf("x-ratelimit-user-api = %q, want %q", got, want)
	}

	wantCount(t, "invocations", len(fake.Alicloud().Invocations()), 0)
	wantCount(t, "RunCommand requests the service saw", fake.Alicloud().RequestCount("RunCommand"), 0)
	wantCount(t, "throttles", fake.Counters().Fault(VendorAlicloud, FaultThrottle), 3)
}

// TestFaults_serverErrors proves the server-error shapes: TAT's
// InternalError in a 200 envelope, ECS's 500 InternalError and 503
// ServiceUnavailable.
func TestFaults_serverErrors(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{FaultSeed: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "DescribeCommands", ServerError: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: AnyAction, ServerError: 1})

	_, err := tatClient(t, fake).DescribeCommands(nil)
	wantTencentSDKCode(t, err, "InternalError")
	r := mustReply(t)(rawTencent(t, fake, "DescribeCommands"))
	if code := tencentErrorCode(t, r.body); r.status != http.StatusOK || code != "InternalError" {
		t.Errorf("status %d, code %q; want 200, InternalError", r.status, code)
	}

	_, err = runECS(ecsClient(t, fake))
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) || tea.IntValue(sdkErr.StatusCode) < 500 {
		t.Errorf("RunCommand error = %v, want a 5xx tea.SDKError", err)
	}
	seen := map[string]int{}
	for range 20 {
		r := mustReply(t)(rawAlicloud(t, fake, "DescribeInvocations"))
		e := decodeAlicloudError(t, r.body)
		switch {
		case r.status == http.StatusInternalServerError && e.Code == "InternalError":
		case r.status == http.StatusServiceUnavailable && e.Code == "ServiceUnavailable":
		default:
			t.Fatalf("status %d, code %q; want 500 InternalError or 503 ServiceUnavailable", r.status, e.Code)
		}
		seen[e.Code]++
	}
	if seen["InternalError"] == 0 || seen["ServiceUnavailable"] == 0 {
		t.Errorf("codes seen = %v, want both 500 and 503 among 20 requests", seen)
	}
	c := fake.Counters()
	wantCount(t, "Tencent 5xx", c.Fault(VendorTencent, FaultServerError), 2)
	wantCount(t, "Alibaba 5xx", c.Fault(VendorAlicloud, FaultServerError), 21)
	wantCount(t, "Alibaba effects", c.Effect(VendorAlicloud, AnyAction), 0)
}

// TestFaults_dropBeforeNeverReachesService proves a connection dropped
// before processing leaves no trace in the service.
func TestFaults_dropBeforeNeverReachesService(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	tc := tatClient(t, fake)
	commandID := createTATCommand(t, tc)
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", DropBefore: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", DropBefore: 1})

	_, err := invokeTAT(tc, commandID)
	wantNoResponse(t, err)
	_, err = runECS(ecsClient(t, fake))
	wantNoResponse(t, err)
	if _, err := rawTencent(t, fake, "InvokeCommand"); err == nil {
		t.Error("a raw request got a response, want the connection dropped")
	}

	wantCount(t, "TAT invocations", len(fake.Tencent().Invocations()), 0)
	wantCount(t, "ECS invocations", len(fake.Alicloud().Invocations()), 0)
	wantCount(t, "InvokeCommand requests the service saw", fake.Tencent().RequestCount("InvokeCommand"), 0)
	wantCount(t, "RunCommand requests the service saw", fake.Alicloud().RequestCount("RunCommand"), 0)
	c := fake.Counters()
	wantCount(t, "InvokeCommand requests", c.Request(VendorTencent, "InvokeCommand"), 2)
	wantCount(t, "Tencent drops", c.Fault(VendorTencent, FaultDropBefore), 2)
	wantCount(t, "Alibaba drops", c.Fault(VendorAlicloud, FaultDropBefore), 1)
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 0)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 0)
}

// TestFaults_dropAfterKeepsEffect proves a connection dropped after
// processing leaves the invocation in the service while the client sees
// only a network failure, and that the counters record the effect.
func TestFaults_dropAfterKeepsEffect(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	tc := tatClient(t, fake)
	commandID := createTATCommand(t, tc)
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", DropAfter: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", DropAfter: 1})

	_, err := invokeTAT(tc, commandID)
	wantNoResponse(t, err)
	_, err = runECS(ecsClient(t, fake))
	wantNoResponse(t, err)

	invocations := fake.Tencent().Invocations()
	if len(invocations) != 1 || invocations[0].CommandID != commandID {
		t.Fatalf("TAT invocations = %+v, want one of %s", invocations, commandID)
	}
	if runs := fake.Alicloud().Invocations(); len(runs) != 1 || runs[0].CommandContent != "echo hi" {
		t.Fatalf("ECS invocations = %+v, want one running %q", runs, "echo hi")
	}
	c := fake.Counters()
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 1)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 1)
	wantCount(t, "Tencent drops", c.Fault(VendorTencent, FaultDropAfter), 1)
	wantCount(t, "Alibaba drops", c.Fault(VendorAlicloud, FaultDropAfter), 1)

	// Without the rule, the same call is answered.
	fake.Faults().Clear()
	resp, err := invokeTAT(tc, commandID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fake.Tencent().Invocation(*resp.Response.InvocationId); !ok {
		t.Errorf("invocation %s not in the fake", *resp.Response.InvocationId)
	}
	wantCount(t, "InvokeCommand effects", fake.Counters().Effect(VendorTencent, "InvokeCommand"), 2)
}

// TestFaults_serverErrorAfterKeepsEffect proves a server error after
// acting leaves the invocation in the service while the client gets the
// vendor's own server error, and that the counters record both the effect
// and the fault, so a test can tell a repeat from a retry.
func TestFaults_serverErrorAfterKeepsEffect(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	tc := tatClient(t, fake)
	commandID := createTATCommand(t, tc)
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", ServerErrorAfter: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", ServerErrorAfter: 1})

	_, err := invokeTAT(tc, commandID)
	wantTencentSDKCode(t, err, "InternalError")
	_, err = runECS(ecsClient(t, fake))
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) || tea.IntValue(sdkErr.StatusCode) < 500 {
		t.Fatalf("ECS RunCommand error = %v, want a 5xx tea.SDKError", err)
	}

	if invocations := fake.Tencent().Invocations(); len(invocations) != 1 || invocations[0].CommandID != commandID {
		t.Fatalf("TAT invocations = %+v, want one of %s", invocations, commandID)
	}
	if runs := fake.Alicloud().Invocations(); len(runs) != 1 || runs[0].CommandContent != "echo hi" {
		t.Fatalf("ECS invocations = %+v, want one running %q", runs, "echo hi")
	}
	c := fake.Counters()
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 1)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 1)
	wantCount(t, "Tencent server errors after acting", c.Fault(VendorTencent, FaultServerErrorAfter), 1)
	wantCount(t, "Alibaba server errors after acting", c.Fault(VendorAlicloud, FaultServerErrorAfter), 1)
	wantCount(t, "Tencent plain server errors", c.Fault(VendorTencent, FaultServerError), 0)
	wantCount(t, "Executions", len(fake.Executions()), 2)
}

// TestFaults_effectsCountOnlySuccesses proves a request the service
// refuses is no effect, even when its response is dropped.
func TestFaults_effectsCountOnlySuccesses(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", DropAfter: 1})
	if _, err := rawTencent(t, fake, "InvokeCommand"); err == nil {
		t.Error("got a response, want the connection dropped")
	}
	r := mustReply(t)(rawAlicloud(t, fake, "RunCommand"))
	if r.status != http.StatusBadRequest {
		t.Errorf("unsigned RunCommand: status %d, want 400", r.status)
	}
	c := fake.Counters()
	wantCount(t, "InvokeCommand requests the service saw", fake.Tencent().RequestCount("InvokeCommand"), 1)
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 0)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 0)
	wantCount(t, "drops after", c.Fault(VendorTencent, FaultDropAfter), 1)
}

// TestFaults_wildcardAndExemption proves an action's own rule wins over
// the vendor's wildcard, even an empty one, and that rules stay within
// their vendor.
func TestFaults_wildcardAndExemption(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: AnyAction, Throttle: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "DescribeCommands"})

	code := func(action string) string {
		return tencentErrorCode(t, mustReply(t)(rawTencent(t, fake, action)).body)
	}
	if got := code("InvokeCommand"); got != "RequestLimitExceeded" {
		t.Errorf("InvokeCommand under the wildcard: code %q, want RequestLimitExceeded", got)
	}
	if got := code("DescribeCommands"); got == "RequestLimitExceeded" {
		t.Errorf("DescribeCommands, exempt: code %q, want the service's answer", got)
	}
	if r := mustReply(t)(rawAlicloud(t, fake, "RunCommand")); decodeAlicloudError(t, r.body).Code == "Throttling.User" {
		t.Error("a Tencent rule throttled an Alibaba request")
	}
	if !fake.Faults().Delete(VendorTencent, AnyAction) {
		t.Fatal("Delete found no wildcard rule")
	}
	if got := code("InvokeCommand"); got == "RequestLimitExceeded" {
		t.Errorf("InvokeCommand with the wildcard deleted: code %q", got)
	}
}

// outcomes sends n requests one after another and describes what each got.
func outcomes(t *testing.T, fake *Server, n int) []string {
	t.Helper()
	var got []string
	for range n {
		r, err := rawTencent(t, fake, "InvokeCommand")
		if err != nil {
			got = append(got, "dropped")
			continue
		}
		got = append(got, tencentErrorCode(t, r.body))
	}
	return got
}

// TestFaults_seedMakesFaultsRepeatable proves the same seed gives the same
// faults for the same sequence of requests, and Reseed replays them.
func TestFaults_seedMakesFaultsRepeatable(t *testing.T) {
	t.Parallel()
	rule := FaultRule{Vendor: VendorTencent, Action: AnyAction, Throttle: 0.25, ServerError: 0.25, DropBefore: 0.2}
	run := func(seed uint64) (*Server, []string) {
		fake := startFake(t, Options{FaultSeed: seed})
		mustSet(t, fake, rule)
		return fake, outcomes(t, fake, 40)
	}
	fake, first := run(7)
	_, again := run(7)
	_, other := run(8)
	if strings.Join(first, " ") != strings.Join(again, " ") {
		t.Errorf("seed 7 twice:\n%v\n%v", first, again)
	}
	if strings.Join(first, " ") == strings.Join(other, " ") {
		t.Errorf("seeds 7 and 8 gave the same 40 outcomes: %v", first)
	}
	fake.Faults().Reseed(7)
	if replay := outcomes(t, fake, 40); strings.Join(first, " ") != strings.Join(replay, " ") {
		t.Errorf("after Reseed(7):\n%v\nwant\n%v", replay, first)
	}

	// Every kind occurred, and the counters agree with what clients saw.
	seen := map[string]int{}
	for _, o := range first {
		seen[o]++
	}
	for _, kind := range []string{"dropped", "RequestLimitExceeded", "InternalError"} {
		if seen[kind] == 0 {
			t.Errorf("no %s among %v", kind, first)
		}
	}
	c := fake.Counters()
	wantCount(t, "drops", c.Fault(VendorTencent, FaultDropBefore), 2*seen["dropped"])
	wantCount(t, "throttles", c.Fault(VendorTencent, FaultThrottle), 2*seen["RequestLimitExceeded"])
	wantCount(t, "5xx", c.Fault(VendorTencent, FaultServerError), 2*seen["InternalError"])
}

// TestFaults_drawRates proves each kind happens at its rate, none overlap,
// and the server errors (before and after acting) split evenly between 500
// and 503.
func TestFaults_drawRates(t *testing.T) {
	t.Parallel()
	f := newFaults(42, false)
	if err := f.Set(FaultRule{Vendor: VendorAlicloud, Action: AnyAction, Throttle: 0.1, ServerError: 0.1, DropBefore: 0.05, DropAfter: 0.05, Truncate: 0.1, ServerErrorAfter: 0.1}); err != nil {
		t.Fatal(err)
	}
	const n = 20000
	counts := map[string]int{}
	unavailable := 0
	for range n {
		plan := f.plan(VendorAlicloud, "RunCommand")
		counts[plan.kind]++
		if plan.unavailable {
			unavailable++
		}
	}
	for kind, rate := range map[string]float64{"": 0.5, FaultThrottle: 0.1, FaultServerError: 0.1, FaultDropBefore: 0.05, FaultDropAfter: 0.05, FaultTruncate: 0.1, FaultServerErrorAfter: 0.1} {
		if got := float64(counts[kind]) / n; got < rate-0.01 || got > rate+0.01 {
			t.Errorf("kind %q: rate %.4f, want %.2f ± 0.01", kind, got, rate)
		}
	}
	if half := float64(unavailable) / float64(counts[FaultServerError]+counts[FaultServerErrorAfter]); half < 0.45 || half > 0.55 {
		t.Errorf("503 share of server errors, before and after acting = %.3f, want about a half", half)
	}
	if plan := f.plan(VendorTencent, "RunCommand"); plan.kind != "" || plan.latency != 0 {
		t.Errorf("plan without a rule = %+v, want none", plan)
	}
}

// startFakeRecordingSleeps starts a fake whose latency is recorded instead
// of waited for.
func startFakeRecordingSleeps(t *testing.T) (*Server, func() []time.Duration) {
	t.Helper()
	var mu sync.Mutex
	var slept []time.Duration
	fake := New(Options{FaultSeed: 3})
	fake.sleep = func(_ context.Context, d time.Duration) bool {
		mu.Lock()
		defer mu.Unlock()
		slept = append(slept, d)
		return true
	}
	if _, err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fake.Close() })
	return fake, func() []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return append([]time.Duration(nil), slept...)
	}
}

// TestFaults_latency proves fixed and ranged latency, and that latency
// combines with the other faults.
func TestFaults_latency(t *testing.T) {
	t.Parallel()
	fake, slept := startFakeRecordingSleeps(t)
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: AnyAction, Latency: 10 * time.Millisecond, LatencyMax: 20 * time.Millisecond})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: AnyAction, Latency: 5 * time.Millisecond, Throttle: 1})

	for range 20 {
		mustReply(t)(rawTencent(t, fake, "DescribeCommands"))
	}
	distinct := map[time.Duration]bool{}
	for _, d := range slept() {
		if d < 10*time.Millisecond || d > 20*time.Millisecond {
			t.Errorf("latency %v outside 10ms-20ms", d)
		}
		distinct[d] = true
	}
	if len(distinct) < 2 {
		t.Errorf("20 ranged latencies took %d value(s), want them spread", len(distinct))
	}

	r := mustReply(t)(rawAlicloud(t, fake, "RunCommand"))
	if got := slept(); len(got) != 21 || got[20] != 5*time.Millisecond {
		t.Errorf("latencies = %v, want 21 ending with 5ms", got)
	}
	if decodeAlicloudError(t, r.body).Code != "Throttling.User" {
		t.Errorf("latency replaced the throttle: %s", r.body)
	}
	wantCount(t, "Tencent latencies", fake.Counters().Fault(VendorTencent, FaultLatency), 20)
	wantCount(t, "Alibaba latencies", fake.Counters().Fault(VendorAlicloud, FaultLatency), 1)
}

// TestFaults_latencyDelaysForReal checks the real wait with a lower bound
// only, which no slow machine can break, and that a client giving up
// during the wait never reaches the service.
func TestFaults_latencyDelaysForReal(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "DescribeCommands", Latency: 50 * time.Millisecond})
	start := time.Now()
	mustReply(t)(rawTencent(t, fake, "DescribeCommands"))
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("answered after %v, want at least 50ms", elapsed)
	}

	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fake.URL()+"/", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-TC-Action", "InvokeCommand")
	if _, err := send(t, req); err == nil {
		t.Fatal("got a response within an hour's latency")
	}
	wantCount(t, "InvokeCommand requests the service saw", fake.Tencent().RequestCount("InvokeCommand"), 0)
}

// TestFaults_formBodyAction proves an RPC-style request naming its action
// only in a form body is recognised, faulted by that action's rule, and
// otherwise reaches the service with its body intact.
func TestFaults_formBodyAction(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	params := url.Values{
		"RegionId":       {"cn-hangzhou"},
		"Type":           {"RunShellScript"},
		"CommandContent": {"echo form"},
		"InstanceId.1":   {"i-form00000000000000001"},
	}
	r, err := send(t, signedRPCForm(t, fake, params))
	if err != nil {
		t.Fatal(err)
	}
	if r.status != http.StatusOK || !strings.Contains(string(r.body), `"InvokeId"`) {
		t.Fatalf("signed form RunCommand: status %d, body %s; want 200 with an InvokeId", r.status, r.body)
	}
	if runs := fake.Alicloud().Invocations(); len(runs) != 1 || runs[0].CommandContent != "echo form" {
		t.Errorf("ECS invocations = %+v, want the one sent", runs)
	}
	wantCount(t, "RunCommand effects", fake.Counters().Effect(VendorAlicloud, "RunCommand"), 1)

	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", Throttle: 1})
	r, err = send(t, signedRPCForm(t, fake, params))
	if err != nil {
		t.Fatal(err)
	}
	if e := decodeAlicloudError(t, r.body); r.status != http.StatusBadRequest || e.Code != "Throttling.User" {
		t.Errorf("status %d, code %q; want 400 Throttling.User", r.status, e.Code)
	}
	wantCount(t, "RunCommand requests", fake.Counters().Request(VendorAlicloud, "RunCommand"), 2)
}

// TestFaults_adminAndUnknownRequestsPassThrough proves the layer leaves the
// fake's own endpoints and unaddressed requests alone.
func TestFaults_adminAndUnknownRequestsPassThrough(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: AnyAction, DropBefore: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: AnyAction, DropBefore: 1})
	for _, path := range []string{"/_fake/health", "/"} {
		req, err := http.NewRequest(http.MethodGet, fake.URL()+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := send(t, req); err != nil {
			t.Errorf("GET %s: %v", path, err)
		}
	}
	c := fake.Counters()
	wantCount(t, "Tencent requests", c.Request(VendorTencent, AnyAction), 0)
	wantCount(t, "Alibaba requests", c.Request(VendorAlicloud, AnyAction), 0)
}

// TestFaults_idempotentRetryIsAReplay proves that an ECS retry with the
// same ClientToken after a dropped response creates nothing and is counted
// as a replay, so Effects counts executions exactly.
func TestFaults_idempotentRetryIsAReplay(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	client := ecsClient(t, fake)
	run := func() (*ecs.RunCommandResponse, error) {
		return client.RunCommand(&ecs.RunCommandRequest{
			RegionId:       tea.String("cn-hangzhou"),
			Type:           tea.String("RunShellScript"),
			CommandContent: tea.String("echo once"),
			InstanceId:     []*string{tea.String("i-faults0000000000001")},
			ClientToken:    tea.String("token-" + t.Name()),
		})
	}
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", DropAfter: 1})
	_, err := run()
	wantNoResponse(t, err)
	fake.Faults().Clear()
	resp, err := run()
	if err != nil {
		t.Fatal(err)
	}
	runs := fake.Alicloud().Invocations()
	if len(runs) != 1 || runs[0].ID != tea.StringValue(resp.Body.InvokeId) {
		t.Fatalf("ECS invocations = %+v, want only %s", runs, tea.StringValue(resp.Body.InvokeId))
	}
	c := fake.Counters()
	wantCount(t, "RunCommand requests", c.Request(VendorAlicloud, "RunCommand"), 2)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 1)
	wantCount(t, "RunCommand replays", c.Replay(VendorAlicloud, "RunCommand"), 1)

	// A new token is a new execution.
	if _, err := runECS(client); err != nil {
		t.Fatal(err)
	}
	wantCount(t, "RunCommand effects", fake.Counters().Effect(VendorAlicloud, "RunCommand"), 2)
}

// TestFaults_serviceOwnDropStillWorks proves the layer hands the connection
// to a service that drops a response itself (alicloud DropNextResponse),
// and serves the next request normally.
func TestFaults_serviceOwnDropStillWorks(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	client := ecsClient(t, fake)
	fake.Alicloud().DropNextResponse("RunCommand")
	_, err := runECS(client)
	wantNoResponse(t, err)
	if _, err := runECS(client); err != nil {
		t.Fatalf("the request after the drop: %v", err)
	}
	wantCount(t, "ECS invocations", len(fake.Alicloud().Invocations()), 2)
	wantCount(t, "RunCommand requests", fake.Counters().Request(VendorAlicloud, "RunCommand"), 2)
}

// TestFaults_truncateKeepsEffectAndHalvesBody proves a truncated response
// is a well-formed HTTP response (status, headers, a Content-Length that
// matches) whose body is the first half of the service's answer, that the
// service acted, and that the SDKs fail to decode it rather than succeed.
func TestFaults_truncateKeepsEffectAndHalvesBody(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	tc := tatClient(t, fake)
	commandID := createTATCommand(t, tc)
	whole := mustReply(t)(rawAlicloud(t, fake, "DescribeRegions"))
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", Truncate: 1})
	mustSet(t, fake, FaultRule{Vendor: VendorAlicloud, Action: AnyAction, Truncate: 1})

	if _, err := invokeTAT(tc, commandID); err == nil {
		t.Error("InvokeCommand with a truncated answer succeeded, want a decoding error")
	}
	if _, err := runECS(ecsClient(t, fake)); err == nil {
		t.Error("RunCommand with a truncated answer succeeded, want a decoding error")
	}

	// The same unsigned request twice: the service's answer is the same
	// but for its RequestId, so only the length can be compared.
	cut := mustReply(t)(rawAlicloud(t, fake, "DescribeRegions"))
	if cut.status != whole.status || cut.header.Get("Content-Type") != whole.header.Get("Content-Type") {
		t.Errorf("truncated: status %d, Content-Type %q; want %d, %q", cut.status, cut.header.Get("Content-Type"), whole.status, whole.header.Get("Content-Type"))
	}
	if len(cut.body) != len(whole.body)/2 || cut.header.Get("Content-Length") != strconv.Itoa(len(cut.body)) {
		t.Errorf("truncated body %d bytes (Content-Length %q), want %d of %d", len(cut.body), cut.header.Get("Content-Length"), len(whole.body)/2, len(whole.body))
	}
	if json.Valid(cut.body) {
		t.Errorf("truncated body %q is valid JSON", cut.body)
	}

	if runs := fake.Tencent().Invocations(); len(runs) != 1 || runs[0].CommandID != commandID {
		t.Fatalf("TAT invocations = %+v, want one of %s", runs, commandID)
	}
	wantCount(t, "ECS invocations", len(fake.Alicloud().Invocations()), 1)
	c := fake.Counters()
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 1)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 1)
	wantCount(t, "Tencent truncations", c.Fault(VendorTencent, FaultTruncate), 1)
	wantCount(t, "Alibaba truncations", c.Fault(VendorAlicloud, FaultTruncate), 2)
	wantCount(t, "Tencent drops", c.Fault(VendorTencent, FaultDropAfter), 0)
}

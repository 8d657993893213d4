package fakecloud

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// TestRateLimit_tencent21stRequestThrottled proves, through the SDK, that
// the 21st request of an action within one second of the fake's clock is
// throttled, that other actions have their own allowance, and that the next
// second starts afresh.
func TestRateLimit_tencent21stRequestThrottled(t *testing.T) {
	t.Parallel()
	// Near the wall clock, which the SDK signs with.
	clock := NewManualClock(time.Now())
	fake := startFake(t, Options{Clock: clock, EnforceRateLimits: true})
	client := tatClient(t, fake)

	describe := func() error {
		_, err := client.DescribeCommands(tat.NewDescribeCommandsRequest())
		return err
	}
	for i := 1; i <= 20; i++ {
		if err := describe(); err != nil {
			t.Fatalf("request %d of 20: %v", i, err)
		}
	}
	err := describe()
	wantTencentSDKCode(t, err, "RequestLimitExceeded")
	var sdkErr *tcerrors.TencentCloudSDKError
	_ = errors.As(err, &sdkErr) // wantTencentSDKCode checked it is one
	if !strings.Contains(sdkErr.Message, "equals to 21 in a second") || !strings.Contains(sdkErr.Message, "limit 20") {
		t.Errorf("message = %q, want it to give the count 21 and the limit 20", sdkErr.Message)
	}

	createTATCommand(t, client) // another action, another allowance

	clock.Advance(time.Second)
	if err := describe(); err != nil {
		t.Fatalf("first request of the next second: %v", err)
	}
	c := fake.Counters()
	wantCount(t, "rate-limited", c.Fault(VendorTencent, FaultRateLimit), 1)
	wantCount(t, "DescribeCommands requests", c.Request(VendorTencent, "DescribeCommands"), 22)
	wantCount(t, "DescribeCommands effects", c.Effect(VendorTencent, "DescribeCommands"), 21)
}

// TestRateLimit_offByDefault proves limits are enforced only when asked,
// and that the switch works at run time.
func TestRateLimit_offByDefault(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{Clock: NewManualClock(time.Now())})
	throttled := func(n int) int {
		count := 0
		for range n {
			if tencentErrorCode(t, mustReply(t)(rawTencent(t, fake, "InvokeCommand")).body) == "RequestLimitExceeded" {
				count++
			}
		}
		return count
	}
	wantCount(t, "throttled of 25, enforcement off", throttled(25), 0)
	fake.Faults().SetEnforceRateLimits(true)
	// The window started counting only now.
	wantCount(t, "throttled of 25, enforcement on", throttled(25), 5)
}

// TestRateLimit_alicloudRunCommand proves ECS RunCommand's 1000 requests per
// 60 seconds, answered with Throttling.User and the time left in the window,
// while an action without a documented limit is never throttled.
func TestRateLimit_alicloudRunCommand(t *testing.T) {
	t.Parallel()
	// 45 seconds into a minute: 15 seconds left in the window.
	clock := NewManualClock(time.Now().Truncate(time.Minute).Add(45 * time.Second))
	fake := startFake(t, Options{Clock: clock, EnforceRateLimits: true})
	client := &http.Client{Timeout: 30 * time.Second}
	post := func(action string) reply {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, fake.URL()+"/?RegionId=cn-hangzhou", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-acs-action", action)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return reply{status: resp.StatusCode, header: resp.Header, body: body}
	}
	for i := 1; i <= 1000; i++ {
		if r := post("RunCommand"); r.header.Get("x-ratelimit-user-api") != "" {
			t.Fatalf("request %d of 1000 throttled: %s", i, r.body)
		}
	}
	r := post("RunCommand")
	if e := decodeAlicloudError(t, r.body); r.status != http.StatusBadRequest || e.Code != "Throttling.User" {
		t.Fatalf("request 1001: status %d, code %q; want 400 Throttling.User", r.status, e.Code)
	}
	if got, want := r.header.Get("x-ratelimit-user-api"), "Limit:1000,Remain:0,TimeLeft:15000"; got != want {
		t.Errorf("x-ratelimit-user-api = %q, want %q", got, want)
	}
	for range 1001 {
		if r := post("DescribeInvocations"); r.header.Get("x-ratelimit-user-api") != "" {
			t.Fatalf("DescribeInvocations throttled: %s", r.body)
		}
	}
	clock.Advance(15 * time.Second)
	if r := post("RunCommand"); r.header.Get("x-ratelimit-user-api") != "" {
		t.Fatalf("first request of the next minute throttled: %s", r.body)
	}
	wantCount(t, "rate-limited", fake.Counters().Fault(VendorAlicloud, FaultRateLimit), 1)
}

// TestRateLimiter_windows checks the limiter alone: fixed windows on the
// clock, counts per action, attempts including refused requests.
func TestRateLimiter_windows(t *testing.T) {
	t.Parallel()
	l := newRateLimiter()
	start := time.Date(2030, 1, 2, 3, 4, 5, 100*int(time.Millisecond), time.UTC)
	for i := 1; i <= 20; i++ {
		if v := l.admit(VendorTencent, "InvokeCommand", start); !v.admitted || v.attempts != i {
			t.Fatalf("request %d: %+v, want admitted as attempt %d", i, v, i)
		}
	}
	v := l.admit(VendorTencent, "InvokeCommand", start.Add(899*time.Millisecond))
	if v.admitted || v.attempts != 21 || v.timeLeft != time.Millisecond || v.limit.requests != 20 {
		t.Errorf("21st request = %+v, want refused, attempt 21, 1ms left, limit 20", v)
	}
	if v := l.admit(VendorTencent, "InvokeCommand", start.Add(900*time.Millisecond)); !v.admitted || v.attempts != 1 || v.timeLeft != time.Second {
		t.Errorf("first request of the next second = %+v, want admitted, attempt 1, 1s left", v)
	}
	if v := l.admit(VendorTencent, "CreateCommand", start); !v.admitted {
		t.Errorf("another action = %+v, want admitted", v)
	}
	if v := l.admit(VendorAlicloud, "StopInvocation", start); !v.admitted || v.limit.requests != 0 {
		t.Errorf("an action without a documented limit = %+v, want admitted and unlimited", v)
	}
}

func TestDocumentedLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		vendor, action string
		want           rateLimit
		ok             bool
	}{
		{VendorTencent, "InvokeCommand", rateLimit{20, time.Second}, true},
		{VendorTencent, "DescribeInvocationTasks", rateLimit{20, time.Second}, true},
		{VendorAlicloud, "RunCommand", rateLimit{1000, time.Minute}, true},
		{VendorAlicloud, "InvokeCommand", rateLimit{}, false},
	} {
		got, ok := documentedLimit(tc.vendor, tc.action)
		if got != tc.want || ok != tc.ok {
			t.Errorf("documentedLimit(%s, %s) = %+v, %v; want %+v, %v", tc.vendor, tc.action, got, ok, tc.want, tc.ok)
		}
	}
}

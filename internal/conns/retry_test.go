package conns

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func TestThrottledAndFailedCallsAreRetriedUntilTheySucceed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		alibaba bool
		err     error
	}{
		{"Tencent RequestLimitExceeded", false, tencentError("RequestLimitExceeded")},
		{"Tencent RequestLimitExceeded sub-code", false, tencentError("RequestLimitExceeded.UinLimitExceeded")},
		{"Tencent InternalError", false, tencentError("InternalError")},
		{"connection refused, nothing sent", false, errRefused},
		{"connection reset on a read-only call", false, errReset},
		{"Alibaba Throttling", true, alibabaError("Throttling", 400)},
		{"Alibaba Throttling.User", true, alibabaError("Throttling.User", 400)},
		{"Alibaba Throttling.Api", true, alibabaError("Throttling.Api", 400)},
		{"Alibaba InternalError", true, alibabaError("InternalError", 500)},
		{"Alibaba ServiceUnavailable", true, alibabaError("ServiceUnavailable", 503)},
		{"Alibaba other 5xx code", true, alibabaError("SomethingBroke", 502)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newScript().fail("DescribeCommands", tc.err, tc.err)
			var err error
			if tc.alibaba {
				_, err = newStandInECS(s).DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{})
			} else {
				_, err = newStandInTAT(s).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
			}
			mustSucceed(t, err)
			if n := s.count("DescribeCommands"); n != 3 {
				t.Errorf("%d attempts, want 3: two failures and the success", n)
			}
		})
	}
}

func TestCredentialErrorsAreNeverRetried(t *testing.T) {
	t.Parallel()
	tencent := []string{
		"AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureExpire",
		"AuthFailure.TokenFailure", "AuthFailure.InvalidSecretId", "AuthFailure", "UnauthorizedOperation.CamAuthFailed",
	}
	for _, code := range tencent {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			s := newScript().failAlways("DescribeCommands", tencentError(code))
			_, err := newStandInTAT(s).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
			mustFail(t, err)
			if n := s.count("DescribeCommands"); n != 1 {
				t.Errorf("%s was sent %d times, want exactly once", code, n)
			}
			if got := ErrorCode(err); got != code {
				t.Errorf("error code %q, want %q", got, code)
			}
		})
	}
	alibaba := map[string]int{
		"InvalidAccessKeyId.NotFound": 404, "SignatureDoesNotMatch": 400, "InvalidSecurityToken.Expired": 400,
		"InvalidSecurityToken.Malformed": 400, "IncompleteSignature": 400, "InvalidTimeStamp.Expired": 400,
		"SignatureNonceUsed": 400, "Forbidden.RAM": 403,
	}
	for code, status := range alibaba {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			s := newScript().failAlways("DescribeCommands", alibabaError(code, status))
			_, err := newStandInECS(s).DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{})
			mustFail(t, err)
			if n := s.count("DescribeCommands"); n != 1 {
				t.Errorf("%s was sent %d times, want exactly once", code, n)
			}
		})
	}
}

func TestMaxRetriesBoundsTheAttempts(t *testing.T) {
	t.Parallel()
	for _, maxRetries := range []int{0, 1, 3} {
		s := newScript().failAlways("DescribeCommands", tencentError("RequestLimitExceeded"))
		_, err := newStandInTAT(s, WithMaxRetries(maxRetries)).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
		mustFail(t, err)
		if n := s.count("DescribeCommands"); n != maxRetries+1 {
			t.Errorf("max_retries = %d: %d attempts, want %d", maxRetries, n, maxRetries+1)
		}
		if ErrorCode(err) != "RequestLimitExceeded" {
			t.Errorf("max_retries = %d: got %v, want the last throttling error", maxRetries, err)
		}
	}
}

func TestDefaultMaxRetries(t *testing.T) {
	t.Parallel()
	s := newScript().failAlways("DescribeCommands", tencentError("InternalError"))
	_, err := newStandInTAT(s).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	mustFail(t, err)
	if n := s.count("DescribeCommands"); n != DefaultMaxRetries+1 {
		t.Errorf("%d attempts, want %d", n, DefaultMaxRetries+1)
	}
}

// A wait that would end after the context's deadline is not started: the
// call returns the service's error at once instead of sleeping into a bare
// "context deadline exceeded".
func TestContextDeadlineStopsRetrying(t *testing.T) {
	t.Parallel()
	s := newScript().failAlways("DescribeCommands", tencentError("RequestLimitExceeded"))
	client := newStandInTAT(s, WithBackOff(time.Hour, time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
	mustFail(t, err)
	if n := s.count("DescribeCommands"); n != 1 {
		t.Errorf("%d attempts, want 1: the first wait would pass the deadline", n)
	}
	if ErrorCode(err) != "RequestLimitExceeded" {
		t.Errorf("got %v, want the throttling error", err)
	}
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newScript().failAlways("DescribeCommands", tencentError("InternalError"))
	s.onCall = func(context.Context, string) { cancel() }
	_, err := newStandInTAT(s).DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
	if n := s.count("DescribeCommands"); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	if ErrorCode(err) != "InternalError" {
		t.Errorf("got %v, want the attempt's error", err)
	}
}

// TestAmbiguousFailures: a request that may have reached the service is
// sent again only when a repeat is harmless.
func TestAmbiguousFailures(t *testing.T) {
	t.Parallel()
	t.Run("TAT InvokeCommand is not retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().failAlways("InvokeCommand", errReset)
		_, err := newStandInTAT(s).InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
		expectAmbiguousOnce(t, s, "InvokeCommand", err)
	})
	t.Run("TAT CreateCommand is not retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().failAlways("CreateCommand", errReset)
		_, err := newStandInTAT(s).CreateCommand(context.Background(), &tat.CreateCommandRequest{})
		expectAmbiguousOnce(t, s, "CreateCommand", err)
	})
	t.Run("TAT DescribeInvocations is retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().fail("DescribeInvocations", errReset)
		_, err := newStandInTAT(s).DescribeInvocations(context.Background(), &tat.DescribeInvocationsRequest{})
		mustSucceed(t, err)
		if n := s.count("DescribeInvocations"); n != 2 {
			t.Errorf("%d attempts, want 2", n)
		}
	})
	t.Run("TAT InvokeCommand that was never sent is retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().fail("InvokeCommand", errRefused)
		_, err := newStandInTAT(s).InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
		mustSucceed(t, err)
		if n := s.count("InvokeCommand"); n != 2 {
			t.Errorf("%d attempts, want 2", n)
		}
	})
	t.Run("ECS RunCommand with a ClientToken is retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().fail("RunCommand", errReset)
		_, err := newStandInECS(s).RunCommand(context.Background(), &ecs.RunCommandRequest{ClientToken: tea.String("token-1")})
		mustSucceed(t, err)
		if n := s.count("RunCommand"); n != 2 {
			t.Errorf("%d attempts, want 2", n)
		}
	})
	t.Run("ECS RunCommand without a ClientToken is not retried", func(t *testing.T) {
		t.Parallel()
		s := newScript().failAlways("RunCommand", errReset)
		_, err := newStandInECS(s).RunCommand(context.Background(), &ecs.RunCommandRequest{})
		expectAmbiguousOnce(t, s, "RunCommand", err)
	})
}

func expectAmbiguousOnce(t *testing.T, s *script, action string, err error) {
	t.Helper()
	mustFail(t, err)
	if n := s.count(action); n != 1 {
		t.Errorf("%s was sent %d times, want once", action, n)
	}
	if !IsAmbiguous(err) {
		t.Errorf("IsAmbiguous(%v) = false, want true", err)
	}
}

func TestNonAmbiguousErrorsAreNotReportedAsAmbiguous(t *testing.T) {
	t.Parallel()
	for _, err := range []error{tencentError("InvalidParameterValue"), errRefused, context.Canceled, errors.New("local failure")} {
		s := newScript().failAlways("InvokeCommand", err)
		_, got := newStandInTAT(s, WithMaxRetries(1)).InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
		if IsAmbiguous(got) {
			t.Errorf("%v: reported as ambiguous", err)
		}
	}
}

// TestAttemptsAreReported checks what each failed attempt reports, which is
// what the DEBUG log lines carry.
func TestAttemptsAreReported(t *testing.T) {
	t.Parallel()
	var seen failures
	s := newScript().fail("DescribeCommands", tencentError("RequestLimitExceeded")).failAlways("DescribeCommands", tencentError("AuthFailure.SignatureFailure"))
	_, err := newStandInTAT(s, withObserver(seen.observe)).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	mustFail(t, err)
	got := seen.all()
	if len(got) != 2 {
		t.Fatalf("%d reports, want 2: %+v", len(got), got)
	}
	if r := got[0]; r.Attempt != 1 || r.Code != "RequestLimitExceeded" || r.Failure != failThrottled || !r.Retry || r.Wait <= 0 {
		t.Errorf("first report %+v, want attempt 1, throttled, retried after a wait", r)
	}
	if r := got[1]; r.Attempt != 2 || r.Code != "AuthFailure.SignatureFailure" || r.Failure != failPermanent || r.Retry {
		t.Errorf("second report %+v, want attempt 2, permanent, not retried", r)
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	api := func(code string, status int) error {
		return &APIError{Vendor: vendorAlibaba, Action: "X", Code: code, HTTPStatus: status}
	}
	cases := []struct {
		name string
		err  error
		seen probeView
		want failure
	}{
		{"throttled", api("Throttling.User", 400), probeView{}, failThrottled},
		{"server code", api("InternalError.Dispatch", 500), probeView{}, failServer},
		{"ECS still processing the token", api("IdempotentProcessing", 400), probeView{}, failServer},
		{"bad parameter", api("InvalidParameter", 400), probeView{}, failPermanent},
		{"auth with a 5xx still permanent", api("InvalidAccessKeyId.NotFound", 500), probeView{}, failPermanent},
		{"dial failed in the transport", tencentError("ClientError.NetworkError"), probeView{started: true}, failNotSent},
		{"dropped after the request was written", tencentError("ClientError.NetworkError"), probeView{started: true, wrote: true}, failAmbiguous},
		{"a bare 502 from a gateway", tencentError("ClientError.HttpStatusCodeError"), probeView{started: true, wrote: true, status: 502}, failAmbiguous},
		{"HTTP 429", tencentError("ClientError.HttpStatusCodeError"), probeView{started: true, wrote: true, status: 429}, failThrottled},
		{"body cut off", tencentError("ClientError.IOError"), probeView{started: true, wrote: true, status: 200}, failAmbiguous},
		{"stand-in refused", errRefused, probeView{}, failNotSent},
		{"stand-in reset", errReset, probeView{}, failAmbiguous},
		{"local error", errors.New("cannot sign"), probeView{}, failPermanent},
		{"cancelled before sending", context.Canceled, probeView{}, failPermanent},
	}
	for _, tc := range cases {
		if got := classify(tc.err, tc.seen); got != tc.want {
			t.Errorf("%s: classify = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestCreatesObject(t *testing.T) {
	t.Parallel()
	for action, want := range map[string]bool{
		"CreateCommand": true, "InvokeCommand": true, "RunCommand": true, "CreateInvoker": true,
		"DescribeInvocations": false, "ModifyCommand": false, "DeleteCommand": false, "CancelInvocation": false, "StopInvocation": false,
	} {
		if got := createsObject(action); got != want {
			t.Errorf("createsObject(%s) = %t, want %t", action, got, want)
		}
	}
}

func TestHasClientToken(t *testing.T) {
	t.Parallel()
	cases := []struct {
		req  any
		want bool
	}{
		{&ecs.RunCommandRequest{ClientToken: tea.String("t")}, true},
		{&ecs.InvokeCommandRequest{ClientToken: tea.String("t")}, true},
		{&ecs.RunCommandRequest{ClientToken: tea.String("")}, false},
		{&ecs.RunCommandRequest{}, false},
		{&ecs.DescribeCommandsRequest{}, false},
		{(*ecs.RunCommandRequest)(nil), false},
		{"not a request", false},
	}
	for _, tc := range cases {
		if got := hasClientToken(tc.req); got != tc.want {
			t.Errorf("hasClientToken(%#v) = %t, want %t", tc.req, got, tc.want)
		}
	}
}

func TestParseTimeLeft(t *testing.T) {
	t.Parallel()
	cases := map[string]time.Duration{
		"Limit:50,Remain:0,TimeLeft:1500,Reset:1700000000": 1500 * time.Millisecond,
		"TimeLeft:20":    20 * time.Millisecond,
		"Remain:0":       0,
		"TimeLeft:soon":  0,
		"TimeLeft:-5":    0,
		"":               0,
		" timeleft : 7 ": 7 * time.Millisecond,
	}
	for value, want := range cases {
		if got := parseTimeLeft(value); got != want {
			t.Errorf("parseTimeLeft(%q) = %s, want %s", value, got, want)
		}
	}
	h := http.Header{}
	h.Set("x-ratelimit-user-api", "TimeLeft:100")
	h.Set("x-ratelimit-user", "TimeLeft:300")
	if got := timeLeft(h); got != 300*time.Millisecond {
		t.Errorf("timeLeft = %s, want the longer wait, 300ms", got)
	}
}

func TestAmbiguousErrorSaysSo(t *testing.T) {
	t.Parallel()
	s := newScript().failAlways("InvokeCommand", errReset)
	_, err := newStandInTAT(s).InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
	if !IsAmbiguous(err) || !strings.Contains(err.Error(), "whether it took effect is unknown") {
		t.Errorf("the error does not explain the ambiguity: %v", err)
	}
}

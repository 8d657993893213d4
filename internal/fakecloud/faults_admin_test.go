package fakecloud

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// admin calls one of the fake's own endpoints.
func admin(t *testing.T, fake *Server, method, path, body string) reply {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, fake.URL()+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	return mustReply(t)(send(t, req))
}

func wantStatus(t *testing.T, what string, r reply, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; body %s", what, r.status, status, r.body)
	}
}

func decodeJSON[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	return v
}

// TestAdmin_ruleRoundTrip sets, reads, uses and deletes one rule over
// HTTP, then reads and resets the counters.
func TestAdmin_ruleRoundTrip(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})

	r := admin(t, fake, http.MethodPut, "/_fake/faults/tencent/InvokeCommand", `{"throttle": 1, "latency": "1ms"}`)
	wantStatus(t, "PUT rule", r, http.StatusOK)
	want := FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", Throttle: 1, Latency: time.Millisecond}
	if got := decodeJSON[FaultRule](t, r); got != want {
		t.Errorf("PUT answered %+v, want %+v", got, want)
	}
	if got, _ := fake.Faults().Rule(VendorTencent, "InvokeCommand"); got != want {
		t.Errorf("Go API sees %+v, want %+v", got, want)
	}
	r = admin(t, fake, http.MethodGet, "/_fake/faults/tencent/InvokeCommand", "")
	wantStatus(t, "GET rule", r, http.StatusOK)
	if got := decodeJSON[FaultRule](t, r); got != want {
		t.Errorf("GET answered %+v, want %+v", got, want)
	}

	if code := tencentErrorCode(t, mustReply(t)(rawTencent(t, fake, "InvokeCommand")).body); code != "RequestLimitExceeded" {
		t.Errorf("request under the rule: code %q", code)
	}

	r = admin(t, fake, http.MethodGet, "/_fake/counters", "")
	wantStatus(t, "GET counters", r, http.StatusOK)
	c := decodeJSON[Counters](t, r)
	wantCount(t, "requests over HTTP", c.Request(VendorTencent, "InvokeCommand"), 1)
	wantCount(t, "throttles over HTTP", c.Fault(VendorTencent, FaultThrottle), 1)
	wantCount(t, "latencies over HTTP", c.Fault(VendorTencent, FaultLatency), 1)

	wantStatus(t, "POST reset", admin(t, fake, http.MethodPost, "/_fake/reset", ""), http.StatusNoContent)
	if c := decodeJSON[Counters](t, admin(t, fake, http.MethodGet, "/_fake/counters", "")); c.Request(VendorTencent, AnyAction) != 0 {
		t.Errorf("counters after reset: %+v", c)
	}

	wantStatus(t, "DELETE rule", admin(t, fake, http.MethodDelete, "/_fake/faults/tencent/InvokeCommand", ""), http.StatusNoContent)
	wantStatus(t, "GET deleted rule", admin(t, fake, http.MethodGet, "/_fake/faults/tencent/InvokeCommand", ""), http.StatusNotFound)
	wantStatus(t, "DELETE deleted rule", admin(t, fake, http.MethodDelete, "/_fake/faults/tencent/InvokeCommand", ""), http.StatusNotFound)
}

// TestAdmin_wholeConfig replaces, reads and clears the whole set-up.
func TestAdmin_wholeConfig(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	body := `{
	  "enforce_rate_limits": true,
	  "seed": 5,
	  "rules": [
	    {"vendor": "tencent", "action": "*", "throttle": 0.1, "5xx": 0.1},
	    {"vendor": "alicloud", "action": "RunCommand", "drop_before": 0.05, "drop_after": 0.05, "5xx_after": 0.2, "latency": "10ms", "latency_max": "30ms"}
	  ]
	}`
	r := admin(t, fake, http.MethodPut, "/_fake/faults", body)
	wantStatus(t, "PUT faults", r, http.StatusOK)
	if rule, _ := fake.Faults().Rule(VendorAlicloud, "RunCommand"); rule.ServerErrorAfter != 0.2 {
		t.Errorf("after PUT: RunCommand rule %+v, want 5xx_after 0.2", rule)
	}
	if !fake.Faults().EnforceRateLimits() || len(fake.Faults().Rules()) != 2 {
		t.Fatalf("after PUT: enforce %v, rules %+v", fake.Faults().EnforceRateLimits(), fake.Faults().Rules())
	}

	got := decodeJSON[FaultConfig](t, admin(t, fake, http.MethodGet, "/_fake/faults", ""))
	if got.EnforceRateLimits == nil || !*got.EnforceRateLimits || len(got.Rules) != 2 ||
		got.Rules[0].Vendor != VendorAlicloud || got.Rules[1] != (FaultRule{Vendor: VendorTencent, Action: AnyAction, Throttle: 0.1, ServerError: 0.1}) {
		t.Errorf("GET faults = %s", admin(t, fake, http.MethodGet, "/_fake/faults", "").body)
	}

	wantStatus(t, "DELETE faults", admin(t, fake, http.MethodDelete, "/_fake/faults", ""), http.StatusNoContent)
	if len(fake.Faults().Rules()) != 0 || !fake.Faults().EnforceRateLimits() {
		t.Errorf("after DELETE: rules %+v, enforce %v; want no rules, enforcement kept", fake.Faults().Rules(), fake.Faults().EnforceRateLimits())
	}
}

// TestAdmin_badRequests proves every malformed request is refused with a
// JSON error and changes nothing.
func TestAdmin_badRequests(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"unknown field", http.MethodPut, "/_fake/faults/tencent/X", `{"throtle": 1}`, http.StatusBadRequest, "throtle"},
		{"rate too high", http.MethodPut, "/_fake/faults/tencent/X", `{"throttle": 2}`, http.StatusBadRequest, "between 0 and 1"},
		{"unknown vendor", http.MethodPut, "/_fake/faults/aws/X", `{"throttle": 0.1}`, http.StatusBadRequest, `vendor "aws"`},
		{"body and path disagree", http.MethodPut, "/_fake/faults/tencent/X", `{"action": "Y"}`, http.StatusBadRequest, "the path tencent:X"},
		{"not JSON", http.MethodPut, "/_fake/faults", `rules`, http.StatusBadRequest, "JSON"},
		{"invalid rule in config", http.MethodPut, "/_fake/faults", `{"rules": [{"vendor": "tencent", "action": ""}]}`, http.StatusBadRequest, "action is empty"},
	} {
		r := admin(t, fake, tc.method, tc.path, tc.body)
		if r.status != tc.status || !strings.Contains(decodeJSON[map[string]string](t, r)["error"], tc.want) {
			t.Errorf("%s: status %d, body %s; want %d and an error containing %q", tc.name, r.status, r.body, tc.status, tc.want)
		}
	}
	if rules := fake.Faults().Rules(); len(rules) != 0 {
		t.Errorf("rules after bad requests = %+v, want none", rules)
	}
	wantStatus(t, "wrong method", admin(t, fake, http.MethodPost, "/_fake/faults", "{}"), http.StatusMethodNotAllowed)
	wantStatus(t, "unknown path", admin(t, fake, http.MethodGet, "/_fake/nothing", ""), http.StatusNotFound)
	wantStatus(t, "health", admin(t, fake, http.MethodGet, "/_fake/health", ""), http.StatusOK)
}

// TestAdmin_truncateRule proves the admin endpoint takes a truncate rule
// and that requests under it are counted as truncations.
func TestAdmin_truncateRule(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	r := admin(t, fake, http.MethodPut, "/_fake/faults/alicloud/DescribeInvocations", `{"truncate": 1}`)
	wantStatus(t, "PUT rule", r, http.StatusOK)
	want := FaultRule{Vendor: VendorAlicloud, Action: "DescribeInvocations", Truncate: 1}
	if got := decodeJSON[FaultRule](t, r); got != want {
		t.Errorf("PUT answered %+v, want %+v", got, want)
	}
	body := mustReply(t)(rawAlicloud(t, fake, "DescribeInvocations")).body
	if len(body) == 0 || json.Valid(body) {
		t.Errorf("body under the rule = %q, want part of a JSON document", body)
	}
	wantCount(t, "truncations", fake.Counters().Fault(VendorAlicloud, FaultTruncate), 1)
}

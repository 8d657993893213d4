package tencent

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The fuzz targets send the fake whatever a client could put on the wire.
// Whatever arrives, the fake must answer (no panic, no hang) with TAT's
// envelope: HTTP 200, JSON, a RequestId, and an Error when it refuses.

// fuzzActions are the actions a fuzzed request may name, in a fixed order so
// a corpus entry always means the same action. The last is unknown.
func fuzzActions() []string {
	names := make([]string, 0, len(actions)+1)
	for name := range actions {
		names = append(names, name)
	}
	sort.Strings(names)
	return append(names, "NoSuchAction")
}

// fuzzService is a TAT service on a clock that stands still, so signatures
// made at its time stay fresh for the whole run.
func fuzzService() (*Service, time.Time) {
	now := time.Now().Truncate(time.Second)
	return New(Config{SecretID: testSecretID, SecretKey: testSecretKey, Simulation: vendorkit.Simulation{Now: func() time.Time { return now }}}), now
}

// FuzzSignedRequest sends well-signed requests with arbitrary bodies, so
// the fuzzer reaches past authentication into decoding and every action.
func FuzzSignedRequest(f *testing.F) {
	seeds := []struct {
		action uint8
		body   string
	}{
		{0, `{}`},
		{1, `{"CommandName":"a","Content":"ZWNobyBoaQ==","CommandType":"SHELL","Timeout":60}`},
		{2, `{"Content":"ZWNobyBoaQ==","InstanceIds":["ins-abcdefgh"],"Parameters":"{\"a\":\"b\"}"}`},
		{3, `{"InvocationIds":["inv-abcdefgh"],"Filters":[{"Name":"command-id","Values":["cmd-abcdefgh"]}]}`},
		{4, `{"Limit":-1,"Offset":18446744073709551615}`},
		{5, `{"CommandId":"cmd-abcdefgh","InstanceIds":["ins-abcdefgh","lhins-abcdefgh"],"Timeout":0}`},
		{6, `[1,2,3]`}, {7, `null`}, {8, `{"Content":null}`}, {9, `{"a":1}{"b":2}`}, {10, "\x00\xff"},
	}
	for _, s := range seeds {
		f.Add(s.action, []byte(s.body))
	}
	svc, now := fuzzService()
	names := fuzzActions()
	f.Fuzz(func(t *testing.T, actionIndex uint8, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "http://tat.fake/", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-TC-Action", names[int(actionIndex)%len(names)])
		req.Header.Set("X-TC-Version", apiVersion)
		signRequest(req, body, testSecretID, testSecretKey, now, []string{"content-type", "host"})
		envelope := serveEnvelope(t, svc, req)
		if envelope.Response.Error != nil && strings.HasPrefix(envelope.Response.Error.Code, "AuthFailure") {
			t.Fatalf("a correctly signed request was refused: %s: %s", envelope.Response.Error.Code, envelope.Response.Error.Message)
		}
	})
}

// FuzzAuthentication sends arbitrary Authorization and timestamp headers:
// none of them can be a valid signature, so every answer must be an error.
func FuzzAuthentication(f *testing.F) {
	f.Add("TC3-HMAC-SHA256 Credential=AKIDtencentfaketest/2026-01-01/tat/tc3_request, SignedHeaders=content-type;host, Signature=00", "1767225600", []byte(`{}`))
	f.Add("TC3-HMAC-SHA256 Credential=/, SignedHeaders=, Signature=", "", []byte(``))
	f.Add("TC3-HMAC-SHA256 SignedHeaders=;;;;, Credential=a/b/c/d/e/f/g", "-1", []byte(`{"Limit":1}`))
	f.Add("HMAC-SHA1 x", "99999999999999999999", []byte(`{`))
	f.Add("", "", []byte(nil))
	svc, _ := fuzzService()
	f.Fuzz(func(t *testing.T, authorization, timestamp string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "http://tat.fake/", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-TC-Action", "DescribeCommands")
		req.Header.Set("X-TC-Version", apiVersion)
		req.Header.Set("X-TC-Timestamp", timestamp)
		req.Header.Set("Authorization", authorization)
		envelope := serveEnvelope(t, svc, req)
		if envelope.Response.Error == nil {
			t.Fatalf("an unsigned request was served: Authorization %q, X-TC-Timestamp %q", authorization, timestamp)
		}
	})
}

// envelope is TAT's response wrapper, as far as the fuzz checks need it.
type envelope struct {
	Response struct {
		Error *struct {
			Code    string
			Message string
		}
		RequestID string `json:"RequestId"`
	}
}

// serveEnvelope runs req through svc and checks the answer is TAT's
// envelope, returning it decoded.
func serveEnvelope(t *testing.T, svc *Service, req *http.Request) envelope {
	t.Helper()
	rec := httptest.NewRecorder()
	svc.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("HTTP %d, want 200: TAT answers every request in its envelope", rec.Code)
	}
	var out envelope
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("the answer is not JSON: %v\n%s", err, rec.Body.Bytes())
	}
	if out.Response.RequestID == "" {
		t.Fatalf("the answer has no RequestId: %s", rec.Body.Bytes())
	}
	if out.Response.Error != nil && (out.Response.Error.Code == "" || out.Response.Error.Message == "") {
		t.Fatalf("an error without code or message: %s", rec.Body.Bytes())
	}
	return out
}

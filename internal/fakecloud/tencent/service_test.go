package tencent

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func describeAll(c *tat.Client) error {
	_, err := c.DescribeCommands(tat.NewDescribeCommandsRequest())
	return err
}

func TestAuthenticationThroughSDK(t *testing.T) {
	t.Parallel()
	withToken := func(cfg *Config) { cfg.SecurityToken = "temporary-token" }
	tests := []struct {
		name      string
		configure func(*Config)
		cred      common.CredentialIface
		unsigned  bool          // sign with UNSIGNED-PAYLOAD
		moveClock time.Duration // how far the fake's clock is from the SDK's
		wantCode  string
	}{
		{name: "permanent key", cred: common.NewCredential(testSecretID, testSecretKey)},
		{name: "unsigned payload", cred: common.NewCredential(testSecretID, testSecretKey), unsigned: true},
		{name: "clock drift within the window", cred: common.NewCredential(testSecretID, testSecretKey), moveClock: 4 * time.Minute},
		{name: "security token", configure: withToken, cred: common.NewTokenCredential(testSecretID, testSecretKey, "temporary-token")},
		{name: "token sent but none configured", cred: common.NewTokenCredential(testSecretID, testSecretKey, "anything")},
		{name: "wrong secret key", cred: common.NewCredential(testSecretID, "not-the-key"), wantCode: codeSignatureFailure},
		{name: "unknown secret id", cred: common.NewCredential("AKIDnobody", testSecretKey), wantCode: codeSecretIDNotFound},
		{name: "timestamp too old", cred: common.NewCredential(testSecretID, testSecretKey), moveClock: 6 * time.Minute, wantCode: codeSignatureExpire},
		{name: "timestamp in the future", cred: common.NewCredential(testSecretID, testSecretKey), moveClock: -6 * time.Minute, wantCode: codeSignatureExpire},
		{name: "wrong token", configure: withToken, cred: common.NewTokenCredential(testSecretID, testSecretKey, "stolen"), wantCode: codeTokenFailure},
		{name: "token missing", configure: withToken, cred: common.NewCredential(testSecretID, testSecretKey), wantCode: codeTokenFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var configure []func(*Config)
			if tt.configure != nil {
				configure = append(configure, tt.configure)
			}
			env := newTestEnv(t, configure...)
			env.advance(tt.moveClock)
			cpf := env.profile()
			cpf.UnsignedPayload = tt.unsigned
			client, err := tat.NewClient(tt.cred, testRegion, cpf)
			mustSucceed(t, err)

			err = describeAll(client)
			if tt.wantCode == "" {
				mustSucceed(t, err)
				return
			}
			assertCode(t, err, tt.wantCode)
		})
	}
}

func TestAuthenticationOfRawRequests(t *testing.T) {
	t.Parallel()
	body := []byte(`{"Limit":10}`)
	standard := []string{"content-type", "host"}
	tests := []struct {
		name     string
		prepare  func(env *testEnv, req *http.Request)
		wantCode string
	}{
		{
			name: "signed as the SDK signs",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), standard)
			},
		},
		{
			name: "extra signed header, value as sent",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), []string{"content-type", "host", "x-tc-action"})
			},
		},
		{
			name: "extra signed header, value lowercased",
			prepare: func(env *testEnv, req *http.Request) {
				action := req.Header.Get("X-TC-Action")
				req.Header.Set("X-TC-Action", strings.ToLower(action))
				signRequest(req, body, testSecretID, testSecretKey, env.now(), []string{"content-type", "host", "x-tc-action"})
				req.Header.Set("X-TC-Action", action)
			},
		},
		{
			name: "tampered body",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, []byte(`{"Limit":20}`), testSecretID, testSecretKey, env.now(), standard)
			},
			wantCode: codeSignatureFailure,
		},
		{
			name: "tampered signed header",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), standard)
				req.Header.Set("Content-Type", "application/json; charset=utf-8")
			},
			wantCode: codeSignatureFailure,
		},
		{
			name: "credential dated another day",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), standard)
				today := env.now().UTC().Format(credentialDateForm)
				yesterday := env.now().UTC().AddDate(0, 0, -1).Format(credentialDateForm)
				req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), today, yesterday, 1))
			},
			wantCode: codeSignatureExpire,
		},
		{
			name:     "no Authorization",
			prepare:  func(*testEnv, *http.Request) {},
			wantCode: codeInvalidAuthorization,
		},
		{
			name: "other scheme",
			prepare: func(_ *testEnv, req *http.Request) {
				req.Header.Set("Authorization", "Bearer abc")
			},
			wantCode: codeInvalidAuthorization,
		},
		{
			name: "scope of another service",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), standard)
				req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), "/tat/", "/cvm/", 1))
			},
			wantCode: codeInvalidAuthorization,
		},
		{
			name: "host not signed",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), []string{"content-type"})
			},
			wantCode: codeInvalidAuthorization,
		},
		{
			name: "timestamp not a number",
			prepare: func(env *testEnv, req *http.Request) {
				signRequest(req, body, testSecretID, testSecretKey, env.now(), standard)
				req.Header.Set("X-TC-Timestamp", "yesterday")
			},
			wantCode: codeInvalidAuthorization,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t)
			req := env.newRawRequest(t, "DescribeCommands", body)
			tt.prepare(env, req)
			resp := do(t, req)
			if got := resp.errorCode(); got != tt.wantCode {
				t.Fatalf("got code %q, want %q; body %s", got, tt.wantCode, resp.Body)
			}
		})
	}
}

func TestUnknownActionAndVersion(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	assertCode(t, env.sendCommon(t, apiVersion, "LaunchRocket", map[string]any{}), codeInvalidAction)
	assertCode(t, env.sendCommon(t, "2017-03-12", "DescribeCommands", map[string]any{}), codeNoSuchVersion)
}

func TestRequestBodyDecoding(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	tests := []struct {
		name     string
		params   map[string]any
		wantCode string
	}{
		{name: "unknown parameter", params: map[string]any{"CommandName": "x", "Content": "eA==", "Colour": "red"}, wantCode: codeUnknownParameter},
		{name: "string for a number", params: map[string]any{"CommandName": "x", "Content": "eA==", "Timeout": "60"}, wantCode: codeInvalidParameter},
		{name: "negative number", params: map[string]any{"CommandName": "x", "Content": "eA==", "Timeout": -1}, wantCode: codeInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertCode(t, env.sendCommon(t, apiVersion, "CreateCommand", tt.params), tt.wantCode)
		})
	}
}

// TestEnvelope checks the wire form the SDK relies on: HTTP 200 and JSON for
// successes and errors alike, a lowercase UUID RequestId, numbers as numbers.
func TestEnvelope(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)

	success := env.newRawRequest(t, "DescribeCommands", []byte(`{}`))
	signRequest(success, []byte(`{}`), testSecretID, testSecretKey, env.now(), []string{"content-type", "host"})
	failure := env.newRawRequest(t, "DescribeCommands", []byte(`{}`))

	for name, req := range map[string]*http.Request{"success": success, "error": failure} {
		resp := do(t, req)
		if resp.Status != http.StatusOK || resp.ContentType != "application/json" {
			t.Errorf("%s: status %d, Content-Type %q; want 200, application/json", name, resp.Status, resp.ContentType)
		}
		if !requestIDPattern.MatchString(resp.Response.RequestID) {
			t.Errorf("%s: RequestId %q is not a lowercase UUID", name, resp.Response.RequestID)
		}
	}

	resp := do(t, env.signed(t, "DescribeCommands", `{"Filters":[{"Name":"created-by","Values":["USER"]}]}`))
	var body struct {
		Response map[string]json.RawMessage
	}
	mustSucceed(t, json.Unmarshal(resp.Body, &body))
	if got := string(body.Response["TotalCount"]); got != "0" {
		t.Errorf("TotalCount = %s, want the JSON number 0", got)
	}
	if got := string(body.Response["CommandSet"]); got != "[]" {
		t.Errorf("CommandSet = %s, want []", got)
	}
}

func TestNonPostRequestsAreRejected(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	req := env.newRawRequest(t, "DescribeCommands", nil)
	req.Method = http.MethodGet
	signRequest(req, nil, testSecretID, testSecretKey, env.now(), []string{"content-type", "host"})
	if got := do(t, req).errorCode(); got != codeUnsupportedProtocol {
		t.Fatalf("got code %q, want %q", got, codeUnsupportedProtocol)
	}
}

// TestRequestCount counts every request for an action, including those
// turned away before authentication.
func TestRequestCount(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	mustSucceed(t, describeAll(env.tatClient(t)))
	assertCode(t, describeAll(env.client(t, common.NewCredential(testSecretID, "wrong"))), codeSignatureFailure)
	do(t, env.newRawRequest(t, "DescribeCommands", []byte(`{}`)))

	if got := env.svc.RequestCount("DescribeCommands"); got != 3 {
		t.Errorf("RequestCount(DescribeCommands) = %d, want 3", got)
	}
	if got := env.svc.RequestCount("CreateCommand"); got != 0 {
		t.Errorf("RequestCount(CreateCommand) = %d, want 0", got)
	}
}

// signed builds a request signed the way the SDK signs.
func (e *testEnv) signed(t *testing.T, action, body string) *http.Request {
	t.Helper()
	req := e.newRawRequest(t, action, []byte(body))
	signRequest(req, []byte(body), testSecretID, testSecretKey, e.now(), []string{"content-type", "host"})
	return req
}

package conns

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// These tests run the real SDKs through the client layer against small
// servers, capture the provider's log, and look at what the TRACE lines of
// the HTTP exchanges show and hide.

const (
	tatParameterValue = "tat-param-value-6e1d"
	ecsParameterValue = "ecs-param-value-b47a"
	ecsSecurityToken  = "alibaba-token-0004"
)

// capture records what the server received last.
type capture struct {
	mu      sync.Mutex
	headers http.Header
	query   string
	body    string
}

func (c *capture) record(r *http.Request, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.headers, c.query, c.body = r.Header.Clone(), r.URL.RawQuery, string(body)
}

func (c *capture) last() (http.Header, string, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.headers, c.query, c.body
}

// recordingServer answers every request with body and records it.
func recordingServer(t *testing.T, contentType, body string) (string, *capture) {
	t.Helper()
	c := &capture{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ := io.ReadAll(r.Body)
		c.record(r, got)
		w.Header().Set("Content-Type", contentType)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, c
}

// traceLog is a context whose provider log goes to a buffer, and a reader
// of the lines written so far.
func traceLog(t *testing.T) (context.Context, func() (raw string, entries []map[string]any)) {
	t.Helper()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	return ctx, func() (string, []map[string]any) {
		raw := buf.String()
		entries, err := tflogtest.MultilineJSONDecode(strings.NewReader(raw))
		if err != nil {
			t.Fatalf("decoding the log: %v", err)
		}
		return raw, entries
	}
}

// findEntry is the first log line with this message and action.
func findEntry(t *testing.T, entries []map[string]any, message, action string) map[string]any {
	t.Helper()
	for _, e := range entries {
		if e["@message"] == message && e["action"] == action {
			return e
		}
	}
	t.Fatalf("no log line %q for %s in %v", message, action, entries)
	return nil
}

func field(e map[string]any, name string) string {
	s, _ := e[name].(string)
	return s
}

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

func mustNotContain(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if secret != "" && strings.Contains(text, secret) {
			t.Errorf("%s shows %q:\n%s", what, secret, text)
		}
	}
}

// signatureOf is the hex signature in an Authorization header.
func signatureOf(t *testing.T, authorization string) string {
	t.Helper()
	_, sig, ok := strings.Cut(authorization, "Signature=")
	if !ok || len(sig) < 32 {
		t.Fatalf("no signature in Authorization %q", authorization)
	}
	return sig
}

// TestTraceLogShowsTATRequestWithParametersMasked: the InvokeCommand body
// is logged, with everything but the parameter values; the credentials,
// the token header and the signature are nowhere in the log.
func TestTraceLogShowsTATRequestWithParametersMasked(t *testing.T) {
	t.Parallel()
	endpoint, seen := recordingServer(t, "application/json", `{"Response":{"InvocationId":"inv-12345678","RequestId":"R1"}}`)
	ctx, read := traceLog(t)
	_, err := tencentTestClient(t, endpoint).InvokeCommand(ctx, &tat.InvokeCommandRequest{
		CommandId:   tea.String("cmd-12345678"),
		InstanceIds: []*string{tea.String("ins-aaaa0001")},
		Parameters:  tea.String(`{"token":"` + tatParameterValue + `"}`),
	})
	mustSucceed(t, err)
	headers, _, sentBody := seen.last()
	if !strings.Contains(sentBody, tatParameterValue) {
		t.Fatalf("the request did not carry the parameter value, so the test proves nothing: %s", sentBody)
	}
	raw, entries := read()
	req := findEntry(t, entries, "Sending vendor API request", "InvokeCommand")
	mustContain(t, "the logged request body", field(req, "request_body"), `"CommandId":"cmd-12345678"`, `"InstanceIds":["ins-aaaa0001"]`, `"Parameters":"***"`)
	mustContain(t, "the logged request", field(req, "http_method")+" "+field(req, "url")+" "+field(req, "vendor"), "POST", endpoint, vendorTencent)
	mustContain(t, "the logged request headers", field(req, "request_headers"),
		`"Authorization":"TC3-HMAC-SHA256 Credential=***/`, "Signature=***", `"X-Tc-Token":"***"`, `"X-Tc-Action":"InvokeCommand"`)
	mustNotContain(t, "the log", raw, tatParameterValue, "AKIDtest", "tencent-secret-key-0001", "tencent-token-0002",
		signatureOf(t, headers.Get("Authorization")))
}

// TestTraceLogShowsTATResponseMasked: response bodies are logged with the
// parameter values masked and the command's default parameters shown; a
// credential the service echoes in a field no rule covers is masked by
// value, which only the call's own context does.
func TestTraceLogShowsTATResponseMasked(t *testing.T) {
	t.Parallel()
	endpoint, _ := recordingServer(t, "application/json", `{"Response":{"TotalCount":1,"InvocationSet":[{`+
		`"InvocationId":"inv-12345678","CommandId":"cmd-12345678",`+
		`"Parameters":"{\"token\":\"`+tatParameterValue+`\"}","DefaultParameters":"{\"who\":\"world\"}",`+
		`"Description":"signed by tencent-secret-key-0001"}],"RequestId":"R2"}}`)
	ctx, read := traceLog(t)
	out, err := tencentTestClient(t, endpoint).DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{})
	mustSucceed(t, err)
	if got := tea.StringValue(out.Response.InvocationSet[0].Parameters); !strings.Contains(got, tatParameterValue) {
		t.Errorf("the SDK got parameters %q: logging changed the response", got)
	}
	raw, entries := read()
	resp := findEntry(t, entries, "Received vendor API response", "DescribeInvocations")
	if status, _ := resp["status"].(float64); status != http.StatusOK {
		t.Errorf("logged status %v, want 200", resp["status"])
	}
	mustContain(t, "the logged response body", field(resp, "response_body"),
		`"InvocationId":"inv-12345678"`, `"Parameters":"***"`, `"DefaultParameters":"{\"who\":\"world\"}"`, `"Description":"signed by ***"`)
	mustNotContain(t, "the log", raw, tatParameterValue, "tencent-secret-key-0001")
}

func alibabaTokenClient(t *testing.T, endpoint string) *ECSClient {
	t.Helper()
	c, err := NewECSClient(ECSConfig{
		AccessKey: "LTAItest", SecretKey: "alibaba-secret-0003", SecurityToken: ecsSecurityToken,
		Region: "cn-hangzhou", Endpoint: endpoint,
	}, fastOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTraceLogShowsECSRequestWithParametersMasked: ECS sends its arguments
// in the query; the logged URL masks Parameters, the headers mask the
// token and the signature, and the JSON response is logged masked.
func TestTraceLogShowsECSRequestWithParametersMasked(t *testing.T) {
	t.Parallel()
	endpoint, seen := recordingServer(t, "application/json;charset=utf-8",
		`{"RequestId":"R3","InvokeId":"t-1","CommandId":"c-1","Parameters":{"token":"`+ecsParameterValue+`"}}`)
	ctx, read := traceLog(t)
	_, err := alibabaTokenClient(t, endpoint).RunCommand(ctx, &ecs.RunCommandRequest{
		RegionId: tea.String("cn-hangzhou"), Type: tea.String("RunShellScript"), CommandContent: tea.String("echo {{token}}"),
		InstanceId: []*string{tea.String("i-1")}, EnableParameter: tea.Bool(true), ClientToken: tea.String("client-token-1"),
		Parameters: map[string]any{"token": ecsParameterValue},
	})
	mustSucceed(t, err)
	headers, query, _ := seen.last()
	if !strings.Contains(query, ecsParameterValue) {
		t.Fatalf("the query did not carry the parameter value, so the test proves nothing: %s", query)
	}
	raw, entries := read()
	req := findEntry(t, entries, "Sending vendor API request", "RunCommand")
	mustContain(t, "the logged URL", field(req, "url"), "Parameters=***", "ClientToken=client-token-1", "InstanceId.1=i-1")
	mustContain(t, "the logged request headers", field(req, "request_headers"),
		`"Authorization":"ACS3-HMAC-SHA256 Credential=***,`, "Signature=***", `"x-acs-security-token":"***"`, `"x-acs-action":"RunCommand"`)
	resp := findEntry(t, entries, "Received vendor API response", "RunCommand")
	mustContain(t, "the logged response body", field(resp, "response_body"), `"InvokeId":"t-1"`, `"Parameters":"***"`)
	mustNotContain(t, "the log", raw, ecsParameterValue, "LTAItest", "alibaba-secret-0003", ecsSecurityToken,
		signatureOf(t, headers.Get("Authorization")))
}

// TestTraceLogMasksRPCQueryAndForm: the older Alibaba RPC form signs in
// the query (Signature, SecurityToken) and may send a form body; both are
// logged with those values and the parameters masked.
func TestTraceLogMasksRPCQueryAndForm(t *testing.T) {
	t.Parallel()
	endpoint, _ := recordingServer(t, "application/json", `{"RequestId":"R4"}`)
	ctx, read := traceLog(t)
	query := "AccessKeyId=LTAItest&Action=InvokeCommand&Signature=c2lnbmF0dXJlLXZhbHVl&SignatureNonce=n-1&SecurityToken=" + ecsSecurityToken
	form := url.Values{"Parameters": {`{"token":"` + ecsParameterValue + `"}`}, "CommandId": {"c-1"}}.Encode()
	req, err := http.NewRequestWithContext(withProbe(maskSecrets(ctx, []string{"LTAItest"}), &probe{}), http.MethodPost, endpoint+"/?"+query, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := newProbingTransport().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	raw, entries := read()
	logged := findEntry(t, entries, "Sending vendor API request", "InvokeCommand")
	mustContain(t, "the logged URL", field(logged, "url"), "Signature=***", "SecurityToken=***", "SignatureNonce=n-1", "Action=InvokeCommand")
	mustContain(t, "the logged form body", field(logged, "request_body"), "Parameters=***", "CommandId=c-1")
	mustNotContain(t, "the log", raw, "c2lnbmF0dXJlLXZhbHVl", ecsSecurityToken, ecsParameterValue, "LTAItest")
}

// TestTransportErrorHidesECSParameters: a dropped connection is reported
// with the request's URL, which holds the parameters; the error the caller
// gets and the log show them masked.
func TestTransportErrorHidesECSParameters(t *testing.T) {
	t.Parallel()
	srv := startServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { dropConnection(t, w) })
	ctx, read := traceLog(t)
	_, err := alibabaTestClient(t, srv.url, WithMaxRetries(0)).RunCommand(ctx, &ecs.RunCommandRequest{
		RegionId: tea.String("cn-hangzhou"), Type: tea.String("RunShellScript"), CommandContent: tea.String("echo {{token}}"),
		InstanceId: []*string{tea.String("i-1")}, Parameters: map[string]any{"token": ecsParameterValue},
	})
	mustFail(t, err)
	mustContain(t, "the error", err.Error(), "Parameters=***")
	mustNotContain(t, "the error", err.Error(), ecsParameterValue)
	raw, entries := read()
	findEntry(t, entries, "Vendor API request got no response", "RunCommand")
	mustNotContain(t, "the log", raw, ecsParameterValue)
}

// TestTraceLogBoundsBodies: a large answer is logged cut to logBodyMax,
// and the SDK still reads all of it.
func TestTraceLogBoundsBodies(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 3*logBodyMax)
	endpoint, _ := recordingServer(t, "application/json", `{"Response":{"TotalCount":1,"InvocationSet":[{"CommandName":"`+big+`"}],"RequestId":"R5"}}`)
	ctx, read := traceLog(t)
	out, err := tencentTestClient(t, endpoint).DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{})
	mustSucceed(t, err)
	if got := tea.StringValue(out.Response.InvocationSet[0].CommandName); got != big {
		t.Errorf("the SDK got %d bytes of content, want %d", len(got), len(big))
	}
	_, entries := read()
	body := field(findEntry(t, entries, "Received vendor API response", "DescribeInvocations"), "response_body")
	if len(body) > logBodyMax+64 || !strings.Contains(body, "[truncated: ") {
		t.Errorf("the logged body has %d bytes, want at most %d and a note that it was cut", len(body), logBodyMax+64)
	}
}

// TestTraceLogShowsScriptsByDigest: a script, sent or listed, is logged as
// its length and digest, never as its text or its base64, which would show
// whatever secret it carries.
func TestTraceLogShowsScriptsByDigest(t *testing.T) {
	t.Parallel()
	const script = "curl -H 'Authorization: Bearer hunter2-in-a-script' https://example.com"
	encoded := base64.StdEncoding.EncodeToString([]byte(script))
	endpoint, _ := recordingServer(t, "application/json", `{"Response":{"TotalCount":1,"CommandSet":[{"Content":"`+encoded+`"}],"RequestId":"R6"}}`)
	ctx, read := traceLog(t)
	_, err := tencentTestClient(t, endpoint).DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
	mustSucceed(t, err)
	_, err = tencentTestClient(t, endpoint).CreateCommand(ctx, &tat.CreateCommandRequest{CommandName: tea.String("c"), Content: tea.String(encoded)})
	mustSucceed(t, err)
	raw, entries := read()
	mustNotContain(t, "the log", raw, encoded)
	mustNotContain(t, "the log", raw, "hunter2")
	sent := field(findEntry(t, entries, "Sending vendor API request", "CreateCommand"), "request_body")
	mustContain(t, "the logged request", sent, fmt.Sprintf("(%d bytes, sha256 ", len(encoded)))
	listed := field(findEntry(t, entries, "Received vendor API response", "DescribeCommands"), "response_body")
	mustContain(t, "the logged response", listed, "sha256 ")
}

func TestSecretName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"Parameters", "parameters", "Parameters.token", "SecretKey", "SecretId", "AccessKeySecret", "SecurityToken",
		"X-TC-Token", "x-acs-security-token", "Signature", "Authorization", "Proxy-Authorization", "Password", "Cookie",
		"Output", "TaskResult.Output", "ExternalId", "external_id",
	} {
		if !secretName(name) {
			t.Errorf("secretName(%q) = false, want true", name)
		}
	}
	for _, name := range []string{
		"DefaultParameters", "ParameterNames", "DefaultParameterConfs", "EnableParameter", "ClientToken", "NextToken",
		"SignatureNonce", "SignatureMethod", "SignatureVersion", "SignedHeaders", "CommandId", "Tag.1.Value", "",
		"OutputUrl", "IncludeOutput", "HideOutput", "OutputCOSBucketUrl", "OutputCOSKeyPrefix",
	} {
		if secretName(name) {
			t.Errorf("secretName(%q) = true, want false", name)
		}
	}
}

func TestMaskAuthorization(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"TC3-HMAC-SHA256 Credential=AKID/2024-01-01/tat/tc3_request, SignedHeaders=content-type;host, Signature=abc123": "TC3-HMAC-SHA256 Credential=AKID/2024-01-01/tat/tc3_request, SignedHeaders=content-type;host, Signature=***",
		"ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=def456":                                          "ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=***",
		"Bearer opaque-token-value": "Bearer ***",
		"opaque":                    "***",
	}
	for in, want := range cases {
		if got := maskAuthorization(in); got != want {
			t.Errorf("maskAuthorization(%q) = %q, want %q", in, got, want)
		}
	}
}

// A body that cannot be parsed cannot be masked, so it is not shown.
func TestMaskBodyHidesWhatItCannotParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ contentType, body string }{
		{"application/json", `{"Parameters":"` + tatParameterValue + `"`},   // truncated JSON
		{"application/json", `{"a":1} {"Parameters":"` + tatParameterValue}, // two values
		{"text/html", "<p>" + tatParameterValue + "</p>"},
	} {
		got := maskBody(tc.contentType, []byte(tc.body), true)
		if strings.Contains(got, tatParameterValue) || !strings.Contains(got, "not shown") {
			t.Errorf("maskBody(%q, %q) = %q, want it not shown", tc.contentType, tc.body, got)
		}
	}
	if got := maskBody("application/json", []byte(`{"big":1}`), false); !strings.Contains(got, "not shown") {
		t.Errorf("a body read only in part was shown: %q", got)
	}
}

// Masking keeps nulls, empty values and numbers as they were, and masks
// secrets at any depth, whatever their type.
func TestMaskJSON(t *testing.T) {
	t.Parallel()
	in := `{"Parameters":null,"Items":[{"Parameters":{"a":"b"},"Size":12345678901234567890,"Html":"<&>"}],"SecurityToken":""}`
	want := `{"Items":[{"Html":"<&>","Parameters":"***","Size":12345678901234567890}],"Parameters":null,"SecurityToken":""}`
	if got, ok := maskJSON([]byte(in)); !ok || got != want {
		t.Errorf("maskJSON = %q, %t; want %q", got, ok, want)
	}
}

// A cut falls on a delimiter, so no value is split in two.
func TestTruncateCutsAtADelimiter(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("a", 90) + "," + strings.Repeat("K", 20)
	got := truncate(text, 100)
	if !strings.HasPrefix(got, strings.Repeat("a", 90)+"...[truncated: 111 bytes in all]") {
		t.Errorf("truncate = %q, want the text cut before the comma", got)
	}
}

// loggedBodyResult is what a loggedBody reported.
type loggedBodyResult struct {
	calls    int
	head     string
	complete bool
	err      error
}

func newLoggedBody(content string, length int64) (*loggedBody, *loggedBodyResult) {
	got := &loggedBodyResult{}
	return &loggedBody{body: io.NopCloser(strings.NewReader(content)), length: length, done: func(head []byte, complete bool, err error) {
		got.calls++
		got.head, got.complete, got.err = string(head), complete, err
	}}, got
}

// A response body is reported once, whole, whether its reader runs to EOF
// or stops at the announced length; a body closed half-read is reported as
// cut off.
func TestLoggedBodyReportsOnce(t *testing.T) {
	t.Parallel()
	toEOF, got := newLoggedBody(`{"a":1}`, -1)
	if _, err := io.ReadAll(toEOF); err != nil {
		t.Fatal(err)
	}
	_ = toEOF.Close()
	if got.calls != 1 || got.head != `{"a":1}` || !got.complete || got.err != nil {
		t.Errorf("read to EOF: %+v", *got)
	}

	toLength, got := newLoggedBody(`{"a":1}`, 7)
	buf := make([]byte, 7)
	if _, err := io.ReadFull(toLength, buf); err != nil {
		t.Fatal(err)
	}
	_ = toLength.Close()
	if got.calls != 1 || got.head != `{"a":1}` || got.err != nil {
		t.Errorf("read to its length: %+v", *got)
	}

	halfRead, got := newLoggedBody(`{"a":1}`, 7)
	if _, err := io.ReadFull(halfRead, buf[:3]); err != nil {
		t.Fatal(err)
	}
	_ = halfRead.Close()
	if got.calls != 1 || got.head != `{"a` || !errors.Is(got.err, errClosedEarly) {
		t.Errorf("closed half-read: %+v", *got)
	}
}

// TestECSCallAbandonedByItsContextLogsWithoutARace: when a context expires
// during an ECS call, the caller returns and logs while the call's own
// goroutine is still logging its exchange. tflog masks a line's fields in
// place in the map the context carries, so the two must not share it; the
// race detector fails this test if they do.
func TestECSCallAbandonedByItsContextLogsWithoutARace(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RequestId":"R-slow","Commands":{"Command":[]}}`))
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })

	// The abandoned call may still be writing when the test reads the log.
	var log lockedBuffer
	logCtx := tflogtest.RootLogger(context.Background(), &log)
	// Fields set on the context, as the framework sets tf_rpc and
	// tf_req_id, are what masking rewrites in place.
	logCtx = tflog.SetField(logCtx, "tf_rpc", "ApplyResourceChange")
	ctx, cancel := context.WithTimeout(logCtx, 100*time.Millisecond)
	defer cancel()
	c, err := NewECSClient(ECSConfig{
		AccessKey: "LTAItest", SecretKey: "alibaba-secret-0004", Region: "cn-hangzhou", Endpoint: slow.URL,
	}, WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeCommands(ctx, &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")}); err == nil {
		t.Fatal("a call whose context expired succeeded")
	}
	tflog.Debug(logCtx, "the caller logs on after its call returned")
	if raw := log.String(); !strings.Contains(raw, "the caller logs on") {
		t.Errorf("the log lacks the caller's line:\n%s", raw)
	}
}

// lockedBuffer is a bytes.Buffer safe for concurrent writers and readers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

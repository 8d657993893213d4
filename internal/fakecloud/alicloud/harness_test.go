package alicloud

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

const (
	testAccessKey = "LTAItestkey"
	testSecret    = "test-secret"
	testRegion    = "cn-hangzhou"
)

// testClock is the wall clock shifted by an adjustable offset. The SDK
// stamps requests with the real time, so tests move the fake's clock
// relative to it rather than freezing it.
type testClock struct {
	offset atomic.Int64
}

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

func (c *testClock) shift(d time.Duration) { c.offset.Add(int64(d)) }

// fixture is a fake service behind a loopback HTTP server.
type fixture struct {
	svc      *Service
	clock    *testClock
	endpoint string // host:port, the form the SDK's Endpoint takes
}

func newFixture(t *testing.T, configure ...func(*Config)) *fixture {
	t.Helper()
	clock := &testClock{}
	cfg := Config{AccessKey: testAccessKey, SecretKey: testSecret, Simulation: vendorkit.Simulation{Now: clock.Now}}
	for _, c := range configure {
		c(&cfg)
	}
	svc := New(cfg)
	server := httptest.NewServer(svc)
	t.Cleanup(server.Close)
	return &fixture{svc: svc, clock: clock, endpoint: strings.TrimPrefix(server.URL, "http://")}
}

// client returns a real SDK client for the fixture, signing with ACS3 unless
// configured otherwise. An SDK client is not safe for concurrent use (each
// call resets a field of the client), so parallel tests take one each.
func (f *fixture) client(t *testing.T, configure ...func(*openapi.Config)) *ecs.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(testAccessKey),
		AccessKeySecret: tea.String(testSecret),
		RegionId:        tea.String(testRegion),
		Endpoint:        tea.String(f.endpoint),
		Protocol:        tea.String("http"),
		HttpClient:      plainHTTPClient{},
	}
	for _, c := range configure {
		c(cfg)
	}
	client, err := ecs.NewClient(cfg)
	if err != nil {
		t.Fatalf("ecs.NewClient: %v", err)
	}
	return client
}

// plainHTTPClient sends the SDK's requests with http.DefaultClient. Left to
// itself the SDK shares one pooled client per endpoint and rewrites its
// Timeout on every call without synchronization, a data race whenever two
// calls to one endpoint overlap.
type plainHTTPClient struct{}

func (plainHTTPClient) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return http.DefaultClient.Do(req)
}

// rpcSigned makes a client sign with the legacy RPC (HMAC-SHA1) scheme.
func rpcSigned(cfg *openapi.Config) { cfg.SignatureAlgorithm = tea.String("v2") }

// signingSchemes runs a test once per signature scheme the SDK can use.
var signingSchemes = []struct {
	name      string
	configure func(*openapi.Config)
}{
	{"ACS3", func(*openapi.Config) {}},
	{"RPCv1", rpcSigned},
}

// callAPI sends an arbitrary action through the SDK's generic entry point,
// for parameters or actions the typed client does not offer.
func callAPI(client *ecs.Client, action, version string, query map[string]string) (map[string]any, error) {
	params := &openapi.Params{
		Action:      tea.String(action),
		Version:     tea.String(version),
		Protocol:    tea.String("HTTPS"),
		Pathname:    tea.String("/"),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	req := &openapi.OpenApiRequest{Query: stringPtrs(query)}
	return client.CallApi(params, req, &dara.RuntimeOptions{})
}

// wantSDKError fails the test unless err is the SDK's error for this code
// and HTTP status.
func wantSDKError(t *testing.T, err error, code string, status int) {
	t.Helper()
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) {
		t.Fatalf("error = %v (%T), want *tea.SDKError %s", err, err, code)
	}
	if got := tea.StringValue(sdkErr.Code); got != code {
		t.Errorf("error code = %q, want %q (message: %s)", got, code, tea.StringValue(sdkErr.Message))
	}
	if got := tea.IntValue(sdkErr.StatusCode); got != status {
		t.Errorf("status = %d, want %d for %s", got, status, code)
	}
}

func mustSucceed(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// rawACS3 describes a request signed with the SDK's own ACS3 signer but
// assembled by hand, so a test can tamper with any part of it.
type rawACS3 struct {
	method  string            // default POST
	query   map[string]string // business parameters
	headers map[string]string // headers to add or override before signing; "" removes one
	body    string
	secret  string // default testSecret
	key     string // default testAccessKey
}

const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// acs3Request signs r for action against the fixture.
func (f *fixture) acs3Request(t *testing.T, action string, r rawACS3) *http.Request {
	t.Helper()
	method := cmpOr(r.method, http.MethodPost)
	bodyHash := sha256.Sum256([]byte(r.body))
	headers := map[string]string{
		"host":                  f.endpoint,
		"x-acs-action":          action,
		"x-acs-version":         APIVersion,
		"x-acs-date":            f.clock.Now().UTC().Format(timestampLayout),
		"x-acs-signature-nonce": randomString(32),
		"x-acs-content-sha256":  hex.EncodeToString(bodyHash[:]),
	}
	for name, value := range r.headers {
		headers[name] = value
		if value == "" {
			delete(headers, name)
		}
	}
	signing := &dara.Request{
		Method:   tea.String(method),
		Pathname: tea.String("/"),
		Query:    stringPtrs(r.query),
		Headers:  stringPtrs(headers),
	}
	auth := openapiutil.GetAuthorization(signing, tea.String(acs3Algorithm), tea.String(headers["x-acs-content-sha256"]),
		tea.String(cmpOr(r.key, testAccessKey)), tea.String(cmpOr(r.secret, testSecret)))

	req, err := http.NewRequest(method, "http://"+f.endpoint+"/?"+encodeQuery(r.query), strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	for name, value := range headers {
		if name != "host" {
			req.Header.Set(name, value)
		}
	}
	req.Header.Set("Authorization", tea.StringValue(auth))
	return req
}

// rpcRequest signs query for action with the SDK's own RPC v1 signer. A
// parameter given as "" is removed before signing.
func (f *fixture) rpcRequest(t *testing.T, method, action string, query map[string]string) *http.Request {
	t.Helper()
	return f.rpcRequestSignedWith(t, testSecret, method, action, query)
}

// rpcRequestSignedWith is rpcRequest signed with secret.
func (f *fixture) rpcRequestSignedWith(t *testing.T, secret, method, action string, query map[string]string) *http.Request {
	t.Helper()
	all := map[string]string{
		"Action":           action,
		"Version":          APIVersion,
		"Format":           "json",
		"AccessKeyId":      testAccessKey,
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureVersion": "1.0",
		"SignatureNonce":   randomString(32),
		"Timestamp":        f.clock.Now().UTC().Format(timestampLayout),
	}
	for name, value := range query {
		all[name] = value
		if value == "" {
			delete(all, name)
		}
	}
	all["Signature"] = tea.StringValue(openapiutil.GetRPCSignature(stringPtrs(all), tea.String(method), tea.String(secret)))
	req, err := http.NewRequest(method, "http://"+f.endpoint+"/?"+encodeQuery(all), nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func stringPtrs(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = tea.String(v)
	}
	return out
}

func encodeQuery(query map[string]string) string {
	values := url.Values{}
	for name, value := range query {
		values.Set(name, value)
	}
	return values.Encode()
}

func cmpOr(value, def string) string {
	if value == "" {
		return def
	}
	return value
}

// rawResponse is a response read off the wire, with its body decoded.
type rawResponse struct {
	status      int
	contentType string
	body        map[string]any
}

func (r rawResponse) code() string { s, _ := r.body["Code"].(string); return s }

func send(t *testing.T, req *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("sending request: %v", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading response: %v", err)
	}
	out := rawResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	if err := json.Unmarshal(data, &out.body); err != nil {
		t.Fatalf("response is not a JSON object: %v: %s", err, data)
	}
	return out
}

func wantRawError(t *testing.T, resp rawResponse, code string, status int) {
	t.Helper()
	if resp.code() != code || resp.status != status {
		t.Fatalf("got %d %q (%v), want %d %q", resp.status, resp.code(), resp.body["Message"], status, code)
	}
}

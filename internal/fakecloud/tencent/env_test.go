package tencent

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

const (
	testSecretID  = "AKIDtencentfaketest"
	testSecretKey = "tencent-fake-test-secret"
	testRegion    = "ap-guangzhou"
)

var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// testEnv is a fake TAT service behind an httptest server on a loopback
// port. Its clock starts at the wall-clock second the test began, because
// the SDK stamps requests with the wall clock, and only moves when the test
// moves it.
type testEnv struct {
	svc    *Service
	server *httptest.Server
	start  time.Time
	offset atomic.Int64 // nanoseconds the clock has been moved
}

func newTestEnv(t *testing.T, configure ...func(*Config)) *testEnv {
	t.Helper()
	env := &testEnv{start: time.Now().Truncate(time.Second)}
	cfg := Config{SecretID: testSecretID, SecretKey: testSecretKey, Skew: 5 * time.Minute, Simulation: vendorkit.Simulation{Now: env.now}}
	for _, c := range configure {
		c(&cfg)
	}
	env.svc = New(cfg)
	env.server = httptest.NewServer(env.svc)
	t.Cleanup(env.server.Close)
	return env
}

func (e *testEnv) now() time.Time { return e.start.Add(time.Duration(e.offset.Load())) }

func (e *testEnv) advance(d time.Duration) { e.offset.Add(int64(d)) }

// host is the server's host:port, the form the SDK's Endpoint takes.
func (e *testEnv) host() string { return strings.TrimPrefix(e.server.URL, "http://") }

func (e *testEnv) profile() *profile.ClientProfile {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = e.host()
	cpf.HttpProfile.Scheme = "HTTP"
	cpf.Language = "en-US"
	return cpf
}

// client returns an SDK client signing with cred.
func (e *testEnv) client(t *testing.T, cred common.CredentialIface) *tat.Client {
	t.Helper()
	c, err := tat.NewClient(cred, testRegion, e.profile())
	if err != nil {
		t.Fatalf("tat.NewClient: %v", err)
	}
	return c
}

// tatClient returns an SDK client with the configured credentials.
func (e *testEnv) tatClient(t *testing.T) *tat.Client {
	return e.client(t, common.NewCredential(testSecretID, testSecretKey))
}

// sendCommon sends any action, version and body through the SDK's common
// client, for requests the typed client cannot make.
func (e *testEnv) sendCommon(t *testing.T, version, action string, params any) error {
	t.Helper()
	c := common.NewCommonClient(common.NewCredential(testSecretID, testSecretKey), testRegion, e.profile())
	req := tchttp.NewCommonRequest(serviceName, version, action)
	if err := req.SetActionParameters(params); err != nil {
		t.Fatalf("SetActionParameters: %v", err)
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

// signRequest stamps req with X-TC-Timestamp and a TC3 Authorization over
// signedHeaders and body. It uses the package's signing functions, which the
// known-answer tests pin to Tencent's published vectors.
func signRequest(req *http.Request, body []byte, secretID, secretKey string, at time.Time, signedHeaders []string) {
	timestamp := strconv.FormatInt(at.Unix(), 10)
	date := at.UTC().Format(credentialDateForm)
	req.Header.Set("X-TC-Timestamp", timestamp)
	headers := canonicalHeaders(signedHeaders, func(name string) string { return headerValue(req, name) })
	canonical := canonicalRequest(req.Method, "", headers, signedHeaders, sha256Hex(body))
	sig := signature(secretKey, date, serviceName, stringToSign(timestamp, date, serviceName, canonical))
	req.Header.Set("Authorization", tc3Algorithm+" Credential="+secretID+"/"+date+"/"+serviceName+"/"+tc3Terminator+
		", SignedHeaders="+strings.Join(signedHeaders, ";")+", Signature="+sig)
}

// newRawRequest builds an unsigned TAT request to the test server.
func (e *testEnv) newRawRequest(t *testing.T, action string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.server.URL+"/", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", apiVersion)
	return req
}

// rawResponse is a decoded envelope plus what the HTTP layer said.
type rawResponse struct {
	Status      int
	ContentType string
	Body        []byte
	Response    struct {
		Error *struct {
			Code    string
			Message string
		}
		RequestID string `json:"RequestId"`
	}
}

func do(t *testing.T, req *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", req.Header.Get("X-TC-Action"), err)
	}
	defer resp.Body.Close()
	out := rawResponse{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	if out.Body, err = io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Body, &out); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, out.Body)
	}
	return out
}

// errorCode is the envelope's error code, "" on success.
func (r rawResponse) errorCode() string {
	if r.Response.Error == nil {
		return ""
	}
	return r.Response.Error.Code
}

// assertCode checks that err is the SDK's error for the wanted TAT code, and
// that it carries the request ID the fake generated.
func assertCode(t *testing.T, err error, want string) {
	t.Helper()
	var sdkErr *tcerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		t.Fatalf("got error %v (%T), want TencentCloudSDKError %s", err, err, want)
	}
	if sdkErr.Code != want {
		t.Fatalf("got code %s (%s), want %s", sdkErr.Code, sdkErr.Message, want)
	}
	if !requestIDPattern.MatchString(sdkErr.RequestId) {
		t.Errorf("RequestId %q is not a lowercase UUID", sdkErr.RequestId)
	}
}

func mustSucceed(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

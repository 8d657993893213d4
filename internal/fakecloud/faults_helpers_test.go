package fakecloud

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Helpers shared by the fault-injection tests. Each test starts its own fake
// on a free port, so they all run in parallel.

// startFake starts a fake with opts and closes it when the test ends.
func startFake(t *testing.T, opts Options) *Server {
	t.Helper()
	fake := New(opts)
	if _, err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := fake.Close(); err != nil {
			t.Errorf("closing the fake: %v", err)
		}
	})
	return fake
}

func mustSet(t *testing.T, fake *Server, rule FaultRule) {
	t.Helper()
	if err := fake.Faults().Set(rule); err != nil {
		t.Fatal(err)
	}
}

// tatClient is the vendor's SDK client aimed at the fake. The SDK's own
// retries are off by default (RateLimitExceededMaxRetries is zero), so each
// call is exactly one request.
func tatClient(t *testing.T, fake *Server) *tat.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = strings.TrimPrefix(fake.URL(), "http://")
	cpf.HttpProfile.Scheme = "HTTP"
	client, err := tat.NewClient(common.NewCredential(DefaultTencentSecretID, DefaultTencentSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// ecsClient is the vendor's SDK client aimed at the fake; it never retries
// unless told to.
func ecsClient(t *testing.T, fake *Server) *ecs.Client {
	t.Helper()
	client, err := ecs.NewClient(&openapi.Config{
		AccessKeyId:     tea.String(DefaultAlicloudAccessKey),
		AccessKeySecret: tea.String(DefaultAlicloudSecretKey),
		RegionId:        tea.String("cn-hangzhou"),
		Endpoint:        tea.String(strings.TrimPrefix(fake.URL(), "http://")),
		Protocol:        tea.String("http"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// createTATCommand creates a command through the SDK and returns its ID.
func createTATCommand(t *testing.T, client *tat.Client) string {
	t.Helper()
	req := tat.NewCreateCommandRequest()
	req.CommandName = common.StringPtr("faults")
	req.Content = common.StringPtr(base64.StdEncoding.EncodeToString([]byte("echo hi")))
	resp, err := client.CreateCommand(req)
	if err != nil {
		t.Fatal(err)
	}
	return *resp.Response.CommandId
}

func invokeTAT(client *tat.Client, commandID string) (*tat.InvokeCommandResponse, error) {
	req := tat.NewInvokeCommandRequest()
	req.CommandId = common.StringPtr(commandID)
	req.InstanceIds = common.StringPtrs([]string{"ins-faults01"})
	return client.InvokeCommand(req)
}

func runECS(client *ecs.Client) (*ecs.RunCommandResponse, error) {
	return client.RunCommand(&ecs.RunCommandRequest{
		RegionId:       tea.String("cn-hangzhou"),
		Type:           tea.String("RunShellScript"),
		CommandContent: tea.String("echo hi"),
		InstanceId:     []*string{tea.String("i-faults0000000000001")},
	})
}

// reply is a raw response, read whole.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request on a connection of its own, so a dropped
// connection never affects the next request, and Go's transport never
// replays a request on a fresh connection.
func send(t *testing.T, req *http.Request) (reply, error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// rawTencent sends an unsigned TAT request. The fault layer acts before the
// service checks signatures, so unsigned requests meet faults like signed
// ones; those that get through are refused by the service.
func rawTencent(t *testing.T, fake *Server, action string) (reply, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, fake.URL()+"/", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2020-10-28")
	return send(t, req)
}

// rawAlicloud sends an unsigned ECS request in the SDK's default shape:
// action in x-acs-action, parameters in the query string.
func rawAlicloud(t *testing.T, fake *Server, action string) (reply, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, fake.URL()+"/?RegionId=cn-hangzhou", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-acs-action", action)
	req.Header.Set("x-acs-version", "2014-05-26")
	return send(t, req)
}

// mustReply fails the test when the request got no response.
func mustReply(t *testing.T) func(reply, error) reply {
	return func(r reply, err error) reply {
		t.Helper()
		if err != nil {
			t.Fatalf("request failed: %v", err)
		}
		return r
	}
}

// tencentErrorCode reads Response.Error.Code, "" for a success.
func tencentErrorCode(t *testing.T, body []byte) string {
	t.Helper()
	var envelope struct {
		Response struct {
			Error *struct {
				Code    string
				Message string
			}
			RequestID string `json:"RequestId"`
		}
	}
	if err := json.Unmarshal(body, &envelope); err != nil {
		t.Fatalf("body %q is not TAT's envelope: %v", body, err)
	}
	if envelope.Response.RequestID == "" {
		t.Errorf("body %q has no RequestId", body)
	}
	if envelope.Response.Error == nil {
		return ""
	}
	return envelope.Response.Error.Code
}

// alicloudError is the body of an ECS error.
type alicloudError struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func decodeAlicloudError(t *testing.T, body []byte) alicloudError {
	t.Helper()
	var e alicloudError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("body %q is not an ECS error: %v", body, err)
	}
	return e
}

// signedRPCForm builds an RPC-style (HMAC-SHA1, signature version 1.0) ECS
// request with every parameter, Action included, in a form body and none in
// the query string or headers: the shape whose action only the body names.
func signedRPCForm(t *testing.T, fake *Server, params url.Values) *http.Request {
	t.Helper()
	all := url.Values{
		"Action":           {"RunCommand"},
		"Version":          {"2014-05-26"},
		"Format":           {"JSON"},
		"AccessKeyId":      {DefaultAlicloudAccessKey},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {strconv.FormatInt(time.Now().UnixNano(), 36) + t.Name()},
		"Timestamp":        {fake.Clock().Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for name, values := range params {
		all[name] = values
	}
	all.Set("Signature", rpcSign(all))
	req, err := http.NewRequest(http.MethodPost, fake.URL()+"/", strings.NewReader(all.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// rpcSign signs the RPC way: HMAC-SHA1, keyed with the secret and "&", of
// "POST&%2F&" and the encoded canonical parameter list.
func rpcSign(params url.Values) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	pairs := make([]string, len(names))
	for i, name := range names {
		pairs[i] = rfc3986(name) + "=" + rfc3986(params.Get(name))
	}
	mac := hmac.New(sha1.New, []byte(DefaultAlicloudSecretKey+"&"))
	mac.Write([]byte("POST&%2F&" + rfc3986(strings.Join(pairs, "&"))))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// rfc3986 percent-encodes everything but the unreserved characters.
func rfc3986(s string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
}

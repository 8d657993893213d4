package alicloud

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func describeRegion(client *ecs.Client) error {
	_, err := client.DescribeCommands(&ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion)})
	return err
}

func TestAuthenticationThroughSDK(t *testing.T) {
	t.Parallel()
	const token = "sts-token"
	tests := []struct {
		name       string
		service    func(*Config)
		shiftClock time.Duration
		client     func(*openapi.Config)
		wantCode   string
		wantStatus int
	}{
		{name: "valid"},
		{
			name:     "wrong secret",
			client:   func(c *openapi.Config) { c.AccessKeySecret = tea.String("not-the-secret") },
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name:     "unknown access key",
			client:   func(c *openapi.Config) { c.AccessKeyId = tea.String("LTAIsomeoneelse") },
			wantCode: "InvalidAccessKeyId.NotFound", wantStatus: http.StatusNotFound,
		},
		{name: "request 10 minutes behind the service", shiftClock: 10 * time.Minute},
		{
			name: "request 20 minutes behind the service", shiftClock: 20 * time.Minute,
			wantCode: "InvalidTimeStamp.Expired", wantStatus: http.StatusBadRequest,
		},
		{
			name: "request 20 minutes ahead of the service", shiftClock: -20 * time.Minute,
			wantCode: "InvalidTimeStamp.Expired", wantStatus: http.StatusBadRequest,
		},
		{
			name:       "narrower configured skew",
			service:    func(c *Config) { c.Skew = time.Minute },
			shiftClock: 2 * time.Minute,
			wantCode:   "InvalidTimeStamp.Expired", wantStatus: http.StatusBadRequest,
		},
		{
			name:    "matching security token",
			service: func(c *Config) { c.SecurityToken = token },
			client:  func(c *openapi.Config) { c.SecurityToken = tea.String(token) },
		},
		{
			name:     "wrong security token",
			service:  func(c *Config) { c.SecurityToken = token },
			client:   func(c *openapi.Config) { c.SecurityToken = tea.String("stale-token") },
			wantCode: "InvalidSecurityToken.MismatchWithAccessKey", wantStatus: http.StatusBadRequest,
		},
		{
			name:    "no security token where one is configured",
			service: func(c *Config) { c.SecurityToken = token },
		},
	}
	for _, scheme := range signingSchemes {
		for _, tt := range tests {
			t.Run(scheme.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				var configure []func(*Config)
				if tt.service != nil {
					configure = append(configure, tt.service)
				}
				f := newFixture(t, configure...)
				f.clock.shift(tt.shiftClock)
				clientConfig := []func(*openapi.Config){scheme.configure}
				if tt.client != nil {
					clientConfig = append(clientConfig, tt.client)
				}
				err := describeRegion(f.client(t, clientConfig...))
				if tt.wantCode == "" {
					mustSucceed(t, err)
					return
				}
				wantSDKError(t, err, tt.wantCode, tt.wantStatus)
			})
		}
	}
}

func TestReplayedNonceIsRefused(t *testing.T) {
	t.Parallel()
	query := map[string]string{"RegionId": testRegion}
	tests := []struct {
		name    string
		request func(*testing.T, *fixture) *http.Request
	}{
		{"ACS3", func(t *testing.T, f *fixture) *http.Request {
			return f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
		}},
		{"RPCv1", func(t *testing.T, f *fixture) *http.Request {
			return f.rpcRequest(t, http.MethodPost, "DescribeCommands", query)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			req := tt.request(t, f)
			if resp := send(t, req.Clone(t.Context())); resp.status != http.StatusOK {
				t.Fatalf("first request: %d %s", resp.status, resp.code())
			}
			wantRawError(t, send(t, req.Clone(t.Context())), "SignatureNonceUsed", http.StatusBadRequest)
		})
	}
}

func TestRefusedRequestDoesNotBurnItsNonce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	req := f.acs3Request(t, "DescribeCommands", rawACS3{query: map[string]string{"RegionId": testRegion}})

	f.clock.shift(time.Hour)
	wantRawError(t, send(t, req.Clone(t.Context())), "InvalidTimeStamp.Expired", http.StatusBadRequest)
	f.clock.shift(-time.Hour)
	if resp := send(t, req.Clone(t.Context())); resp.status != http.StatusOK {
		t.Fatalf("retry after a refusal: %d %s", resp.status, resp.code())
	}
}

func TestTamperedRequestsAreRefused(t *testing.T) {
	t.Parallel()
	query := map[string]string{"RegionId": testRegion}
	tests := []struct {
		name       string
		request    func(*testing.T, *fixture) *http.Request
		wantCode   string
		wantStatus int
	}{
		{
			name: "ACS3 query changed after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.URL.RawQuery = "RegionId=cn-beijing"
				return req
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "ACS3 parameter added after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.URL.RawQuery += "&PageSize=50"
				return req
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "ACS3 body changed after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{
					body:    "RegionId=cn-hangzhou",
					headers: map[string]string{"content-type": "application/x-www-form-urlencoded"},
				})
				return withBody(req, "RegionId=cn-beijing")
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "ACS3 action header changed after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.Header.Set("x-acs-action", "DeleteCommand")
				return req
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC parameter changed after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.rpcRequest(t, http.MethodPost, "DescribeCommands", query)
				req.URL.RawQuery = strings.Replace(req.URL.RawQuery, "RegionId=cn-hangzhou", "RegionId=cn-beijing", 1)
				return req
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC signed for GET, sent as POST",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.rpcRequest(t, http.MethodGet, "DescribeCommands", query)
				req.Method = http.MethodPost
				return req
			},
			wantCode: "SignatureDoesNotMatch", wantStatus: http.StatusBadRequest,
		},
		{
			name: "ACS3 security token added after signing",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.Header.Set("x-acs-security-token", "token")
				return req
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			wantRawError(t, send(t, tt.request(t, f)), tt.wantCode, tt.wantStatus)
		})
	}
}

func TestMalformedSignatures(t *testing.T) {
	t.Parallel()
	query := map[string]string{"RegionId": testRegion}
	tests := []struct {
		name       string
		request    func(*testing.T, *fixture) *http.Request
		wantCode   string
		wantStatus int
	}{
		{
			name: "no signature at all",
			request: func(t *testing.T, f *fixture) *http.Request {
				req, _ := http.NewRequest(http.MethodPost, "http://"+f.endpoint+"/?RegionId=cn-hangzhou", nil)
				req.Header.Set("x-acs-action", "DescribeCommands")
				req.Header.Set("x-acs-version", APIVersion)
				return req
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "other authorization scheme",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.Header.Set("Authorization", "Bearer abc")
				return req
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "authorization without a signature",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+testAccessKey+",SignedHeaders=host")
				return req
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "unknown access key",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{query: query, key: "LTAIunknown"})
			},
			wantCode: "InvalidAccessKeyId.NotFound", wantStatus: http.StatusNotFound,
		},
		{
			name: "nonce not signed",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{query: query, headers: map[string]string{"x-acs-signature-nonce": ""}})
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "signed header missing from the request",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query})
				req.Header.Del("x-acs-date")
				return req
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "date in another format",
			request: func(t *testing.T, f *fixture) *http.Request {
				date := f.clock.Now().UTC().Format(http.TimeFormat)
				return f.acs3Request(t, "DescribeCommands", rawACS3{query: query, headers: map[string]string{"x-acs-date": date}})
			},
			wantCode: "InvalidTimeStamp.Format", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC without a nonce",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.rpcRequest(t, http.MethodPost, "DescribeCommands", map[string]string{"RegionId": testRegion, "SignatureNonce": ""})
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC with another signature method",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.rpcRequest(t, http.MethodPost, "DescribeCommands", map[string]string{"RegionId": testRegion, "SignatureMethod": "HMAC-SHA256"})
			},
			wantCode: "IncompleteSignature", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC with a malformed timestamp",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.rpcRequest(t, http.MethodPost, "DescribeCommands", map[string]string{"RegionId": testRegion, "Timestamp": "2030-01-01 00:00:00"})
			},
			wantCode: "InvalidTimeStamp.Format", wantStatus: http.StatusBadRequest,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			wantRawError(t, send(t, tt.request(t, f)), tt.wantCode, tt.wantStatus)
		})
	}
}

// withBody replaces a request's body, keeping its headers and signature.
func withBody(req *http.Request, body string) *http.Request {
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(strings.NewReader(body))
	out.ContentLength = int64(len(body))
	return out
}

// TestWrongSecretShowsTheServerStringToSign checks the end of the
// SignatureDoesNotMatch message, which clients parse to tell a wrong
// AccessKey secret from a bad signature: the string the service signed,
// after "server string to sign is:". A request signed with a wrong secret
// over the right string must find its own string there, so the secret it
// used, applied to that string, gives the signature it sent.
func TestWrongSecretShowsTheServerStringToSign(t *testing.T) {
	t.Parallel()
	const prefix = "Specified signature is not matched with our calculation. server string to sign is:"
	const wrongSecret = "not-the-secret"
	f := newFixture(t)
	query := map[string]string{"RegionId": testRegion}

	t.Run("RPC", func(t *testing.T) {
		t.Parallel()
		req := f.rpcRequestSignedWith(t, wrongSecret, http.MethodPost, "DescribeCommands", query)
		sent := req.URL.Query().Get("Signature")
		resp := send(t, req)
		wantRawError(t, resp, "SignatureDoesNotMatch", http.StatusBadRequest)
		message, _ := resp.body["Message"].(string)
		stringToSign, ok := strings.CutPrefix(message, prefix)
		if !ok {
			t.Fatalf("Message %q does not start with %q", message, prefix)
		}
		mac := hmac.New(sha1.New, []byte(wrongSecret+"&"))
		mac.Write([]byte(stringToSign))
		if got := base64.StdEncoding.EncodeToString(mac.Sum(nil)); got != sent {
			t.Errorf("the server's string to sign %q is not the one the client signed", stringToSign)
		}
		// aliyun-python-sdk-core takes what follows the first colon.
		if parts := strings.Split(message, ":"); len(parts) != 2 || parts[1] != stringToSign {
			t.Errorf("Message %q does not split in two at its colon", message)
		}
	})
	t.Run("ACS3", func(t *testing.T) {
		t.Parallel()
		req := f.acs3Request(t, "DescribeCommands", rawACS3{query: query, secret: wrongSecret})
		_, sent, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
		resp := send(t, req)
		wantRawError(t, resp, "SignatureDoesNotMatch", http.StatusBadRequest)
		message, _ := resp.body["Message"].(string)
		stringToSign, ok := strings.CutPrefix(message, prefix)
		if !ok || !strings.HasPrefix(stringToSign, acs3Algorithm+"\n") {
			t.Fatalf("Message %q does not end with an ACS3 string to sign", message)
		}
		mac := hmac.New(sha256.New, []byte(wrongSecret))
		mac.Write([]byte(stringToSign))
		if got := hex.EncodeToString(mac.Sum(nil)); got != sent {
			t.Errorf("the server's string to sign %q is not the one the client signed", stringToSign)
		}
	})
}

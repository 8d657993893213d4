package alicloud

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The fuzz targets send the fake whatever a client could put on the wire.
// Whatever arrives, the fake must answer (no panic, no hang) as ECS does:
// a JSON object with a RequestId, and a Code whenever it refuses.

// fuzzActions are the actions a fuzzed request may name, in a fixed order so
// a corpus entry always means the same action. The last is unknown.
func fuzzActions() []string {
	names := make([]string, 0, len(handlers)+1)
	for name := range handlers {
		names = append(names, name)
	}
	sort.Strings(names)
	return append(names, "NoSuchAction")
}

// fuzzService is an ECS service on a clock that stands still, so
// signatures made at its time stay fresh for the whole run.
func fuzzService() (*Service, time.Time) {
	now := time.Now().UTC().Truncate(time.Second)
	return New(Config{AccessKey: testAccessKey, SecretKey: testSecret, Simulation: vendorkit.Simulation{Now: func() time.Time { return now }}}), now
}

// FuzzSignedRPCRequest sends well-signed RPC requests whose parameters are
// arbitrary (one name=value per line), so the fuzzer reaches past
// authentication into parameter decoding and every action.
func FuzzSignedRPCRequest(f *testing.F) {
	seeds := []struct {
		action uint8
		params string
	}{
		{0, "RegionId=cn-hangzhou"},
		{1, "RegionId=cn-hangzhou\nName=a\nType=RunShellScript\nCommandContent=ZWNobyBoaQ==\nTimeout=60"},
		{2, "RegionId=cn-hangzhou\nInstanceId.1=i-abc\nCommandId=c-abc\nParameters={\"a\":\"b\"}"},
		{3, "RegionId=cn-hangzhou\nPageSize=-1\nPageNumber=99999999999999999999\nMaxResults=0"},
		{4, "RegionId=cn-hangzhou\nType=RunShellScript\nCommandContent=%%%\nContentEncoding=Base64\nRepeatMode=Period\nFrequency=rate(0s)"},
		{5, "RegionId=cn-hangzhou\nResourceTag.1.Key=env\nResourceTag.1.Value=prod\nInstanceId.1=i-abc"},
		{6, "RegionId=cn-hangzhou\nTag.21.Key=k\nTag.0.Value=v\nInstanceId.100000=i-x"},
		{7, "RegionId=\nInvokeId=t-\nClientToken=" + strings.Repeat("x", 65)},
		{8, "RegionId=cn-hangzhou\nFrequency=0 0 0 ? * 8#9 2999 Mars/Olympus\nRepeatMode=Period"},
		{9, "\x00=\xff"},
	}
	for _, s := range seeds {
		f.Add(s.action, s.params)
	}
	svc, now := fuzzService()
	names := fuzzActions()
	var nonce atomic.Int64
	f.Fuzz(func(t *testing.T, actionIndex uint8, text string) {
		values := valuesFromLines(text)
		action := names[int(actionIndex)%len(names)]
		signRPC(values, action, now, "fuzz-"+strconv.FormatInt(nonce.Add(1), 10))
		req := httptest.NewRequest(http.MethodPost, "http://ecs.fake/?"+values.Encode(), nil)
		resp := serveECS(t, svc, req)
		if strings.HasPrefix(resp.code(), "SignatureDoesNotMatch") || strings.HasPrefix(resp.code(), "IncompleteSignature") {
			t.Fatalf("a correctly signed request was refused: %s: %v", resp.code(), resp.body["Message"])
		}
	})
}

// FuzzUnsignedRequest sends arbitrary query strings, Authorization headers
// and bodies: none can carry a valid signature, so every answer must be an
// error.
func FuzzUnsignedRequest(f *testing.F) {
	f.Add("Action=DescribeCommands&Version=2014-05-26&RegionId=cn-hangzhou", "", "", []byte(nil))
	f.Add("", "ACS3-HMAC-SHA256 Credential=LTAItestkey,SignedHeaders=host;x-acs-date,Signature=00", "application/json", []byte(`{}`))
	f.Add("Action=RunCommand&Signature=%zz", "ACS3-HMAC-SHA256 ,,,,", "application/x-www-form-urlencoded", []byte("a=%zz&&=="))
	f.Add("AccessKeyId=LTAItestkey&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n&Timestamp=x&Signature=y", "", "", []byte(nil))
	svc, _ := fuzzService()
	f.Fuzz(func(t *testing.T, rawQuery, authorization, contentType string, body []byte) {
		req := &http.Request{
			Method: http.MethodPost,
			URL:    &url.URL{Path: "/", RawQuery: rawQuery},
			Host:   "ecs.fake",
			Header: http.Header{},
			Body:   httpBody(body),
		}
		req.Header.Set("x-acs-action", "DescribeCommands")
		req.Header.Set("x-acs-version", APIVersion)
		req.Header.Set("Authorization", authorization)
		req.Header.Set("Content-Type", contentType)
		resp := serveECS(t, svc, req)
		if resp.status == http.StatusOK {
			t.Fatalf("an unsigned request was served: query %q, Authorization %q", rawQuery, authorization)
		}
	})
}

// signRPC adds the common parameters and the RPC v1 signature to values,
// with the package's signing functions, which the known-answer tests pin
// to Alibaba Cloud's published examples.
func signRPC(values url.Values, action string, at time.Time, nonce string) {
	values.Set("Action", action)
	values.Set("Version", APIVersion)
	values.Set("Format", "json")
	values.Set("AccessKeyId", testAccessKey)
	values.Set("SignatureMethod", "HMAC-SHA1")
	values.Set("SignatureVersion", "1.0")
	values.Set("SignatureNonce", nonce)
	values.Set("Timestamp", at.Format(timestampLayout))
	values.Del("Signature")
	values.Set("Signature", rpcSignature(testSecret, rpcStringToSign(http.MethodPost, values)))
}

func valuesFromLines(text string) url.Values {
	values := url.Values{}
	for _, line := range strings.Split(text, "\n") {
		if name, value, ok := strings.Cut(line, "="); ok && name != "" {
			values.Add(name, value)
		}
	}
	return values
}

func httpBody(body []byte) *readCloser { return &readCloser{Reader: bytes.NewReader(body)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// serveECS runs req through svc and checks the answer has ECS's shape.
func serveECS(t *testing.T, svc *Service, req *http.Request) rawResponse {
	t.Helper()
	rec := httptest.NewRecorder()
	svc.ServeHTTP(rec, req)
	out := rawResponse{status: rec.Code, contentType: rec.Header().Get("Content-Type")}
	if err := json.Unmarshal(rec.Body.Bytes(), &out.body); err != nil {
		t.Fatalf("the answer is not a JSON object: %v\n%s", err, rec.Body.Bytes())
	}
	if id, _ := out.body["RequestId"].(string); id == "" {
		t.Fatalf("the answer has no RequestId: %s", rec.Body.Bytes())
	}
	if out.status != http.StatusOK && out.code() == "" {
		t.Fatalf("HTTP %d without an error code: %s", out.status, rec.Body.Bytes())
	}
	return out
}

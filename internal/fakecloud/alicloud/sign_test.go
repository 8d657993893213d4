package alicloud

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Known-answer vectors: the worked example of Alibaba Cloud's "Request
// syntax and signature method V3" (official*), and requests the SDK's own
// signers signed.
const (
	officialQuery     = "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
	officialSignature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	officialAltSig    = "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"
	assistantSig      = "2fab5acfb13be5471a32075ec21dc88ef19e126c6cca375ee403e656677feeda"
	acs3SignedHeaders = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
)

// acs3Vector is one ACS3 known-answer request.
type acs3Vector struct {
	key, secret   string
	host, rawURL  string
	action, date  string
	nonce         string
	signature     string
	canonicalHash string // SHA-256 of the canonical request, when the source gives it
}

var (
	officialVector = acs3Vector{
		key: "YourAccessKeyId", secret: "YourAccessKeySecret",
		host: "ecs.cn-shanghai.aliyuncs.com", rawURL: "/?" + officialQuery,
		action: "RunInstances", date: "2023-10-26T10:22:32Z", nonce: "3156853299f313e23d1673dc12e1703d",
		signature:     officialSignature,
		canonicalHash: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
	}
	officialAltVector = acs3Vector{
		key: "YourAccessKeyId", secret: "YourAccessKeySecret",
		host: "ecs.cn-shanghai.aliyuncs.com", rawURL: "/?" + officialQuery,
		action: "RunInstances", date: "2023-10-26T09:01:01Z", nonce: "d410180a5abf7fe235dd9b74aca91fc0",
		signature: officialAltSig,
	}
	assistantVector = acs3Vector{
		key: "LTAIEXAMPLE", secret: "SECRETEXAMPLE",
		host: "ecs.cn-hangzhou.aliyuncs.com",
		rawURL: "/?" + url.Values{
			"RegionId": {"cn-hangzhou"}, "Type": {"RunShellScript"}, "CommandContent": {"echo hello"},
			"InstanceId.1": {"i-bp1aaaa"}, "InstanceId.2": {"i-bp1bbbb"}, "Parameters": {`{"name":"Jack"}`},
			"Tag.1.Key": {"env"}, "Tag.1.Value": {"dev"}, "Timeout": {"60"},
		}.Encode(),
		action: "RunCommand", date: "2024-01-01T00:00:00Z", nonce: "0123456789abcdef0123456789abcdef",
		signature:     assistantSig,
		canonicalHash: "98ead4b5e64ed3441d1e57ceb7941b9b691306cceffdc3bd662c0516d4c86fac",
	}
)

func (v acs3Vector) request() *http.Request {
	r := httptest.NewRequest(http.MethodPost, v.rawURL, nil)
	r.Host = v.host
	r.Header.Set("x-acs-action", v.action)
	r.Header.Set("x-acs-version", APIVersion)
	r.Header.Set("x-acs-date", v.date)
	r.Header.Set("x-acs-signature-nonce", v.nonce)
	r.Header.Set("x-acs-content-sha256", emptySHA256)
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+v.key+",SignedHeaders="+acs3SignedHeaders+",Signature="+v.signature)
	return r
}

func (v acs3Vector) service() *Service {
	date, err := time.Parse(timestampLayout, v.date)
	if err != nil {
		panic(err)
	}
	return New(Config{AccessKey: v.key, SecretKey: v.secret, Simulation: vendorkit.Simulation{Now: func() time.Time { return date }}})
}

func TestACS3KnownAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		vector   acs3Vector
		tamper   func(*http.Request)
		wantCode string
	}{
		{name: "official example", vector: officialVector},
		{name: "official example, alternate date and nonce", vector: officialAltVector},
		{name: "cloud assistant", vector: assistantVector},
		{
			name: "official signature with the alternate date", vector: officialVector,
			tamper:   func(r *http.Request) { r.Header.Set("x-acs-date", officialAltVector.date) },
			wantCode: "SignatureDoesNotMatch",
		},
		{
			name: "cloud assistant with a changed parameter", vector: assistantVector,
			tamper:   func(r *http.Request) { r.URL.RawQuery += "&Username=root" },
			wantCode: "SignatureDoesNotMatch",
		},
		{
			name: "cloud assistant with another host", vector: assistantVector,
			tamper:   func(r *http.Request) { r.Host = "ecs.cn-beijing.aliyuncs.com" },
			wantCode: "SignatureDoesNotMatch",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tt.vector.request()
			if tt.tamper != nil {
				tt.tamper(r)
			}
			p, err := parseParams(r, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.vector.service().authenticate(r, nil, p)
			wantCode(t, err, tt.wantCode)
		})
	}
}

func TestACS3CanonicalRequestHash(t *testing.T) {
	t.Parallel()
	for _, v := range []acs3Vector{officialVector, assistantVector} {
		r := v.request()
		auth, err := parseACS3Authorization(r.Header.Get("Authorization"))
		if err != nil {
			t.Fatal(err)
		}
		canonical := canonicalACS3Request(r, auth.signedHeaders, emptySHA256)
		if got := sha256Hex([]byte(canonical)); got != v.canonicalHash {
			t.Errorf("%s: hashed canonical request = %s, want %s\n%s", v.action, got, v.canonicalHash, canonical)
		}
	}
}

func TestRPCKnownAnswers(t *testing.T) {
	t.Parallel()
	vectorParams := url.Values{
		"AccessKeyId": {"testid"}, "Action": {"DescribeRegions"}, "Format": {"XML"},
		"SignatureMethod": {"HMAC-SHA1"}, "SignatureNonce": {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"}, "Timestamp": {"2016-02-23T12:46:24Z"}, "Version": {APIVersion},
	}
	const wantStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML" +
		"%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf" +
		"%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
	if got := rpcStringToSign(http.MethodGet, vectorParams); got != wantStringToSign {
		t.Errorf("string to sign =\n%s\nwant\n%s", got, wantStringToSign)
	}

	tests := []struct {
		name      string
		method    string
		signature string
		wantCode  string
	}{
		{"GET", http.MethodGet, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=", ""},
		{"POST", http.MethodPost, "MxbnVAM4w6sft9xjVpe/GCKueuk=", ""},
		{"GET signature sent with POST", http.MethodPost, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=", "SignatureDoesNotMatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			query := url.Values{}
			for name, values := range vectorParams {
				query[name] = values
			}
			query.Set("Signature", tt.signature)
			r := httptest.NewRequest(tt.method, "/?"+query.Encode(), nil)
			p, err := parseParams(r, nil)
			if err != nil {
				t.Fatal(err)
			}
			svc := New(Config{AccessKey: "testid", SecretKey: "testsecret", Simulation: vendorkit.Simulation{Now: fixedTime("2016-02-23T12:50:00Z")}})
			wantCode(t, svc.authenticate(r, nil, p), tt.wantCode)
		})
	}
}

func TestPercentEncode(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"abcXYZ019-_.~": "abcXYZ019-_.~",
		"a b":           "a%20b",
		"*+/":           "%2A%2B%2F",
		`{"k":"v"}`:     "%7B%22k%22%3A%22v%22%7D",
		"é":             "%C3%A9",
		"":              "",
	}
	for in, want := range tests {
		if got := percentEncode(in); got != want {
			t.Errorf("percentEncode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNonceCacheForgetsExpiredNonces(t *testing.T) {
	t.Parallel()
	cache := newNonceCache()
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	window := 15 * time.Minute

	if !cache.remember("a", start, start.Add(window)) {
		t.Fatal("first use of nonce a refused")
	}
	if cache.remember("a", start.Add(time.Minute), start.Add(time.Minute+window)) {
		t.Fatal("reuse of nonce a within its window accepted")
	}
	cache.remember("b", start.Add(time.Minute), start.Add(time.Minute+window))

	later := start.Add(window + 30*time.Second)
	if !cache.remember("a", later, later.Add(window)) {
		t.Fatal("nonce a refused after its window closed")
	}
	if got := cache.size(); got != 2 {
		t.Errorf("cache holds %d nonces, want 2 (b and the new a)", got)
	}
	muchLater := later.Add(2 * window)
	cache.remember("c", muchLater, muchLater.Add(window))
	if got := cache.size(); got != 1 {
		t.Errorf("cache holds %d nonces after every other window closed, want 1", got)
	}
}

func fixedTime(value string) func() time.Time {
	at, err := time.Parse(timestampLayout, value)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return at }
}

// wantCode checks that err is the API error with this code, or nil when
// code is empty.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var apiErr *apiError
	if !errors.As(err, &apiErr) || apiErr.code != code {
		t.Fatalf("error = %v, want %s", err, code)
	}
}

package tencent

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// TestSignatureKnownAnswers pins the signing functions to the vectors of
// Tencent Cloud's "Signature v3" page: its worked example, its variant
// signing x-tc-action, and a TAT request.
func TestSignatureKnownAnswers(t *testing.T) {
	t.Parallel()
	officialPayload := `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`
	officialHeaders := map[string]string{
		"content-type": "application/json; charset=utf-8",
		"host":         "cvm.tencentcloudapi.com",
		"x-tc-action":  "describeinstances",
	}
	tests := []struct {
		name              string
		secretKey         string
		service           string
		timestamp         string
		date              string
		headers           map[string]string
		signedHeaders     []string
		payload           string
		wantPayloadHash   string
		wantCanonical     string // "" when the vector does not print it
		wantCanonicalHash string
		wantSignature     string
	}{
		{
			name:              "official example",
			secretKey:         "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
			service:           "cvm",
			timestamp:         "1551113065",
			date:              "2019-02-25",
			headers:           officialHeaders,
			signedHeaders:     []string{"content-type", "host"},
			payload:           officialPayload,
			wantPayloadHash:   "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
			wantCanonical:     "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
			wantCanonicalHash: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
			wantSignature:     "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
		},
		{
			name:              "official example signing x-tc-action",
			secretKey:         "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
			service:           "cvm",
			timestamp:         "1551113065",
			date:              "2019-02-25",
			headers:           officialHeaders,
			signedHeaders:     []string{"content-type", "host", "x-tc-action"},
			payload:           officialPayload,
			wantPayloadHash:   "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
			wantCanonicalHash: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
			wantSignature:     "644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26",
		},
		{
			name:      "TAT InvokeCommand",
			secretKey: "SECRETEXAMPLE",
			service:   "tat",
			timestamp: "1700000000",
			date:      "2023-11-14",
			headers: map[string]string{
				"content-type": "application/json",
				"host":         "tat.tencentcloudapi.com",
			},
			signedHeaders:     []string{"content-type", "host"},
			payload:           `{"CommandId":"cmd-12345678","InstanceIds":["ins-abcdefgh"],"Timeout":60}`,
			wantPayloadHash:   "810ba434d8f04fa10242d41e112787f0eff00bd8ad5b0e84b1a55c2da635ed90",
			wantCanonicalHash: "8bdc6cfc6f2c242ca4950efffdb58b2d18980dfd41162b8270df080fa956515a",
			wantSignature:     "db38d4bfa4c7666da0d54bcf4cf8b870f4683d5d1e79850ae616a1f0e3181200",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			payloadHash := sha256Hex([]byte(tt.payload))
			if payloadHash != tt.wantPayloadHash {
				t.Errorf("payload hash = %s, want %s", payloadHash, tt.wantPayloadHash)
			}
			headers := canonicalHeaders(tt.signedHeaders, func(name string) string { return tt.headers[name] })
			canonical := canonicalRequest(http.MethodPost, "", headers, tt.signedHeaders, payloadHash)
			if tt.wantCanonical != "" && canonical != tt.wantCanonical {
				t.Errorf("canonical request = %q, want %q", canonical, tt.wantCanonical)
			}
			if got := sha256Hex([]byte(canonical)); got != tt.wantCanonicalHash {
				t.Errorf("hashed canonical request = %s, want %s", got, tt.wantCanonicalHash)
			}
			toSign := stringToSign(tt.timestamp, tt.date, tt.service, canonical)
			wantToSign := "TC3-HMAC-SHA256\n" + tt.timestamp + "\n" + tt.date + "/" + tt.service + "/tc3_request\n" + tt.wantCanonicalHash
			if toSign != wantToSign {
				t.Errorf("string to sign = %q, want %q", toSign, wantToSign)
			}
			if got := signature(tt.secretKey, tt.date, tt.service, toSign); got != tt.wantSignature {
				t.Errorf("signature = %s, want %s", got, tt.wantSignature)
			}
		})
	}
}

// TestAuthenticateTATVector runs the TAT vector through the whole verifier:
// header parsing, clock, canonical headers from r.Host.
func TestAuthenticateTATVector(t *testing.T) {
	t.Parallel()
	body := `{"CommandId":"cmd-12345678","InstanceIds":["ins-abcdefgh"],"Timeout":60}`
	authorization := "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/tat/tc3_request, SignedHeaders=content-type;host, Signature=db38d4bfa4c7666da0d54bcf4cf8b870f4683d5d1e79850ae616a1f0e3181200"
	signedAt := time.Unix(1700000000, 0)

	tests := []struct {
		name     string
		now      time.Time
		body     string
		wantCode string
	}{
		{name: "accepted", now: signedAt, body: body},
		{name: "accepted at the edge of the window", now: signedAt.Add(5 * time.Minute), body: body},
		{name: "expired", now: signedAt.Add(5*time.Minute + time.Second), body: body, wantCode: codeSignatureExpire},
		{name: "from the future", now: signedAt.Add(-6 * time.Minute), body: body, wantCode: codeSignatureExpire},
		{name: "tampered body", now: signedAt, body: strings.Replace(body, "60", "61", 1), wantCode: codeSignatureFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := New(Config{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETEXAMPLE", Simulation: vendorkit.Simulation{Now: func() time.Time { return tt.now }}})
			req := httptest.NewRequest(http.MethodPost, "http://tat.tencentcloudapi.com/", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-TC-Timestamp", "1700000000")
			req.Header.Set("Authorization", authorization)
			err := svc.authenticate(req, []byte(tt.body), serviceName)
			if got := codeOf(err); got != tt.wantCode {
				t.Fatalf("authenticate: got %q (%v), want %q", got, err, tt.wantCode)
			}
		})
	}
}

func codeOf(err *apiError) string {
	if err == nil {
		return ""
	}
	return err.Code
}

func TestParseAuthorization(t *testing.T) {
	t.Parallel()
	valid := "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat/tc3_request, SignedHeaders=content-type;host, Signature=abc"
	got, err := parseAuthorization(valid)
	if err != nil {
		t.Fatalf("parseAuthorization(valid): %v", err)
	}
	want := authorization{SecretID: "AKIDx", Date: "2023-11-14", Service: "tat", SignedHeaders: []string{"content-type", "host"}, Signature: "abc"}
	if got.SecretID != want.SecretID || got.Date != want.Date || got.Service != want.Service ||
		strings.Join(got.SignedHeaders, ";") != "content-type;host" || got.Signature != want.Signature {
		t.Errorf("parseAuthorization(valid) = %+v, want %+v", got, want)
	}

	malformed := map[string]string{
		"empty":              "",
		"other scheme":       "Bearer abc",
		"no space":           "TC3-HMAC-SHA256Credential=AKIDx/2023-11-14/tat/tc3_request",
		"short credential":   "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat, SignedHeaders=content-type;host, Signature=abc",
		"no secret id":       "TC3-HMAC-SHA256 Credential=/2023-11-14/tat/tc3_request, SignedHeaders=content-type;host, Signature=abc",
		"wrong terminator":   "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat/tc2_request, SignedHeaders=content-type;host, Signature=abc",
		"no signed headers":  "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat/tc3_request, Signature=abc",
		"no signature":       "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat/tc3_request, SignedHeaders=content-type;host",
		"part without equal": "TC3-HMAC-SHA256 Credential=AKIDx/2023-11-14/tat/tc3_request, SignedHeaders, Signature=abc",
	}
	for name, header := range malformed {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := parseAuthorization(header); err == nil {
				t.Errorf("parseAuthorization(%q) succeeded, want an error", header)
			}
		})
	}
}

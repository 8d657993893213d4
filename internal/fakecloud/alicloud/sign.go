package alicloud

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The SDK signs requests in one of two ways (Alibaba Cloud's "Request
// syntax and signature method V3", and the RPC-style signature):
//
//   - ACS3-HMAC-SHA256, the default: an Authorization header over a
//     canonical request made of the query string, the x-acs-* headers and a
//     hash of the body.
//   - RPC signature version 1.0 (HMAC-SHA1), when the client is configured
//     with SignatureAlgorithm "v2": a Signature query parameter over every
//     other parameter.
//
// Both are verified here. Freshness, nonce and security token checks are
// common to both and run only once the signature is known to be genuine, so
// a forged request can neither burn a nonce nor probe the token.

const (
	acs3Algorithm       = "ACS3-HMAC-SHA256"
	rpcSignMethod       = "HMAC-SHA1"
	rpcSignVersion      = "1.0"
	timestampLayout     = "2006-01-02T15:04:05Z"
	securityTokenHeader = "x-acs-security-token"
)

// acs3RequiredHeaders must all be covered by an ACS3 signature: without them
// a signature could be replayed against another action, time or body.
var acs3RequiredHeaders = []string{
	"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version",
}

// rpcRequiredParams are the common parameters of an RPC-signed request.
var rpcRequiredParams = []string{
	"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
}

// signedRequest is what a verified signature vouches for.
type signedRequest struct {
	date          time.Time
	nonce         string
	securityToken string
	temp          *TemporaryKey // the temporary key that signed it, if any
}

// authenticate verifies the signature of r, whichever scheme made it, and
// then the request's freshness, nonce and security token.
func (s *Service) authenticate(r *http.Request, body []byte, p params) error {
	var signed signedRequest
	var err error
	switch {
	case r.Header.Get("Authorization") != "":
		signed, err = s.verifyACS3(r, body)
	case p.has("Signature") || p.has("SignatureVersion"):
		signed, err = s.verifyRPC(r.Method, p)
	default:
		err = errIncompleteSignature("The request carries neither an Authorization header nor a Signature parameter.")
	}
	if err != nil {
		return err
	}
	return s.admit(signed)
}

// admit applies the checks that follow a valid signature. The nonce is
// recorded last, so a request refused for another reason can be retried.
func (s *Service) admit(signed signedRequest) error {
	now := s.cfg.Now()
	if signed.date.Before(now.Add(-s.cfg.Skew)) || signed.date.After(now.Add(s.cfg.Skew)) {
		return errTimestampExpired()
	}
	if signed.temp != nil {
		if err := s.admitTempKey(signed); err != nil {
			return err
		}
	} else if s.cfg.SecurityToken != "" && signed.securityToken != "" && signed.securityToken != s.cfg.SecurityToken {
		return errSecurityTokenMismatch()
	}
	if !s.nonces.remember(signed.nonce, now, vendorkit.Later(now, signed.date).Add(s.cfg.Skew)) {
		return errNonceUsed()
	}
	return nil
}

// acs3Authorization is the parsed Authorization header of an ACS3 request.
type acs3Authorization struct {
	credential    string
	signedHeaders []string
	signature     string
}

func parseACS3Authorization(header string) (acs3Authorization, error) {
	rest, ok := strings.CutPrefix(header, acs3Algorithm+" ")
	if !ok {
		return acs3Authorization{}, errIncompleteSignature("The Authorization header must start with " + acs3Algorithm + ".")
	}
	var auth acs3Authorization
	for part := range strings.SplitSeq(rest, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "Credential":
			auth.credential = value
		case "SignedHeaders":
			auth.signedHeaders = strings.Split(value, ";")
		case "Signature":
			auth.signature = value
		}
	}
	if auth.credential == "" || len(auth.signedHeaders) == 0 || auth.signature == "" {
		return acs3Authorization{}, errIncompleteSignature("The Authorization header needs Credential, SignedHeaders and Signature.")
	}
	return auth, nil
}

func (s *Service) verifyACS3(r *http.Request, body []byte) (signedRequest, error) {
	auth, err := parseACS3Authorization(r.Header.Get("Authorization"))
	if err != nil {
		return signedRequest{}, err
	}
	secret, temp, err := s.secretOf(auth.credential)
	if err != nil {
		return signedRequest{}, err
	}
	if err := checkSignedHeaders(r, auth.signedHeaders); err != nil {
		return signedRequest{}, err
	}
	payloadHash := sha256Hex(body)
	stringToSign := acs3StringToSign(canonicalACS3Request(r, auth.signedHeaders, payloadHash))
	if r.Header.Get("x-acs-content-sha256") != payloadHash {
		return signedRequest{}, errSignatureDoesNotMatch(stringToSign)
	}
	if !hmac.Equal([]byte(acs3Signature(secret, stringToSign)), []byte(auth.signature)) {
		return signedRequest{}, errSignatureDoesNotMatch(stringToSign)
	}
	date, err := time.Parse(timestampLayout, r.Header.Get("x-acs-date"))
	if err != nil {
		return signedRequest{}, errTimestampFormat()
	}
	nonce := r.Header.Get("x-acs-signature-nonce")
	if nonce == "" {
		return signedRequest{}, errIncompleteSignature("The signature nonce is empty.")
	}
	return signedRequest{
		date:          date,
		nonce:         nonce,
		securityToken: r.Header.Get(securityTokenHeader),
		temp:          temp,
	}, nil
}

// checkSignedHeaders makes sure the client signed what it had to, in the
// form the SDK uses (lower-case names), and sent every header it signed.
func checkSignedHeaders(r *http.Request, signedHeaders []string) error {
	for _, name := range signedHeaders {
		if name != strings.ToLower(name) {
			return errIncompleteSignature("SignedHeaders must be lower case.")
		}
		if name != "host" && len(r.Header.Values(name)) == 0 {
			return errIncompleteSignature("The signed header " + name + " is missing.")
		}
	}
	for _, name := range acs3RequiredHeaders {
		if !slices.Contains(signedHeaders, name) {
			return errIncompleteSignature("The header " + name + " must be signed.")
		}
	}
	if r.Header.Get(securityTokenHeader) != "" && !slices.Contains(signedHeaders, securityTokenHeader) {
		return errIncompleteSignature("The header " + securityTokenHeader + " must be signed.")
	}
	return nil
}

// canonicalACS3Request rebuilds the string the client signed, from the
// headers the client says it signed.
func canonicalACS3Request(r *http.Request, signedHeaders []string, payloadHash string) string {
	var b strings.Builder
	b.WriteString(r.Method + "\n")
	b.WriteString(canonicalURI(r.URL) + "\n")
	b.WriteString(canonicalQuery(r.URL.Query()) + "\n")
	for _, name := range signedHeaders {
		b.WriteString(name + ":" + canonicalHeaderValue(r, name) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(strings.Join(signedHeaders, ";") + "\n")
	b.WriteString(payloadHash)
	return b.String()
}

func canonicalURI(u *url.URL) string {
	path := u.EscapedPath()
	if path == "" {
		return "/"
	}
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(path)
}

// canonicalQuery sorts the decoded parameters by name and encodes names and
// values per RFC 3986. Only the first value of a repeated name counts.
func canonicalQuery(query url.Values) string {
	names := make([]string, 0, len(query))
	for name := range query {
		names = append(names, name)
	}
	slices.Sort(names)
	pairs := make([]string, len(names))
	for i, name := range names {
		pairs[i] = percentEncode(name) + "=" + percentEncode(query.Get(name))
	}
	return strings.Join(pairs, "&")
}

// canonicalHeaderValue joins a header's trimmed values in sorted order. The
// host comes from the request line, as Go keeps it out of r.Header.
func canonicalHeaderValue(r *http.Request, name string) string {
	if name == "host" {
		return strings.TrimSpace(r.Host)
	}
	values := slices.Clone(r.Header.Values(name))
	for i, v := range values {
		values[i] = strings.TrimSpace(v)
	}
	slices.Sort(values)
	return strings.Join(values, ",")
}

func acs3StringToSign(canonicalRequest string) string {
	return acs3Algorithm + "\n" + sha256Hex([]byte(canonicalRequest))
}

func acs3Signature(secret, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (s *Service) verifyRPC(method string, p params) (signedRequest, error) {
	for _, name := range rpcRequiredParams {
		if p.get(name) == "" {
			return signedRequest{}, errIncompleteSignature("The parameter " + name + " is missing.")
		}
	}
	if p.get("SignatureMethod") != rpcSignMethod || p.get("SignatureVersion") != rpcSignVersion {
		return signedRequest{}, errIncompleteSignature("Only " + rpcSignMethod + " signature version " + rpcSignVersion + " is supported.")
	}
	secret, temp, err := s.secretOf(p.get("AccessKeyId"))
	if err != nil {
		return signedRequest{}, err
	}
	stringToSign := rpcStringToSign(method, p.values)
	if !hmac.Equal([]byte(rpcSignature(secret, stringToSign)), []byte(p.get("Signature"))) {
		return signedRequest{}, errSignatureDoesNotMatch(stringToSign)
	}
	date, err := time.Parse(timestampLayout, p.get("Timestamp"))
	if err != nil {
		return signedRequest{}, errTimestampFormat()
	}
	return signedRequest{
		date:          date,
		nonce:         p.get("SignatureNonce"),
		securityToken: p.get("SecurityToken"),
		temp:          temp,
	}, nil
}

// rpcStringToSign covers every parameter but Signature itself.
func rpcStringToSign(method string, values url.Values) string {
	signed := url.Values{}
	for name, vs := range values {
		if name != "Signature" {
			signed[name] = vs
		}
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(signed))
}

// rpcSignature keys the HMAC with the secret followed by "&": the empty
// second half is the token secret of the OAuth-style scheme RPC v1 grew from.
func rpcSignature(secret, stringToSign string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// percentEncode escapes every byte except the RFC 3986 unreserved
// characters, with upper-case hex digits.
func percentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

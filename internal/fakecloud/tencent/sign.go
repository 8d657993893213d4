package tencent

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TC3-HMAC-SHA256 constants (Tencent Cloud API 3.0, "Signature v3").
const (
	tc3Algorithm       = "TC3-HMAC-SHA256"
	tc3Terminator      = "tc3_request"
	serviceName        = "tat"
	unsignedPayload    = "UNSIGNED-PAYLOAD"
	credentialDateForm = "2006-01-02"
)

// authorization is a parsed TC3-HMAC-SHA256 Authorization header.
type authorization struct {
	SecretID      string
	Date          string // credential scope date, YYYY-MM-DD
	Service       string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization reads a header of the form
//
//	TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=a;b, Signature=<hex>
func parseAuthorization(header string) (authorization, error) {
	rest, ok := strings.CutPrefix(header, tc3Algorithm+" ")
	if !ok {
		return authorization{}, errors.New("the Authorization header does not start with " + tc3Algorithm)
	}
	parts := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return authorization{}, errors.New("the Authorization header has a part without '='")
		}
		parts[key] = value
	}
	credential := strings.Split(parts["Credential"], "/")
	if len(credential) != 4 || credential[0] == "" {
		return authorization{}, errors.New("the Credential must be <SecretId>/<Date>/<Service>/tc3_request")
	}
	if credential[3] != tc3Terminator {
		return authorization{}, errors.New("the Credential must end in " + tc3Terminator)
	}
	signedHeaders := parts["SignedHeaders"]
	if signedHeaders == "" {
		return authorization{}, errors.New("the SignedHeaders part is missing")
	}
	if parts["Signature"] == "" {
		return authorization{}, errors.New("the Signature part is missing")
	}
	return authorization{
		SecretID:      credential[0],
		Date:          credential[1],
		Service:       credential[2],
		SignedHeaders: strings.Split(signedHeaders, ";"),
		Signature:     parts["Signature"],
	}, nil
}

// canonicalHeaders renders the signed headers as "name:value\n" lines, in the
// order the client listed them.
func canonicalHeaders(names []string, value func(name string) string) string {
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.TrimSpace(value(name)))
		b.WriteByte('\n')
	}
	return b.String()
}

// canonicalRequest assembles the TC3 canonical request. The URI is always
// "/": the SDK hard-codes it even when the endpoint carries a path.
func canonicalRequest(method, query, headers string, signedHeaders []string, payloadHash string) string {
	return strings.Join([]string{
		method,
		"/",
		query,
		headers,
		strings.Join(signedHeaders, ";"),
		payloadHash,
	}, "\n")
}

// stringToSign is what the signing key signs.
func stringToSign(timestamp, date, service, canonical string) string {
	return tc3Algorithm + "\n" +
		timestamp + "\n" +
		date + "/" + service + "/" + tc3Terminator + "\n" +
		sha256Hex([]byte(canonical))
}

// signature derives the signing key from the secret key, the date and the
// service, and signs stringToSign with it.
func signature(secretKey, date, service, toSign string) string {
	secretDate := hmacSHA256([]byte("TC3"+secretKey), date)
	secretService := hmacSHA256(secretDate, service)
	secretSigning := hmacSHA256(secretService, tc3Terminator)
	return hex.EncodeToString(hmacSHA256(secretSigning, toSign))
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msg))
	return mac.Sum(nil)
}

// authenticate verifies a request's TC3-HMAC-SHA256 signature and security
// token ("Signature v3"; the common error codes AuthFailure.*), in the
// order the codes are documented.
func (s *Service) authenticate(r *http.Request, body []byte, service string) *apiError {
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return newError(codeInvalidAuthorization, "The Authorization header is invalid: %v.", err)
	}
	if auth.Service != service {
		return newError(codeInvalidAuthorization, "The credential scope names service `%s`; this endpoint is `%s`.", auth.Service, service)
	}
	if !slices.Contains(auth.SignedHeaders, "content-type") || !slices.Contains(auth.SignedHeaders, "host") {
		return newError(codeInvalidAuthorization, "SignedHeaders must include content-type and host.")
	}
	secretKey := s.cfg.SecretKey
	temp, isTemp := s.LookUpTemporaryKey(auth.SecretID)
	switch {
	case isTemp:
		secretKey = temp.Secret
	case auth.SecretID != s.cfg.SecretID:
		return newError(codeSecretIDNotFound, "The SecretId is not found, please ensure that your SecretId is correct.")
	}
	timestamp := r.Header.Get("X-TC-Timestamp")
	if err := s.checkTimestamp(timestamp, auth.Date); err != nil {
		return err
	}
	if !signatureMatches(r, body, auth, timestamp, secretKey) {
		return newError(codeSignatureFailure, "The provided credentials could not be validated. Please check your signature is correct.")
	}
	if isTemp {
		if err := s.tempKeyAdmits(r, temp); err != nil {
			return err
		}
		s.UseTemporaryKey(auth.SecretID)
		return nil
	}
	return s.checkToken(r)
}

// checkTimestamp enforces the freshness window and that the credential scope
// is dated the UTC day of the timestamp.
func (s *Service) checkTimestamp(header, credentialDate string) *apiError {
	unix, err := strconv.ParseInt(header, 10, 64)
	if err != nil {
		return newError(codeInvalidAuthorization, "X-TC-Timestamp must be a Unix time in seconds, got %q.", header)
	}
	signedAt := time.Unix(unix, 0)
	if drift := s.now().Sub(signedAt).Abs(); drift > s.cfg.Skew {
		return newError(codeSignatureExpire, "Signature expired. Timestamp and server time cannot differ by more than %s (the request is %s off).", s.cfg.Skew, drift.Round(time.Second))
	}
	if want := signedAt.UTC().Format(credentialDateForm); credentialDate != want {
		return newError(codeSignatureExpire, "The credential date %s does not match the UTC date %s of X-TC-Timestamp.", credentialDate, want)
	}
	return nil
}

// signatureMatches recomputes the signature from the headers the client says
// it signed. The TC3 rules lowercase header values but the Go SDK signs them
// as sent, so either form is accepted.
func signatureMatches(r *http.Request, body []byte, auth authorization, timestamp, secretKey string) bool {
	payloadHash := sha256Hex(body)
	if r.Header.Get("X-TC-Content-SHA256") == unsignedPayload {
		payloadHash = sha256Hex([]byte(unsignedPayload))
	}
	const query = "" // requests are POSTs, whose parameters are all in the body
	asSent := canonicalHeaders(auth.SignedHeaders, func(name string) string { return headerValue(r, name) })
	candidates := []string{asSent}
	if lowered := strings.ToLower(asSent); lowered != asSent {
		candidates = append(candidates, lowered)
	}
	got := []byte(strings.ToLower(auth.Signature))
	for _, headers := range candidates {
		canonical := canonicalRequest(r.Method, query, headers, auth.SignedHeaders, payloadHash)
		want := signature(secretKey, auth.Date, auth.Service, stringToSign(timestamp, auth.Date, auth.Service, canonical))
		if hmac.Equal(got, []byte(want)) {
			return true
		}
	}
	return false
}

// headerValue reads a signed header. Go moves Host out of the header map
// into r.Host, which keeps the port the client dialled.
func headerValue(r *http.Request, name string) string {
	if name == "host" {
		return r.Host
	}
	return r.Header.Get(name)
}

// checkToken compares X-TC-Token with the configured security token. When one
// is configured, a request without a token is as wrong as one with another.
func (s *Service) checkToken(r *http.Request) *apiError {
	token := r.Header.Get("X-TC-Token")
	if s.cfg.SecurityToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.SecurityToken)) == 1 {
		return nil
	}
	if token == "" {
		return newError(codeTokenFailure, "The request carries no X-TC-Token, but these credentials are temporary and need one.")
	}
	return newError(codeTokenFailure, "The X-TC-Token of the request is invalid or expired.")
}

package tencent

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	sts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

// The fake serves STS AssumeRole (version 2018-08-13) on the same listener
// as TAT, for clients pointed at it as their STS endpoint. The temporary
// keys it hands out are accepted by TAT, with their token, until they
// expire on the fake's clock.

const (
	stsServiceName = "sts"
	stsAPIVersion  = "2018-08-13"

	codeSTSResourceError = "InvalidParameter.ResouceError" // sic, as STS spells it
	codeSTSOverTime      = "InvalidParameter.OverTimeError"
	codeSTSParamError    = "InvalidParameter.ParamError"
	codeSTSPolicyTooLong = "InvalidParameter.PolicyTooLong"

	// STS AssumeRole: DurationSeconds default 7200, at most 43200.
	stsDefaultDuration = 7200
	stsMaxDuration     = 43200
	// stsMaxPolicy bounds the URL-encoded Policy.
	stsMaxPolicy = 2048
)

// STS AssumeRole: RoleArn qcs::cam::uin/<uin>:role/<id> or :roleName/<name>,
// service roles with one more path part; RoleSessionName 2 to 128 of
// [\w+=,.@-]; ExternalId 2 to 128 of [\w+=,.@:/-].
var (
	roleARNPattern     = regexp.MustCompile(`^qcs::cam::uin/\d+:(role|roleName)/([\w+=,.@-]+/)?[\w+=,.@-]+$`)
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)
	externalIDPattern  = regexp.MustCompile(`^[\w+=,.@:/-]{2,128}$`)
)

// TemporaryKey is a temporary key STS handed out, as tests see it.
type TemporaryKey = vendorkit.TemporaryKey

// tempKeyShape is how STS AssumeRole's Credentials look: TmpSecretId,
// TmpSecretKey and Token.
var tempKeyShape = vendorkit.KeyShape{IDPrefix: "AKIDtmp", IDDigits: 12, SecretDigits: 20, TokenPrefix: "token-", TokenDigits: 32}

// isSTS reports whether a request is addressed to STS rather than TAT.
func isSTS(r *http.Request) bool {
	// STS and the Tag API share the version 2018-08-13: the host, or the
	// service the request is signed for, tells them apart.
	if strings.HasPrefix(r.Host, stsServiceName+".") {
		return true
	}
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	return err == nil && auth.Service == stsServiceName
}

// serveSTS answers STS AssumeRole, the only STS action the fake serves.
func (s *Service) serveSTS(r *http.Request, action string, body []byte) (any, *apiError) {
	if err := s.authenticate(r, body, stsServiceName); err != nil {
		return nil, err
	}
	if action != "AssumeRole" {
		return nil, newError(codeInvalidAction, "The requested action `%s` does not exist.", action)
	}
	params := new(sts.AssumeRoleRequestParams)
	if err := decodeParams(body, params); err != nil {
		return nil, err
	}
	return s.assumeRole(params)
}

func (s *Service) assumeRole(p *sts.AssumeRoleRequestParams) (any, *apiError) {
	if p.RoleArn == nil || p.RoleSessionName == nil {
		return nil, newError(codeMissingParameter, "RoleArn and RoleSessionName are required.")
	}
	if !roleARNPattern.MatchString(*p.RoleArn) {
		return nil, newError(codeSTSResourceError, "The RoleArn %q is not a role resource description such as qcs::cam::uin/12345678:roleName/testRoleName.", *p.RoleArn)
	}
	if !sessionNamePattern.MatchString(*p.RoleSessionName) {
		return nil, newError(codeSTSParamError, "RoleSessionName must be 2 to 128 letters, digits and the characters +=,.@_-.")
	}
	if p.ExternalId != nil && !externalIDPattern.MatchString(*p.ExternalId) {
		return nil, newError(codeSTSParamError, "ExternalId must be 2 to 128 letters, digits and the characters +=,.@:/_-.")
	}
	if p.Policy != nil {
		if len(*p.Policy) > stsMaxPolicy {
			return nil, newError(codeSTSPolicyTooLong, "The Policy exceeds %d characters.", stsMaxPolicy)
		}
		if _, err := url.QueryUnescape(*p.Policy); err != nil {
			return nil, newError(codeSTSParamError, "The Policy must be URL-encoded.")
		}
	}
	duration := uint64(stsDefaultDuration)
	if p.DurationSeconds != nil {
		duration = *p.DurationSeconds
	}
	if duration == 0 || duration > stsMaxDuration {
		return nil, newError(codeSTSOverTime, "DurationSeconds must be between 1 and %d, got %d.", stsMaxDuration, duration)
	}
	expires := s.now().Add(time.Duration(duration) * time.Second).Truncate(time.Second)
	k := s.IssueTemporaryKey(tempKeyShape, *p.RoleArn, expires)
	return map[string]any{
		"Credentials": map[string]any{"TmpSecretId": k.ID, "TmpSecretKey": k.Secret, "Token": k.Token},
		"ExpiredTime": expires.Unix(),
		"Expiration":  expires.UTC().Format(time.RFC3339),
	}, nil
}

// tempKeyAdmits checks the token and lifetime of a request signed with a
// temporary key: without its token, or after it expired, it is refused.
func (s *Service) tempKeyAdmits(r *http.Request, k TemporaryKey) *apiError {
	switch k.Check(r.Header.Get("X-TC-Token"), s.now()) {
	case vendorkit.TokenMissing:
		return newError(codeTokenFailure, "The request carries no X-TC-Token, but these credentials are temporary and need one.")
	case vendorkit.TokenMismatch:
		return newError(codeTokenFailure, "The X-TC-Token of the request is invalid or expired.")
	case vendorkit.KeyExpired:
		return newError(codeTokenFailure, "The temporary credentials expired at %s.", k.Expires.UTC().Format(time.RFC3339))
	}
	return nil
}

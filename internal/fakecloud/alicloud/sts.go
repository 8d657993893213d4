package alicloud

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// The fake serves STS AssumeRole (version 2015-04-01) on the same listener
// as ECS, for clients pointed at it as their STS endpoint. The temporary
// keys it hands out are accepted by ECS, with their security token, until
// they expire on the fake's clock.

const stsAPIVersion = "2015-04-01"

// STS AssumeRole: RoleArn acs:ram::<account>:role/<name>; RoleSessionName
// 2 to 64 of [\w.@-]; DurationSeconds 900 up to the role's maximum session
// duration (at most 43200), default 3600; ExternalId 2 to 1224 of
// [\w=,.@:/-]; Policy at most 2048 characters.
var (
	roleARNPattern     = regexp.MustCompile(`^acs:ram::\d+:role/[\w.@-]+$`)
	sessionNamePattern = regexp.MustCompile(`^[\w.@-]{2,64}$`)
	externalIDPattern  = regexp.MustCompile(`^[\w=,.@:/-]+$`)
)

const (
	stsMinDuration     = 900
	stsMaxDuration     = 43200
	stsDefaultDuration = 3600
	stsMaxPolicy       = 2048
)

func errSTSParameter(name, message string) *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter."+name, message)
}

func errMissingSecurityToken() *apiError {
	return newError(http.StatusBadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this action.")
}

func errSecurityTokenExpired() *apiError {
	return newError(http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
}

// TemporaryKey is a temporary key STS handed out, as tests see it.
type TemporaryKey = vendorkit.TemporaryKey

// tempKeyShape is how STS AssumeRole's Credentials look: AccessKeyId,
// AccessKeySecret and SecurityToken.
var tempKeyShape = vendorkit.KeyShape{IDPrefix: "STS.", IDDigits: 20, SecretDigits: 30, TokenPrefix: "CAIS", TokenDigits: 60}

// secretOf is the secret of an access key the fake accepts, permanent or
// temporary.
func (s *Service) secretOf(accessKeyID string) (secret string, temp *TemporaryKey, err error) {
	if k, ok := s.LookUpTemporaryKey(accessKeyID); ok {
		return k.Secret, &k, nil
	}
	if accessKeyID != s.cfg.AccessKey {
		return "", nil, errAccessKeyNotFound()
	}
	return s.cfg.SecretKey, nil, nil
}

// admitTempKey checks the security token and lifetime of a request signed
// with a temporary key.
func (s *Service) admitTempKey(signed signedRequest) error {
	switch signed.temp.Check(signed.securityToken, s.cfg.Now()) {
	case vendorkit.TokenMissing:
		return errMissingSecurityToken()
	case vendorkit.TokenMismatch:
		return errSecurityTokenMismatch()
	case vendorkit.KeyExpired:
		return errSecurityTokenExpired()
	}
	s.UseTemporaryKey(signed.temp.ID)
	return nil
}

func (s *Service) assumeRole(c *call) (any, error) {
	p := c.params
	for _, name := range []string{"RoleArn", "RoleSessionName"} {
		if p.get(name) == "" {
			return nil, errMissingParameter(name)
		}
	}
	if !roleARNPattern.MatchString(p.get("RoleArn")) {
		return nil, errSTSParameter("RoleArn", "The parameter RoleArn is wrongly formed.")
	}
	if !sessionNamePattern.MatchString(p.get("RoleSessionName")) {
		return nil, errSTSParameter("RoleSessionName", "The parameter RoleSessionName is wrongly formed.")
	}
	if id := p.get("ExternalId"); id != "" && (len(id) < 2 || len(id) > 1224 || !externalIDPattern.MatchString(id)) {
		return nil, errSTSParameter("ExternalId", "The parameter ExternalId is wrongly formed.")
	}
	if len(p.get("Policy")) > stsMaxPolicy {
		return nil, errSTSParameter("PolicySize", fmt.Sprintf("The size of Policy must be smaller than %d.", stsMaxPolicy))
	}
	duration := int64(stsDefaultDuration)
	if v := p.get("DurationSeconds"); v != "" {
		d, err := strconv.ParseInt(v, 10, 64)
		if err != nil || d < stsMinDuration || d > stsMaxDuration {
			return nil, errSTSParameter("DurationSeconds", fmt.Sprintf("The Min/Max value of DurationSeconds is %d/%d seconds.", stsMinDuration, stsMaxDuration))
		}
		duration = d
	}
	expires := s.cfg.Now().Add(time.Duration(duration) * time.Second).Truncate(time.Second)
	k := s.IssueTemporaryKey(tempKeyShape, p.get("RoleArn"), expires)
	return map[string]any{
		"RequestId": c.requestID,
		"Credentials": map[string]any{
			"AccessKeyId": k.ID, "AccessKeySecret": k.Secret, "SecurityToken": k.Token,
			"Expiration": expires.UTC().Format(time.RFC3339),
		},
		"AssumedRoleUser": map[string]any{
			"Arn":           p.get("RoleArn") + "/" + p.get("RoleSessionName"),
			"AssumedRoleId": "3" + vendorkit.RandomHex(17) + ":" + p.get("RoleSessionName"),
		},
	}, nil
}

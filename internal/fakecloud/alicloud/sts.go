package alicloud

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
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

// tempKey is a temporary key STS handed out.
type tempKey struct {
	secret  string
	token   string
	expires time.Time
	role    string
	used    int // requests admitted with the key, STS's own included
	id      string
}

type tempKeys struct {
	mu   sync.Mutex
	keys map[string]tempKey
}

func (t *tempKeys) add(id string, k tempKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.keys == nil {
		t.keys = map[string]tempKey{}
	}
	t.keys[id] = k
}

// use counts a request admitted with the key.
func (t *tempKeys) use(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if k, ok := t.keys[id]; ok {
		k.used++
		t.keys[id] = k
	}
}

func (t *tempKeys) get(id string) (tempKey, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k, ok := t.keys[id]
	return k, ok
}

// TemporaryKey is a temporary key STS handed out, as tests see it.
type TemporaryKey struct {
	ID       string
	Role     string // the RoleArn it was issued for
	Requests int    // requests admitted with it
	Secret   string // tests look for it where it must not be
	Token    string
}

// TemporaryKeys lists the temporary keys STS handed out.
func (s *Service) TemporaryKeys() []TemporaryKey {
	s.temp.mu.Lock()
	defer s.temp.mu.Unlock()
	keys := make([]TemporaryKey, 0, len(s.temp.keys))
	for id, k := range s.temp.keys {
		keys = append(keys, TemporaryKey{ID: id, Role: k.role, Requests: k.used, Secret: k.secret, Token: k.token})
	}
	return keys
}

// secretOf is the secret of an access key the fake accepts, permanent or
// temporary.
func (s *Service) secretOf(accessKeyID string) (secret string, temp *tempKey, err error) {
	if k, ok := s.temp.get(accessKeyID); ok {
		k.id = accessKeyID
		return k.secret, &k, nil
	}
	if accessKeyID != s.cfg.AccessKey {
		return "", nil, errAccessKeyNotFound()
	}
	return s.cfg.SecretKey, nil, nil
}

// admitTempKey checks the security token and lifetime of a request signed
// with a temporary key.
func (s *Service) admitTempKey(signed signedRequest) error {
	k := signed.temp
	switch {
	case signed.securityToken == "":
		return errMissingSecurityToken()
	case subtle.ConstantTimeCompare([]byte(signed.securityToken), []byte(k.token)) != 1:
		return errSecurityTokenMismatch()
	case !s.cfg.Now().Before(k.expires):
		return errSecurityTokenExpired()
	}
	s.temp.use(k.id)
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
	id, secret, token := "STS."+randomHex(20), randomHex(30), "CAIS"+randomHex(60)
	s.temp.add(id, tempKey{secret: secret, token: token, expires: expires, role: p.get("RoleArn")})
	return map[string]any{
		"RequestId": c.requestID,
		"Credentials": map[string]any{
			"AccessKeyId": id, "AccessKeySecret": secret, "SecurityToken": token,
			"Expiration": expires.UTC().Format(time.RFC3339),
		},
		"AssumedRoleUser": map[string]any{
			"Arn":           p.get("RoleArn") + "/" + p.get("RoleSessionName"),
			"AssumedRoleId": "3" + randomHex(17) + ":" + p.get("RoleSessionName"),
		},
	}, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)[:n]
}

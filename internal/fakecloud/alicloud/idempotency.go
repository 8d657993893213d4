package alicloud

import (
	"net/url"
)

// maxClientTokenLength is the documented limit of ClientToken.
const maxClientTokenLength = 64

// idempotencyKey scopes a client token to the region and action it was
// used with.
type idempotencyKey struct {
	regionID string
	action   string
	token    string
}

type idempotentOutcome struct {
	fingerprint string // the request's parameters, to catch a reused token
	resourceID  string
}

// protocolParams are parameters of the signing scheme rather than of the
// action: a retry signs afresh, so they differ between attempts.
var protocolParams = []string{
	"Action", "Version", "Format", "AccessKeyId", "SecurityToken", "Timestamp",
	"Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "ClientToken",
}

// checkClientToken applies the documented rules: ASCII, at most 64
// characters.
func checkClientToken(p params) error {
	token := p.get("ClientToken")
	if len(token) > maxClientTokenLength {
		return errClientTokenMalformed
	}
	for i := 0; i < len(token); i++ {
		if token[i] >= 0x80 {
			return errClientTokenMalformed
		}
	}
	return nil
}

// createOnce checks the request's ClientToken, then, holding s.mu, runs
// create as idempotent does: once for each token. RunCommand, InvokeCommand
// and CreateCommand take a ClientToken.
func (s *Service) createOnce(c *call, create func() (string, error)) (string, error) {
	if err := checkClientToken(c.params); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idempotent(c, create)
}

// idempotent runs create unless an earlier call of the same action with the
// same ClientToken succeeded, in which case it returns that call's resource
// ID; a token reused with different parameters is an error, and so is one
// whose first call is still under way. Without a token every call creates.
// Callers hold s.mu; a held request (HoldNextRequest) releases it while it
// waits, its token marked as in use.
func (s *Service) idempotent(c *call, create func() (string, error)) (string, error) {
	token := c.params.get("ClientToken")
	if token == "" {
		s.pauseIfHeld(c)
		return create()
	}
	key := idempotencyKey{regionID: c.regionID(), action: c.action, token: token}
	fingerprint := actionFingerprint(c.params)
	if prior, ok := s.state.idempotent[key]; ok {
		if prior.fingerprint != fingerprint {
			return "", errIdempotentParameterMismatch
		}
		return prior.resourceID, nil
	}
	if s.state.processing[key] {
		return "", errIdempotentProcessing
	}
	s.state.processing[key] = true
	defer delete(s.state.processing, key)
	s.pauseIfHeld(c)
	id, err := create()
	if err != nil {
		return "", err
	}
	s.state.idempotent[key] = idempotentOutcome{fingerprint: fingerprint, resourceID: id}
	return id, nil
}

// actionFingerprint canonicalizes the parameters that describe what the
// call asks for.
func actionFingerprint(p params) string {
	action := url.Values{}
	for name, values := range p.values {
		action[name] = values
	}
	for _, name := range protocolParams {
		delete(action, name)
	}
	return action.Encode()
}

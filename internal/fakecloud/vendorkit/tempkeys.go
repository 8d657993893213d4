package vendorkit

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"sync"
	"time"
)

// TemporaryKey is a temporary key STS AssumeRole handed out.
type TemporaryKey struct {
	ID       string
	Role     string // the RoleArn it was issued for
	Requests int    // requests admitted with it, STS's own included
	Secret   string // tests look for it where it must not be
	Token    string
	Expires  time.Time
}

// KeyShape is how a cloud's temporary keys look: the prefix and number of
// random hexadecimal digits of the key ID and of the token, and the length
// of the secret.
type KeyShape struct {
	IDPrefix     string
	IDDigits     int
	SecretDigits int
	TokenPrefix  string
	TokenDigits  int
}

// keyStore holds the temporary keys handed out so far, under a lock of its
// own, so a request can be authenticated before the service's lock is
// taken. The zero value is ready to use.
type keyStore struct {
	mu   sync.Mutex
	keys map[string]TemporaryKey
}

// Issue makes a new key of this shape for role, valid until expires.
func (t *keyStore) Issue(shape KeyShape, role string, expires time.Time) TemporaryKey {
	k := TemporaryKey{
		ID:      shape.IDPrefix + RandomHex(shape.IDDigits),
		Role:    role,
		Secret:  RandomHex(shape.SecretDigits),
		Token:   shape.TokenPrefix + RandomHex(shape.TokenDigits),
		Expires: expires,
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.keys == nil {
		t.keys = map[string]TemporaryKey{}
	}
	t.keys[k.ID] = k
	return k
}

// Get returns the key with this ID, if STS handed it out.
func (t *keyStore) Get(id string) (TemporaryKey, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k, ok := t.keys[id]
	return k, ok
}

// Use counts a request admitted with the key.
func (t *keyStore) Use(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if k, ok := t.keys[id]; ok {
		k.Requests++
		t.keys[id] = k
	}
}

// List returns every key handed out, in no particular order.
func (t *keyStore) List() []TemporaryKey {
	t.mu.Lock()
	defer t.mu.Unlock()
	keys := make([]TemporaryKey, 0, len(t.keys))
	for _, k := range t.keys {
		keys = append(keys, k)
	}
	return keys
}

// TokenCheck is what a request signed with a temporary key is found to
// carry; each cloud answers the refusals with its own error.
type TokenCheck int

const (
	// TokenAccepted: the key's own token, before the key expired.
	TokenAccepted TokenCheck = iota
	// TokenMissing: no token at all, which temporary keys always need.
	TokenMissing
	// TokenMismatch: a token, but not the one issued with the key.
	TokenMismatch
	// KeyExpired: the right token, after the key expired.
	KeyExpired
)

// Check tells whether a request signed with the key at now, carrying token,
// is admitted. The token is compared in constant time.
func (k TemporaryKey) Check(token string, now time.Time) TokenCheck {
	switch {
	case token == "":
		return TokenMissing
	case subtle.ConstantTimeCompare([]byte(token), []byte(k.Token)) != 1:
		return TokenMismatch
	case !now.Before(k.Expires):
		return KeyExpired
	}
	return TokenAccepted
}

// RandomHex returns n random hexadecimal digits.
func RandomHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)[:n]
}

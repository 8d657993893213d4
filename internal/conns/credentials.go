package conns

import (
	"context"
	"fmt"
	"sync"
	"time"

	alicred "github.com/aliyun/credentials-go/credentials"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// Credentials are one set of API keys. Token and Expires are set only for
// temporary keys (STS, an instance role).
type Credentials struct {
	KeyID   string
	Secret  string
	Token   string
	Expires time.Time // zero for keys that do not expire
}

// CredentialSource gives the keys to sign the next request with. A source
// of temporary keys renews them before they expire.
type CredentialSource interface {
	Credentials(ctx context.Context) (Credentials, error)
}

// StaticCredentials are keys that never change: from the provider block,
// the environment or a profile file.
type StaticCredentials Credentials

// Credentials returns the keys themselves.
func (c StaticCredentials) Credentials(context.Context) (Credentials, error) {
	return Credentials(c), nil
}

// renewBefore is how long before temporary keys expire they are renewed, so
// that a request signed with them still arrives in time; a key whose whole
// life is shorter is renewed when a tenth of it is left.
const renewBefore = 5 * time.Minute

// RenewingCredentials fetch temporary keys when first needed and again
// shortly before they expire.
type RenewingCredentials struct {
	fetch func(context.Context) (Credentials, error)
	now   func() time.Time

	mu       sync.Mutex
	current  Credentials
	obtained time.Time
}

// NewRenewingCredentials returns a source that calls fetch for new keys.
func NewRenewingCredentials(fetch func(context.Context) (Credentials, error)) *RenewingCredentials {
	return &RenewingCredentials{fetch: fetch, now: time.Now}
}

// Credentials returns the current keys, fetching new ones when there are
// none yet or they are about to expire.
func (r *RenewingCredentials) Credentials(ctx context.Context) (Credentials, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.current.KeyID != "" && !r.dueForRenewal() {
		return r.current, nil
	}
	fresh, err := r.fetch(ctx)
	if err != nil {
		return Credentials{}, err
	}
	r.current, r.obtained = fresh, r.now()
	return fresh, nil
}

// Renew fetches new keys unless the current ones are no longer those with
// key ID stale: calls refused at the same moment renew once between them.
func (r *RenewingCredentials) Renew(ctx context.Context, stale string) (Credentials, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.current.KeyID != "" && r.current.KeyID != stale {
		return r.current, nil
	}
	fresh, err := r.fetch(ctx)
	if err != nil {
		return Credentials{}, err
	}
	r.current, r.obtained = fresh, r.now()
	return fresh, nil
}

// renewer is a source that can be made to fetch new keys before their time:
// after the service refused the current token as expired, whatever its
// expiry said (a clock that drifts, a token revoked).
type renewer interface {
	Renew(ctx context.Context, stale string) (Credentials, error)
}

func (r *RenewingCredentials) dueForRenewal() bool {
	if r.current.Expires.IsZero() {
		return false
	}
	margin := min(renewBefore, r.current.Expires.Sub(r.obtained)/10)
	return !r.now().Before(r.current.Expires.Add(-margin))
}

// credentialHolder is a client's current keys. Before each call the client
// asks its source for them (refresh), which may renew temporary keys; the
// SDK then reads them while signing, through the vendor's adapter below.
type credentialHolder struct {
	source CredentialSource

	mu      sync.RWMutex
	current Credentials
}

func newCredentialHolder(source CredentialSource) *credentialHolder {
	return &credentialHolder{source: source}
}

// refresh fetches the keys for the next call. A nil holder, the stand-in
// APIs of tests, has nothing to fetch.
func (h *credentialHolder) refresh(ctx context.Context) error {
	if h == nil {
		return nil
	}
	creds, err := h.source.Credentials(ctx)
	if err != nil {
		return err
	}
	h.mu.Lock()
	h.current = creds
	h.mu.Unlock()
	return nil
}

// renew fetches new keys after the service refused the token of those with
// key ID stale. It reports false when the source cannot renew (keys from
// the configuration), or when the holder is a stand-in's.
func (h *credentialHolder) renew(ctx context.Context, stale string) (bool, error) {
	if h == nil {
		return false, nil
	}
	r, ok := h.source.(renewer)
	if !ok {
		return false, nil
	}
	creds, err := r.Renew(ctx, stale)
	if err != nil {
		return true, err
	}
	h.mu.Lock()
	h.current = creds
	h.mu.Unlock()
	return true, nil
}

// CredentialsError is a failure to get the keys to sign a call with, such
// as an STS AssumeRole that failed: the call itself was never sent, and is
// not retried, since the source retried on its own.
type CredentialsError struct{ Err error }

func (e *CredentialsError) Error() string {
	return "getting the keys to sign the call with: " + e.Err.Error()
}

func (e *CredentialsError) Unwrap() error { return e.Err }

// expiredTokenCodes are the refusals of a temporary token that has expired
// or was revoked: TAT's AuthFailure.TokenFailure, ECS's
// InvalidSecurityToken.Expired.
var expiredTokenCodes = []string{"AuthFailure.TokenFailure", "InvalidSecurityToken.Expired"}

// signedAttempt makes one attempt of a call with the keys of h, renewed
// first when they are due: a long sequence of retries may outlive
// temporary keys, so each attempt asks again. When the service refuses the
// token as expired and the keys can be renewed, they are renewed and the
// request sent once more: a refused request did nothing, so a repeat is
// safe, even for a create.
func signedAttempt[Resp any](ctx context.Context, h *credentialHolder, send func(context.Context) (Resp, error)) (Resp, error) {
	var none Resp
	if err := h.refresh(ctx); err != nil {
		return none, &CredentialsError{Err: err}
	}
	resp, err := send(ctx)
	if err == nil || !codeIn(ErrorCode(err), expiredTokenCodes) {
		return resp, err
	}
	if h == nil {
		return resp, err
	}
	renewed, renewErr := h.renew(ctx, h.get().KeyID)
	switch {
	case renewErr != nil:
		return none, &CredentialsError{Err: fmt.Errorf("renewing the keys after %w: %w", err, renewErr)}
	case !renewed:
		return resp, err
	}
	return send(ctx)
}

func (h *credentialHolder) get() Credentials {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.current
}

// secrets are the current key's secret and token, masked in the client's
// log lines whichever source they came from.
func (h *credentialHolder) secrets() []string {
	if h == nil {
		return nil
	}
	c := h.get()
	return nonEmpty(c.Secret, c.Token)
}

// tencentCredential lets the Tencent Cloud SDK sign with the holder's keys.
type tencentCredential struct{ holder *credentialHolder }

var _ common.CredentialIface = tencentCredential{}

func (t tencentCredential) GetSecretId() string  { return t.holder.get().KeyID }
func (t tencentCredential) GetSecretKey() string { return t.holder.get().Secret }
func (t tencentCredential) GetToken() string     { return t.holder.get().Token }

// GetCredential returns the three parts of one set of keys together, so a
// renewal never mixes the parts of two.
func (t tencentCredential) GetCredential() (secretID, secretKey, token string) {
	c := t.holder.get()
	return c.KeyID, c.Secret, c.Token
}

// alibabaCredential lets the Alibaba Cloud SDK sign with the holder's keys.
type alibabaCredential struct{ holder *credentialHolder }

var _ alicred.Credential = alibabaCredential{}

func (a alibabaCredential) GetCredential() (*alicred.CredentialModel, error) {
	c := a.holder.get()
	kind := "access_key"
	if c.Token != "" {
		kind = "sts"
	}
	return &alicred.CredentialModel{
		AccessKeyId:     &c.KeyID,
		AccessKeySecret: &c.Secret,
		SecurityToken:   &c.Token,
		Type:            &kind,
	}, nil
}

func (a alibabaCredential) GetAccessKeyId() (*string, error) {
	c := a.holder.get()
	return &c.KeyID, nil
}

func (a alibabaCredential) GetAccessKeySecret() (*string, error) {
	c := a.holder.get()
	return &c.Secret, nil
}

func (a alibabaCredential) GetSecurityToken() (*string, error) {
	c := a.holder.get()
	return &c.Token, nil
}

func (a alibabaCredential) GetBearerToken() *string { return nil }

func (a alibabaCredential) GetType() *string {
	kind := "access_key"
	if a.holder.get().Token != "" {
		kind = "sts"
	}
	return &kind
}

package conns

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// keyServer answers TAT calls with the answers it is given in turn (then
// successes), and records the key ID each request was signed with.
type keyServer struct {
	mu      sync.Mutex
	answers []string
	keys    []string
}

func (s *keyServer) start(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		_, rest, _ := strings.Cut(r.Header.Get("Authorization"), "Credential=")
		key, _, _ := strings.Cut(rest, "/")
		s.mu.Lock()
		s.keys = append(s.keys, key)
		answer := `{"Response":{"TotalCount":0,"CommandSet":[],"RequestId":"ok"}}`
		if len(s.answers) > 0 {
			answer, s.answers = s.answers[0], s.answers[1:]
		}
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func (s *keyServer) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.keys...)
}

func tencentRefusal(code string) string {
	return fmt.Sprintf(`{"Response":{"Error":{"Code":%q,"Message":"refused"},"RequestId":"r"}}`, code)
}

// countingKeys are temporary keys k1, k2... that last an hour from a clock
// the test moves.
type countingKeys struct {
	*RenewingCredentials
	mu      sync.Mutex
	now     time.Time
	fetched int
}

func newCountingKeys() *countingKeys {
	k := &countingKeys{now: time.Unix(1_700_000_000, 0)}
	k.RenewingCredentials = NewRenewingCredentials(func(context.Context) (Credentials, error) {
		k.mu.Lock()
		defer k.mu.Unlock()
		k.fetched++
		return Credentials{KeyID: fmt.Sprint("k", k.fetched), Secret: "s", Token: "t", Expires: k.now.Add(time.Hour)}, nil
	})
	k.RenewingCredentials.now = func() time.Time {
		k.mu.Lock()
		defer k.mu.Unlock()
		return k.now
	}
	return k
}

func (k *countingKeys) advance(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.now = k.now.Add(d)
}

// A call throttled for longer than its temporary keys last signs each
// attempt with the keys current at that attempt.
func TestTemporaryKeysAreRenewedBetweenAttempts(t *testing.T) {
	t.Parallel()
	srv := &keyServer{answers: []string{tencentRefusal("RequestLimitExceeded"), tencentRefusal("RequestLimitExceeded")}}
	endpoint := srv.start(t)
	keys := newCountingKeys()
	// Each failed attempt moves the clock past the keys' expiry.
	expire := withObserver(func(attemptReport) { keys.advance(time.Hour) })
	client, err := NewTATClient(TATConfig{Region: "ap-guangzhou", Endpoint: endpoint, Credentials: keys}, fastOptions(expire)...)
	mustSucceed(t, err)
	_, err = client.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	mustSucceed(t, err)
	if got := strings.Join(srv.seen(), " "); got != "k1 k2 k3" {
		t.Errorf("attempts signed with %q, want k1 k2 k3: fresh keys for each", got)
	}
}

// A refusal of an expired token renews the keys once and sends the
// request again, even a create: the refused request did nothing.
func TestExpiredTokenRefusalRenewsOnceAndRetries(t *testing.T) {
	t.Parallel()
	srv := &keyServer{answers: []string{tencentRefusal("AuthFailure.TokenFailure")}}
	endpoint := srv.start(t)
	keys := newCountingKeys()
	client, err := NewTATClient(TATConfig{Region: "ap-guangzhou", Endpoint: endpoint, Credentials: keys}, fastOptions()...)
	mustSucceed(t, err)
	_, err = client.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	mustSucceed(t, err)
	if got := strings.Join(srv.seen(), " "); got != "k1 k2" {
		t.Errorf("requests signed with %q, want k1 then, renewed, k2", got)
	}

	// Refused again with the new keys: the call fails, renewed only once.
	srv = &keyServer{answers: []string{tencentRefusal("AuthFailure.TokenFailure"), tencentRefusal("AuthFailure.TokenFailure"), tencentRefusal("AuthFailure.TokenFailure")}}
	endpoint = srv.start(t)
	keys = newCountingKeys()
	client, err = NewTATClient(TATConfig{Region: "ap-guangzhou", Endpoint: endpoint, Credentials: keys}, fastOptions()...)
	mustSucceed(t, err)
	_, err = client.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	if ErrorCode(err) != "AuthFailure.TokenFailure" {
		t.Fatalf("error %v, want the refusal", err)
	}
	if got := strings.Join(srv.seen(), " "); got != "k1 k2" {
		t.Errorf("requests signed with %q, want k1 k2 and no more", got)
	}
}

// Keys from the configuration cannot be renewed: the refusal is final.
func TestExpiredTokenRefusalOfStaticKeysIsFinal(t *testing.T) {
	t.Parallel()
	srv := &keyServer{answers: []string{tencentRefusal("AuthFailure.TokenFailure")}}
	endpoint := srv.start(t)
	client, err := NewTATClient(TATConfig{SecretID: "static", SecretKey: "s", SecurityToken: "t", Region: "ap-guangzhou", Endpoint: endpoint}, fastOptions()...)
	mustSucceed(t, err)
	_, err = client.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	if ErrorCode(err) != "AuthFailure.TokenFailure" {
		t.Fatalf("error %v, want the refusal", err)
	}
	if n := len(srv.seen()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

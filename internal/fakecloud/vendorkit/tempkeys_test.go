package vendorkit

import (
	"strings"
	"testing"
	"time"
)

var testShape = KeyShape{IDPrefix: "TMP.", IDDigits: 8, SecretDigits: 12, TokenPrefix: "tok-", TokenDigits: 16}

func TestIssueMakesKeysOfTheShapeAndRemembersThem(t *testing.T) {
	t.Parallel()
	var keys keyStore
	expires := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	k := keys.Issue(testShape, "role-a", expires)
	if !strings.HasPrefix(k.ID, "TMP.") || len(k.ID) != 4+8 {
		t.Errorf("ID = %q, want TMP. and 8 digits", k.ID)
	}
	if len(k.Secret) != 12 || !strings.HasPrefix(k.Token, "tok-") || len(k.Token) != 4+16 {
		t.Errorf("Secret = %q, Token = %q, want 12 digits and tok- with 16", k.Secret, k.Token)
	}
	if k.Role != "role-a" || !k.Expires.Equal(expires) || k.Requests != 0 {
		t.Errorf("key = %+v, want role-a until %s, unused", k, expires)
	}
	got, ok := keys.Get(k.ID)
	if !ok || got != k {
		t.Errorf("Get(%s) = %+v, %t, want the key issued", k.ID, got, ok)
	}
	if _, ok := keys.Get("TMP.unknown"); ok {
		t.Error("Get found a key never issued")
	}
	if other := keys.Issue(testShape, "role-a", expires); other.ID == k.ID || other.Secret == k.Secret || other.Token == k.Token {
		t.Errorf("a second key repeats the first: %+v and %+v", k, other)
	}
}

func TestUseCountsRequestsPerKey(t *testing.T) {
	t.Parallel()
	var keys keyStore
	a := keys.Issue(testShape, "a", time.Now())
	b := keys.Issue(testShape, "b", time.Now())
	keys.Use(a.ID)
	keys.Use(a.ID)
	keys.Use("never-issued")
	counts := map[string]int{}
	for _, k := range keys.List() {
		counts[k.Role] = k.Requests
	}
	if len(counts) != 2 || counts["a"] != 2 || counts["b"] != 0 {
		t.Errorf("requests by role = %v, want a:2 b:0", counts)
	}
	if got, _ := keys.Get(b.ID); got.Requests != 0 {
		t.Errorf("key b counted %d requests, want 0", got.Requests)
	}
}

func TestCheckRefusesMissingWrongOrExpiredTokens(t *testing.T) {
	t.Parallel()
	expires := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	k := TemporaryKey{Token: "tok-right", Expires: expires}
	for _, tc := range []struct {
		name  string
		token string
		at    time.Time
		want  TokenCheck
	}{
		{"its token before it expires", "tok-right", expires.Add(-time.Second), TokenAccepted},
		{"no token", "", expires.Add(-time.Second), TokenMissing},
		{"another token", "tok-wrong", expires.Add(-time.Second), TokenMismatch},
		{"a prefix of its token", "tok-", expires.Add(-time.Second), TokenMismatch},
		{"its token at the expiry", "tok-right", expires, KeyExpired},
		{"its token after the expiry", "tok-right", expires.Add(time.Hour), KeyExpired},
		{"no token after the expiry", "", expires.Add(time.Hour), TokenMissing},
	} {
		if got := k.Check(tc.token, tc.at); got != tc.want {
			t.Errorf("%s: Check = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestRandomHexIsHexOfTheLengthAsked(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7, 60} {
		s := RandomHex(n)
		if len(s) != n || strings.Trim(s, "0123456789abcdef") != "" {
			t.Errorf("RandomHex(%d) = %q", n, s)
		}
	}
}

package fakecloud

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAdminTokenIsRequiredWhenSet(t *testing.T) {
	t.Parallel()
	s := New(Options{AdminToken: "s3cret"})
	for _, tt := range []struct {
		path, auth string
		want       int
	}{
		{"/_fake/counters", "", http.StatusUnauthorized},
		{"/_fake/counters", "Bearer wrong", http.StatusUnauthorized},
		{"/_fake/counters", "Bearer s3cret", http.StatusOK},
		{"/_fake/health", "", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("%s with %q: status %d, want %d", tt.path, tt.auth, rec.Code, tt.want)
		}
	}
}

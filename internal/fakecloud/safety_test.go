package fakecloud

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
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

// TestRefuseBrowsersChecksHostAndOrigin: the listener's own address, or
// localhost on its port, is served; another Host, an Origin or a
// Sec-Fetch-Site header is refused before any vendor sees the request.
func TestRefuseBrowsersChecksHostAndOrigin(t *testing.T) {
	t.Parallel()
	s := New(Options{RefuseBrowsers: true})
	base, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	for _, tt := range []struct {
		host, header, value string
		want                int
	}{
		{"", "", "", http.StatusOK},
		{"localhost:" + port, "", "", http.StatusOK},
		{"attacker.example:" + port, "", "", http.StatusForbidden},
		{"127.0.0.1:1", "", "", http.StatusForbidden},
		{"", "Origin", "http://127.0.0.1:" + port, http.StatusForbidden},
		{"", "Sec-Fetch-Site", "same-origin", http.StatusForbidden},
	} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/_fake/health", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.host != "" {
			req.Host = tt.host
		}
		if tt.header != "" {
			req.Header.Set(tt.header, tt.value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %q, %s %q: status %d, want %d", tt.host, tt.header, tt.value, resp.StatusCode, tt.want)
		}
	}
	if s.httpServer.ReadTimeout != readTimeout || s.httpServer.IdleTimeout != idleTimeout {
		t.Errorf("read timeout %v, idle timeout %v", s.httpServer.ReadTimeout, s.httpServer.IdleTimeout)
	}
}

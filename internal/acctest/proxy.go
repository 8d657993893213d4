package acctest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// LossyProxy stands between the provider and a fake endpoint and passes
// requests through, except that it can lose responses: the request reaches
// the fake and takes effect, then the provider sees its connection closed
// with no answer, as when a network drops a connection at the worst moment.
// It needs nothing from the fake, so it works with either vendor.
type LossyProxy struct {
	url     string
	target  *url.URL
	forward http.RoundTripper
	proxy   *httputil.ReverseProxy

	mu          sync.Mutex
	drops       map[string]int // by action: responses still to lose
	dropsBefore map[string]int // by action: requests still to lose unsent
	forwarded   map[string]int // by action: requests passed to the fake
}

// StartLossyProxy starts a proxy to the fake on a free loopback port for
// one test and closes it when the test ends.
func StartLossyProxy(t *testing.T, fake *fakecloud.Server) *LossyProxy {
	t.Helper()
	target, err := url.Parse(fake.URL())
	if err != nil {
		t.Fatalf("the fake's URL: %v", err)
	}
	forward := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // the standard library's documented type
	p := &LossyProxy{
		target: target, forward: forward,
		drops: map[string]int{}, dropsBefore: map[string]int{}, forwarded: map[string]int{},
	}
	// The Host header passes unchanged: the client signed it.
	p.proxy = httputil.NewSingleHostReverseProxy(target)
	p.proxy.Transport = forward
	srv := httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(srv.Close)
	t.Cleanup(forward.CloseIdleConnections)
	p.url = srv.URL
	return p
}

// URL is the proxy's base URL, to use as a provider endpoint.
func (p *LossyProxy) URL() string { return p.url }

// DropNextResponse makes the proxy lose the response to the next request of
// action (X-TC-Action or x-acs-action); n calls lose the next n.
func (p *LossyProxy) DropNextResponse(action string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drops[action]++
}

// DropNextRequest makes the proxy lose the next request of action before
// it reaches the fake: the provider sees its connection closed with no
// answer, and nothing was done. n calls lose the next n.
func (p *LossyProxy) DropNextRequest(action string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropsBefore[action]++
}

// Forwarded is how many requests of action reached the fake.
func (p *LossyProxy) Forwarded(action string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.forwarded[action]
}

// note counts a request of action and says whether to lose it unsent, or
// to lose its response.
func (p *LossyProxy) note(action string) (dropRequest, dropResponse bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dropsBefore[action] > 0 {
		p.dropsBefore[action]--
		return true, false
	}
	p.forwarded[action]++
	if p.drops[action] > 0 {
		p.drops[action]--
		return false, true
	}
	return false, false
}

func (p *LossyProxy) serve(w http.ResponseWriter, r *http.Request) {
	action := r.Header.Get("X-TC-Action")
	if action == "" {
		action = r.Header.Get("X-Acs-Action")
	}
	dropRequest, dropResponse := p.note(action)
	switch {
	case dropRequest:
		// Read the whole request, so that the provider has sent it and
		// cannot tell this from a lost answer.
		_, _ = io.Copy(io.Discard, r.Body)
		closeUnanswered(w)
	case dropResponse:
		if err := p.forwardAndDiscard(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		closeUnanswered(w)
	default:
		p.proxy.ServeHTTP(w, r)
	}
}

// closeUnanswered closes the request's connection without a response.
func closeUnanswered(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // also ends the response unwritten
	}
	_ = conn.Close()
}

// forwardAndDiscard sends r to the fake, waits for the fake to finish with
// it, and throws the answer away.
func (p *LossyProxy) forwardAndDiscard(r *http.Request) error {
	out := r.Clone(r.Context())
	out.RequestURI = ""
	out.URL.Scheme, out.URL.Host = p.target.Scheme, p.target.Host
	resp, err := p.forward.RoundTrip(out)
	if err != nil {
		return fmt.Errorf("forwarding to the fake: %w", err)
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

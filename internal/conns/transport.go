package conns

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A probe watches one attempt of an API call from inside the HTTP
// transport. The SDKs turn what happened on the wire into errors that no
// longer say whether the request left this machine, drop the HTTP status of
// some failures, and (Alibaba) drop the throttling headers; the retry layer
// needs all three to decide whether sending again is safe and when.
type probe struct {
	mu      sync.Mutex
	host    string      // the endpoint's host (and port) the request went to
	started bool        // the transport was asked to send the request
	wrote   bool        // the whole request was written to the connection
	status  int         // the response's HTTP status, 0 if none arrived
	header  http.Header // the response's headers
}

type probeKey struct{}

// withProbe returns a context whose HTTP requests report to p.
func withProbe(ctx context.Context, p *probe) context.Context {
	return context.WithValue(ctx, probeKey{}, p)
}

func probeFrom(ctx context.Context) *probe {
	p, _ := ctx.Value(probeKey{}).(*probe)
	return p
}

func (p *probe) markStarted(host string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.started = true
	p.host = host
}

func (p *probe) markWritten() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wrote = true
}

func (p *probe) recordResponse(resp *http.Response) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.status = resp.StatusCode
	p.header = resp.Header.Clone()
}

// probeView is a probe's findings, read once the attempt is over.
type probeView struct {
	host           string
	started, wrote bool
	status         int
	header         http.Header
}

func (p *probe) view() probeView {
	if p == nil {
		return probeView{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return probeView{host: p.host, started: p.started, wrote: p.wrote, status: p.status, header: p.header}
}

// probingTransport reports each request's progress to the probe in its
// context, and logs each exchange at TRACE (see logging.go). Requests
// without a probe pass through untouched and unlogged: only the client
// layer's requests carry one, and only their context masks the
// credentials in every log line.
type probingTransport struct {
	base http.RoundTripper
}

func (t probingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := probeFrom(req.Context())
	if p == nil {
		return t.base.RoundTrip(req)
	}
	p.markStarted(req.URL.Host)
	ex, req := logRequest(req)
	trace := &httptrace.ClientTrace{
		// Only a request written in full can have been acted on: a server
		// does not process a request whose bytes stopped half-way.
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				p.markWritten()
			}
		},
	}
	resp, err := t.base.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if err != nil {
		ex.failed(err)
		return resp, err
	}
	p.recordResponse(resp)
	answeredEndpoints.Store(req.URL.Host, true)
	return ex.responded(resp), nil
}

// answeredEndpoints holds the hosts that have answered a request of this
// process, with any HTTP status. Until an endpoint has answered, a failure
// to reach it (connection refused, a name that does not resolve, a TLS
// failure) is most likely a wrong endpoint, region or network set-up, which
// waiting does not mend; after, it is most likely passing.
var answeredEndpoints sync.Map

func hasAnswered(host string) bool {
	_, ok := answeredEndpoints.Load(host)
	return ok
}

// newProbingTransport wraps a transport of its own, so that settings made
// here never leak into http.DefaultTransport.
func newProbingTransport() http.RoundTripper {
	base := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // the standard library's documented type
	base.IdleConnTimeout = 30 * time.Second
	return probingTransport{base: base}
}

// ecsHTTPClient sends one pooled SDK client's requests. Left to itself, the
// SDK shares one HTTP client per endpoint and rewrites its timeout on every
// call without a lock, which races when calls overlap. The SDK takes no
// context either, so the call in progress lends its own: the request is
// then cancelled with it, and carries the attempt's probe.
type ecsHTTPClient struct {
	client *http.Client
	ctx    context.Context // the current call's; set only while the SDK client is borrowed
}

func (c *ecsHTTPClient) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	if c.ctx != nil {
		req = req.WithContext(c.ctx)
	}
	resp, err := c.client.Do(req)
	return resp, redactURLError(err)
}

// sharedECSTransport is the connection pool of every ECS client.
var sharedECSTransport = newProbingTransport()

// Headers in which the Alibaba Cloud gateway says how long a throttled
// caller should wait, as "Limit:50,Remain:0,TimeLeft:1000,...", TimeLeft in
// milliseconds.
var rateLimitHeaders = []string{"x-ratelimit-user-api", "x-ratelimit-user"}

// timeLeft is the longest wait the throttling headers ask for, or 0.
func timeLeft(h http.Header) time.Duration {
	var longest time.Duration
	for _, name := range rateLimitHeaders {
		if d := parseTimeLeft(h.Get(name)); d > longest {
			longest = d
		}
	}
	return longest
}

func parseTimeLeft(value string) time.Duration {
	for _, pair := range strings.Split(value, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "TimeLeft") {
			continue
		}
		ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || ms <= 0 {
			return 0
		}
		return time.Duration(ms) * time.Millisecond
	}
	return 0
}

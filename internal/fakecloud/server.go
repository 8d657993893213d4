// Package fakecloud is an in-memory stand-in for the Tencent Cloud TAT and
// Alibaba Cloud ECS Cloud Assistant APIs. It speaks both vendors' wire
// protocols on one listener, verifies every signature, and keeps its state in
// memory, so the provider can be tested end to end with no cloud account.
//
// It deliberately shares no code with the provider: a bug in a shared helper
// would otherwise pass on both sides of the wire.
package fakecloud

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Default credentials, used by the standalone program and by tests that do
// not care which keys are configured.
const (
	DefaultTencentSecretID   = "AKIDcloudcmdfake"
	DefaultTencentSecretKey  = "cloudcmd-fake-tencent-secret"
	DefaultAlicloudAccessKey = "LTAIcloudcmdfake"
	DefaultAlicloudSecretKey = "cloudcmd-fake-alicloud-secret"
	DefaultTencentSkew       = 300 * time.Second
	DefaultAlicloudSkew      = 15 * time.Minute
	tencentAPIVersion        = "2020-10-28"
	alicloudAPIVersion       = "2014-05-26"
)

// DefaultTencentRecordRetention and DefaultAlicloudRecordRetention are how
// long an invocation is kept once it has finished: four weeks, as ECS
// DescribeInvocations documents ("command executions within the last four
// weeks"); TAT does not say how long it keeps them.
const (
	DefaultTencentRecordRetention  = tencent.DefaultRecordRetention
	DefaultAlicloudRecordRetention = alicloud.DefaultRecordRetention
)

// Options configure a Server. The zero value is usable: default credentials,
// the wall clock, instant status changes and a fleet where every well-formed
// instance ID is a running instance with an online agent.
type Options struct {
	TencentSecretID       string
	TencentSecretKey      string
	TencentSecurityToken  string // when set, requests carrying X-TC-Token must match it
	AlicloudAccessKey     string
	AlicloudSecretKey     string
	AlicloudSecurityToken string // when set, requests carrying x-acs-security-token must match it

	// Clock drives signature freshness checks and simulated durations.
	// Nil means the wall clock.
	Clock Clock
	// Realistic makes status changes take simulated time (delivery, run,
	// upload). When false, every change happens at once.
	Realistic bool
	// Fleet declares instances in states other than "running, agent online".
	Fleet *fleet.Fleet
	// Executor, when set, really runs scripts for both vendors (for example
	// script.ShellExecutor): TAT SHELL scripts and one-time ECS
	// RunShellScript scripts. Nil simulates them with the built-in
	// interpreter.
	Executor script.Executor

	// TencentSkew and AlicloudSkew bound how far a request's timestamp may
	// drift from the fake's clock. Zero means the vendor's documented value.
	TencentSkew  time.Duration
	AlicloudSkew time.Duration

	// TencentRecordRetention and AlicloudRecordRetention are how long each
	// vendor's service keeps an invocation once it has finished, measured
	// on Clock; after that it is answered as an unknown one. Zero means
	// four weeks. Tencent().SetRecordRetention and
	// Alicloud().SetRecordRetention change them at run time.
	TencentRecordRetention  time.Duration
	AlicloudRecordRetention time.Duration

	// FaultSeed seeds the random source that fault rules draw from, so a
	// test that sends its requests one after another sees the same faults
	// on every run. FAULTS.md describes fault injection.
	FaultSeed uint64
	// EnforceRateLimits answers requests beyond the vendors' documented
	// rate limits (20 per second for each TAT action, 1000 per 60 seconds
	// for ECS RunCommand) with the vendor's throttling error. The limits
	// are counted on Clock.
	EnforceRateLimits bool

	// RefuseBrowsers answers 403 to requests a web page could have made:
	// those whose Host is not the listener's own address (DNS rebinding)
	// and those carrying a browser's Origin or Sec-Fetch-Site header. It
	// is on whenever Executor is set, since a request then runs a command
	// on this machine.
	RefuseBrowsers bool
	// AdminToken, when set, is required of every request to the /_fake/
	// endpoints but /_fake/health, as "Authorization: Bearer TOKEN".
	AdminToken string
}

// A client that sends its request slowly, or holds a connection open, is
// let go after these; a request's body is a few kilobytes at most.
const (
	readTimeout = 30 * time.Second
	idleTimeout = 2 * time.Minute
)

// browserRequest says why r looks like a request a web page made, with
// RefuseBrowsers on, or returns "". A page can send a signed GET to a
// loopback port, or reach it under its own name by DNS rebinding; neither
// SDK sends Origin or Sec-Fetch-Site, and both name the endpoint's own
// address as Host.
func (s *Server) browserRequest(r *http.Request) string {
	if !s.opts.RefuseBrowsers && s.opts.Executor == nil {
		return ""
	}
	switch {
	case r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "":
		return "requests from web pages are refused"
	case s.listener != nil && !sameHost(r.Host, s.listener.Addr().String()):
		return fmt.Sprintf("Host %q is not this endpoint's address", r.Host)
	}
	return ""
}

// sameHost reports whether host names the listener at addr: its address
// itself or, on loopback, localhost with its port.
func sameHost(host, addr string) bool {
	if host == addr {
		return true
	}
	hostName, hostPort, err := net.SplitHostPort(host)
	if err != nil {
		return false
	}
	listenIP, listenPort, err := net.SplitHostPort(addr)
	if err != nil || hostPort != listenPort {
		return false
	}
	ip := net.ParseIP(listenIP)
	if ip == nil || !ip.IsLoopback() && !ip.IsUnspecified() {
		return false
	}
	return hostName == "localhost" || net.ParseIP(hostName) != nil && net.ParseIP(hostName).IsLoopback()
}

// Server is the fake endpoint. It is safe for concurrent use.
type Server struct {
	opts     Options
	clock    Clock
	fleet    *fleet.Fleet
	tencent  *tencent.Service
	alicloud *alicloud.Service

	faults   *Faults
	denials  denials
	limiter  *rateLimiter
	counters *counterSet
	// sleep adds latency; tests replace it to observe delays without
	// waiting for them.
	sleep func(context.Context, time.Duration) bool
	// closing ends when Close is called, cutting short any latency.
	closing     context.Context
	stopWaiting context.CancelFunc

	adminOnce sync.Once
	admin     *http.ServeMux // the /_fake/ endpoints, built on first use

	httpServer *http.Server
	listener   net.Listener
	tls        bool // the listener serves HTTPS (StartTLS)
}

// New returns a Server that is not yet listening; use Start, or mount
// ServeHTTP on a server of your own.
func New(opts Options) *Server {
	if opts.TencentSecretID == "" {
		opts.TencentSecretID = DefaultTencentSecretID
	}
	if opts.TencentSecretKey == "" {
		opts.TencentSecretKey = DefaultTencentSecretKey
	}
	if opts.AlicloudAccessKey == "" {
		opts.AlicloudAccessKey = DefaultAlicloudAccessKey
	}
	if opts.AlicloudSecretKey == "" {
		opts.AlicloudSecretKey = DefaultAlicloudSecretKey
	}
	if opts.TencentSkew == 0 {
		opts.TencentSkew = DefaultTencentSkew
	}
	if opts.AlicloudSkew == 0 {
		opts.AlicloudSkew = DefaultAlicloudSkew
	}
	if opts.TencentRecordRetention <= 0 {
		opts.TencentRecordRetention = DefaultTencentRecordRetention
	}
	if opts.AlicloudRecordRetention <= 0 {
		opts.AlicloudRecordRetention = DefaultAlicloudRecordRetention
	}
	clock := opts.Clock
	if clock == nil {
		clock = WallClock{}
	}
	instances := opts.Fleet
	if instances == nil {
		instances = fleet.New()
	}
	// online_after counts from the fake's start, on its clock.
	instances.UseClock(clock.Now)
	closing, stopWaiting := context.WithCancel(context.Background())
	// Both clouds play on the same clock, fleet and executor.
	simulation := func(retention time.Duration) vendorkit.Simulation {
		return vendorkit.Simulation{
			Now: clock.Now, Realistic: opts.Realistic, Fleet: instances,
			Executor: opts.Executor, RecordRetention: retention,
		}
	}
	return &Server{
		closing:     closing,
		stopWaiting: stopWaiting,
		opts:        opts,
		clock:       clock,
		fleet:       instances,
		faults:      newFaults(opts.FaultSeed, opts.EnforceRateLimits),
		limiter:     newRateLimiter(),
		counters:    newCounterSet(),
		sleep:       sleepContext,
		tencent: tencent.New(tencent.Config{
			SecretID:      opts.TencentSecretID,
			SecretKey:     opts.TencentSecretKey,
			SecurityToken: opts.TencentSecurityToken,
			Skew:          opts.TencentSkew,
			Simulation:    simulation(opts.TencentRecordRetention),
		}),
		alicloud: alicloud.New(alicloud.Config{
			AccessKey:     opts.AlicloudAccessKey,
			SecretKey:     opts.AlicloudSecretKey,
			SecurityToken: opts.AlicloudSecurityToken,
			Skew:          opts.AlicloudSkew,
			Simulation:    simulation(opts.AlicloudRecordRetention),
		}),
	}
}

// Start listens on addr (for example "127.0.0.1:0") and serves in the
// background. It returns the base URL, such as "http://127.0.0.1:41185".
func (s *Server) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.serve(ln)
	return s.URL(), nil
}

// serve serves on ln in the background.
func (s *Server) serve(ln net.Listener) {
	s.listener = ln
	s.httpServer = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
	}
	go func() { _ = s.httpServer.Serve(ln) }()
}

// URL is the base URL of a started server: http://HOST:PORT, or
// https://HOST:PORT after StartTLS.
func (s *Server) URL() string {
	if s.listener == nil {
		return ""
	}
	if s.tls {
		return "https://" + s.listener.Addr().String()
	}
	return "http://" + s.listener.Addr().String()
}

// Close stops a started server, waiting briefly for requests in flight, and
// ends any script still really running.
func (s *Server) Close() error {
	defer s.alicloud.Close()
	defer s.tencent.Close()
	s.stopWaiting()
	if s.httpServer == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.httpServer.Shutdown(ctx)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Clock returns the clock the server runs on.
func (s *Server) Clock() Clock { return s.clock }

// Fleet returns the instances the server knows about; tests may declare more.
func (s *Server) Fleet() *fleet.Fleet { return s.fleet }

// Tencent returns the fake TAT service, for tests that inspect or change its
// objects directly (to simulate drift made outside Terraform).
func (s *Server) Tencent() *tencent.Service { return s.tencent }

// Alicloud returns the fake ECS Cloud Assistant service.
func (s *Server) Alicloud() *alicloud.Service { return s.alicloud }

// Faults returns the server's fault rules, for tests to change at any time.
func (s *Server) Faults() *Faults { return s.faults }

// Counters returns a snapshot of the requests, faults and effects counted
// since the server started or ResetCounters was last called.
func (s *Server) Counters() Counters { return s.counters.snapshot() }

// ResetCounters sets every counter back to zero. Fault rules, and the
// rate-limit windows under way, are left as they are.
func (s *Server) ResetCounters() { s.counters.reset() }

// ServeHTTP dispatches a request to the vendor it is addressed to, by the
// headers and parameters each vendor's SDK sends (see classify), through
// the fault layer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if reason := s.browserRequest(r); reason != "" {
		http.Error(w, "cloudcmd-fake: "+reason, http.StatusForbidden)
		return
	}
	req, ok := classify(r)
	switch {
	case ok && req.vendor == VendorTencent:
		s.serveAPI(w, r, req, s.tencent)
	case ok:
		s.serveAPI(w, r, req, s.alicloud)
	case strings.HasPrefix(r.URL.Path, "/_fake/"):
		s.serveAdmin(w, r)
	default:
		http.Error(w, "cloudcmd-fake: requests must carry X-TC-Action (Tencent Cloud) or x-acs-action / Action (Alibaba Cloud)", http.StatusBadRequest)
	}
}

// apiRequest is a request to one of the vendor services.
type apiRequest struct {
	vendor string // VendorTencent or VendorAlicloud
	action string
	region string // Alibaba's RegionId, which its error bodies name
}

// classify finds the vendor and action a request is addressed to, the way
// the services themselves read them: X-TC-Action for Tencent; for Alibaba
// the Action parameter (query string or form body), which RPC-style calls
// sign and which therefore wins, else the x-acs-action header.
func classify(r *http.Request) (apiRequest, bool) {
	if action := r.Header.Get("X-TC-Action"); action != "" {
		return apiRequest{vendor: VendorTencent, action: action}, true
	}
	params := alicloudParams(r)
	action := params.Get("Action")
	if action == "" {
		action = r.Header.Get("x-acs-action")
	}
	if action == "" {
		return apiRequest{}, false
	}
	return apiRequest{vendor: VendorAlicloud, action: action, region: params.Get("RegionId")}, true
}

// maxFormPeek bounds how much of a form body classify reads: the ECS
// service's own limit on a body (1 MiB), past which it rejects the request
// whatever its action.
const maxFormPeek = 1 << 20

// alicloudParams returns the query parameters merged with those of a form
// body. The body is read but put back, whole, for the service to read again.
func alicloudParams(r *http.Request) url.Values {
	query, _ := url.ParseQuery(r.URL.RawQuery)
	if query == nil {
		query = url.Values{}
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/x-www-form-urlencoded" || r.Body == nil {
		return query
	}
	peeked, _ := io.ReadAll(io.LimitReader(r.Body, maxFormPeek+1))
	r.Body = replayBody{Reader: io.MultiReader(bytes.NewReader(peeked), r.Body), Closer: r.Body}
	if len(peeked) > maxFormPeek {
		return query
	}
	// A malformed body still yields its well-formed pairs; the service
	// reports the malformed ones.
	form, _ := url.ParseQuery(string(peeked))
	for name, values := range form {
		query[name] = append(query[name], values...)
	}
	return query
}

// replayBody is a request body whose start was read ahead and is served
// again before the rest.
type replayBody struct {
	io.Reader
	io.Closer
}

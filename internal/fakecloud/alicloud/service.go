// Package alicloud is the fake Alibaba Cloud ECS Cloud Assistant API (version 2014-05-26).
//
// It answers the RPC-style ECS API the way the vendor's Go SDK expects:
// every parameter in the query string (or a form body), the action and
// version in x-acs-* headers or Action/Version parameters, flat JSON
// responses, and errors as 4xx/5xx with {RequestId, HostId, Code, Message,
// Recommend}. Both signature schemes the SDK can use are verified.
//
// Invocations are simulated: a sandboxed shell interpreter (package script)
// works out each instance's output and exit code, and statuses follow the
// fake's clock. Tests can set a run's outcome instead (SetOutcome), and
// Config.Executor runs scripts for real. EXECUTION.md documents the
// simulated shell, outcomes, executors and the timing.
package alicloud

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// APIVersion is the only ECS API version the fake serves.
const APIVersion = "2014-05-26"

// defaultSkew is the vendor's documented tolerance for request timestamps.
const defaultSkew = 15 * time.Minute

// Config configures the fake ECS Cloud Assistant service.
type Config struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string        // when set, a request carrying x-acs-security-token must match it
	Skew          time.Duration // allowed drift of x-acs-date and Timestamp
	// Simulation is the clock, the fleet, the executor and the records
	// kept, set alike for both clouds. The Executor runs one-time tasks
	// only; a schedule's runs are interpreted.
	vendorkit.Simulation
}

// Service serves the ECS Cloud Assistant API. It is safe for concurrent use.
type Service struct {
	cfg      Config
	nonces   *nonceCache
	requests requestCounter

	// drops holds the actions whose next response is to be dropped, holds
	// those whose next request is to stop half-way.
	drops dropSwitch
	holds holdSwitch

	// Base holds the outcomes, the record retention and STS's temporary
	// keys, each under a lock of its own.
	vendorkit.Base

	// mu guards state. Each action holds it throughout, so
	// actions are atomic with respect to one another; only a request a test
	// holds (HoldNextRequest) lets go of it while it waits.
	mu       sync.Mutex
	state    *store
	deferred *script.Deferred // while an invocation is made: the runs it leaves to interpret

	// live holds the real runs (Config.Executor) under way, under a lock of
	// its own.
	live vendorkit.LiveRuns
}

// New returns an ECS Cloud Assistant service. A zero Skew means the
// vendor's 15 minutes, a nil Now the wall clock, a nil Fleet an empty one
// and a zero RecordRetention four weeks.
func New(cfg Config) *Service {
	if cfg.Skew == 0 {
		cfg.Skew = defaultSkew
	}
	cfg.Simulation = cfg.WithDefaults()
	s := &Service{cfg: cfg, nonces: newNonceCache(), state: newStore()}
	s.SetRecordRetention(cfg.RecordRetention)
	return s
}

// call is one API request on its way through the service.
type call struct {
	ctx       context.Context // ends when the client goes away
	requestID string
	action    string
	params    params
}

// regionID is where the call is addressed; it also names the endpoint in
// error bodies.
func (c *call) regionID() string { return c.params.get("RegionId") }

// handler performs one action and returns the response body.
type handler func(s *Service, c *call) (any, error)

var handlers = map[string]handler{
	"CreateCommand":    (*Service).createCommand,
	"DescribeCommands": (*Service).describeCommands,
	"ModifyCommand":    (*Service).modifyCommand,
	"DeleteCommand":    (*Service).deleteCommand,

	"RunCommand":                (*Service).runCommand,
	"InvokeCommand":             (*Service).invokeCommand,
	"DescribeInvocations":       (*Service).describeInvocations,
	"DescribeInvocationResults": (*Service).describeInvocationResults,
	"StopInvocation":            (*Service).stopInvocation,

	"DescribeCloudAssistantStatus": (*Service).describeCloudAssistantStatus,
	"TagResources":                 (*Service).tagResources,
	"UntagResources":               (*Service).untagResources,
	"ListTagResources":             (*Service).listTagResources,
}

// stsHandlers are the STS actions the fake serves (sts.go).
var stsHandlers = map[string]handler{
	"AssumeRole": (*Service).assumeRole,
}

// ServeHTTP answers one ECS API request.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &call{ctx: r.Context(), requestID: newRequestID()}
	resp, err := s.serve(r, c)
	s.requests.add(c.action)
	if s.drops.take(c.action) {
		dropConnection(w)
		return
	}
	if err != nil {
		writeError(w, c.requestID, c.regionID(), err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// serve routes a request (path, version, action) before authenticating it,
// as a gateway must find the API before it can check the caller.
func (s *Service) serve(r *http.Request, c *call) (any, error) {
	c.action = r.Header.Get("x-acs-action")
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if c.params, err = parseParams(r, body); err != nil {
		return nil, err
	}
	c.action = signedValue(c.params, "Action", r.Header.Get("x-acs-action"))
	if (r.Method != http.MethodPost && r.Method != http.MethodGet) || r.URL.Path != "/" {
		return nil, errActionNotFound()
	}
	version := signedValue(c.params, "Version", r.Header.Get("x-acs-version"))
	actions := handlers
	if version == stsAPIVersion {
		actions = stsHandlers
	} else if err := checkVersion(version); err != nil {
		return nil, err
	}
	handle, ok := actions[c.action]
	if !ok {
		return nil, errActionNotFound()
	}
	if err := s.authenticate(r, body, c.params); err != nil {
		return nil, err
	}
	// RegionId is a common parameter every ECS action requires, checked
	// before anything else the action reads; STS AssumeRole has none.
	if version != stsAPIVersion {
		if _, err := c.params.required("RegionId"); err != nil {
			return nil, err
		}
	}
	return handle(s, c)
}

// signedValue reads the action or version. RPC-style calls carry them both
// as parameters and as x-acs-* headers, but sign only the parameters, so a
// parameter wins over its header.
func signedValue(p params, name, header string) string {
	if v := p.get(name); v != "" {
		return v
	}
	return header
}

func checkVersion(version string) error {
	switch version {
	case APIVersion:
		return nil
	case "":
		return errMissingParameter("Version")
	default:
		return errInvalidVersion()
	}
}

// requestCounter counts requests by action, whether or not they succeed.
type requestCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (rc *requestCounter) add(action string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.counts == nil {
		rc.counts = map[string]int{}
	}
	rc.counts[action]++
}

func (rc *requestCounter) count(action string) int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.counts[action]
}

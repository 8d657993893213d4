// Package tencent is the fake Tencent Cloud TAT API (version 2020-10-28).
//
// It speaks the wire protocol of the real service: JSON POSTs signed with
// TC3-HMAC-SHA256, the action in X-TC-Action, and every answer, success or
// failure, in a {"Response":{...,"RequestId":...}} envelope with HTTP 200.
// Requests are decoded with the SDK's own request models, so a field the SDK
// would not send is rejected as it would be by TAT.
//
// Invocations are simulated: a sandboxed shell interpreter (package script)
// works out each task's output and exit code, and statuses follow the
// fake's clock. Tests can set a task's outcome instead (SetOutcome), and
// Config.Executor runs scripts for real. EXECUTION.md documents the
// simulated shell, outcomes, executors and the timing.
package tencent

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// apiVersion is the only X-TC-Version the fake serves.
const apiVersion = "2020-10-28"

// defaultSkew is TAT's documented limit on timestamp drift.
const defaultSkew = 5 * time.Minute

// maxBodyBytes is the largest request body accepted, the TC3 POST limit.
const maxBodyBytes = 10 << 20

// Config configures the fake TAT service.
type Config struct {
	SecretID      string
	SecretKey     string
	SecurityToken string        // when set, a request carrying X-TC-Token must match it
	Skew          time.Duration // allowed drift of X-TC-Timestamp
	// Simulation is the clock, the fleet, the executor and the records
	// kept, set alike for both clouds.
	vendorkit.Simulation
}

// Service serves the TAT API. It is safe for concurrent use.
type Service struct {
	cfg Config
	// Base holds the outcomes, the record retention and STS's temporary
	// keys, each under a lock of its own.
	vendorkit.Base

	// mu guards everything below. Each API request holds it for the whole
	// action, so actions are atomic with respect to one another.
	mu          sync.Mutex
	deferred    *script.Deferred // while a request runs: the runs it leaves to interpret
	commands    map[string]*Command
	invocations vendorkit.Records[*invocation]
	invokers    map[string]*invoker
	issuedIDs   map[string]bool
	sequence    uint64
	requests    map[string]int // by X-TC-Action, including rejected requests
	missingDirs map[missingDirectory]bool
	region      string // X-TC-Region of the request being served (inRegion)

	// live holds the real runs (Config.Executor) under way, under a lock of
	// its own.
	live vendorkit.LiveRuns
}

// New returns a TAT service. A zero Skew means TAT's five minutes, a nil Now
// the wall clock, a nil Fleet one where every instance is running and a
// zero RecordRetention four weeks.
func New(cfg Config) *Service {
	if cfg.Skew == 0 {
		cfg.Skew = defaultSkew
	}
	cfg.Simulation = cfg.WithDefaults()
	s := &Service{
		cfg:         cfg,
		commands:    map[string]*Command{},
		invokers:    map[string]*invoker{},
		issuedIDs:   map[string]bool{},
		requests:    map[string]int{},
		missingDirs: map[missingDirectory]bool{},
	}
	s.SetRecordRetention(cfg.RecordRetention)
	s.addPublicCommands()
	return s
}

// handler runs one action on a request body that is already authenticated.
// It is called with s.mu held.
type handler func(s *Service, body []byte) (any, *apiError)

// actions are the TAT actions the fake serves.
var actions = map[string]handler{
	"CreateCommand":    withParams((*Service).createCommand),
	"DescribeCommands": withParams((*Service).describeCommands),
	"ModifyCommand":    withParams((*Service).modifyCommand),
	"DeleteCommand":    withParams((*Service).deleteCommand),

	"InvokeCommand":           withParams((*Service).invokeCommand),
	"RunCommand":              withParams((*Service).runCommand),
	"DescribeInvocations":     withParams((*Service).describeInvocations),
	"DescribeInvocationTasks": withParams((*Service).describeInvocationTasks),
	"CancelInvocation":        withParams((*Service).cancelInvocation),

	"CreateInvoker":          withParams((*Service).createInvoker),
	"DescribeInvokers":       withParams((*Service).describeInvokers),
	"ModifyInvoker":          withParams((*Service).modifyInvoker),
	"DeleteInvoker":          withParams((*Service).deleteInvoker),
	"EnableInvoker":          withParams((*Service).enableInvoker),
	"DisableInvoker":         withParams((*Service).disableInvoker),
	"DescribeInvokerRecords": withParams((*Service).describeInvokerRecords),

	"DescribeAutomationAgentStatus": withParams((*Service).describeAutomationAgentStatus),
}

// tencentAPI is one Tencent Cloud API the fake serves: TAT, and the Tag
// API that changes the tags of TAT commands. Each has its own host, version
// and service name in the signature's credential scope.
type tencentAPI struct {
	service string
	version string
	actions map[string]handler
}

var (
	tatAPI = &tencentAPI{service: serviceName, version: apiVersion, actions: actions}
	tagAPI = &tencentAPI{service: tagServiceName, version: tagAPIVersion, actions: tagActions}
)

// apiFor finds the API a request is addressed to: by its host
// (tag.tencentcloudapi.com), or, on the fake's one listener that serves
// both, by the service its signature is scoped to.
func apiFor(r *http.Request) *tencentAPI {
	if strings.HasPrefix(r.Host, tagServiceName+".") {
		return tagAPI
	}
	if auth, err := parseAuthorization(r.Header.Get("Authorization")); err == nil && auth.Service == tagServiceName {
		return tagAPI
	}
	return tatAPI
}

// withParams adapts an action taking its decoded request model to a handler.
func withParams[P any](action func(*Service, *P) (any, *apiError)) handler {
	return func(s *Service, body []byte) (any, *apiError) {
		params := new(P)
		if err := decodeParams(body, params); err != nil {
			return nil, err
		}
		return action(s, params)
	}
}

// ServeHTTP answers one TAT API request.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	action := r.Header.Get("X-TC-Action")
	s.countRequest(action)

	result, err := s.serve(r, action)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	writeResult(w, requestID, result)
}

// serve checks the request in the order TAT does: transport, signature,
// version, action; then runs the action.
func (s *Service) serve(r *http.Request, action string) (any, *apiError) {
	if r.Method != http.MethodPost {
		return nil, newError(codeUnsupportedProtocol, "This endpoint accepts only POST requests with a JSON body, got %s.", r.Method)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, newError(codeInvalidParameter, "Reading the request body: %v.", err)
	}
	if len(body) > maxBodyBytes {
		return nil, newError(codeInvalidParameter, "The request body exceeds %d bytes.", maxBodyBytes)
	}
	if isSTS(r) {
		return s.serveSTS(r, action, body)
	}
	api := apiFor(r)
	if err := s.authenticate(r, body, api.service); err != nil {
		return nil, err
	}
	if version := r.Header.Get("X-TC-Version"); version != api.version {
		return nil, newError(codeNoSuchVersion, "The requested version `%s` of API `%s` does not exist; use %s.", version, api.service, api.version)
	}
	run, ok := api.actions[action]
	if !ok {
		return nil, newError(codeInvalidAction, "The requested action `%s` does not exist.", action)
	}

	// The invokers' firings due by now are interpreted first, without the
	// lock, so that the action sees how they ran.
	s.mu.Lock()
	fired := &script.Deferred{}
	s.deferred = fired
	s.catchUp()
	s.deferred = nil
	s.mu.Unlock()
	fired.Interpret(&s.mu)

	s.mu.Lock()
	deferred := &script.Deferred{}
	result, apiErr := s.runAction(r, run, body, deferred)
	s.capRecords()
	s.mu.Unlock()
	deferred.Interpret(&s.mu)
	return result, apiErr
}

// runAction runs an action with s.mu held. Whatever the action, it sees
// the invokers' firings up to now, and none of the records that have aged
// out; the runs the action itself starts are left to deferred.
func (s *Service) runAction(r *http.Request, run handler, body []byte, deferred *script.Deferred) (any, *apiError) {
	defer s.enterRegion(r.Header.Get("X-TC-Region"))()
	s.catchUp()
	s.deferred = deferred
	defer func() { s.deferred = nil }()
	return run(s, body)
}

func (s *Service) countRequest(action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[action]++
}

// decodeParams decodes a request body into an SDK request model. Unknown
// fields are rejected, as TAT rejects parameters an action does not have.
func decodeParams(body []byte, params any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(params); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newError(codeInvalidParameter, "The request body holds more than one JSON value.")
	}
	return nil
}

func decodeError(err error) *apiError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return newError(codeInvalidParameter, "The parameter `%s` cannot be a JSON %s.", typeErr.Field, typeErr.Value)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return newError(codeUnknownParameter, "The parameter %s is not recognized.", field)
	}
	return newError(codeInvalidParameter, "The request body is not valid JSON: %v.", err)
}

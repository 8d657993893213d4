package fakecloud

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Fault injection makes the fake misbehave the way a real cloud API does
// under load: throttling, server errors, dropped connections and slowness.
// Rules are set per vendor and action; FAULTS.md documents them, the admin
// endpoint and the standalone program's flags.

// Vendors, as fault rules and counters name them.
const (
	VendorTencent  = "tencent"
	VendorAlicloud = "alicloud"
)

// AnyAction in a FaultRule's Action applies the rule to every action of the
// vendor that has no rule of its own.
const AnyAction = "*"

// Fault kinds, as the counters name them.
const (
	FaultThrottle    = "throttle"    // injected throttling error
	FaultServerError = "5xx"         // injected server error
	FaultDropBefore  = "drop_before" // connection closed before the service saw the request
	FaultDropAfter   = "drop_after"  // connection closed after the service acted, response discarded
	FaultTruncate    = "truncate"    // the service acted, the client got half of the response body
	// FaultServerErrorAfter: the service acted, then the client got the
	// vendor's server error in place of the answer.
	FaultServerErrorAfter = "5xx_after"
	FaultLatency          = "latency"    // request delayed
	FaultRateLimit        = "rate_limit" // request over the documented rate limit, answered with the throttling error
)

// FaultRule is how one vendor's action (or all of its actions) misbehaves.
// Each request the rule applies to meets at most one of the five rated
// faults below, chosen at random with the given probabilities, whose sum may not
// exceed 1; Latency is added on top. A rule whose rates are all zero still
// counts: it exempts its action from the vendor's wildcard rule.
type FaultRule struct {
	Vendor string // VendorTencent or VendorAlicloud
	Action string // an action name, such as "InvokeCommand", or AnyAction

	// Throttle is the rate of throttling errors: Tencent's
	// RequestLimitExceeded in the HTTP 200 envelope, Alibaba's HTTP 400
	// Throttling.User with an x-ratelimit-user-api header.
	Throttle float64
	// ServerError is the rate of server errors: Tencent's InternalError in
	// the HTTP 200 envelope, Alibaba's HTTP 500 InternalError or HTTP 503
	// ServiceUnavailable (half each).
	ServerError float64
	// DropBefore is the rate of connections closed before the service sees
	// the request: nothing happens, and the client gets no response.
	DropBefore float64
	// DropAfter is the rate of connections closed after the service has
	// carried out the request: its effects remain, and the client gets no
	// response.
	DropAfter float64
	// Truncate is the rate of responses cut short after the service has
	// carried out the request: the client gets the status and headers, and
	// only the first half of the body, so the JSON it decodes is truncated.
	Truncate float64
	// ServerErrorAfter is the rate of requests the service carries out and
	// then answers with the server error of ServerError: the effects
	// remain, and the client is told the service failed. Real services do
	// this when a backend times out after committing; a 5xx is no proof
	// that nothing happened.
	ServerErrorAfter float64

	// Latency delays every request the rule applies to. When LatencyMax is
	// greater, the delay is drawn uniformly from [Latency, LatencyMax].
	Latency    time.Duration
	LatencyMax time.Duration
}

// Validate reports what is wrong with a rule, if anything.
func (r FaultRule) Validate() error {
	var errs []error
	if r.Vendor != VendorTencent && r.Vendor != VendorAlicloud {
		errs = append(errs, fmt.Errorf("vendor %q: want %q or %q", r.Vendor, VendorTencent, VendorAlicloud))
	}
	if r.Action == "" {
		errs = append(errs, fmt.Errorf("action is empty: name one, or %q for all", AnyAction))
	}
	rates := []struct {
		name  string
		value float64
	}{{FaultThrottle, r.Throttle}, {FaultServerError, r.ServerError}, {FaultDropBefore, r.DropBefore}, {FaultDropAfter, r.DropAfter}, {FaultTruncate, r.Truncate}, {FaultServerErrorAfter, r.ServerErrorAfter}}
	for _, rate := range rates {
		// Written so that NaN fails too.
		if !(rate.value >= 0 && rate.value <= 1) {
			errs = append(errs, fmt.Errorf("%s = %v: want a rate between 0 and 1", rate.name, rate.value))
		}
	}
	if sum := r.rateSum(); sum > 1+1e-9 {
		errs = append(errs, fmt.Errorf("the rates add up to %v: a request meets at most one fault, so they may not exceed 1", sum))
	}
	if r.Latency < 0 || r.LatencyMax < 0 {
		errs = append(errs, errors.New("latency may not be negative"))
	}
	if r.LatencyMax != 0 && r.LatencyMax < r.Latency {
		errs = append(errs, fmt.Errorf("latency range %v-%v ends before it starts", r.Latency, r.LatencyMax))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("fault rule %s:%s: %w", r.Vendor, r.Action, err)
	}
	return nil
}

// rateSum is the chance that a request meets one of the rated faults.
func (r FaultRule) rateSum() float64 {
	return r.Throttle + r.ServerError + r.DropBefore + r.DropAfter + r.Truncate + r.ServerErrorAfter
}

// ruleKey identifies a rule: at most one per vendor and action.
type ruleKey struct{ vendor, action string }

// Faults holds the fault rules of a Server and the random source that
// applies them. It is safe for concurrent use; changes apply to the next
// request.
type Faults struct {
	mu      sync.Mutex
	rules   map[ruleKey]FaultRule
	rng     *rand.Rand
	enforce bool
}

func newFaults(seed uint64, enforce bool) *Faults {
	return &Faults{rules: map[ruleKey]FaultRule{}, rng: newRand(seed), enforce: enforce}
}

// newRand returns the random source for a seed. The same seed and the same
// sequence of requests give the same faults; concurrent requests may of
// course reach the source in any order.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Set adds a rule, replacing the one for the same vendor and action.
func (f *Faults) Set(rule FaultRule) error {
	if err := rule.Validate(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules[ruleKey{rule.Vendor, rule.Action}] = rule
	return nil
}

// Rule returns the rule set for exactly this vendor and action (AnyAction
// for the wildcard rule).
func (f *Faults) Rule(vendor, action string) (FaultRule, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rule, ok := f.rules[ruleKey{vendor, action}]
	return rule, ok
}

// Rules returns every rule, sorted by vendor and action.
func (f *Faults) Rules() []FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	rules := make([]FaultRule, 0, len(f.rules))
	for _, rule := range f.rules {
		rules = append(rules, rule)
	}
	sort.Slice(rules, func(i, j int) bool {
		if rules[i].Vendor != rules[j].Vendor {
			return rules[i].Vendor < rules[j].Vendor
		}
		return rules[i].Action < rules[j].Action
	})
	return rules
}

// Delete removes the rule for this vendor and action, reporting whether
// there was one.
func (f *Faults) Delete(vendor, action string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := ruleKey{vendor, action}
	_, ok := f.rules[key]
	delete(f.rules, key)
	return ok
}

// Clear removes every rule. Rate-limit enforcement is left as it is.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.rules)
}

// SetEnforceRateLimits turns enforcement of the vendors' documented rate
// limits on or off (see Options.EnforceRateLimits).
func (f *Faults) SetEnforceRateLimits(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.enforce = on
}

// EnforceRateLimits reports whether the documented rate limits are enforced.
func (f *Faults) EnforceRateLimits() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.enforce
}

// Reseed restarts the random source from seed, so a test can replay a
// sequence of faults without starting a new server.
func (f *Faults) Reseed(seed uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rng = newRand(seed)
}

// faultPlan is what happens to one request.
type faultPlan struct {
	kind        string        // "" (none), FaultDropBefore, FaultThrottle, FaultServerError, FaultDropAfter, FaultTruncate or FaultServerErrorAfter
	unavailable bool          // for FaultServerError and FaultServerErrorAfter on Alibaba: 503 rather than 500
	latency     time.Duration // added before anything else
	enforce     bool          // the documented rate limits apply
}

// plan draws the faults for one request of vendor's action. The most
// specific rule applies: the action's own, else the vendor's wildcard.
func (f *Faults) plan(vendor, action string) faultPlan {
	f.mu.Lock()
	defer f.mu.Unlock()
	plan := faultPlan{enforce: f.enforce}
	rule, ok := f.rules[ruleKey{vendor, action}]
	if !ok {
		rule, ok = f.rules[ruleKey{vendor, AnyAction}]
	}
	if !ok {
		return plan
	}
	plan.kind, plan.unavailable = f.drawKind(rule)
	plan.latency = f.drawLatency(rule)
	return plan
}

// drawKind picks at most one fault with a single draw, so each kind happens
// at exactly its rate and the kinds never overlap. unavailable splits the
// server-error band in two halves.
func (f *Faults) drawKind(rule FaultRule) (kind string, unavailable bool) {
	if rule.rateSum() == 0 {
		return "", false
	}
	u := f.rng.Float64()
	// Truncate and ServerErrorAfter come last, so rules without them draw
	// exactly as before.
	bands := []struct {
		kind string
		rate float64
	}{{FaultDropBefore, rule.DropBefore}, {FaultThrottle, rule.Throttle}, {FaultServerError, rule.ServerError}, {FaultDropAfter, rule.DropAfter}, {FaultTruncate, rule.Truncate}, {FaultServerErrorAfter, rule.ServerErrorAfter}}
	for _, band := range bands {
		if u < band.rate {
			serverError := band.kind == FaultServerError || band.kind == FaultServerErrorAfter
			return band.kind, serverError && u >= band.rate/2
		}
		u -= band.rate
	}
	return "", false
}

func (f *Faults) drawLatency(rule FaultRule) time.Duration {
	if rule.LatencyMax <= rule.Latency {
		return rule.Latency
	}
	return rule.Latency + time.Duration(f.rng.Int64N(int64(rule.LatencyMax-rule.Latency)+1))
}

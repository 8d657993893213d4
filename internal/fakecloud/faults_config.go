package fakecloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// The two outside forms of fault rules: JSON (the admin endpoint and the
// standalone program's -faults-file) and a one-line text form (its -faults
// flag). Both use the counters' names for the fault kinds.

// faultRuleJSON is FaultRule on the wire: durations as Go duration strings
// ("250ms"), zero fields left out.
type faultRuleJSON struct {
	Vendor           string  `json:"vendor"`
	Action           string  `json:"action"`
	Throttle         float64 `json:"throttle,omitempty"`
	ServerError      float64 `json:"5xx,omitempty"`
	DropBefore       float64 `json:"drop_before,omitempty"`
	DropAfter        float64 `json:"drop_after,omitempty"`
	Truncate         float64 `json:"truncate,omitempty"`
	ServerErrorAfter float64 `json:"5xx_after,omitempty"`
	Latency          string  `json:"latency,omitempty"`
	LatencyMax       string  `json:"latency_max,omitempty"`
}

// MarshalJSON writes the rule in the admin endpoint's form.
func (r FaultRule) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultRuleJSON{
		Vendor:           r.Vendor,
		Action:           r.Action,
		Throttle:         r.Throttle,
		ServerError:      r.ServerError,
		DropBefore:       r.DropBefore,
		DropAfter:        r.DropAfter,
		Truncate:         r.Truncate,
		ServerErrorAfter: r.ServerErrorAfter,
		Latency:          formatDuration(r.Latency),
		LatencyMax:       formatDuration(r.LatencyMax),
	})
}

// UnmarshalJSON reads the admin endpoint's form. Unknown fields are errors,
// so a misspelt fault kind is reported rather than silently ignored.
func (r *FaultRule) UnmarshalJSON(data []byte) error {
	var wire faultRuleJSON
	if err := decodeStrict(bytes.NewReader(data), &wire); err != nil {
		return err
	}
	latency, err := parseDuration(wire.Latency)
	if err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	latencyMax, err := parseDuration(wire.LatencyMax)
	if err != nil {
		return fmt.Errorf("latency_max: %w", err)
	}
	*r = FaultRule{
		Vendor:           wire.Vendor,
		Action:           wire.Action,
		Throttle:         wire.Throttle,
		ServerError:      wire.ServerError,
		DropBefore:       wire.DropBefore,
		DropAfter:        wire.DropAfter,
		Truncate:         wire.Truncate,
		ServerErrorAfter: wire.ServerErrorAfter,
		Latency:          latency,
		LatencyMax:       latencyMax,
	}
	return nil
}

func formatDuration(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return time.ParseDuration(s)
}

// decodeStrict decodes one JSON value, rejecting unknown fields and
// trailing data.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// FaultConfig is the whole fault set-up of a server, as GET /_fake/faults
// shows it and PUT /_fake/faults and the -faults-file flag take it.
type FaultConfig struct {
	// EnforceRateLimits switches rate-limit enforcement; nil leaves it as
	// it is.
	EnforceRateLimits *bool `json:"enforce_rate_limits,omitempty"`
	// Seed, when set, restarts the random source (see Faults.Reseed).
	Seed *uint64 `json:"seed,omitempty"`
	// Rules replace every rule in place.
	Rules []FaultRule `json:"rules"`
}

// Config returns the current set-up. Seed is left out: the source's
// position matters as much as its seed, so it cannot be read back.
func (f *Faults) Config() FaultConfig {
	enforce := f.EnforceRateLimits()
	return FaultConfig{EnforceRateLimits: &enforce, Rules: f.Rules()}
}

// Apply replaces the rules with cfg's and applies its switches. Nothing
// changes unless every rule is valid.
func (f *Faults) Apply(cfg FaultConfig) error {
	rules := map[ruleKey]FaultRule{}
	for _, rule := range cfg.Rules {
		if err := rule.Validate(); err != nil {
			return err
		}
		key := ruleKey{rule.Vendor, rule.Action}
		if _, dup := rules[key]; dup {
			return fmt.Errorf("two rules for %s:%s", rule.Vendor, rule.Action)
		}
		rules[key] = rule
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = rules
	if cfg.EnforceRateLimits != nil {
		f.enforce = *cfg.EnforceRateLimits
	}
	if cfg.Seed != nil {
		f.rng = newRand(*cfg.Seed)
	}
	return nil
}

// LoadFaultConfig reads a FaultConfig from a JSON file.
func LoadFaultConfig(path string) (FaultConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return FaultConfig{}, err
	}
	var cfg FaultConfig
	if err := decodeStrict(bytes.NewReader(data), &cfg); err != nil {
		return FaultConfig{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ParseFaultRules reads rules in the text form, one or more separated by
// ";":
//
//	VENDOR:ACTION:KIND=VALUE,KIND=VALUE...
//
// for example "tencent:*:throttle=0.1,5xx=0.1;alicloud:RunCommand:drop_after=0.05".
// KIND is throttle, 5xx, drop_before, drop_after, truncate, 5xx_after (rates
// between 0 and 1) or
// latency (a duration such as 100ms, or a range such as 50ms-200ms);
// "drop-before" and "drop-after" are accepted too. Every rule is validated.
func ParseFaultRules(text string) ([]FaultRule, error) {
	var rules []FaultRule
	for part := range strings.SplitSeq(text, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		rule, err := parseFaultRule(part)
		if err != nil {
			return nil, fmt.Errorf("fault rule %q: %w", part, err)
		}
		if err := rule.Validate(); err != nil {
			return nil, err
		}
		rules = append(rules, rule)
	}
	if len(rules) == 0 {
		return nil, errors.New("no fault rule given (want VENDOR:ACTION:KIND=VALUE,...)")
	}
	return rules, nil
}

func parseFaultRule(text string) (FaultRule, error) {
	fields := strings.SplitN(text, ":", 3)
	if len(fields) != 3 {
		return FaultRule{}, errors.New("want the form VENDOR:ACTION:KIND=VALUE[,KIND=VALUE]")
	}
	rule := FaultRule{Vendor: strings.TrimSpace(fields[0]), Action: strings.TrimSpace(fields[1])}
	for setting := range strings.SplitSeq(fields[2], ",") {
		if err := rule.setFromText(strings.TrimSpace(setting)); err != nil {
			return FaultRule{}, err
		}
	}
	return rule, nil
}

// setFromText applies one KIND=VALUE setting.
func (r *FaultRule) setFromText(setting string) error {
	if setting == "" {
		return nil
	}
	name, value, ok := strings.Cut(setting, "=")
	if !ok {
		return fmt.Errorf("%q: want KIND=VALUE", setting)
	}
	name = strings.ReplaceAll(strings.TrimSpace(name), "-", "_")
	value = strings.TrimSpace(value)
	if name == FaultLatency {
		return r.setLatency(value)
	}
	rates := map[string]*float64{
		FaultThrottle:         &r.Throttle,
		FaultServerError:      &r.ServerError,
		FaultDropBefore:       &r.DropBefore,
		FaultDropAfter:        &r.DropAfter,
		FaultTruncate:         &r.Truncate,
		FaultServerErrorAfter: &r.ServerErrorAfter,
	}
	target, known := rates[name]
	if !known {
		return fmt.Errorf("unknown fault kind %q (want throttle, 5xx, drop_before, drop_after, truncate, 5xx_after or latency)", name)
	}
	rate, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("%s: %q is not a number", name, value)
	}
	*target = rate
	return nil
}

// setLatency reads "100ms" or "50ms-200ms".
func (r *FaultRule) setLatency(value string) error {
	low, high, isRange := strings.Cut(value, "-")
	var err error
	if r.Latency, err = time.ParseDuration(low); err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	r.LatencyMax = 0
	if isRange {
		if r.LatencyMax, err = time.ParseDuration(high); err != nil {
			return fmt.Errorf("latency: %w", err)
		}
	}
	return nil
}

// String gives the rule in the text form ParseFaultRules reads.
func (r FaultRule) String() string {
	var settings []string
	for _, rate := range []struct {
		name  string
		value float64
	}{{FaultThrottle, r.Throttle}, {FaultServerError, r.ServerError}, {FaultDropBefore, r.DropBefore}, {FaultDropAfter, r.DropAfter}, {FaultTruncate, r.Truncate}, {FaultServerErrorAfter, r.ServerErrorAfter}} {
		if rate.value != 0 {
			settings = append(settings, rate.name+"="+strconv.FormatFloat(rate.value, 'g', -1, 64))
		}
	}
	if r.Latency != 0 || r.LatencyMax != 0 {
		latency := FaultLatency + "=" + r.Latency.String()
		if r.LatencyMax > r.Latency {
			latency += "-" + r.LatencyMax.String()
		}
		settings = append(settings, latency)
	}
	return r.Vendor + ":" + r.Action + ":" + strings.Join(settings, ",")
}

package fakecloud

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseFaultRules(t *testing.T) {
	t.Parallel()
	got, err := ParseFaultRules(" tencent:*:throttle=0.1, 5xx=0.1 ;alicloud:RunCommand:drop-before=0.05,drop_after=0.05,truncate=0.1,5xx_after=0.2,latency=50ms-200ms;tencent:DescribeCommands:;")
	if err != nil {
		t.Fatal(err)
	}
	want := []FaultRule{
		{Vendor: VendorTencent, Action: AnyAction, Throttle: 0.1, ServerError: 0.1},
		{Vendor: VendorAlicloud, Action: "RunCommand", DropBefore: 0.05, DropAfter: 0.05, Truncate: 0.1, ServerErrorAfter: 0.2, Latency: 50 * time.Millisecond, LatencyMax: 200 * time.Millisecond},
		{Vendor: VendorTencent, Action: "DescribeCommands"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	for _, rule := range want {
		again, err := ParseFaultRules(rule.String())
		if err != nil || len(again) != 1 || again[0] != rule {
			t.Errorf("ParseFaultRules(%q) = %+v, %v; want the rule back", rule.String(), again, err)
		}
	}
}

func TestParseFaultRules_errors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ text, want string }{
		{"", "no fault rule"},
		{"tencent:throttle=0.1", "VENDOR:ACTION"},
		{"aws:*:throttle=0.1", `vendor "aws"`},
		{"tencent::throttle=0.1", "action is empty"},
		{"tencent:*:slow=1", `unknown fault kind "slow"`},
		{"tencent:*:throttle", "want KIND=VALUE"},
		{"tencent:*:throttle=lots", "not a number"},
		{"tencent:*:throttle=1.5", "between 0 and 1"},
		{"tencent:*:throttle=0.6,5xx=0.6", "add up to"},
		{"tencent:*:throttle=0.5,truncate=0.6", "add up to"},
		{"tencent:*:truncate=-1", "truncate = -1"},
		{"tencent:*:latency=soon", "latency"},
		{"tencent:*:latency=200ms-50ms", "ends before it starts"},
	} {
		_, err := ParseFaultRules(tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseFaultRules(%q) error = %v, want one containing %q", tc.text, err, tc.want)
		}
	}
}

func TestFaultRule_validate(t *testing.T) {
	t.Parallel()
	valid := FaultRule{Vendor: VendorAlicloud, Action: AnyAction, Throttle: 0.2, ServerError: 0.2, DropBefore: 0.2, DropAfter: 0.2, Truncate: 0.2, Latency: time.Second}
	if err := valid.Validate(); err != nil {
		t.Errorf("rates adding up to exactly 1: %v", err)
	}
	for name, rule := range map[string]FaultRule{
		"NaN rate":         {Vendor: VendorTencent, Action: "X", Throttle: math.NaN()},
		"negative rate":    {Vendor: VendorTencent, Action: "X", DropAfter: -0.1},
		"negative latency": {Vendor: VendorTencent, Action: "X", Latency: -time.Second},
		"capitalised":      {Vendor: "Tencent", Action: "X"},
	} {
		if err := rule.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestFaultRule_JSON(t *testing.T) {
	t.Parallel()
	rule := FaultRule{Vendor: VendorTencent, Action: "InvokeCommand", ServerError: 0.1, DropAfter: 0.05, Truncate: 0.2, ServerErrorAfter: 0.3, Latency: 20 * time.Millisecond, LatencyMax: time.Second}
	data, err := json.Marshal(rule)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"vendor":"tencent","action":"InvokeCommand","5xx":0.1,"drop_after":0.05,"truncate":0.2,"5xx_after":0.3,"latency":"20ms","latency_max":"1s"}`
	if string(data) != want {
		t.Errorf("JSON = %s\nwant   %s", data, want)
	}
	var back FaultRule
	if err := json.Unmarshal(data, &back); err != nil || back != rule {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, rule)
	}
	for _, bad := range []string{
		`{"vendor":"tencent","action":"X","throtle":0.1}`,
		`{"vendor":"tencent","action":"X","latency":"fast"}`,
		`{"vendor":"tencent","action":"X","latency_max":3}`,
	} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestFaults_apply proves Apply replaces every rule at once, or none when
// one is invalid, and leaves switches it is not given alone.
func TestFaults_apply(t *testing.T) {
	t.Parallel()
	f := newFaults(0, true)
	old := FaultRule{Vendor: VendorTencent, Action: "Old", Throttle: 1}
	if err := f.Set(old); err != nil {
		t.Fatal(err)
	}
	bad := FaultConfig{Rules: []FaultRule{{Vendor: VendorTencent, Action: "New"}, {Vendor: "nobody", Action: "X"}}}
	if err := f.Apply(bad); err == nil {
		t.Fatal("an invalid rule was accepted")
	}
	dup := FaultConfig{Rules: []FaultRule{{Vendor: VendorTencent, Action: "X"}, {Vendor: VendorTencent, Action: "X", Throttle: 1}}}
	if err := f.Apply(dup); err == nil || !strings.Contains(err.Error(), "two rules") {
		t.Fatalf("duplicate rules: error %v", err)
	}
	if rules := f.Rules(); len(rules) != 1 || rules[0] != old {
		t.Fatalf("after failed Apply, rules = %+v, want the old one only", rules)
	}

	fresh := FaultRule{Vendor: VendorAlicloud, Action: "RunCommand", DropAfter: 0.5}
	if err := f.Apply(FaultConfig{Rules: []FaultRule{fresh}}); err != nil {
		t.Fatal(err)
	}
	if rules := f.Rules(); len(rules) != 1 || rules[0] != fresh {
		t.Errorf("rules = %+v, want %+v only", rules, fresh)
	}
	if !f.EnforceRateLimits() {
		t.Error("Apply without enforce_rate_limits turned enforcement off")
	}
	off := false
	if err := f.Apply(FaultConfig{EnforceRateLimits: &off}); err != nil || f.EnforceRateLimits() || len(f.Rules()) != 0 {
		t.Errorf("Apply(enforce off, no rules): err %v, enforce %v, rules %v", err, f.EnforceRateLimits(), f.Rules())
	}
}

func TestLoadFaultConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "faults.json")
	text := `{"enforce_rate_limits": true, "seed": 9, "rules": [{"vendor": "tencent", "action": "*", "throttle": 0.1}]}`
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadFaultConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.EnforceRateLimits == nil || !*cfg.EnforceRateLimits || cfg.Seed == nil || *cfg.Seed != 9 ||
		len(cfg.Rules) != 1 || cfg.Rules[0] != (FaultRule{Vendor: VendorTencent, Action: AnyAction, Throttle: 0.1}) {
		t.Errorf("config = %+v", cfg)
	}

	badPath := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badPath, []byte(`{"rules": [], "extra": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFaultConfig(badPath); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("unknown field: error %v, want one naming the file", err)
	}
}

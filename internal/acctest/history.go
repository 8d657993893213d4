package acctest

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// clockSkew is how far behind the fake's clock the wall-clock timestamps
// of the SDKs may be, once a test has moved the clock past the vendors'
// record retention.
const clockSkew = 90 * 24 * time.Hour

// StartFakeWithClock starts a fake on a clock the test moves, for tests of
// what happens with time: runs that end, records the cloud purges. The
// SDKs keep stamping requests with the wall clock, so the fake accepts
// timestamps that far behind its own.
func StartFakeWithClock(t *testing.T, opts ...func(*fakecloud.Options)) (*fakecloud.Server, *fakecloud.ManualClock) {
	t.Helper()
	clock := fakecloud.NewManualClock(time.Now())
	fake := StartFake(t, append([]func(*fakecloud.Options){func(o *fakecloud.Options) {
		o.Clock = clock
		o.TencentSkew = clockSkew
		o.AlicloudSkew = clockSkew
	}}, opts...)...)
	return fake, clock
}

// CheckNoCalls fails if the fake received any request of these actions
// since its counters were last reset: what a refresh of history must cost.
func CheckNoCalls(fake *fakecloud.Server, vendor string, actions ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		counters := fake.Counters()
		for _, action := range actions {
			if n := counters.Request(vendor, action); n != 0 {
				return fmt.Errorf("the fake received %d %s %s requests, want none", n, vendor, action)
			}
		}
		return nil
	}
}

// CheckEffects fails unless the fake carried out an action this many times
// since its counters were last reset: how often a command was really run.
func CheckEffects(fake *fakecloud.Server, vendor, action string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := fake.Counters().Effect(vendor, action); n != want {
			return fmt.Errorf("the fake carried out %s %s %d times, want %d", vendor, action, n, want)
		}
		return nil
	}
}

// PastRetention is a PreConfig that moves the fake's clock an hour past a
// vendor's record retention, so that finished runs' records are purged,
// and resets the counters, so that the step's checks count its calls only.
func PastRetention(fake *fakecloud.Server, clock *fakecloud.ManualClock, retention time.Duration) func() {
	return func() {
		clock.Advance(retention + time.Hour)
		fake.ResetCounters()
	}
}

// CheckFaultsInjected fails unless the fake injected at least one fault of
// this kind: a test of surviving faults proves nothing without them.
func CheckFaultsInjected(fake *fakecloud.Server, vendor, kind string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if fake.Counters().Fault(vendor, kind) == 0 {
			return fmt.Errorf("the fake injected no %s %s fault, so the test proves nothing", vendor, kind)
		}
		return nil
	}
}

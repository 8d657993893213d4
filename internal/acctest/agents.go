package acctest

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// AdvanceAfterFirstAnswer moves the fake's clock by d as soon as the fake
// has answered one request of vendor's action with success (the effect
// counter, counted once the answer is made, unlike the request counter): a
// test of a wait sees the first look find the old state and a later one
// the new, however long terraform takes to get there. It stops when the
// test ends.
func AdvanceAfterFirstAnswer(t *testing.T, fake *fakecloud.Server, clock *fakecloud.ManualClock, vendor, action string, d time.Duration) {
	t.Helper()
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if fake.Counters().Effect(vendor, action) > 0 {
					clock.Advance(d)
					return
				}
			}
		}
	}()
}

// CheckRequestsAtLeast fails unless the fake received at least this many
// requests of vendor's action: a wait that polled did look more than once.
func CheckRequestsAtLeast(fake *fakecloud.Server, vendor, action string, least int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := fake.Counters().Request(vendor, action); n < least {
			return fmt.Errorf("the fake received %d %s %s requests, want at least %d", n, vendor, action, least)
		}
		return nil
	}
}

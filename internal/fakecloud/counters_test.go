package fakecloud

import (
	"sync"
	"testing"
)

func TestCounters_lookup(t *testing.T) {
	t.Parallel()
	c := Counters{
		Requests: map[string]map[string]int{VendorTencent: {"InvokeCommand": 3, "DescribeCommands": 2}},
		Faults:   map[string]map[string]int{VendorAlicloud: {FaultThrottle: 4}},
		Effects:  map[string]map[string]int{VendorTencent: {"InvokeCommand": 1}},
	}
	wantCount(t, "InvokeCommand requests", c.Request(VendorTencent, "InvokeCommand"), 3)
	wantCount(t, "all Tencent requests", c.Request(VendorTencent, AnyAction), 5)
	wantCount(t, "Alibaba requests", c.Request(VendorAlicloud, AnyAction), 0)
	wantCount(t, "Alibaba throttles", c.Fault(VendorAlicloud, FaultThrottle), 4)
	wantCount(t, "InvokeCommand effects", c.Effect(VendorTencent, "InvokeCommand"), 1)
	wantCount(t, "RunCommand effects", c.Effect(VendorAlicloud, "RunCommand"), 0)
}

// TestCounters_snapshotIsACopy proves a snapshot neither changes with the
// server nor changes it, and that concurrent counting loses nothing.
func TestCounters_snapshotIsACopy(t *testing.T) {
	t.Parallel()
	cs := newCounterSet()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				cs.request(VendorTencent, "InvokeCommand")
				cs.success(VendorTencent, "InvokeCommand", "")
				cs.fault(VendorTencent, FaultDropAfter)
			}
		})
	}
	wg.Wait()
	snap := cs.snapshot()
	wantCount(t, "requests", snap.Request(VendorTencent, "InvokeCommand"), 800)
	wantCount(t, "effects", snap.Effect(VendorTencent, "InvokeCommand"), 800)
	wantCount(t, "faults", snap.Fault(VendorTencent, FaultDropAfter), 800)

	snap.Requests[VendorTencent]["InvokeCommand"] = 0
	cs.request(VendorTencent, "InvokeCommand")
	wantCount(t, "live requests", cs.snapshot().Request(VendorTencent, "InvokeCommand"), 801)
	wantCount(t, "the old snapshot", snap.Request(VendorTencent, "InvokeCommand"), 0)
}

// TestServer_ResetCounters proves a reset zeroes the counters and keeps
// the rules.
func TestServer_ResetCounters(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	mustSet(t, fake, FaultRule{Vendor: VendorTencent, Action: AnyAction, Throttle: 1})
	mustReply(t)(rawTencent(t, fake, "InvokeCommand"))
	wantCount(t, "throttles before reset", fake.Counters().Fault(VendorTencent, FaultThrottle), 1)

	fake.ResetCounters()
	c := fake.Counters()
	if len(c.Requests)+len(c.Faults)+len(c.Effects) != 0 {
		t.Errorf("counters after reset = %+v, want empty", c)
	}
	mustReply(t)(rawTencent(t, fake, "InvokeCommand"))
	wantCount(t, "throttles after reset", fake.Counters().Fault(VendorTencent, FaultThrottle), 1)
}

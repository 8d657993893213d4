package tencent

import (
	"cmp"
	"slices"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Invokers fire on the fake's clock without goroutines or timers: before
// each request (and each look through the Go API) the schedules are played
// up to the present, and every firing found is made then, as an invocation
// created at the firing's own time. Since the engine lays out a task's whole
// life from its creation time, an invocation made late looks exactly as if
// it had been made on time, and a test that moves a ManualClock sees the
// firings of the time it skipped.

// invocationSourceInvoker marks invocations an invoker started.
const invocationSourceInvoker = "INVOKER"

// maxCatchUpFirings bounds the firings one invoker makes in one catch-up,
// so moving the clock a year past a once-a-minute schedule stays cheap:
// only the latest ones are made.
const maxCatchUpFirings = 1000

// reasonScheduled is the Reason of a firing that started an invocation, in
// the words of TAT's example.
const reasonScheduled = "start an invocation at scheduled time."

// invokerRecord is one firing of an invoker.
type invokerRecord struct {
	invokerID  string
	invokeTime time.Time
	reason     string
	invocation *invocation // nil when the firing could not start one
	sequence   uint64
}

// result is the record's Result: the status of the invocation it started,
// as it is now, or FAILED when it started none.
func (r *invokerRecord) result(now time.Time) string {
	if r.invocation == nil {
		return taskFailed
	}
	return r.invocation.stateAt(now).status
}

// firing is an invoker's run that has come due.
type firing struct {
	invoker *invoker
	at      time.Time
}

// fireDueInvokers makes every firing due up to now, oldest first, so the
// invocations they start are listed in the order they ran. It is called
// with s.mu held.
func (s *Service) fireDueInvokers() {
	now := s.now()
	var due []firing
	for _, ivk := range s.invokers {
		for _, at := range ivk.dueThrough(now) {
			due = append(due, firing{invoker: ivk, at: at})
		}
		ivk.firedThrough = vendorkit.Later(ivk.firedThrough, now)
	}
	slices.SortFunc(due, func(a, b firing) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.invoker.sequence, b.invoker.sequence))
	})
	for _, f := range due {
		s.fire(f.invoker, f.at)
	}
}

// dueThrough lists the firings in (firedThrough, now]. A disabled invoker
// has none: its schedule simply passes.
func (ivk *invoker) dueThrough(now time.Time) []time.Time {
	if !ivk.enabled || !now.After(ivk.firedThrough) {
		return nil
	}
	sch := ivk.schedule
	if sch.policy == policyOnce {
		if sch.invokeTime.After(ivk.firedThrough) && !sch.invokeTime.After(now) {
			return []time.Time{sch.invokeTime}
		}
		return nil
	}
	var times []time.Time
	for at, ok := sch.cron.next(ivk.firedThrough); ok && !at.After(now); at, ok = sch.cron.next(at) {
		times = append(times, at)
		if len(times) > maxCatchUpFirings {
			times = times[1:]
		}
	}
	return times
}

// fire runs the invoker's command as InvokeCommand would at the firing time,
// with the command, instances and parameters as they are now. A firing that
// cannot start an invocation (the command is gone, an instance is not
// ready, a parameter has no value) is recorded as FAILED with the reason.
func (s *Service) fire(ivk *invoker, at time.Time) {
	// It fires in its own region, whichever request catches it up.
	defer s.enterRegion(ivk.region)()
	record := &invokerRecord{invokerID: ivk.id, invokeTime: at, reason: reasonScheduled, sequence: s.nextSequence()}
	ivk.records = append(ivk.records, record)
	req, err := s.invokerRequest(ivk)
	if err != nil {
		record.reason = err.Message
		return
	}
	inv := s.newInvocationAt(req, at, invocationSourceInvoker)
	s.invocations.Add(inv.id, inv)
	record.invocation = inv
}

// invokerRequest checks the invoker's run as InvokeCommand checks a request.
func (s *Service) invokerRequest(ivk *invoker) (invokeRequest, *apiError) {
	p := &tat.InvokeCommandRequestParams{CommandId: &ivk.commandID}
	if ivk.parameters != "" {
		p.Parameters = &ivk.parameters
	}
	if ivk.username != "" {
		p.Username = &ivk.username
	}
	cmd, err := s.findCommand(p.CommandId)
	if err != nil {
		return invokeRequest{}, err
	}
	sent, err := sentParameters(p.Parameters)
	if err != nil {
		return invokeRequest{}, err
	}
	req, err := newInvokeRequest(p, cmd, sent)
	if err != nil {
		return invokeRequest{}, err
	}
	if err := s.checkInstancesReady(ivk.instanceIDs); err != nil {
		return invokeRequest{}, err
	}
	req.instanceIDs, req.instanceKind = slices.Clone(ivk.instanceIDs), instanceKind(ivk.instanceIDs[0])
	return req, nil
}

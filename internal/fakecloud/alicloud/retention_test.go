package alicloud

import (
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// stoppedClock only moves when shifted, unlike the fixture's own clock,
// which follows the wall clock: a test can then stand exactly on the
// retention's edge.
type stoppedClock struct {
	start  time.Time
	offset atomic.Int64
}

func (c *stoppedClock) Now() time.Time { return c.start.Add(time.Duration(c.offset.Load())) }

func (c *stoppedClock) shift(d time.Duration) { c.offset.Add(int64(d)) }

// newRetentionFixture is a fixture on a stopped clock, whose requests may
// be stamped weeks away from it.
func newRetentionFixture(t *testing.T) (*fixture, *stoppedClock) {
	t.Helper()
	clock := &stoppedClock{start: time.Now()}
	f := newFixture(t, func(cfg *Config) {
		cfg.Now = clock.Now
		cfg.Skew = 60 * 24 * time.Hour
	})
	return f, clock
}

// recordView is what each action shows of one invocation: how many
// invocations DescribeInvocations lists for its InvokeId and for one of its
// instances, how many results DescribeInvocationResults lists for its
// InvokeId (with and without IncludeHistory), what StopInvocation answers
// (the error code and status, "" and 0 for success) and whether the Go API
// finds it.
type recordView struct {
	described    int64
	byInstance   int64
	results      int64
	history      int64
	stopCode     string
	stopStatus   int
	goInvocation bool
	goListed     bool
}

func viewRecord(t *testing.T, f *fixture, client *ecs.Client, id, instanceID string) recordView {
	t.Helper()
	var v recordView

	count := func(req *ecs.DescribeInvocationsRequest) int64 {
		t.Helper()
		req.RegionId = tea.String(testRegion)
		resp, err := client.DescribeInvocations(req)
		mustSucceed(t, err)
		if n := int64(len(resp.Body.Invocations.Invocation)); n != tea.Int64Value(resp.Body.TotalCount) {
			t.Errorf("DescribeInvocations: %d invocations but TotalCount %d", n, tea.Int64Value(resp.Body.TotalCount))
		}
		return tea.Int64Value(resp.Body.TotalCount)
	}
	v.described = count(&ecs.DescribeInvocationsRequest{InvokeId: tea.String(id), IncludeOutput: tea.Bool(true)})
	v.byInstance = count(&ecs.DescribeInvocationsRequest{InstanceId: tea.String(instanceID)})

	countResults := func(history bool) int64 {
		t.Helper()
		resp, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
			RegionId: tea.String(testRegion), InvokeId: tea.String(id), IncludeHistory: tea.Bool(history),
		})
		mustSucceed(t, err)
		page := resp.Body.Invocation
		if n := int64(len(page.InvocationResults.InvocationResult)); n != tea.Int64Value(page.TotalCount) {
			t.Errorf("DescribeInvocationResults: %d results but TotalCount %d", n, tea.Int64Value(page.TotalCount))
		}
		return tea.Int64Value(page.TotalCount)
	}
	v.results = countResults(false)
	v.history = countResults(true)

	_, err := client.StopInvocation(&ecs.StopInvocationRequest{RegionId: tea.String(testRegion), InvokeId: tea.String(id)})
	var sdkErr *tea.SDKError
	switch {
	case errors.As(err, &sdkErr):
		v.stopCode, v.stopStatus = tea.StringValue(sdkErr.Code), tea.IntValue(sdkErr.StatusCode)
	case err != nil:
		t.Fatalf("StopInvocation: %v", err)
	}

	_, v.goInvocation = f.svc.Invocation(id)
	for _, inv := range f.svc.Invocations() {
		v.goListed = v.goListed || inv.ID == id
	}
	return v
}

// TestFinishedInvocationIsForgottenAfterTheRetention follows an invocation
// through every action: kept up to four weeks after it finished, then
// answered as an unknown one.
func TestFinishedInvocationIsForgottenAfterTheRetention(t *testing.T) {
	t.Parallel()
	f, clock := newRetentionFixture(t)
	client := f.client(t)
	_, id := runCommand(t, client, runRequest("echo hi\nsleep 10", instanceA, instanceB))
	keep := runRequest("echo kept", instanceA)
	keep.KeepCommand = tea.Bool(true)
	keptCommand, other := runCommand(t, client, keep)

	// The first ends ten seconds in, the second at once; the third is made
	// a day later.
	clock.shift(10 * time.Second)
	clock.shift(24 * time.Hour)
	_, later := runCommand(t, client, runRequest("echo later", instanceA))

	clock.shift(DefaultRecordRetention - 24*time.Hour)
	kept := recordView{described: 1, byInstance: 2, results: 2, history: 2, goInvocation: true, goListed: true}
	if got := viewRecord(t, f, client, id, instanceA); got != kept {
		t.Errorf("exactly four weeks after it finished: %+v, want %+v (and the later invocation on the instance)", got, kept)
	}
	if _, ok := f.svc.Invocation(other); ok {
		t.Error("an invocation four weeks and ten seconds after it finished is still kept")
	}

	clock.shift(time.Second)
	gone := recordView{byInstance: 1, stopCode: "InvalidInvokeId.NotFound", stopStatus: http.StatusNotFound}
	if got := viewRecord(t, f, client, id, instanceA); got != gone {
		t.Errorf("a second past four weeks: %+v, want %+v (only the later invocation on the instance)", got, gone)
	}
	if _, ok := f.svc.Invocation(later); !ok {
		t.Error("the invocation made a day later is gone too")
	}
	if f.svc.DeleteInvocation(id) {
		t.Error("DeleteInvocation found an invocation that has aged out")
	}
	// Only the records of runs age out: a kept command stays.
	if _, ok := f.svc.Command(keptCommand); !ok {
		t.Error("the kept command went with its invocation")
	}
}

// TestRetentionCountsFromTheEnd keeps a one-time invocation for as long as
// it runs, then for the retention after it ended.
func TestRetentionCountsFromTheEnd(t *testing.T) {
	t.Parallel()
	f, clock := newRetentionFixture(t)
	f.svc.SetRecordRetention(time.Hour)
	client := f.client(t)
	req := runRequest("sleep 7200", instanceA)
	req.Timeout = tea.Int64(10000)
	_, id := runCommand(t, client, req)

	clock.shift(90 * time.Minute)
	wantStatuses(t, client, id, "Running", "Running")
	clock.shift(30*time.Minute + time.Hour) // it ended at 2h
	wantStatuses(t, client, id, "Success", "Success")
	clock.shift(time.Second)
	if _, ok := f.svc.Invocation(id); ok {
		t.Error("an hour and a second after it ended the invocation is still kept")
	}
}

// TestSchedulesAreKeptUntilStopped keeps every schedule that may still run,
// however long ago it was made, and a stopped one for the retention after
// the stop.
func TestSchedulesAreKeptUntilStopped(t *testing.T) {
	t.Parallel()
	f, clock := newRetentionFixture(t)
	f.svc.SetRecordRetention(time.Hour)
	client := f.client(t)

	rate := runRequest("echo tick", instanceA)
	rate.Frequency, rate.Timeout = tea.String("rate(2m)"), tea.Int64(30)
	_, rateID := runCommand(t, client, rate)
	cron := runRequest("echo tick", instanceA)
	cron.RepeatMode, cron.Frequency = tea.String("Period"), tea.String("0 */20 * * * ?")
	_, cronID := runCommand(t, client, cron)
	reboot := runRequest("echo boot", instanceA)
	reboot.RepeatMode = tea.String("EveryReboot")
	_, rebootID := runCommand(t, client, reboot)

	clock.shift(3 * time.Hour)
	for _, id := range []string{rateID, cronID, rebootID} {
		if got := describeInvocation(t, client, id); tea.StringValue(got.InvokeStatus) != "Running" {
			t.Errorf("schedule %s three hours on: InvokeStatus %s, want Running", id, tea.StringValue(got.InvokeStatus))
		}
	}
	if n := tea.Int32Value(describeInvocation(t, client, rateID).InvokeInstances.InvokeInstance[0].Repeats); n < 60 {
		t.Errorf("a rate(2m) schedule three hours on has run %d times", n)
	}

	stop(t, client, rateID)
	stop(t, client, rebootID)
	clock.shift(time.Hour)
	wantStatuses(t, client, rateID, "Stopped", "Cancelled")
	wantStatuses(t, client, rebootID, "Stopped", "Cancelled")
	clock.shift(time.Second)
	for _, id := range []string{rateID, rebootID} {
		if _, ok := f.svc.Invocation(id); ok {
			t.Errorf("schedule %s an hour and a second after it was stopped is still kept", id)
		}
	}
	if _, ok := f.svc.Invocation(cronID); !ok {
		t.Error("the schedule never stopped is gone")
	}
}

func TestRecordRetentionSettings(t *testing.T) {
	t.Parallel()
	if got := New(Config{}).RecordRetention(); got != DefaultRecordRetention || DefaultRecordRetention != 28*24*time.Hour {
		t.Errorf("default retention = %s, want 672h", got)
	}
	svc := New(Config{Simulation: vendorkit.Simulation{RecordRetention: time.Hour}})
	if got := svc.RecordRetention(); got != time.Hour {
		t.Errorf("Config.RecordRetention 1h: retention = %s", got)
	}
	svc.SetRecordRetention(3 * time.Minute)
	if got := svc.RecordRetention(); got != 3*time.Minute {
		t.Errorf("after SetRecordRetention(3m): %s", got)
	}
	svc.SetRecordRetention(-time.Second)
	if got := svc.RecordRetention(); got != DefaultRecordRetention {
		t.Errorf("after SetRecordRetention(-1s): %s, want the default", got)
	}
}

// TestSetRecordRetentionAppliesToEarlierInvocations shortens the retention
// after the fact, then lengthens it again for one that was not yet gone.
func TestSetRecordRetentionAppliesToEarlierInvocations(t *testing.T) {
	t.Parallel()
	f, clock := newRetentionFixture(t)
	client := f.client(t)
	_, first := runCommand(t, client, runRequest("true", instanceA))
	clock.shift(2 * time.Hour)
	_, second := runCommand(t, client, runRequest("true", instanceA))
	clock.shift(30 * time.Minute)

	f.svc.SetRecordRetention(time.Hour)
	if _, ok := f.svc.Invocation(first); ok {
		t.Error("an invocation 2h30m old is kept with a retention of 1h")
	}
	if _, ok := f.svc.Invocation(second); !ok {
		t.Error("an invocation 30m old is gone with a retention of 1h")
	}
	f.svc.SetRecordRetention(0)
	clock.shift(time.Hour)
	if _, ok := f.svc.Invocation(second); !ok {
		t.Error("back at the default retention, an invocation 1h30m old is gone")
	}
}

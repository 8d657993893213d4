package tencent

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// describeRecords returns the firings of the invokers through
// DescribeInvokerRecords, newest first, with the total count.
func describeRecords(t *testing.T, c *tat.Client, change func(*tat.DescribeInvokerRecordsRequest), invokerIDs ...string) ([]*tat.InvokerRecord, uint64) {
	t.Helper()
	req := tat.NewDescribeInvokerRecordsRequest()
	req.InvokerIds = common.StringPtrs(invokerIDs)
	req.Limit = common.Uint64Ptr(100)
	if change != nil {
		change(req)
	}
	resp, err := c.DescribeInvokerRecords(req)
	mustSucceed(t, err)
	return resp.Response.InvokerRecordSet, *resp.Response.TotalCount
}

func recordTimes(records []*tat.InvokerRecord) []string {
	var out []string
	for _, r := range records {
		out = append(out, *r.InvokeTime)
	}
	return out
}

func TestOnceInvokerFiresAtItsTime(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "once", "echo running {{what}}\nhostname", func(r *tat.CreateCommandRequest) { r.EnableParameter = common.BoolPtr(true) })
	at := env.now().Add(2 * time.Hour).Truncate(time.Second)
	req := newInvokerRequest(cmd, onceAt(at), "ins-aaaa0001", "ins-aaaa0002")
	req.Parameters = common.StringPtr(`{"what":"backup"}`)
	req.Username = common.StringPtr("backup")
	id := createInvoker(t, c, req)

	env.advance(2*time.Hour - time.Second)
	if records, n := describeRecords(t, c, nil, id); n != 0 {
		t.Fatalf("a second before its time the invoker has fired: %v", recordTimes(records))
	}
	env.advance(time.Hour)
	records, n := describeRecords(t, c, nil, id)
	if n != 1 || len(records) != 1 {
		t.Fatalf("an hour after its time the invoker has %d records, want 1", n)
	}
	r := records[0]
	if *r.InvokerId != id || *r.InvokeTime != formatTime(at) || *r.Reason != reasonScheduled || *r.Result != "SUCCESS" {
		t.Errorf("record %s %s %q %s", *r.InvokerId, *r.InvokeTime, *r.Reason, *r.Result)
	}

	// The firing is an invocation like any other, made at the firing time.
	inv := describeInvocation(t, c, *r.InvocationId)
	if *inv.InvocationSource != "INVOKER" || *inv.CreatedTime != formatTime(at) || *inv.CommandId != cmd ||
		*inv.Username != "backup" || *inv.Parameters != `{"what":"backup"}` || *inv.InvocationStatus != "SUCCESS" {
		t.Errorf("invocation: source %s, created %s, command %s, user %s, parameters %s, status %s",
			*inv.InvocationSource, *inv.CreatedTime, *inv.CommandId, *inv.Username, *inv.Parameters, *inv.InvocationStatus)
	}
	tasks := describeTasks(t, c, *r.InvocationId)
	if len(tasks) != 2 {
		t.Fatalf("%d tasks, want one per instance", len(tasks))
	}
	for _, task := range tasks {
		if want := "running backup\n" + *task.InstanceId + "\n"; decodedOutput(t, task) != want {
			t.Errorf("%s printed %q, want %q", *task.InstanceId, decodedOutput(t, task), want)
		}
	}

	// A ONCE invoker fires once.
	env.advance(48 * time.Hour)
	if _, n := describeRecords(t, c, nil, id); n != 1 {
		t.Errorf("two days later the invoker has %d records, want still 1", n)
	}
}

func TestRecurringInvokerFiresAtEachCronTimeInBeijing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "daily", "true")
	// 03:00 Beijing time is 19:00 UTC the day before.
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 3 * * *"), "ins-aaaa0001"))

	env.advance(72 * time.Hour)
	records, n := describeRecords(t, c, nil, id)
	if n != 3 {
		t.Fatalf("three days give %d firings of a daily invoker: %v", n, recordTimes(records))
	}
	seen := map[string]bool{}
	for i, r := range records {
		at, err := time.Parse(timeFormat, *r.InvokeTime)
		if err != nil || at.Hour() != 19 || at.Minute() != 0 || at.Second() != 0 {
			t.Errorf("firing at %s, want 19:00:00Z", *r.InvokeTime)
		}
		if i > 0 && *records[i-1].InvokeTime <= *r.InvokeTime {
			t.Errorf("records are not newest first: %v", recordTimes(records))
		}
		if seen[*r.InvocationId] {
			t.Errorf("invocation %s recorded twice", *r.InvocationId)
		}
		seen[*r.InvocationId] = true
		if inv := describeInvocation(t, c, *r.InvocationId); *inv.CreatedTime != *r.InvokeTime || *inv.InvocationSource != "INVOKER" {
			t.Errorf("invocation %s created %s by %s, for the firing at %s", *r.InvocationId, *inv.CreatedTime, *inv.InvocationSource, *r.InvokeTime)
		}
	}
	if got := len(env.svc.Invocations()); got != 3 {
		t.Errorf("the fake holds %d invocations, want 3", got)
	}
}

func TestRecurringInvokerCountsFromItsCreation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "often", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("*/10 * * * *"), "ins-aaaa0001"))

	// Any hour holds exactly six multiples of ten minutes.
	env.advance(time.Hour)
	if _, n := describeRecords(t, c, nil, id); n != 6 {
		t.Errorf("an hour of */10 gives %d firings, want 6", n)
	}
	env.advance(30 * time.Minute)
	if _, n := describeRecords(t, c, nil, id); n != 9 {
		t.Errorf("another half hour gives %d firings in all, want 9", n)
	}
}

func TestDisabledInvokerDoesNotFireAndMissedRunsAreNotMadeUp(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "hourly", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 * * * *"), "ins-aaaa0001"))
	once := createInvoker(t, c, newInvokerRequest(cmd, onceAt(env.now().Add(90*time.Minute)), "ins-aaaa0001"))

	for _, ivk := range []string{id, once} {
		disable := tat.NewDisableInvokerRequest()
		disable.InvokerId = common.StringPtr(ivk)
		_, err := c.DisableInvoker(disable)
		mustSucceed(t, err)
	}
	env.advance(5 * time.Hour)
	for _, ivk := range []string{id, once} {
		enable := tat.NewEnableInvokerRequest()
		enable.InvokerId = common.StringPtr(ivk)
		_, err := c.EnableInvoker(enable)
		mustSucceed(t, err)
	}
	if records, n := describeRecords(t, c, nil, id, once); n != 0 {
		t.Fatalf("disabled invokers fired: %v", recordTimes(records))
	}
	env.advance(time.Hour)
	if _, n := describeRecords(t, c, nil, id); n != 1 {
		t.Errorf("an hour after enabling, an hourly invoker fired %d times, want 1", n)
	}
	if _, n := describeRecords(t, c, nil, once); n != 0 {
		t.Errorf("a ONCE invoker whose time passed while it was disabled fired later")
	}
}

func TestModifiedScheduleTakesEffectFromNow(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "moved", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("*/30 * * * *"), "ins-aaaa0001"))
	env.advance(time.Hour) // two firings under the first schedule

	modify := tat.NewModifyInvokerRequest()
	modify.InvokerId = &id
	next := env.now().Add(10 * time.Minute).Truncate(time.Second)
	modify.ScheduleSettings = onceAt(next)
	_, err := c.ModifyInvoker(modify)
	mustSucceed(t, err)

	env.advance(time.Hour)
	records, n := describeRecords(t, c, nil, id)
	if n != 3 || *records[0].InvokeTime != formatTime(next) {
		t.Errorf("records %v: want two half-hourly firings, then one at %s", recordTimes(records), formatTime(next))
	}
}

func TestFiringThatCannotStartIsRecordedAsFailed(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "unlucky", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 * * * *"), "ins-flaky001"))
	env.svc.cfg.Fleet.Set(fleet.Instance{ID: "ins-flaky001", State: fleet.AgentOffline})

	env.advance(time.Hour)
	records, n := describeRecords(t, c, nil, id)
	if n != 1 {
		t.Fatalf("%d records, want 1", n)
	}
	if r := records[0]; *r.Result != "FAILED" || *r.InvocationId != "" || *r.Reason != "The TAT agent on instance `ins-flaky001` is offline." {
		t.Errorf("record: result %s, invocation %q, reason %q", *r.Result, *r.InvocationId, *r.Reason)
	}
	if n := len(env.svc.Invocations()); n != 0 {
		t.Errorf("a firing on an offline instance made %d invocations", n)
	}
}

func TestRecordResultFollowsTheInvocation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew, realistic)
	c := env.tatClient(t)
	cmd := createScript(t, c, "slow", "sleep 60\nexit 3")
	at := env.now().Add(time.Hour).Truncate(time.Second)
	id := createInvoker(t, c, newInvokerRequest(cmd, onceAt(at), "ins-aaaa0001"))

	result := func() string {
		records, _ := describeRecords(t, c, nil, id)
		return *records[0].Result
	}
	env.advance(time.Hour + 30*time.Second)
	if got := result(); got != "RUNNING" {
		t.Errorf("30 seconds into a one-minute script the firing's result is %s, want RUNNING", got)
	}
	env.advance(time.Minute)
	if got := result(); got != "FAILED" {
		t.Errorf("after the script exited 3 the firing's result is %s, want FAILED", got)
	}
}

func TestDescribeInvokerRecordsSelectionAndPaging(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "paged", "true")
	a := createInvoker(t, c, newInvokerRequest(cmd, recurring("*/10 * * * *"), "ins-aaaa0001"))
	b := createInvoker(t, c, newInvokerRequest(cmd, recurring("5 * * * *"), "ins-aaaa0001"))
	env.advance(time.Hour)

	_, nA := describeRecords(t, c, nil, a)
	_, nB := describeRecords(t, c, nil, b)
	all, nAll := describeRecords(t, c, nil)
	if nA != 6 || nB != 1 || nAll != 7 || len(all) != 7 {
		t.Fatalf("records: %d of a, %d of b, %d (%d listed) in all", nA, nB, nAll, len(all))
	}
	page, n := describeRecords(t, c, func(r *tat.DescribeInvokerRecordsRequest) {
		r.Offset, r.Limit = common.Uint64Ptr(2), common.Uint64Ptr(3)
	})
	if n != 7 || !reflect.DeepEqual(recordTimes(page), recordTimes(all[2:5])) {
		t.Errorf("offset 2 limit 3: %v (total %d), want %v", recordTimes(page), n, recordTimes(all[2:5]))
	}

	del := tat.NewDeleteInvokerRequest()
	del.InvokerId = &a
	_, err := c.DeleteInvoker(del)
	mustSucceed(t, err)
	if _, n := describeRecords(t, c, nil, a); n != 0 {
		t.Errorf("a deleted invoker still has %d records", n)
	}
}

func TestDescribeInvokerRecordsValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	tests := []struct {
		name     string
		change   func(*tat.DescribeInvokerRecordsRequest)
		wantCode string
	}{
		{"malformed id", func(r *tat.DescribeInvokerRecordsRequest) { r.InvokerIds = common.StringPtrs([]string{"ivk-x"}) }, codeInvalidInvokerID},
		{"101 ids", func(r *tat.DescribeInvokerRecordsRequest) {
			for i := range 101 {
				r.InvokerIds = append(r.InvokerIds, common.StringPtr(fmt.Sprintf("ivk-%08d", i)))
			}
		}, codeTooLong},
		{"limit 0", func(r *tat.DescribeInvokerRecordsRequest) { r.Limit = common.Uint64Ptr(0) }, codeTooSmall},
		{"limit 101", func(r *tat.DescribeInvokerRecordsRequest) { r.Limit = common.Uint64Ptr(101) }, codeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tat.NewDescribeInvokerRecordsRequest()
			tt.change(r)
			_, err := c.DescribeInvokerRecords(r)
			assertCode(t, err, tt.wantCode)
		})
	}
}

func TestCatchUpIsBounded(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "every-minute", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("* * * * *"), "ins-aaaa0001"))

	env.advance(30 * 24 * time.Hour)
	snapshot, ok := env.svc.Invoker(id)
	if !ok {
		t.Fatal("the invoker is gone")
	}
	if n := len(snapshot.Records); n != maxCatchUpFirings {
		t.Fatalf("a month of once a minute made %d firings, want the latest %d", n, maxCatchUpFirings)
	}
	if last := snapshot.Records[len(snapshot.Records)-1].InvokeTime; !last.Equal(env.now().Truncate(time.Minute)) {
		t.Errorf("the latest firing is at %s, want %s", last, env.now().Truncate(time.Minute))
	}
}

func TestGoAPIForInvokers(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "inspected", "true")
	at := env.now().Add(time.Minute).Truncate(time.Second)
	id := createInvoker(t, c, newInvokerRequest(cmd, onceAt(at), "ins-aaaa0001"))

	env.advance(time.Hour)
	// No request has come since the clock moved: the Go API catches up itself.
	if n := len(env.svc.Invocations()); n != 1 {
		t.Fatalf("Invocations() lists %d, want the firing", n)
	}
	got, ok := env.svc.Invoker(id)
	if !ok || got.Policy != "ONCE" || !got.InvokeTime.Equal(at) || !got.Enabled || len(got.Records) != 1 || got.Records[0].Result != "SUCCESS" {
		t.Fatalf("Invoker(%s) = %+v, %v", id, got, ok)
	}
	if !env.svc.DeleteInvoker(id) || env.svc.DeleteInvoker(id) {
		t.Error("DeleteInvoker should report true once, then false")
	}
	if _, ok := env.svc.Invoker(id); ok {
		t.Error("Invoker found a deleted invoker")
	}
}

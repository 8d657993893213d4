package tencent

import (
	"errors"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// recordView is what each action shows of one invocation: whether
// DescribeInvocations lists it, how many of its tasks DescribeInvocationTasks
// lists by ID and by filter, what CancelInvocation answers (the error code,
// "" for success) and whether the Go API finds it.
type recordView struct {
	described    uint64
	tasksByID    uint64
	tasksByInv   uint64
	tasksByInst  uint64
	cancelCode   string
	goInvocation bool
	goListed     bool
}

func viewRecord(t *testing.T, env *testEnv, c *tat.Client, id string, taskIDs []string, instanceID string) recordView {
	t.Helper()
	var v recordView

	invReq := tat.NewDescribeInvocationsRequest()
	invReq.InvocationIds = common.StringPtrs([]string{id})
	invResp, err := c.DescribeInvocations(invReq)
	mustSucceed(t, err)
	if n := uint64(len(invResp.Response.InvocationSet)); n != *invResp.Response.TotalCount {
		t.Errorf("DescribeInvocations(%s): %d invocations but TotalCount %d", id, n, *invResp.Response.TotalCount)
	}
	v.described = *invResp.Response.TotalCount

	tasks := func(change func(*tat.DescribeInvocationTasksRequest)) uint64 {
		t.Helper()
		req := tat.NewDescribeInvocationTasksRequest()
		req.Limit = common.Uint64Ptr(100)
		change(req)
		resp, err := c.DescribeInvocationTasks(req)
		mustSucceed(t, err)
		if n := uint64(len(resp.Response.InvocationTaskSet)); n != *resp.Response.TotalCount {
			t.Errorf("DescribeInvocationTasks: %d tasks but TotalCount %d", n, *resp.Response.TotalCount)
		}
		return *resp.Response.TotalCount
	}
	v.tasksByID = tasks(func(r *tat.DescribeInvocationTasksRequest) { r.InvocationTaskIds = common.StringPtrs(taskIDs) })
	v.tasksByInv = tasks(func(r *tat.DescribeInvocationTasksRequest) {
		r.Filters = []*tat.Filter{filter("invocation-id", id)}
	})
	v.tasksByInst = tasks(func(r *tat.DescribeInvocationTasksRequest) {
		r.Filters = []*tat.Filter{filter("instance-id", instanceID)}
	})

	cancel := tat.NewCancelInvocationRequest()
	cancel.InvocationId = common.StringPtr(id)
	if _, err := c.CancelInvocation(cancel); err != nil {
		v.cancelCode = errorCodeOf(t, err)
	}

	_, v.goInvocation = env.svc.Invocation(id)
	for _, inv := range env.svc.Invocations() {
		v.goListed = v.goListed || inv.ID == id
	}
	return v
}

// errorCodeOf is the TAT error code of err.
func errorCodeOf(t *testing.T, err error) string {
	t.Helper()
	var sdkErr *tcerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		t.Fatalf("error %v (%T) is not a TAT error", err, err)
	}
	return sdkErr.Code
}

func taskIDsOf(snap InvocationSnapshot) []string {
	var ids []string
	for _, task := range snap.Tasks {
		ids = append(ids, task.ID)
	}
	return ids
}

// TestFinishedInvocationIsForgottenAfterTheRetention follows an invocation
// through every action: kept up to four weeks after it finished, then
// answered as an unknown one.
func TestFinishedInvocationIsForgottenAfterTheRetention(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "aging", "echo hi\nsleep 10")
	id := invoke(t, c, cmd, "ins-aged0001", "ins-aged0002")
	other := invoke(t, c, cmd, "ins-keep0001")
	snap, _ := env.svc.Invocation(id)
	taskIDs := taskIDsOf(snap)

	// Both end 10 seconds in; the second is made a day later, so it stays.
	env.advance(10 * time.Second)
	env.advance(24 * time.Hour)
	later := invoke(t, c, cmd, "ins-aged0001")

	kept := recordView{described: 1, tasksByID: 2, tasksByInv: 2, tasksByInst: 2, goInvocation: true, goListed: true}
	env.advance(DefaultRecordRetention - 24*time.Hour)
	if got := viewRecord(t, env, c, id, taskIDs, "ins-aged0001"); got != kept {
		t.Errorf("exactly four weeks after it finished: %+v, want %+v", got, kept)
	}

	env.advance(time.Second)
	gone := recordView{tasksByInst: 1, cancelCode: codeInvocationNotFound}
	if got := viewRecord(t, env, c, id, taskIDs, "ins-aged0001"); got != gone {
		t.Errorf("a second past four weeks: %+v, want %+v (only the later invocation's task on the instance)", got, gone)
	}
	if _, ok := env.svc.Invocation(other); ok {
		t.Errorf("the other invocation of the same time is still kept")
	}
	if _, ok := env.svc.Invocation(later); !ok {
		t.Errorf("the invocation made a day later is gone too")
	}
	if env.svc.DeleteInvocation(id) {
		t.Errorf("DeleteInvocation found an invocation that has aged out")
	}
	// The command stays: only the records of its runs age out.
	if _, ok := env.svc.Command(cmd); !ok {
		t.Errorf("the command went with its invocations")
	}
}

// TestRetentionCountsFromTheEnd keeps an invocation for as long as a task
// runs, then for the retention after it ended.
func TestRetentionCountsFromTheEnd(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	env.svc.SetRecordRetention(time.Hour)
	c := env.tatClient(t)
	cmd := createScript(t, c, "long", "true", func(r *tat.CreateCommandRequest) { r.Timeout = common.Uint64Ptr(86400) })
	env.svc.SetOutcome(OutcomeMatch{InstanceID: "ins-long0001"}, Outcome{NeverFinishes: true})
	id := invoke(t, c, cmd, "ins-long0001", "ins-fast0001")

	env.advance(2 * time.Hour)
	if snap, ok := env.svc.Invocation(id); !ok || snap.Status != taskRunning {
		t.Fatalf("two hours into a running task: %+v, %v; want it kept and RUNNING", snap, ok)
	}
	// It times out at one day, and is kept an hour from then.
	env.advance(22*time.Hour + time.Hour)
	if snap := describeInvocation(t, c, id); *snap.InvocationStatus != "PARTIAL_FAILED" {
		t.Errorf("an hour after it timed out: %s, want PARTIAL_FAILED", *snap.InvocationStatus)
	}
	env.advance(time.Second)
	if _, ok := env.svc.Invocation(id); ok {
		t.Errorf("an hour and a second after it ended the invocation is still kept")
	}
}

// TestCancelledInvocationAgesFromTheCancellation counts from the moment the
// cancellation ended the tasks.
func TestCancelledInvocationAgesFromTheCancellation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	env.svc.SetRecordRetention(time.Hour)
	c := env.tatClient(t)
	cmd := createScript(t, c, "cancelled", "sleep 3600", func(r *tat.CreateCommandRequest) { r.Timeout = common.Uint64Ptr(86400) })
	id := invoke(t, c, cmd, "ins-canc0001")
	env.advance(30 * time.Minute)
	cancelInvocation(t, c, id)

	env.advance(time.Hour)
	if snap := describeInvocation(t, c, id); *snap.InvocationStatus != taskCancelled {
		t.Errorf("an hour after the cancellation: %s, want CANCELLED", *snap.InvocationStatus)
	}
	env.advance(time.Second)
	if _, ok := env.svc.Invocation(id); ok {
		t.Errorf("an hour and a second after the cancellation the invocation is still kept")
	}
}

// TestInvokerRecordsAgeWithTheirInvocations drops the record of a firing
// when its invocation goes, and a firing that started none when it is as
// old; the invoker stays and goes on firing.
func TestInvokerRecordsAgeWithTheirInvocations(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	env.svc.SetRecordRetention(2 * time.Hour)
	c := env.tatClient(t)
	cmd := createScript(t, c, "hourly", "true")
	good := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 * * * *"), "ins-hour0001"))
	bad := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 * * * *"), "ins-hour0002"))
	env.svc.cfg.Fleet.Set(fleet.Instance{ID: "ins-hour0002", State: fleet.AgentOffline})

	env.advance(5 * time.Hour)
	// Firings at the last five full hours; those at most two hours old are
	// kept, which is two or three of them depending on the minute.
	now := env.now().UTC()
	oldest := now.Add(-2 * time.Hour)
	for _, ivk := range []string{good, bad} {
		records, n := describeRecords(t, c, nil, ivk)
		want := uint64(0)
		for at := now.Truncate(time.Hour); !at.Before(oldest); at = at.Add(-time.Hour) {
			want++
		}
		if n != want || uint64(len(records)) != n {
			t.Fatalf("invoker %s: %d records (%v), want the %d of the last two hours", ivk, n, recordTimes(records), want)
		}
		for _, r := range records {
			if ivk == good {
				describeInvocation(t, c, *r.InvocationId)
			} else if *r.InvocationId != "" || *r.Result != taskFailed {
				t.Errorf("record of a firing that could not start: %s %q", *r.Result, *r.InvocationId)
			}
		}
	}
	if _, kept := describeRecords(t, c, nil, good); uint64(len(env.svc.Invocations())) != kept {
		t.Errorf("%d invocations kept, want one for each of the %d records kept", len(env.svc.Invocations()), kept)
	}
	snap, ok := env.svc.Invoker(good)
	if !ok || len(snap.Records) == 0 || snap.Records[0].InvokeTime.Before(oldest) {
		t.Errorf("Invoker(%s) = %+v, %v; want the invoker with its recent records", good, snap, ok)
	}
	// A record's invocation deleted through the Go API takes the record too.
	if !env.svc.DeleteInvocation(snap.Records[0].InvocationID) {
		t.Fatal("DeleteInvocation of the oldest firing's invocation = false")
	}
	if again, _ := env.svc.Invoker(good); len(again.Records) != len(snap.Records)-1 {
		t.Errorf("after DeleteInvocation %d records, want %d", len(again.Records), len(snap.Records)-1)
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
	svc.SetRecordRetention(0)
	if got := svc.RecordRetention(); got != DefaultRecordRetention {
		t.Errorf("after SetRecordRetention(0): %s, want the default", got)
	}
}

// TestSetRecordRetentionAppliesToEarlierInvocations shortens the retention
// after the fact, then lengthens it again for one that was not yet gone.
func TestSetRecordRetentionAppliesToEarlierInvocations(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "short", "true")
	first := invoke(t, c, cmd, "ins-shrt0001")
	env.advance(2 * time.Hour)
	second := invoke(t, c, cmd, "ins-shrt0001")
	env.advance(30 * time.Minute)

	env.svc.SetRecordRetention(time.Hour)
	if _, ok := env.svc.Invocation(first); ok {
		t.Errorf("an invocation 2h30m old is kept with a retention of 1h")
	}
	if _, ok := env.svc.Invocation(second); !ok {
		t.Errorf("an invocation 30m old is gone with a retention of 1h")
	}
	env.svc.SetRecordRetention(0)
	env.advance(time.Hour)
	if _, ok := env.svc.Invocation(second); !ok {
		t.Errorf("back at the default retention, an invocation 1h30m old is gone")
	}
}

package alicloud

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// history lists an invocation's results with IncludeHistory, one line per
// result: instance, repeat, status and output.
func history(t *testing.T, client *ecs.Client, id string, change ...func(*ecs.DescribeInvocationResultsRequest)) []string {
	t.Helper()
	req := &ecs.DescribeInvocationResultsRequest{
		RegionId: tea.String(testRegion), InvokeId: tea.String(id), IncludeHistory: tea.Bool(true),
		ContentEncoding: tea.String("PlainText"), PageSize: tea.Int64(50),
	}
	for _, c := range change {
		c(req)
	}
	resp, err := client.DescribeInvocationResults(req)
	mustSucceed(t, err)
	var out []string
	for _, r := range resp.Body.Invocation.InvocationResults.InvocationResult {
		out = append(out, fmt.Sprintf("%s #%d %s %q", tea.StringValue(r.InstanceId), tea.Int32Value(r.Repeats),
			tea.StringValue(r.InvocationStatus), tea.StringValue(r.Output)))
	}
	return out
}

func TestIncludeHistory(t *testing.T) {
	t.Parallel()
	// The clock moves further than requests' timestamps may drift.
	f := newFixture(t, func(cfg *Config) { cfg.Skew = time.Hour })
	client := f.client(t)
	rate := runRequest("echo tick", instanceA, instanceB)
	rate.Frequency, rate.Timeout = tea.String("rate(2m)"), tea.Int64(30)
	_, rateID := runCommand(t, client, rate)
	_, onceID := runCommand(t, client, runRequest("echo once", instanceA))

	// Before the first run, each instance shows its schedule.
	if got := history(t, client, rateID); !reflect.DeepEqual(got, []string{
		instanceA + ` #0 Scheduled ""`, instanceB + ` #0 Scheduled ""`,
	}) {
		t.Errorf("before any run: %q", got)
	}
	f.clock.shift(7 * time.Minute) // runs at 2, 4 and 6 minutes
	want := []string{
		instanceA + ` #1 Success "tick\n"`, instanceA + ` #2 Success "tick\n"`, instanceA + ` #3 Success "tick\n"`,
		instanceB + ` #1 Success "tick\n"`, instanceB + ` #2 Success "tick\n"`, instanceB + ` #3 Success "tick\n"`,
	}
	if got := history(t, client, rateID); !reflect.DeepEqual(got, want) {
		t.Errorf("after three runs: %q", got)
	}
	// Without IncludeHistory, each instance's latest run, between runs.
	if got := results(t, client, rateID); len(got) != 2 || tea.StringValue(got[0].InvocationStatus) != "Scheduled" || tea.Int32Value(got[0].Repeats) != 3 {
		t.Errorf("latest runs: %+v", got)
	}
	// Each run has its own times, an interval apart.
	res, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
		RegionId: tea.String(testRegion), InvokeId: tea.String(rateID), InstanceId: tea.String(instanceB), IncludeHistory: tea.Bool(true),
	})
	mustSucceed(t, err)
	runs := res.Body.Invocation.InvocationResults.InvocationResult
	if len(runs) != 3 {
		t.Fatalf("%d runs on one instance, want 3", len(runs))
	}
	for i := 1; i < len(runs); i++ {
		prev, _ := time.Parse(timestampLayout, tea.StringValue(runs[i-1].StartTime))
		next, _ := time.Parse(timestampLayout, tea.StringValue(runs[i].StartTime))
		if gap := next.Sub(prev); gap < 119*time.Second || gap > 121*time.Second || tea.StringValue(runs[i].FinishedTime) == "" {
			t.Errorf("run %d started %s after the previous one, finished %q", i+1, gap, tea.StringValue(runs[i].FinishedTime))
		}
	}

	// A stopped schedule keeps its history and adds nothing to it.
	stop(t, client, rateID)
	f.clock.shift(5 * time.Minute)
	if got := history(t, client, rateID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the stop: %q", got)
	}
	if got := history(t, client, onceID); !reflect.DeepEqual(got, []string{instanceA + ` #1 Success "once\n"`}) {
		t.Errorf("a one-time run: %q", got)
	}
	_, err = client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{RegionId: tea.String(testRegion), IncludeHistory: tea.Bool(true)})
	wantSDKError(t, err, "MissingParameter", http.StatusBadRequest)
}

func TestIncludeHistoryWithARunUnderWay(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(cfg *Config) { cfg.Skew = time.Hour })
	client := f.client(t)
	// Runs take 50 s and start 2 minutes after the previous one ended: at
	// 2:00 and 4:50.
	req := runRequest("echo start\nsleep 50\necho end", instanceA)
	req.Frequency, req.Timeout = tea.String("rate(2m)"), tea.Int64(60)
	_, id := runCommand(t, client, req)
	f.clock.shift(5 * time.Minute)
	want := []string{instanceA + ` #1 Success "start\nend\n"`, instanceA + ` #2 Running "start\n"`}
	if got := history(t, client, id); !reflect.DeepEqual(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
	finished := history(t, client, id, func(r *ecs.DescribeInvocationResultsRequest) { r.InvokeRecordStatus = tea.String("Finished") })
	if !reflect.DeepEqual(finished, want[:1]) {
		t.Errorf("finished runs %q, want %q", finished, want[:1])
	}
	stop(t, client, id)
	want[1] = instanceA + ` #2 Terminated "start\n"`
	if got := history(t, client, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after the stop: %q, want %q", got, want)
	}
}

func TestTimedFilter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	_, once := runCommand(t, client, runRequest("echo once", instanceA))
	periodic := runRequest("echo tick", instanceA)
	periodic.Frequency, periodic.Timeout = tea.String("rate(5m)"), tea.Int64(30)
	_, scheduled := runCommand(t, client, periodic)
	reboot := runRequest("echo boot", instanceA)
	reboot.RepeatMode = tea.String("EveryReboot")
	_, stopped := runCommand(t, client, reboot)
	stop(t, client, stopped)

	list := func(timed *bool) []string {
		t.Helper()
		resp, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{RegionId: tea.String(testRegion), Timed: timed})
		mustSucceed(t, err)
		var ids []string
		for _, inv := range resp.Body.Invocations.Invocation {
			ids = append(ids, tea.StringValue(inv.InvokeId))
		}
		return ids
	}
	if got := list(tea.Bool(true)); !reflect.DeepEqual(got, []string{scheduled}) {
		t.Errorf("Timed=true lists %q, want only the live schedule %s", got, scheduled)
	}
	if got := list(tea.Bool(false)); !reflect.DeepEqual(got, []string{stopped, once}) {
		t.Errorf("Timed=false lists %q, want the stopped one and the one-time run", got)
	}
	if got := list(nil); len(got) != 3 {
		t.Errorf("without the filter: %q", got)
	}
	_, err := callAPI(client, "DescribeInvocations", APIVersion, map[string]string{"RegionId": testRegion, "Timed": "maybe"})
	wantSDKError(t, err, "InvalidParameter", http.StatusBadRequest)
}

func TestDescribedInvocationFillsEveryField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo hi", instanceA)
	req.Launcher, req.TerminationMode = tea.String("bash -e {{ACS::ScriptFileName}}"), tea.String("ProcessTree")
	req.Frequency, req.Timeout = tea.String("rate(5m)"), tea.Int64(30)
	req.Tag = []*ecs.RunCommandRequestTag{{Key: tea.String("team"), Value: tea.String("ops")}}
	_, id := runCommand(t, client, req)

	inv := describeInvocation(t, client, id)
	wantAllFieldsSet(t, "Invocation", reflect.ValueOf(inv))
	if tea.StringValue(inv.Launcher) != "bash -e {{ACS::ScriptFileName}}" || tea.StringValue(inv.TerminationMode) != "ProcessTree" ||
		!tea.BoolValue(inv.Timed) || !tea.BoolValue(inv.InvokeInstances.InvokeInstance[0].Timed) {
		t.Errorf("invocation %+v", inv)
	}
	result := results(t, client, id)[0]
	wantAllFieldsSet(t, "InvocationResult", reflect.ValueOf(result))
	if tea.StringValue(result.Launcher) != "bash -e {{ACS::ScriptFileName}}" || tea.StringValue(result.TerminationMode) != "ProcessTree" {
		t.Errorf("result %+v", result)
	}
}

package alicloud

import (
	"strings"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// containerID is a well-formed ContainerId.
var containerID = "docker://" + strings.Repeat("ab", 32)

func TestMissingWorkingDirectory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	f.svc.SetMissingDirectory(instanceA, "/opt/app")
	f.svc.SetMissingDirectory("", "/gone")
	f.svc.SetOutcome(OutcomeMatch{}, Outcome{ExitCode: 9}) // a missing directory stops even an outcome
	inDir := func(dir string, instances ...string) *ecs.RunCommandRequest {
		req := runRequest("echo hi", instances...)
		req.WorkingDir = tea.String(dir)
		return req
	}

	_, id := runCommand(t, client, inDir("/opt/app", instanceA, instanceB))
	wantStatuses(t, client, id, "Failed", "Error", "Failed")
	snap, _ := f.svc.Invocation(id)
	at := formatTime(snap.CreationTime) // it fails at once, never started
	got := results(t, client, id)[0]
	want := map[string]string{
		"InstanceId": instanceA, "InvocationStatus": "Error", "InvokeRecordStatus": "Failed",
		"ErrorCode": "DirectoryNotExists", "ErrorInfo": "the specified directory does not exists.",
		"StartTime": "", "FinishedTime": at, "Output": "",
	}
	for field, value := range want {
		if v := tea.StringValue(fieldOf(got, field)); v != value {
			t.Errorf("%s = %q, want %q", field, v, value)
		}
	}
	if tea.Int64Value(got.ExitCode) != 0 {
		t.Errorf("ExitCode %d of a run that never started", tea.Int64Value(got.ExitCode))
	}
	if snap.Instances[0].ErrorCode != "DirectoryNotExists" {
		t.Errorf("the Go API shows %+v", snap.Instances[0])
	}

	// Missing everywhere, through a stored command too.
	wantStatuses(t, client, runID(t, client, inDir("/gone", instanceA, instanceB)), "Failed", "Error", "Error")
	stored := validCreateRequest()
	stored.WorkingDir = tea.String("/gone")
	created, err := client.CreateCommand(stored)
	mustSucceed(t, err)
	invoked, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: created.Body.CommandId, InstanceId: tea.StringSlice([]string{instanceB}),
	})
	mustSucceed(t, err)
	wantStatuses(t, client, tea.StringValue(invoked.Body.InvokeId), "Failed", "Error")

	f.svc.ClearOutcomes()
	wantStatuses(t, client, runID(t, client, inDir("/opt/app", instanceA, instanceB)), "PartialFailed", "Error", "Success")
	f.svc.ClearMissingDirectories()
	wantStatuses(t, client, runID(t, client, inDir("/opt/app", instanceA)), "Success", "Success")
}

func TestMissingDefaultWorkingDirectory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	f.svc.SetMissingDirectory("", "/root")

	// No WorkingDir: a shell script starts in /root.
	wantStatuses(t, client, runID(t, client, runRequest("echo hi", instanceA)), "Failed", "Error")
	// In a container the vendor ignores WorkingDir.
	inContainer := runRequest("echo hi", instanceA)
	inContainer.ContainerId = tea.String(containerID)
	wantStatuses(t, client, runID(t, client, inContainer), "Success", "Success")
	// A Windows script starts elsewhere.
	windows := runRequest("echo hi", instanceA)
	windows.Type = tea.String("RunBatScript")
	wantStatuses(t, client, runID(t, client, windows), "Success", "Success")
	f.svc.SetMissingDirectory(instanceA, `C:\Windows\System32`)
	wantStatuses(t, client, runID(t, client, windows), "Failed", "Error")
}

func TestMissingWorkingDirectoryRealistic(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(cfg *Config) { cfg.Realistic = true })
	client := f.client(t)
	f.svc.SetMissingDirectory("", "/root")
	id := runID(t, client, runRequest("echo hi", instanceA))
	wantStatuses(t, client, id, "Pending", "Pending")
	// The agent finds the directory missing once the command reaches it.
	f.clock.shift(pendingTime + time.Second)
	wantStatuses(t, client, id, "Failed", "Error")
	snap, _ := f.svc.Invocation(id)
	if got, want := tea.StringValue(results(t, client, id)[0].FinishedTime), formatTime(snap.CreationTime.Add(pendingTime)); got != want {
		t.Errorf("FinishedTime %s, want the delivery at %s", got, want)
	}
}

func runID(t *testing.T, client *ecs.Client, req *ecs.RunCommandRequest) string {
	t.Helper()
	_, id := runCommand(t, client, req)
	return id
}

// fieldOf returns a string field of a result by name, for table checks.
func fieldOf(r *ecs.DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult, name string) *string {
	fields := map[string]*string{
		"InstanceId": r.InstanceId, "InvocationStatus": r.InvocationStatus, "InvokeRecordStatus": r.InvokeRecordStatus,
		"ErrorCode": r.ErrorCode, "ErrorInfo": r.ErrorInfo, "StartTime": r.StartTime, "FinishedTime": r.FinishedTime,
		"Output": r.Output,
	}
	return fields[name]
}

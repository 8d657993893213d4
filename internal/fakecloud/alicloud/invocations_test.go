package alicloud

import (
	"encoding/base64"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

var invokeIDPattern = regexp.MustCompile(`^t-[a-z0-9]{14}$`)

const (
	instanceA = "i-aaaa00000000000001"
	instanceB = "i-bbbb00000000000002"
)

// runRequest is a RunCommand of a plain-text shell script on instances.
func runRequest(content string, instances ...string) *ecs.RunCommandRequest {
	return &ecs.RunCommandRequest{
		RegionId:       tea.String(testRegion),
		Type:           tea.String("RunShellScript"),
		CommandContent: tea.String(content),
		InstanceId:     tea.StringSlice(instances),
	}
}

// runCommand runs req and returns the command and invoke IDs.
func runCommand(t *testing.T, client *ecs.Client, req *ecs.RunCommandRequest) (string, string) {
	t.Helper()
	resp, err := client.RunCommand(req)
	mustSucceed(t, err)
	return tea.StringValue(resp.Body.CommandId), tea.StringValue(resp.Body.InvokeId)
}

// describeInvocation returns one invocation with its output in plain text.
func describeInvocation(t *testing.T, client *ecs.Client, id string) *ecs.DescribeInvocationsResponseBodyInvocationsInvocation {
	t.Helper()
	resp, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{
		RegionId: tea.String(testRegion), InvokeId: tea.String(id),
		IncludeOutput: tea.Bool(true), ContentEncoding: tea.String("PlainText"),
	})
	mustSucceed(t, err)
	list := resp.Body.Invocations.Invocation
	if len(list) != 1 {
		t.Fatalf("DescribeInvocations(%s) listed %d invocations", id, len(list))
	}
	return list[0]
}

// results returns an invocation's per-instance results in plain text.
func results(t *testing.T, client *ecs.Client, id string) []*ecs.DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult {
	t.Helper()
	resp, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
		RegionId: tea.String(testRegion), InvokeId: tea.String(id), ContentEncoding: tea.String("PlainText"),
	})
	mustSucceed(t, err)
	return resp.Body.Invocation.InvocationResults.InvocationResult
}

// statuses are the overall status then each instance's, as DescribeInvocations shows them.
func statuses(t *testing.T, client *ecs.Client, id string) []string {
	t.Helper()
	inv := describeInvocation(t, client, id)
	out := []string{tea.StringValue(inv.InvocationStatus)}
	for _, inst := range inv.InvokeInstances.InvokeInstance {
		out = append(out, tea.StringValue(inst.InvocationStatus))
	}
	return out
}

func wantStatuses(t *testing.T, client *ecs.Client, id string, want ...string) {
	t.Helper()
	if got := statuses(t, client, id); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses %q, want %q", got, want)
	}
}

func stop(t *testing.T, client *ecs.Client, id string, instances ...string) {
	t.Helper()
	req := &ecs.StopInvocationRequest{RegionId: tea.String(testRegion), InvokeId: tea.String(id)}
	if len(instances) > 0 {
		req.InstanceId = tea.StringSlice(instances)
	}
	_, err := client.StopInvocation(req)
	mustSucceed(t, err)
}

func TestRunCommandLifecycle(t *testing.T) {
	t.Parallel()
	for _, scheme := range signingSchemes {
		t.Run(scheme.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			client := f.client(t, scheme.configure)
			req := runRequest("echo hello from {{ACS::InstanceId}} in {{ACS::RegionId}}\nfail-on "+instanceB+" 3", instanceA, instanceB)
			req.Name = tea.String("greet")
			req.Tag = []*ecs.RunCommandRequestTag{{Key: tea.String("env"), Value: tea.String("test")}}
			cmdID, invokeID := runCommand(t, client, req)
			if !commandIDPattern.MatchString(cmdID) || !invokeIDPattern.MatchString(invokeID) {
				t.Fatalf("CommandId %q, InvokeId %q", cmdID, invokeID)
			}

			inv := describeInvocation(t, client, invokeID)
			wantAllFieldsSet(t, "Invocation", reflect.ValueOf(inv))
			if got := tea.StringValue(inv.InvocationStatus); got != "PartialFailed" {
				t.Errorf("InvocationStatus %q", got)
			}
			if got := tea.StringValue(inv.InvokeStatus); got != "Finished" {
				t.Errorf("InvokeStatus %q, want Finished: a non-zero exit still finishes", got)
			}
			if tea.StringValue(inv.CommandName) != "greet" || tea.StringValue(inv.RepeatMode) != "Once" ||
				tea.StringValue(inv.Username) != "root" || tea.Int64Value(inv.Timeout) != 60 || tea.StringValue(inv.Parameters) != "{}" {
				t.Errorf("invocation %+v", inv)
			}
			a, b := inv.InvokeInstances.InvokeInstance[0], inv.InvokeInstances.InvokeInstance[1]
			if got := tea.StringValue(a.Output); got != "hello from "+instanceA+" in "+testRegion+"\n" {
				t.Errorf("output %q", got)
			}
			if tea.StringValue(a.InvocationStatus) != "Success" || tea.Int32Value(a.Repeats) != 1 || tea.StringValue(a.ErrorCode) != "" {
				t.Errorf("instance A %+v", a)
			}
			if tea.StringValue(b.InvocationStatus) != "Failed" || tea.Int64Value(b.ExitCode) != 3 ||
				tea.StringValue(b.ErrorCode) != "ExitCodeNonzero" || tea.StringValue(b.InstanceInvokeStatus) != "Finished" {
				t.Errorf("instance B %+v", b)
			}

			res := results(t, client, invokeID)
			if len(res) != 2 {
				t.Fatalf("%d results", len(res))
			}
			wantAllFieldsSet(t, "InvocationResult", reflect.ValueOf(res[0]))
			if tea.StringValue(res[0].FinishedTime) == "" || tea.StringValue(res[0].StartTime) == "" {
				t.Errorf("times of a finished run: %+v", res[0])
			}
			// A command RunCommand does not keep is nowhere to be found.
			if list := describe(t, client, &ecs.DescribeCommandsRequest{}); tea.Int64Value(list.TotalCount) != 0 {
				t.Errorf("DescribeCommands lists %d commands", tea.Int64Value(list.TotalCount))
			}
		})
	}
}

func TestDescribeDefaultsToBase64AndLeavesOutOutput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	_, id := runCommand(t, client, runRequest("echo hi", instanceA))
	resp, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{RegionId: tea.String(testRegion)})
	mustSucceed(t, err)
	inv := resp.Body.Invocations.Invocation[0]
	if got := tea.StringValue(inv.CommandContent); got != base64.StdEncoding.EncodeToString([]byte("echo hi")) {
		t.Errorf("CommandContent %q, want Base64", got)
	}
	if got := tea.StringValue(inv.InvokeInstances.InvokeInstance[0].Output); got != "" {
		t.Errorf("Output %q without IncludeOutput", got)
	}
	res, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{RegionId: tea.String(testRegion), InvokeId: tea.String(id)})
	mustSucceed(t, err)
	if got := tea.StringValue(res.Body.Invocation.InvocationResults.InvocationResult[0].Output); got != base64.StdEncoding.EncodeToString([]byte("hi\n")) {
		t.Errorf("result Output %q, want Base64", got)
	}
	_, err = client.DescribeInvocations(&ecs.DescribeInvocationsRequest{RegionId: tea.String(testRegion), IncludeOutput: tea.Bool(true)})
	wantSDKError(t, err, "MissingParameter", http.StatusBadRequest)
}

func TestKeepCommand(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo kept", instanceA)
	req.KeepCommand, req.Name = tea.Bool(true), tea.String("kept")
	cmdID, _ := runCommand(t, client, req)
	got := describeOne(t, client, cmdID, "PlainText")
	if tea.StringValue(got.CommandContent) != "echo kept" || tea.Int32Value(got.InvokeTimes) != 1 {
		t.Errorf("kept command %+v", got)
	}
	invokeResp, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: tea.String(cmdID), InstanceId: tea.StringSlice([]string{instanceB}),
	})
	mustSucceed(t, err)
	inv := describeInvocation(t, client, tea.StringValue(invokeResp.Body.InvokeId))
	if got := tea.StringValue(inv.InvokeInstances.InvokeInstance[0].Output); got != "kept\n" {
		t.Errorf("output %q", got)
	}
	if n := tea.Int32Value(describeOne(t, client, cmdID, "").InvokeTimes); n != 2 {
		t.Errorf("InvokeTimes %d, want 2", n)
	}
}

func TestInvokeCommandParameters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	create := validCreateRequest()
	create.EnableParameter = tea.Bool(true)
	create.CommandContent = tea.String("echo {{Name}} {{ACS::InvokeId}} {{ACS::CommandId}}")
	created, err := client.CreateCommand(create)
	mustSucceed(t, err)
	cmdID := tea.StringValue(created.Body.CommandId)
	invoke := func(parameters map[string]any) (string, error) {
		resp, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
			RegionId: tea.String(testRegion), CommandId: tea.String(cmdID),
			InstanceId: tea.StringSlice([]string{instanceA}), Parameters: parameters,
		})
		if err != nil {
			return "", err
		}
		return tea.StringValue(resp.Body.InvokeId), nil
	}

	id, err := invoke(map[string]any{"name": "Jack"})
	mustSucceed(t, err)
	inv := describeInvocation(t, client, id)
	if got := tea.StringValue(inv.InvokeInstances.InvokeInstance[0].Output); got != "Jack "+id+" "+cmdID+"\n" {
		t.Errorf("output %q", got)
	}
	if got := tea.StringValue(inv.Parameters); got != `{"name":"Jack"}` {
		t.Errorf("Parameters %q", got)
	}

	_, err = invoke(nil)
	wantSDKError(t, err, "Parameter.MissingValue", http.StatusBadRequest)
	_, err = invoke(map[string]any{"name": "Jack", "other": "x"})
	wantSDKError(t, err, "Parameter.NotMatched", http.StatusForbidden)
	_, err = invoke(map[string]any{"name": map[string]any{"nested": true}})
	wantSDKError(t, err, "ParameterType.NotSupported", http.StatusForbidden)
	many := map[string]any{}
	for i := range 11 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	_, err = invoke(many)
	wantSDKError(t, err, "ParameterCount.ExceedLimit", http.StatusForbidden)

	plain, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	_, err = client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: plain.Body.CommandId,
		InstanceId: tea.StringSlice([]string{instanceA}), Parameters: map[string]any{"name": "Jack"},
	})
	wantSDKError(t, err, "Parameter.Disabled", http.StatusBadRequest)
}

func TestInvocationValidation(t *testing.T) {
	t.Parallel()
	instances := fleet.New(
		fleet.Instance{ID: "i-stopped000000000001", State: fleet.Stopped},
		fleet.Instance{ID: "i-gone00000000000001", State: fleet.NotFound},
		fleet.Instance{ID: "i-web000000000000001", State: fleet.Running, Tags: map[string]string{"role": "web"}},
	)
	f := newFixture(t, func(cfg *Config) { cfg.Fleet = instances })
	client := f.client(t)
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "i-many" + strings.Repeat("0", 10) + string(rune('a'+i/26)) + string(rune('a'+i%26))
		}
		return out
	}
	tests := []struct {
		name   string
		change func(*ecs.RunCommandRequest)
		code   string
		status int
	}{
		{"unknown type", func(r *ecs.RunCommandRequest) { r.Type = tea.String("RunPython") }, "InvalidCmdType.NotFound", 404},
		{"content past 24 KB", func(r *ecs.RunCommandRequest) { r.CommandContent = tea.String(strings.Repeat("x", 18*1024+1)) }, "CmdContent.ExceedLimit", 403},
		{"kept content past 18 KB", func(r *ecs.RunCommandRequest) {
			r.KeepCommand, r.CommandContent = tea.Bool(true), tea.String(strings.Repeat("x", 13*1024+900))
		}, "CmdContent.ExceedLimit", 403},
		{"bad Base64", func(r *ecs.RunCommandRequest) { r.ContentEncoding = tea.String("base64") }, "CmdContent.DecodeError", 400},
		{"no instance", func(r *ecs.RunCommandRequest) { r.InstanceId = nil }, "MissingParam.InstanceId", 400},
		{"101 instances", func(r *ecs.RunCommandRequest) { r.InstanceId = tea.StringSlice(ids(101)) }, "InstanceIds.ExceedLimit", 403},
		{"malformed instance", func(r *ecs.RunCommandRequest) { r.InstanceId = tea.StringSlice([]string{"ins-abc"}) }, "InvalidInstance.NotFound", 404},
		{"released instance", func(r *ecs.RunCommandRequest) { r.InstanceId = tea.StringSlice([]string{"i-gone00000000000001"}) }, "InvalidInstance.NotFound", 404},
		{"stopped instance", func(r *ecs.RunCommandRequest) {
			r.InstanceId = tea.StringSlice([]string{instanceA, "i-stopped000000000001"})
		}, "InvalidInstance.NotMatch", 400},
		{"tags and IDs", func(r *ecs.RunCommandRequest) {
			r.ResourceTag = []*ecs.RunCommandRequestResourceTag{{Key: tea.String("role"), Value: tea.String("web")}}
		}, "InvalidResourceTag.ConflictWithInstanceIds", 400},
		{"tags matching nothing", func(r *ecs.RunCommandRequest) {
			r.InstanceId = nil
			r.ResourceTag = []*ecs.RunCommandRequestResourceTag{{Key: tea.String("role"), Value: tea.String("db")}}
		}, "InvalidResourceTag.InstanceNotFound", 400},
		{"Period without Frequency", func(r *ecs.RunCommandRequest) { r.RepeatMode = tea.String("Period") }, "MissingParam.Frequency", 400},
		{"bad Frequency", func(r *ecs.RunCommandRequest) { r.Frequency = tea.String("every day") }, "InvalidParam.Frequency", 400},
		{"rate not past the timeout", func(r *ecs.RunCommandRequest) { r.Frequency = tea.String("rate(60s)") }, "InvalidParam.Frequency", 400},
		{"unknown RepeatMode", func(r *ecs.RunCommandRequest) { r.RepeatMode = tea.String("Twice") }, "InvalidRepeatMode.NotFound", 404},
		{"long Username", func(r *ecs.RunCommandRequest) { r.Username = tea.String(strings.Repeat("u", 256)) }, "Username.ExceedLimit", 403},
		{"long WindowsPasswordName", func(r *ecs.RunCommandRequest) {
			r.WindowsPasswordName = tea.String(strings.Repeat("p", 256))
		}, "WindowsPasswordName.ExceedLimit", 403},
		{"bad ContainerId", func(r *ecs.RunCommandRequest) { r.ContainerId = tea.String("docker://abc") }, "InvalidContainerId.Malformed", 400},
		{"bad TerminationMode", func(r *ecs.RunCommandRequest) { r.TerminationMode = tea.String("Kill") }, "InvalidTerminationMode.NotFound", 404},
		{"short Timeout", func(r *ecs.RunCommandRequest) { r.Timeout = tea.Int64(5) }, "InvalidParameter.Timeout", 400},
		{"Parameters without EnableParameter", func(r *ecs.RunCommandRequest) {
			r.Parameters = map[string]any{"a": "b"}
		}, "Parameter.Disabled", 400},
		{"Parameters not in the content", func(r *ecs.RunCommandRequest) {
			r.EnableParameter, r.Parameters = tea.Bool(true), map[string]any{"a": "b"}
		}, "Parameter.NotMatched", 400},
		{"bad tag", func(r *ecs.RunCommandRequest) {
			r.Tag = []*ecs.RunCommandRequestTag{{Key: tea.String("aliyun-x"), Value: tea.String("v")}}
		}, "InvalidTagKey.Malformed", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := runRequest("echo hi", instanceA)
			tt.change(req)
			_, err := client.RunCommand(req)
			wantSDKError(t, err, tt.code, tt.status)
		})
	}
	if n := len(f.svc.Invocations()); n != 0 {
		t.Errorf("%d invocations made by refused requests", n)
	}

	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	_, err = client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: created.Body.CommandId, InstanceId: tea.StringSlice(ids(51)),
	})
	wantSDKError(t, err, "InstanceIds.ExceedLimit", http.StatusForbidden)
	_, err = client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: tea.String("c-missing0000000"), InstanceId: tea.StringSlice([]string{instanceA}),
	})
	wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
}

func TestResourceTagsSelectInstances(t *testing.T) {
	t.Parallel()
	instances := fleet.New(
		fleet.Instance{ID: "i-web000000000000002", State: fleet.Running, Tags: map[string]string{"role": "web", "env": "prod"}},
		fleet.Instance{ID: "i-web000000000000001", State: fleet.Running, Tags: map[string]string{"role": "web"}},
		fleet.Instance{ID: "i-db0000000000000001", State: fleet.Running, Tags: map[string]string{"role": "db"}},
	)
	f := newFixture(t, func(cfg *Config) { cfg.Fleet = instances })
	client := f.client(t)
	req := runRequest("hostname")
	req.ResourceTag = []*ecs.RunCommandRequestResourceTag{{Key: tea.String("role"), Value: tea.String("web")}}
	_, id := runCommand(t, client, req)
	snap, _ := f.svc.Invocation(id)
	var got []string
	for _, inst := range snap.Instances {
		got = append(got, inst.InstanceID+" "+strings.TrimSpace(inst.Output))
	}
	want := []string{"i-web000000000000001 i-web000000000000001", "i-web000000000000002 i-web000000000000002"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ran on %q, want %q", got, want)
	}
}

func TestFrequencyForms(t *testing.T) {
	t.Parallel()
	valid := []string{
		"rate(5m)", "rate(120s)", "rate(1h)", "rate(7d)",
		"at(2022-06-06 13:15:30 Asia/Shanghai)", "at(2022-06-06 13:15:30 GMT-7:00)", "at(2022-06-06 13:15:30)",
		"at(2022-06-06 13:15:30 UTC)",
		"0 */20 * * * ?", "0 */20 * * * *", "0 15 10 ? * * 2022 Asia/Shanghai", "0 0/30 10-11 * * ? 2022 GMT+8:00",
		"0 0/5 14 * 10 ? 2022/2 UTC", "0 0 12 ? * MON-FRI", "0 0 12 L * ?", "0 0 12 ? * 6#3", "0 0 12 15W * ?",
		"0 0 0 1 JAN,JUL ?",
	}
	for _, frequency := range valid {
		if _, err := parseFrequency(frequency, time.Minute); err != nil {
			t.Errorf("%q refused: %v", frequency, err)
		}
	}
	invalid := []string{
		"rate(30s)", "rate(8d)", "rate(5x)", "rate(m)", "at(2022-06-06)", "at(2022-06-06 13:15:30 Mars/Base)",
		"0 */20 * * *", "60 * * * * ?", "0 * 24 * * ?", "0 * * 32 * ?", "0 * * * 13 ?", "0 * * * * 8",
		"? * * * * *", "0 * * * * ? 2022 Nowhere", "0 * * * * ? 2022 UTC extra", "",
	}
	for _, frequency := range invalid {
		if _, err := parseFrequency(frequency, time.Minute); err == nil {
			t.Errorf("%q accepted", frequency)
		}
	}
}

func TestInvocationsFiltersAndPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	var ids []string
	for i := range 3 {
		req := runRequest("exit "+string(rune('0'+i)), instanceA)
		if i == 2 {
			req.InstanceId = tea.StringSlice([]string{instanceB})
		}
		_, id := runCommand(t, client, req)
		ids = append(ids, id)
	}
	list := func(req *ecs.DescribeInvocationsRequest) *ecs.DescribeInvocationsResponseBody {
		t.Helper()
		req.RegionId = tea.String(testRegion)
		resp, err := client.DescribeInvocations(req)
		mustSucceed(t, err)
		return resp.Body
	}
	invokeIDs := func(body *ecs.DescribeInvocationsResponseBody) []string {
		var out []string
		for _, inv := range body.Invocations.Invocation {
			out = append(out, tea.StringValue(inv.InvokeId))
		}
		return out
	}
	if got := invokeIDs(list(&ecs.DescribeInvocationsRequest{})); !reflect.DeepEqual(got, []string{ids[2], ids[1], ids[0]}) {
		t.Errorf("newest first: %q", got)
	}
	if got := invokeIDs(list(&ecs.DescribeInvocationsRequest{InstanceId: tea.String(instanceA)})); !reflect.DeepEqual(got, []string{ids[1], ids[0]}) {
		t.Errorf("by instance: %q", got)
	}
	// A run that exits non-zero has finished: InvokeStatus is Finished.
	if got := invokeIDs(list(&ecs.DescribeInvocationsRequest{InvokeStatus: tea.String("Finished")})); len(got) != 3 {
		t.Errorf("finished ones: %q", got)
	}
	if got := invokeIDs(list(&ecs.DescribeInvocationsRequest{InvokeStatus: tea.String("Running")})); len(got) != 0 {
		t.Errorf("running ones: %q", got)
	}
	page := list(&ecs.DescribeInvocationsRequest{PageNumber: tea.Int64(2), PageSize: tea.Int64(2)})
	if got := invokeIDs(page); !reflect.DeepEqual(got, []string{ids[0]}) || tea.Int64Value(page.TotalCount) != 3 {
		t.Errorf("page 2: %q of %d", got, tea.Int64Value(page.TotalCount))
	}
	first := list(&ecs.DescribeInvocationsRequest{MaxResults: tea.Int32(2)})
	second := list(&ecs.DescribeInvocationsRequest{MaxResults: tea.Int32(2), NextToken: first.NextToken})
	if got := append(invokeIDs(first), invokeIDs(second)...); !reflect.DeepEqual(got, []string{ids[2], ids[1], ids[0]}) ||
		tea.StringValue(second.NextToken) != "" {
		t.Errorf("by token: %q, last token %q", got, tea.StringValue(second.NextToken))
	}
	_, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{RegionId: tea.String(testRegion), PageSize: tea.Int64(51)})
	wantSDKError(t, err, "InvalidParam.PageSize", http.StatusForbidden)

	res, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
		RegionId: tea.String(testRegion), InvokeRecordStatus: tea.String("Finished"), PageSize: tea.Int64(1),
	})
	mustSucceed(t, err)
	if page := res.Body.Invocation; tea.Int64Value(page.TotalCount) != 3 || len(page.InvocationResults.InvocationResult) != 1 {
		t.Errorf("results page: %d of %d", len(page.InvocationResults.InvocationResult), tea.Int64Value(page.TotalCount))
	}
}

func TestStopInvocation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo started\nsleep 500\necho never", instanceA, instanceB)
	req.Timeout = tea.Int64(600)
	_, id := runCommand(t, client, req)
	wantStatuses(t, client, id, "Running", "Running", "Running")

	stop(t, client, id, instanceB)
	wantStatuses(t, client, id, "Running", "Running", "Terminated")
	stop(t, client, id)
	wantStatuses(t, client, id, "Stopped", "Terminated", "Terminated")
	inv := describeInvocation(t, client, id)
	b := inv.InvokeInstances.InvokeInstance[1]
	if tea.Int64Value(b.ExitCode) != -1 || tea.StringValue(b.Output) != "started\n" || tea.StringValue(b.StopTime) == "" ||
		tea.StringValue(b.InstanceInvokeStatus) != "Stopped" || tea.StringValue(inv.InvokeStatus) != "Stopped" {
		t.Errorf("stopped instance %+v", b)
	}
	// A stopped run stays stopped.
	f.clock.shift(10 * time.Minute)
	wantStatuses(t, client, id, "Stopped", "Terminated", "Terminated")

	_, err := client.StopInvocation(&ecs.StopInvocationRequest{RegionId: tea.String(testRegion), InvokeId: tea.String("t-missing0000000")})
	wantSDKError(t, err, "InvalidInvokeId.NotFound", http.StatusNotFound)
}

func TestTimelineRealistic(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(cfg *Config) { cfg.Realistic = true })
	client := f.client(t)
	req := runRequest("echo one\nsleep 100\necho two", instanceA)
	req.Timeout = tea.Int64(300)
	_, id := runCommand(t, client, req)
	wantStatuses(t, client, id, "Pending", "Pending")
	f.clock.shift(30 * time.Second)
	wantStatuses(t, client, id, "Running", "Running")
	if got := tea.StringValue(describeInvocation(t, client, id).InvokeInstances.InvokeInstance[0].Output); got != "one\n" {
		t.Errorf("output while running %q", got)
	}
	f.clock.shift(2 * time.Minute)
	wantStatuses(t, client, id, "Success", "Success")

	// Pending runs are cancelled; running ones stop for a second first.
	_, pending := runCommand(t, client, runRequest("sleep 100", instanceA))
	stop(t, client, pending)
	wantStatuses(t, client, pending, "Stopped", "Cancelled")
	_, running := runCommand(t, client, runRequest("sleep 100", instanceA))
	f.clock.shift(10 * time.Second)
	stop(t, client, running)
	wantStatuses(t, client, running, "Stopping", "Stopping")
	f.clock.shift(5 * time.Second)
	wantStatuses(t, client, running, "Stopped", "Terminated")
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo start\nsleep 100", instanceA)
	req.Timeout = tea.Int64(10)
	_, id := runCommand(t, client, req)
	f.clock.shift(30 * time.Second)
	wantStatuses(t, client, id, "Failed", "Timeout")
	res := results(t, client, id)[0]
	start, _ := time.Parse(timestampLayout, tea.StringValue(res.StartTime))
	finish, _ := time.Parse(timestampLayout, tea.StringValue(res.FinishedTime))
	if tea.StringValue(res.ErrorCode) != "ExecutionTimeout" || tea.StringValue(res.InvokeRecordStatus) != "Failed" ||
		tea.Int64Value(res.ExitCode) != -1 || finish.Sub(start) != 10*time.Second || tea.StringValue(res.Output) != "start\n" {
		t.Errorf("timed-out result %+v", res)
	}
}

func TestScheduledInvocations(t *testing.T) {
	t.Parallel()
	// The clock moves further than requests' timestamps may drift.
	f := newFixture(t, func(cfg *Config) { cfg.Skew = time.Hour })
	client := f.client(t)

	rate := runRequest("echo tick", instanceA)
	rate.Frequency, rate.Timeout = tea.String("rate(2m)"), tea.Int64(30)
	_, rateID := runCommand(t, client, rate)
	wantStatuses(t, client, rateID, "Scheduled", "Scheduled")
	f.clock.shift(5 * time.Minute)
	inv := describeInvocation(t, client, rateID)
	inst := inv.InvokeInstances.InvokeInstance[0]
	if tea.StringValue(inv.RepeatMode) != "Period" || tea.StringValue(inv.Frequency) != "rate(2m)" ||
		tea.Int32Value(inst.Repeats) != 2 || tea.StringValue(inst.Output) != "tick\n" || tea.StringValue(inv.InvokeStatus) != "Running" {
		t.Errorf("after two runs: %+v / %+v", inv, inst)
	}
	stop(t, client, rateID)
	wantStatuses(t, client, rateID, "Stopped", "Cancelled")
	f.clock.shift(5 * time.Minute)
	if n := tea.Int32Value(describeInvocation(t, client, rateID).InvokeInstances.InvokeInstance[0].Repeats); n != 2 {
		t.Errorf("a stopped schedule ran again: Repeats %d", n)
	}

	cron := runRequest("echo tick", instanceA)
	cron.RepeatMode, cron.Frequency = tea.String("Period"), tea.String("0 */20 * * * ?")
	_, cronID := runCommand(t, client, cron)
	reboot := runRequest("echo boot", instanceA)
	reboot.RepeatMode = tea.String("EveryReboot")
	_, rebootID := runCommand(t, client, reboot)
	f.clock.shift(10 * time.Minute)
	wantStatuses(t, client, cronID, "Scheduled", "Scheduled")
	wantStatuses(t, client, rebootID, "Scheduled", "Scheduled")

	at := runRequest("echo once", instanceA)
	at.Frequency = tea.String("at(" + f.clock.Now().UTC().Add(3*time.Minute).Format("2006-01-02 15:04:05") + " UTC)")
	_, atID := runCommand(t, client, at)
	wantStatuses(t, client, atID, "Scheduled", "Scheduled")
	f.clock.shift(4 * time.Minute)
	wantStatuses(t, client, atID, "Success", "Success")
}

func TestUnreachableAgentAborts(t *testing.T) {
	t.Parallel()
	const offline = "i-offline00000000001"
	instances := fleet.New(fleet.Instance{ID: offline, State: fleet.AgentOffline})
	f := newFixture(t, func(cfg *Config) { cfg.Fleet = instances })
	client := f.client(t)
	_, id := runCommand(t, client, runRequest("echo hi", instanceA, offline))
	wantStatuses(t, client, id, "PartialFailed", "Success", "Aborted")
	res := results(t, client, id)
	if tea.StringValue(res[1].ErrorCode) != "ClientNotRunning" || tea.StringValue(res[1].StartTime) != "" {
		t.Errorf("aborted result %+v", res[1])
	}
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	f.svc.SetOutcome(OutcomeMatch{InstanceID: instanceB}, Outcome{ExitCode: 3, Output: "disk full\n"})
	f.svc.SetOutcome(OutcomeMatch{}, Outcome{NeverFinishes: true})
	_, id := runCommand(t, client, runRequest("echo ignored", instanceA, instanceB))
	wantStatuses(t, client, id, "Running", "Running", "Failed")
	f.clock.shift(2 * time.Minute)
	// A timeout and a failure are both failures.
	wantStatuses(t, client, id, "Failed", "Timeout", "Failed")
	snap, _ := f.svc.Invocation(id)
	if got := snap.Instances[1]; got.Output != "disk full\n" || got.ExitCode != 3 {
		t.Errorf("outcome run %+v", got)
	}
	f.svc.ClearOutcomes()
	_, id = runCommand(t, client, runRequest("echo real", instanceA))
	if snap, _ := f.svc.Invocation(id); snap.Instances[0].Output != "real\n" {
		t.Errorf("after ClearOutcomes: %+v", snap.Instances[0])
	}
}

func TestClientTokenAndDroppedResponse(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo once", instanceA)
	req.ClientToken = tea.String("token-1")

	f.svc.DropNextResponse("RunCommand")
	if _, err := client.RunCommand(req); err == nil {
		t.Fatal("a dropped response reached the client")
	}
	if n := len(f.svc.Invocations()); n != 1 {
		t.Fatalf("%d invocations after the dropped response, want 1: the request must still act", n)
	}
	cmdID, id := runCommand(t, client, req)
	if n := len(f.svc.Invocations()); n != 1 || f.svc.Invocations()[0].ID != id || f.svc.Invocations()[0].CommandID != cmdID {
		t.Errorf("the retry ran again or answered other IDs: %d invocations", n)
	}
	if n := f.svc.RequestCount("RunCommand"); n != 2 {
		t.Errorf("RequestCount %d, want 2", n)
	}
	req.CommandContent = tea.String("echo twice")
	_, err := client.RunCommand(req)
	wantSDKError(t, err, "IdempotentParameterMismatch", http.StatusForbidden)
}

func TestGoAPIInvocations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	_, first := runCommand(t, client, runRequest("echo 1", instanceA))
	_, second := runCommand(t, client, runRequest("echo 2", instanceA))
	list := f.svc.Invocations()
	if len(list) != 2 || list[0].ID != first || list[1].ID != second {
		t.Fatalf("Invocations oldest first: %+v", list)
	}
	snap, ok := f.svc.Invocation(first)
	if !ok || snap.Status != "Success" || snap.CommandContent != "echo 1" || snap.Instances[0].Output != "1\n" {
		t.Errorf("snapshot %+v", snap)
	}
	if !f.svc.DeleteInvocation(first) || f.svc.DeleteInvocation(first) {
		t.Error("DeleteInvocation reports wrongly")
	}
	_, err := client.StopInvocation(&ecs.StopInvocationRequest{RegionId: tea.String(testRegion), InvokeId: tea.String(first)})
	wantSDKError(t, err, "InvalidInvokeId.NotFound", http.StatusNotFound)
}

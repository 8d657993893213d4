package tencent

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// createScript creates a command running script and returns its ID.
func createScript(t *testing.T, c *tat.Client, name, script string, change ...func(*tat.CreateCommandRequest)) string {
	t.Helper()
	req := newCreateRequest(name)
	req.Content = common.StringPtr(b64(script))
	for _, ch := range change {
		ch(req)
	}
	return createCommand(t, c, req)
}

func invokeRequestFor(commandID string, instances ...string) *tat.InvokeCommandRequest {
	req := tat.NewInvokeCommandRequest()
	req.CommandId = common.StringPtr(commandID)
	req.InstanceIds = common.StringPtrs(instances)
	return req
}

func invokeWith(t *testing.T, c *tat.Client, req *tat.InvokeCommandRequest) string {
	t.Helper()
	resp, err := c.InvokeCommand(req)
	mustSucceed(t, err)
	id := *resp.Response.InvocationId
	if !invocationIDPattern.MatchString(id) {
		t.Fatalf("InvocationId %q is not inv- and 8 lowercase letters or digits", id)
	}
	return id
}

func invoke(t *testing.T, c *tat.Client, commandID string, instances ...string) string {
	t.Helper()
	return invokeWith(t, c, invokeRequestFor(commandID, instances...))
}

// describeInvocation returns the invocation through DescribeInvocations.
func describeInvocation(t *testing.T, c *tat.Client, id string) *tat.Invocation {
	t.Helper()
	req := tat.NewDescribeInvocationsRequest()
	req.InvocationIds = common.StringPtrs([]string{id})
	resp, err := c.DescribeInvocations(req)
	mustSucceed(t, err)
	if n := *resp.Response.TotalCount; n != 1 || len(resp.Response.InvocationSet) != 1 {
		t.Fatalf("DescribeInvocations(%s): TotalCount %d, %d invocations; want 1", id, n, len(resp.Response.InvocationSet))
	}
	return resp.Response.InvocationSet[0]
}

// describeTasks returns the invocation's tasks with their output.
func describeTasks(t *testing.T, c *tat.Client, invocationID string) []*tat.InvocationTask {
	t.Helper()
	req := tat.NewDescribeInvocationTasksRequest()
	req.Filters = []*tat.Filter{filter("invocation-id", invocationID)}
	req.HideOutput = common.BoolPtr(false)
	req.Limit = common.Uint64Ptr(100)
	resp, err := c.DescribeInvocationTasks(req)
	mustSucceed(t, err)
	return resp.Response.InvocationTaskSet
}

func decodedOutput(t *testing.T, task *tat.InvocationTask) string {
	t.Helper()
	out, err := base64.StdEncoding.DecodeString(*task.TaskResult.Output)
	if err != nil {
		t.Fatalf("TaskResult.Output %q is not Base64: %v", *task.TaskResult.Output, err)
	}
	return string(out)
}

// str reads a nullable string: "<null>" for null.
func str(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

func TestInvokeCommandRoundTrip(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	at := formatTime(env.now())
	script := "echo {{greeting}} from $(hostname)\nhostname"
	cmd := createScript(t, c, "greet", script, func(r *tat.CreateCommandRequest) {
		r.EnableParameter = common.BoolPtr(true)
		r.DefaultParameters = common.StringPtr(`{"greeting":"hello"}`)
	})

	req := invokeRequestFor(cmd, "ins-web00001", "ins-web00002")
	req.Parameters = common.StringPtr(`{"greeting": "hi"}`)
	req.Username = common.StringPtr("deployer")
	req.WorkingDirectory = common.StringPtr("/srv")
	req.Timeout = common.Uint64Ptr(30)
	req.OutputCOSBucketUrl = common.StringPtr("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
	req.OutputCOSKeyPrefix = common.StringPtr("tat/runs")
	id := invokeWith(t, c, req)

	inv := describeInvocation(t, c, id)
	if len(inv.InvocationTaskBasicInfoSet) != 2 {
		t.Fatalf("%d tasks, want 2", len(inv.InvocationTaskBasicInfoSet))
	}
	gotInv := map[string]string{
		"InvocationId": *inv.InvocationId, "CommandId": *inv.CommandId, "CommandName": *inv.CommandName,
		"InvocationStatus": *inv.InvocationStatus, "Description": *inv.Description,
		"StartTime": str(inv.StartTime), "EndTime": str(inv.EndTime), "CreatedTime": *inv.CreatedTime, "UpdatedTime": *inv.UpdatedTime,
		"Parameters": *inv.Parameters, "DefaultParameters": *inv.DefaultParameters, "InstanceKind": *inv.InstanceKind,
		"Username": *inv.Username, "InvocationSource": *inv.InvocationSource, "CommandContent": *inv.CommandContent,
		"CommandType": *inv.CommandType, "Timeout": fmt.Sprint(*inv.Timeout), "WorkingDirectory": *inv.WorkingDirectory,
		"OutputCOSBucketUrl": *inv.OutputCOSBucketUrl, "OutputCOSKeyPrefix": *inv.OutputCOSKeyPrefix,
	}
	wantInv := map[string]string{
		"InvocationId": id, "CommandId": cmd, "CommandName": "greet", "InvocationStatus": "SUCCESS", "Description": "",
		"StartTime": at, "EndTime": at, "CreatedTime": at, "UpdatedTime": at,
		"Parameters": `{"greeting": "hi"}`, "DefaultParameters": `{"greeting":"hello"}`, "InstanceKind": "CVM",
		"Username": "deployer", "InvocationSource": "USER", "CommandContent": b64(script),
		"CommandType": "SHELL", "Timeout": "30", "WorkingDirectory": "/srv",
		"OutputCOSBucketUrl": "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com", "OutputCOSKeyPrefix": "tat/runs",
	}
	if !reflect.DeepEqual(gotInv, wantInv) {
		t.Errorf("invocation\n got %v\nwant %v", gotInv, wantInv)
	}

	tasks := describeTasks(t, c, id)
	if len(tasks) != 2 {
		t.Fatalf("%d tasks, want 2", len(tasks))
	}
	for i, task := range tasks {
		instance := []string{"ins-web00001", "ins-web00002"}[i]
		basic := inv.InvocationTaskBasicInfoSet[i]
		if *basic.InvocationTaskId != *task.InvocationTaskId || *basic.InstanceId != instance || *basic.TaskStatus != "SUCCESS" {
			t.Errorf("basic info %d: %s on %s is %s", i, *basic.InvocationTaskId, *basic.InstanceId, *basic.TaskStatus)
		}
		assertTask(t, task, map[string]string{
			"InvocationId": id, "InvocationTaskId": *basic.InvocationTaskId, "CommandId": cmd, "TaskStatus": "SUCCESS",
			"InstanceId": instance, "StartTime": at, "EndTime": at, "CreatedTime": at, "UpdatedTime": at,
			"ErrorInfo": "", "InvocationSource": "USER", "CommandName": "greet",
			"ExitCode": "0", "Output": "hi from " + instance + "\n" + instance + "\n", "Dropped": "0",
			"ExecStartTime": at, "ExecEndTime": at,
			"OutputUrl":                "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/tat/runs/" + id + "/" + *basic.InvocationTaskId + ".log",
			"OutputUploadCOSErrorInfo": "",
			"Document":                 fmt.Sprintf("%s SHELL 30 /srv deployer https://logs-1250000000.cos.ap-guangzhou.myqcloud.com tat/runs", b64(script)),
		})
		if !invocationTaskIDPattern.MatchString(*task.InvocationTaskId) {
			t.Errorf("InvocationTaskId %q is not invt- and 8 lowercase letters or digits", *task.InvocationTaskId)
		}
	}
}

// assertTask compares every field of a task, flattened to strings.
func assertTask(t *testing.T, task *tat.InvocationTask, want map[string]string) {
	t.Helper()
	r, d := task.TaskResult, task.CommandDocument
	got := map[string]string{
		"InvocationId": *task.InvocationId, "InvocationTaskId": *task.InvocationTaskId, "CommandId": *task.CommandId,
		"TaskStatus": *task.TaskStatus, "InstanceId": *task.InstanceId, "StartTime": str(task.StartTime), "EndTime": str(task.EndTime),
		"CreatedTime": *task.CreatedTime, "UpdatedTime": *task.UpdatedTime, "ErrorInfo": *task.ErrorInfo,
		"InvocationSource": *task.InvocationSource, "CommandName": *task.CommandName,
		"ExitCode": fmt.Sprint(*r.ExitCode), "Output": decodedOutput(t, task), "Dropped": fmt.Sprint(*r.Dropped),
		"ExecStartTime": str(r.ExecStartTime), "ExecEndTime": str(r.ExecEndTime), "OutputUrl": *r.OutputUrl,
		"OutputUploadCOSErrorInfo": *r.OutputUploadCOSErrorInfo,
		"Document": fmt.Sprintf("%s %s %d %s %s %s %s", *d.Content, *d.CommandType, *d.Timeout, *d.WorkingDirectory,
			*d.Username, *d.OutputCOSBucketUrl, *d.OutputCOSKeyPrefix),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("task\n got %v\nwant %v", got, want)
	}
}

func TestInvokeCommandTakesTheCommandsSettings(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "windows", "echo hi", func(r *tat.CreateCommandRequest) {
		r.CommandType = common.StringPtr("POWERSHELL")
		r.Timeout = common.Uint64Ptr(120)
		r.OutputCOSBucketUrl = common.StringPtr("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/")
	})
	id := invoke(t, c, cmd, "lhins-light001")

	inv := describeInvocation(t, c, id)
	got := fmt.Sprintf("%s|%s|%d|%s|%s|%s|%s|%s", *inv.InstanceKind, *inv.CommandType, *inv.Timeout, *inv.WorkingDirectory,
		*inv.Username, *inv.Parameters, *inv.OutputCOSBucketUrl, *inv.OutputCOSKeyPrefix)
	want := `LIGHTHOUSE|POWERSHELL|120|C:\Program Files\qcloud\tat_agent\workdir|System||https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/|`
	if got != want {
		t.Errorf("invocation settings\n got %s\nwant %s", got, want)
	}
	task := describeTasks(t, c, id)[0]
	if url := *task.TaskResult.OutputUrl; url != "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/"+id+"/"+*task.InvocationTaskId+".log" {
		t.Errorf("OutputUrl %s", url)
	}
}

func TestInvokeCommandAcceptsValuesAtTheLimits(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "limits", "echo ok")
	instances := make([]string, 100)
	for i := range instances {
		instances[i] = fmt.Sprintf("ins-%08d", i)
	}
	id := invoke(t, c, cmd, instances...)
	if got := len(describeInvocation(t, c, id).InvocationTaskBasicInfoSet); got != 100 {
		t.Errorf("%d tasks, want 100", got)
	}
	for _, timeout := range []uint64{1, 86400} {
		req := invokeRequestFor(cmd, "ins-00000001")
		req.Timeout = common.Uint64Ptr(timeout)
		invokeWith(t, c, req)
	}
}

func TestInvokeCommandValidation(t *testing.T) {
	t.Parallel()
	tooManyInstances := make([]string, 201)
	for i := range tooManyInstances {
		tooManyInstances[i] = fmt.Sprintf("ins-%08d", i)
	}
	tooManyParameters := map[string]string{}
	for i := range 21 {
		tooManyParameters[fmt.Sprintf("p%d", i)] = "v"
	}
	env := newTestEnv(t, func(cfg *Config) {
		cfg.Fleet = fleet.New(
			fleet.Instance{ID: "ins-gone0001", State: fleet.NotFound},
			fleet.Instance{ID: "ins-down0001", State: fleet.Stopped},
			fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline},
			fleet.Instance{ID: "ins-noagent1", State: fleet.AgentNotInstalled},
			fleet.Instance{ID: "ins-fine0001", State: fleet.Running},
			fleet.Instance{ID: "rins-down0001", State: fleet.Stopped},
			fleet.Instance{ID: "rins-offline01", State: fleet.AgentOffline},
		)
	})
	c := env.tatClient(t)
	plain := createScript(t, c, "plain", "echo {{name}}")
	withParameters := createScript(t, c, "with-parameters", "echo {{name}} {{tat-hidden:other}}", func(r *tat.CreateCommandRequest) {
		r.EnableParameter = common.BoolPtr(true)
		r.DefaultParameters = common.StringPtr(`{"name":"default"}`)
	})
	parameters := func(text string) func(*tat.InvokeCommandRequest) {
		return func(r *tat.InvokeCommandRequest) {
			r.CommandId = common.StringPtr(withParameters)
			r.Parameters = common.StringPtr(text)
		}
	}
	instances := func(ids ...string) func(*tat.InvokeCommandRequest) {
		return func(r *tat.InvokeCommandRequest) { r.InstanceIds = common.StringPtrs(ids) }
	}

	tests := []struct {
		name     string
		change   func(*tat.InvokeCommandRequest)
		wantCode string
	}{
		{"no command ID", func(r *tat.InvokeCommandRequest) { r.CommandId = nil }, codeMissingParameter},
		{"malformed command ID", func(r *tat.InvokeCommandRequest) { r.CommandId = common.StringPtr("cmd-XYZ") }, codeInvalidCommandID},
		{"unknown command", func(r *tat.InvokeCommandRequest) { r.CommandId = common.StringPtr("cmd-00000000") }, codeCommandNotFound},
		{"no instances", func(r *tat.InvokeCommandRequest) { r.InstanceIds = nil }, codeMissingParameter},
		{"201 instances", instances(tooManyInstances...), codeValueLimitExceeded},
		{"malformed instance ID", instances("ins-fine0001", "i-abc"), codeInvalidInstanceID},
		{"uppercase instance ID", instances("ins-ABCDEFGH"), codeInvalidInstanceID},
		{"managed instance ID too short", instances("rins-abc1234"), codeInvalidInstanceID},
		{"uppercase managed instance ID", instances("rins-8DZ6CWXX"), codeInvalidInstanceID},
		{"Alibaba managed instance ID", instances("mi-hz018jrc1o0abcd"), codeInvalidInstanceID},
		{"CVM and Lighthouse", instances("ins-fine0001", "lhins-light001"), codeInconsistentInstance},
		{"CVM and managed", instances("ins-fine0001", "rins-8dz6cwxx"), codeInconsistentInstance},
		{"Lighthouse and managed", instances("lhins-light001", "rins-xfjkunbgax"), codeInconsistentInstance},
		{"managed instance stopped", instances("rins-down0001"), codeInstanceNotRunning},
		{"managed agent offline", instances("rins-offline01"), codeAgentNotOnline},
		{"instance named twice", instances("ins-fine0001", "ins-fine0001"), codeInvalidParameterValue},
		{"instance not found", instances("ins-fine0001", "ins-gone0001"), codeInstanceNotFound},
		{"instance stopped", instances("ins-down0001"), codeInstanceNotRunning},
		{"agent offline", instances("ins-offline1"), codeAgentNotOnline},
		{"agent not installed", instances("ins-noagent1"), codeAgentNotInstalled},
		{"timeout 0", func(r *tat.InvokeCommandRequest) { r.Timeout = common.Uint64Ptr(0) }, codeRange},
		{"timeout over a day", func(r *tat.InvokeCommandRequest) { r.Timeout = common.Uint64Ptr(86401) }, codeRange},
		{"username over 256 characters", func(r *tat.InvokeCommandRequest) { r.Username = common.StringPtr(strings.Repeat("u", 257)) }, codeInvokeUsernameInvalid},
		{"working directory with a newline", func(r *tat.InvokeCommandRequest) { r.WorkingDirectory = common.StringPtr("/tmp\n/x") }, codeInvalidWorkingDirectory},
		{"COS bucket over http", func(r *tat.InvokeCommandRequest) {
			r.OutputCOSBucketUrl = common.StringPtr("http://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
		}, codeInvalidCOSBucketURL},
		{"COS prefix starting with /", func(r *tat.InvokeCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr("/logs") }, codeInvalidCOSKeyPrefix},
		{"parameters for a command without EnableParameter", func(r *tat.InvokeCommandRequest) {
			r.Parameters = common.StringPtr(`{"name":"x"}`)
		}, codeParameterDisabled},
		{"parameters not JSON", parameters(`{"name":`), codeParameterInvalidJSONFormat},
		{"parameters not an object", parameters(`"name"`), codeParameterInvalidJSONFormat},
		{"parameter value not a string", parameters(`{"name":1,"other":"x"}`), codeParameterValueNotString},
		{"parameter key with a dot", parameters(`{"a.b":"x","other":"x"}`), codeParameterKeyContainsInvalidChar},
		{"parameter key too long", parameters(fmt.Sprintf(`{"%s":"x"}`, strings.Repeat("k", 65))), codeParameterKeyLenExceeded},
		{"parameter key twice", parameters(`{"other":"1","other":"2"}`), codeParameterKeyDuplicated},
		{"21 parameters", parameters(jsonText(tooManyParameters)), codeParameterNumberExceeded},
		{"parameter without a value", parameters(`{"name":"x"}`), codeLackOfParameterInfo},
		{"no parameters and no default for one", func(r *tat.InvokeCommandRequest) { r.CommandId = common.StringPtr(withParameters) }, codeLackOfParameterInfo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := invokeRequestFor(plain, "ins-fine0001")
			tt.change(req)
			_, err := c.InvokeCommand(req)
			assertCode(t, err, tt.wantCode)
		})
	}
	t.Run("unknown parameter", func(t *testing.T) {
		t.Parallel()
		err := env.sendCommon(t, apiVersion, "InvokeCommand", map[string]any{"CommandId": plain, "InstanceIds": []string{"ins-fine0001"}, "SaveCommand": true})
		assertCode(t, err, codeUnknownParameter)
	})
	t.Cleanup(func() {
		if n := len(env.svc.Invocations()); n != 0 {
			t.Errorf("rejected requests made %d invocations", n)
		}
	})
}

func TestInvokeCommandParameters(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "params", "echo {{greeting}}, {{name}}!\necho token={{tat-hidden:token}}\necho {{undeclared-but-not-a-placeholder }}", func(r *tat.CreateCommandRequest) {
		r.EnableParameter = common.BoolPtr(true)
		r.DefaultParameterConfs = []*tat.DefaultParameterConf{
			{ParameterName: common.StringPtr("greeting"), ParameterValue: common.StringPtr("Hello")},
			{ParameterName: common.StringPtr("name"), ParameterValue: common.StringPtr("world")},
			{ParameterName: common.StringPtr("token"), ParameterValue: common.StringPtr("default-token")},
		}
	})

	tests := []struct {
		name           string
		parameters     *string
		wantOutput     string
		wantParameters string
	}{
		{"defaults", nil, "Hello, world!\ntoken=default-token\n{{undeclared-but-not-a-placeholder }}\n", ""},
		{"empty Parameters means defaults", common.StringPtr(""), "Hello, world!\ntoken=default-token\n{{undeclared-but-not-a-placeholder }}\n", ""},
		{"values sent win", common.StringPtr(`{"name":"TAT"}`), "Hello, TAT!\ntoken=default-token\n{{undeclared-but-not-a-placeholder }}\n", `{"name":"TAT"}`},
		{"hidden values are masked in the record", common.StringPtr(`{"token": "s3cr3t", "greeting": "Hi"}`),
			"Hi, world!\ntoken=s3cr3t\n{{undeclared-but-not-a-placeholder }}\n", `{"token":"******","greeting":"Hi"}`},
		{"values for unused names are accepted", common.StringPtr(`{"unused":"x"}`), "Hello, world!\ntoken=default-token\n{{undeclared-but-not-a-placeholder }}\n", `{"unused":"x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := invokeRequestFor(cmd, "ins-param001")
			req.Parameters = tt.parameters
			id := invokeWith(t, c, req)
			if got := decodedOutput(t, describeTasks(t, c, id)[0]); got != tt.wantOutput {
				t.Errorf("output %q, want %q", got, tt.wantOutput)
			}
			if got := *describeInvocation(t, c, id).Parameters; got != tt.wantParameters {
				t.Errorf("Parameters %q, want %q", got, tt.wantParameters)
			}
		})
	}
}

func TestCommandWithoutEnableParameterRunsPlaceholdersAsText(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "literal", "echo {{name}}"), "ins-literal1")
	if got := decodedOutput(t, describeTasks(t, c, id)[0]); got != "{{name}}\n" {
		t.Errorf("output %q", got)
	}
}

func TestDeleteCommandWithARunningInvocation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "slow", "sleep 10")
	invoke(t, c, cmd, "ins-slow0001")

	del := tat.NewDeleteCommandRequest()
	del.CommandId = common.StringPtr(cmd)
	_, err := c.DeleteCommand(del)
	assertCode(t, err, codeCommandInExecuting)

	env.advance(10 * time.Second)
	_, err = c.DeleteCommand(del)
	mustSucceed(t, err)
}

// seedInvocations makes three invocations, oldest first: two of one command
// on CVM instances and one of another on a Lighthouse instance.
func seedInvocations(t *testing.T, c *tat.Client) (first, second, light, cmdA, cmdB string) {
	t.Helper()
	cmdA = createScript(t, c, "a", "echo a")
	cmdB = createScript(t, c, "b", "echo b")
	first = invoke(t, c, cmdA, "ins-aaaa0001", "ins-aaaa0002")
	second = invoke(t, c, cmdA, "ins-aaaa0003")
	light = invoke(t, c, cmdB, "lhins-bbbb0001")
	return first, second, light, cmdA, cmdB
}

func TestDescribeInvocationsSelection(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	first, second, light, cmdA, cmdB := seedInvocations(t, c)

	tests := []struct {
		name    string
		ids     []string
		filters []*tat.Filter
		offset  *uint64
		limit   *uint64
		want    []string
		total   uint64
	}{
		{name: "everything, newest first", want: []string{light, second, first}, total: 3},
		{name: "by IDs", ids: []string{first, "inv-00000000"}, want: []string{first}, total: 1},
		{name: "unknown ID", ids: []string{"inv-00000000"}, total: 0},
		{name: "invocation-id", filters: []*tat.Filter{filter("invocation-id", second, light)}, want: []string{light, second}, total: 2},
		{name: "command-id", filters: []*tat.Filter{filter("command-id", cmdA)}, want: []string{second, first}, total: 2},
		{name: "command-created-by USER", filters: []*tat.Filter{filter("command-created-by", "USER")}, want: []string{light, second, first}, total: 3},
		{name: "command-created-by TAT", filters: []*tat.Filter{filter("command-created-by", "TAT")}, total: 0},
		{name: "instance-kind CVM", filters: []*tat.Filter{filter("instance-kind", "CVM")}, want: []string{second, first}, total: 2},
		{name: "instance-kind LIGHTHOUSE", filters: []*tat.Filter{filter("instance-kind", "LIGHTHOUSE")}, want: []string{light}, total: 1},
		{name: "filters combine with AND", filters: []*tat.Filter{filter("command-id", cmdA, cmdB), filter("instance-kind", "LIGHTHOUSE")}, want: []string{light}, total: 1},
		{name: "first page", limit: common.Uint64Ptr(2), want: []string{light, second}, total: 3},
		{name: "second page", offset: common.Uint64Ptr(2), limit: common.Uint64Ptr(2), want: []string{first}, total: 3},
		{name: "past the end", offset: common.Uint64Ptr(3), total: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeInvocationsRequest()
			if tt.ids != nil {
				req.InvocationIds = common.StringPtrs(tt.ids)
			}
			req.Filters, req.Offset, req.Limit = tt.filters, tt.offset, tt.limit
			resp, err := c.DescribeInvocations(req)
			mustSucceed(t, err)
			var got []string
			for _, inv := range resp.Response.InvocationSet {
				got = append(got, *inv.InvocationId)
			}
			if !reflect.DeepEqual(got, tt.want) || *resp.Response.TotalCount != tt.total {
				t.Errorf("got %v (TotalCount %d), want %v (TotalCount %d)", got, *resp.Response.TotalCount, tt.want, tt.total)
			}
		})
	}
}

func TestDescribeInvocationsDefaultLimit(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "many", "true")
	for range 25 {
		invoke(t, c, cmd, "ins-many0001")
	}
	resp, err := c.DescribeInvocations(tat.NewDescribeInvocationsRequest())
	mustSucceed(t, err)
	if n, total := len(resp.Response.InvocationSet), *resp.Response.TotalCount; n != 20 || total != 25 {
		t.Errorf("got %d invocations of %d, want 20 of 25", n, total)
	}
}

func TestDescribeInvocationsValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("inv-%08d", i)
	}
	tests := []struct {
		name     string
		change   func(*tat.DescribeInvocationsRequest)
		wantCode string
	}{
		{"IDs and filters", func(r *tat.DescribeInvocationsRequest) {
			r.InvocationIds = common.StringPtrs([]string{"inv-00000000"})
			r.Filters = []*tat.Filter{filter("instance-kind", "CVM")}
		}, codeConflictParameter},
		{"malformed ID", func(r *tat.DescribeInvocationsRequest) {
			r.InvocationIds = common.StringPtrs([]string{"invt-00000000"})
		}, codeInvalidInvocationID},
		{"101 IDs", func(r *tat.DescribeInvocationsRequest) { r.InvocationIds = common.StringPtrs(ids) }, codeValueLimitExceeded},
		{"unknown filter", func(r *tat.DescribeInvocationsRequest) {
			r.Filters = []*tat.Filter{filter("instance-id", "ins-00000000")}
		}, codeInvalidFilter},
		{"malformed invocation-id", func(r *tat.DescribeInvocationsRequest) { r.Filters = []*tat.Filter{filter("invocation-id", "inv-1")} }, codeInvalidInvocationID},
		{"malformed command-id", func(r *tat.DescribeInvocationsRequest) { r.Filters = []*tat.Filter{filter("command-id", "cmd-1")} }, codeInvalidCommandID},
		{"unknown instance kind", func(r *tat.DescribeInvocationsRequest) { r.Filters = []*tat.Filter{filter("instance-kind", "ECS")} }, codeInvalidFilter},
		{"unknown creator", func(r *tat.DescribeInvocationsRequest) {
			r.Filters = []*tat.Filter{filter("command-created-by", "user")}
		}, codeInvalidFilter},
		{"6 filter values", func(r *tat.DescribeInvocationsRequest) {
			r.Filters = []*tat.Filter{filter("instance-kind", "CVM", "CVM", "CVM", "CVM", "CVM", "CVM")}
		}, codeFilterValueExceeded},
		{"limit over 100", func(r *tat.DescribeInvocationsRequest) { r.Limit = common.Uint64Ptr(101) }, codeInvalidParameterValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeInvocationsRequest()
			tt.change(req)
			_, err := c.DescribeInvocations(req)
			assertCode(t, err, tt.wantCode)
		})
	}
}

func TestDescribeInvocationTasksSelection(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	first, second, light, _, cmdB := seedInvocations(t, c)
	taskOf := func(invocationID string, i int) string {
		inv, _ := env.svc.Invocation(invocationID)
		return inv.Tasks[i].ID
	}
	t1, t2, t3, t4 := taskOf(first, 0), taskOf(first, 1), taskOf(second, 0), taskOf(light, 0)

	tests := []struct {
		name    string
		ids     []string
		filters []*tat.Filter
		offset  *uint64
		limit   *uint64
		want    []string
		total   uint64
	}{
		{name: "everything, newest invocation first", want: []string{t4, t3, t1, t2}, total: 4},
		{name: "by IDs", ids: []string{t2, "invt-00000000"}, want: []string{t2}, total: 1},
		{name: "invocation-task-id", filters: []*tat.Filter{filter("invocation-task-id", t1, t4)}, want: []string{t4, t1}, total: 2},
		{name: "invocation-id", filters: []*tat.Filter{filter("invocation-id", first)}, want: []string{t1, t2}, total: 2},
		{name: "instance-id", filters: []*tat.Filter{filter("instance-id", "ins-aaaa0003", "lhins-bbbb0001")}, want: []string{t4, t3}, total: 2},
		{name: "command-id", filters: []*tat.Filter{filter("command-id", cmdB)}, want: []string{t4}, total: 1},
		{name: "page", offset: common.Uint64Ptr(1), limit: common.Uint64Ptr(2), want: []string{t3, t1}, total: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeInvocationTasksRequest()
			if tt.ids != nil {
				req.InvocationTaskIds = common.StringPtrs(tt.ids)
			}
			req.Filters, req.Offset, req.Limit = tt.filters, tt.offset, tt.limit
			resp, err := c.DescribeInvocationTasks(req)
			mustSucceed(t, err)
			var got []string
			for _, task := range resp.Response.InvocationTaskSet {
				got = append(got, *task.InvocationTaskId)
			}
			if !reflect.DeepEqual(got, tt.want) || *resp.Response.TotalCount != tt.total {
				t.Errorf("got %v (TotalCount %d), want %v (TotalCount %d)", got, *resp.Response.TotalCount, tt.want, tt.total)
			}
		})
	}
}

func TestDescribeInvocationTasksHidesOutputByDefault(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "noisy", "echo visible"), "ins-noisy001")

	for _, tt := range []struct {
		hide *bool
		want string
	}{
		{nil, ""},
		{common.BoolPtr(true), ""},
		{common.BoolPtr(false), b64("visible\n")},
	} {
		req := tat.NewDescribeInvocationTasksRequest()
		req.Filters = []*tat.Filter{filter("invocation-id", id)}
		req.HideOutput = tt.hide
		resp, err := c.DescribeInvocationTasks(req)
		mustSucceed(t, err)
		if got := *resp.Response.InvocationTaskSet[0].TaskResult.Output; got != tt.want {
			t.Errorf("HideOutput %v: Output %q, want %q", boolText(tt.hide), got, tt.want)
		}
	}
}

func boolText(b *bool) string {
	if b == nil {
		return "unset"
	}
	return fmt.Sprint(*b)
}

func TestDescribeInvocationTasksValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	// InvocationTaskIds takes at most 100 IDs.
	taskIDs := make([]string, 101)
	for i := range taskIDs {
		taskIDs[i] = fmt.Sprintf("invt-%08d", i)
	}
	tests := []struct {
		name     string
		change   func(*tat.DescribeInvocationTasksRequest)
		wantCode string
	}{
		{"IDs and filters", func(r *tat.DescribeInvocationTasksRequest) {
			r.InvocationTaskIds = common.StringPtrs([]string{"invt-00000000"})
			r.Filters = []*tat.Filter{filter("instance-id", "ins-00000000")}
		}, codeConflictParameter},
		{"malformed task ID", func(r *tat.DescribeInvocationTasksRequest) {
			r.InvocationTaskIds = common.StringPtrs([]string{"inv-00000000"})
		}, codeInvalidInvocationTaskID},
		{"unknown filter", func(r *tat.DescribeInvocationTasksRequest) {
			r.Filters = []*tat.Filter{filter("task-status", "SUCCESS")}
		}, codeInvalidFilter},
		{"malformed invocation-task-id", func(r *tat.DescribeInvocationTasksRequest) {
			r.Filters = []*tat.Filter{filter("invocation-task-id", "x")}
		}, codeInvalidInvocationTaskID},
		{"malformed invocation-id", func(r *tat.DescribeInvocationTasksRequest) { r.Filters = []*tat.Filter{filter("invocation-id", "x")} }, codeInvalidInvocationID},
		{"malformed instance-id", func(r *tat.DescribeInvocationTasksRequest) { r.Filters = []*tat.Filter{filter("instance-id", "x")} }, codeInvalidInstanceID},
		{"malformed command-id", func(r *tat.DescribeInvocationTasksRequest) { r.Filters = []*tat.Filter{filter("command-id", "x")} }, codeInvalidCommandID},
		{"limit 0", func(r *tat.DescribeInvocationTasksRequest) { r.Limit = common.Uint64Ptr(0) }, codeInvalidParameterValue},
		{"limit over 100", func(r *tat.DescribeInvocationTasksRequest) { r.Limit = common.Uint64Ptr(101) }, codeInvalidParameterValue},
		{"101 task IDs", func(r *tat.DescribeInvocationTasksRequest) { r.InvocationTaskIds = common.StringPtrs(taskIDs) }, codeValueLimitExceeded},
		{"6 filter values", func(r *tat.DescribeInvocationTasksRequest) {
			r.Filters = []*tat.Filter{filter("invocation-id", "inv-00000000", "inv-00000001", "inv-00000002", "inv-00000003", "inv-00000004", "inv-00000005")}
		}, codeFilterValueExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeInvocationTasksRequest()
			tt.change(req)
			_, err := c.DescribeInvocationTasks(req)
			assertCode(t, err, tt.wantCode)
		})
	}
}

func TestCancelInvocationValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "cancel-me", "sleep 100"), "ins-cancel01")
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("ins-%08d", i)
	}
	tests := []struct {
		name      string
		id        *string
		instances []string
		wantCode  string
	}{
		{"no invocation ID", nil, nil, codeMissingParameter},
		{"malformed invocation ID", common.StringPtr("inv-1"), nil, codeInvalidInvocationID},
		{"unknown invocation", common.StringPtr("inv-00000000"), nil, codeInvocationNotFound},
		{"malformed instance", common.StringPtr(id), []string{"ins-1"}, codeInvalidInstanceID},
		{"101 instances", common.StringPtr(id), tooMany, codeValueLimitExceeded},
		{"instance not in the invocation", common.StringPtr(id), []string{"ins-cancel01", "ins-other001"}, codeInstanceNotInInvocation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewCancelInvocationRequest()
			req.InvocationId = tt.id
			if tt.instances != nil {
				req.InstanceIds = common.StringPtrs(tt.instances)
			}
			_, err := c.CancelInvocation(req)
			assertCode(t, err, tt.wantCode)
		})
	}
	t.Cleanup(func() {
		if inv, _ := env.svc.Invocation(id); inv.Status != "RUNNING" {
			t.Errorf("rejected cancellations left the invocation %s, want RUNNING", inv.Status)
		}
	})
}

// TestInvocationGoAPI covers what acceptance tests use to count executions
// and to make an invocation vanish.
func TestInvocationGoAPI(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "counted", "echo counted\nfail-on ins-count002 7")
	first := invoke(t, c, cmd, "ins-count001", "ins-count002")
	second := invoke(t, c, cmd, "ins-count001")

	all := env.svc.Invocations()
	if len(all) != 2 || all[0].ID != first || all[1].ID != second {
		t.Fatalf("Invocations() = %d invocations, want %s then %s", len(all), first, second)
	}
	snap, ok := env.svc.Invocation(first)
	if !ok {
		t.Fatalf("Invocation(%s) not found", first)
	}
	want := []TaskSnapshot{
		{ID: snap.Tasks[0].ID, InstanceID: "ins-count001", Status: "SUCCESS", Output: "counted\n", StartTime: env.now().UTC(), EndTime: env.now().UTC()},
		{ID: snap.Tasks[1].ID, InstanceID: "ins-count002", Status: "FAILED", ExitCode: 7, Output: "counted\n", StartTime: env.now().UTC(), EndTime: env.now().UTC()},
	}
	if snap.Status != "PARTIAL_FAILED" || snap.CommandID != cmd || snap.InstanceKind != "CVM" || !reflect.DeepEqual(snap.Tasks, want) {
		t.Errorf("Invocation(%s) = %+v", first, snap)
	}
	if got := env.svc.RequestCount("InvokeCommand"); got != 2 {
		t.Errorf("RequestCount(InvokeCommand) = %d, want 2", got)
	}

	if !env.svc.DeleteInvocation(first) {
		t.Fatalf("DeleteInvocation(%s) = false", first)
	}
	req := tat.NewDescribeInvocationsRequest()
	req.InvocationIds = common.StringPtrs([]string{first})
	resp, err := c.DescribeInvocations(req)
	mustSucceed(t, err)
	if *resp.Response.TotalCount != 0 {
		t.Errorf("a deleted invocation is still described")
	}
	if tasks := describeTasks(t, c, first); len(tasks) != 0 {
		t.Errorf("a deleted invocation still has %d tasks", len(tasks))
	}
	if _, ok := env.svc.Invocation(first); ok || env.svc.DeleteInvocation(first) {
		t.Errorf("a deleted invocation is still found")
	}
	if n := len(env.svc.Invocations()); n != 1 {
		t.Errorf("%d invocations left, want 1", n)
	}
}

func TestOutputLimitThroughTheAPI(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "chatty", "seq 10000\nexit 0"), "ins-chatty01")
	task := describeTasks(t, c, id)[0]
	out := decodedOutput(t, task)
	if len(out) != 24*1024 || !strings.HasPrefix(out, "1\n2\n") {
		t.Errorf("Output holds %d bytes starting %q, want the first 24576", len(out), out[:4])
	}
	// "1\n" to "10000\n": 9 lines of 2 bytes, 90 of 3, 900 of 4, 9000 of 5, 1 of 6.
	const seqBytes = 9*2 + 90*3 + 900*4 + 9000*5 + 6
	if want := uint64(seqBytes - 24*1024); *task.TaskResult.Dropped != want {
		t.Errorf("Dropped %d, want %d", *task.TaskResult.Dropped, want)
	}
}

// TestInvocationTimesAreNullUntilKnown looks at the JSON itself: times not
// known yet are null, not absent or empty.
func TestInvocationTimesAreNullUntilKnown(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	id := invoke(t, c, createScript(t, c, "later", "sleep 5"), "ins-later001")

	body := string(do(t, env.signed(t, "DescribeInvocations", `{"InvocationIds":["`+id+`"]}`)).Body)
	if !strings.Contains(body, `"EndTime":null`) || !strings.Contains(body, `"StartTime":"`) {
		t.Errorf("DescribeInvocations: %s", body)
	}
	body = string(do(t, env.signed(t, "DescribeInvocationTasks", `{"InvocationTaskIds":[]}`)).Body)
	for _, field := range []string{`"StartTime":null`, `"EndTime":null`, `"ExecStartTime":null`, `"ExecEndTime":null`, `"Output":""`} {
		if !strings.Contains(body, field) {
			t.Errorf("DescribeInvocationTasks lacks %s: %s", field, body)
		}
	}
}

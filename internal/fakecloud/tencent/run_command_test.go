package tencent

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// newRunRequest returns a minimal valid RunCommand request.
func newRunRequest(script string, instances ...string) *tat.RunCommandRequest {
	req := tat.NewRunCommandRequest()
	req.Content = common.StringPtr(b64(script))
	req.InstanceIds = common.StringPtrs(instances)
	return req
}

// runCommand sends req and returns the command and invocation IDs.
func runCommand(t *testing.T, c *tat.Client, req *tat.RunCommandRequest) (commandID, invocationID string) {
	t.Helper()
	resp, err := c.RunCommand(req)
	mustSucceed(t, err)
	commandID, invocationID = *resp.Response.CommandId, *resp.Response.InvocationId
	if !commandIDPattern.MatchString(commandID) || !invocationIDPattern.MatchString(invocationID) {
		t.Fatalf("RunCommand returned CommandId %q and InvocationId %q", commandID, invocationID)
	}
	return commandID, invocationID
}

func TestRunCommandWithoutSavingIt(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	at := formatTime(env.now())
	script := "echo {{greeting}}, {{tat-hidden:name}}\nhostname"
	req := newRunRequest(script, "ins-run00001", "ins-run00002")
	req.CommandName = common.StringPtr("one-off")
	req.Description = common.StringPtr("not kept")
	req.EnableParameter = common.BoolPtr(true)
	req.DefaultParameters = common.StringPtr(`{"greeting":"hello"}`)
	req.Parameters = common.StringPtr(`{"name":"secret"}`)
	req.OutputCOSBucketUrl = common.StringPtr("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
	cmd, id := runCommand(t, c, req)

	assertAbsent(t, c, cmd)
	if _, ok := env.svc.Command(cmd); ok {
		t.Errorf("Command(%s) found a command RunCommand did not save", cmd)
	}
	_, err := c.InvokeCommand(invokeRequestFor(cmd, "ins-run00001"))
	assertCode(t, err, codeCommandNotFound)

	inv := describeInvocation(t, c, id)
	got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%s|%s|%s|%s|%s", *inv.CommandId, *inv.CommandName, *inv.InvocationStatus,
		*inv.Parameters, *inv.DefaultParameters, *inv.CommandType, *inv.Timeout, *inv.WorkingDirectory, *inv.Username,
		*inv.CommandContent, *inv.InvocationSource, *inv.EndTime)
	want := fmt.Sprintf("%s|one-off|SUCCESS|{\"name\":\"******\"}|{\"greeting\":\"hello\"}|SHELL|60|/root|root|%s|USER|%s", cmd, b64(script), at)
	if got != want {
		t.Errorf("invocation\n got %s\nwant %s", got, want)
	}
	for i, task := range describeTasks(t, c, id) {
		instance := []string{"ins-run00001", "ins-run00002"}[i]
		if out := decodedOutput(t, task); out != "hello, secret\n"+instance+"\n" || *task.CommandId != cmd || *task.TaskStatus != "SUCCESS" {
			t.Errorf("task on %s: %s, output %q, command %s", instance, *task.TaskStatus, out, *task.CommandId)
		}
		if url := *task.TaskResult.OutputUrl; !strings.HasSuffix(url, "/"+id+"/"+*task.InvocationTaskId+".log") {
			t.Errorf("OutputUrl %s", url)
		}
	}
}

func TestRunCommandSavingIt(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	created := formatTime(env.now())
	req := newRunRequest("echo {{target}}", "lhins-run00001")
	req.CommandName = common.StringPtr("kept")
	req.Description = common.StringPtr("saved by RunCommand")
	req.CommandType = common.StringPtr("POWERSHELL")
	req.Timeout = common.Uint64Ptr(90)
	req.SaveCommand = common.BoolPtr(true)
	req.EnableParameter = common.BoolPtr(true)
	req.DefaultParameterConfs = []*tat.DefaultParameterConf{{ParameterName: common.StringPtr("target"), ParameterValue: common.StringPtr("world")}}
	req.Tags = []*tat.Tag{{Key: common.StringPtr("team"), Value: common.StringPtr("ops")}}
	cmd, id := runCommand(t, c, req)

	assertView(t, viewOf(describeOne(t, c, cmd)), commandView{
		ID: cmd, Name: "kept", Description: "saved by RunCommand", Content: b64("echo {{target}}"), Type: "POWERSHELL",
		WorkingDirectory: `C:\Program Files\qcloud\tat_agent\workdir`, Username: "System", Timeout: 90,
		EnableParameter: true, DefaultParameters: `{"target":"world"}`,
		DefaultParameterConfs: []ParameterConf{{Name: "target", Value: "world"}},
		Tags:                  []Tag{{Key: "team", Value: "ops"}}, Scenes: []string{}, CreatedBy: "USER",
		CreatedTime: created, UpdatedTime: created,
	})
	inv := describeInvocation(t, c, id)
	if *inv.CommandId != cmd || *inv.InstanceKind != "LIGHTHOUSE" || *inv.Timeout != 90 || *inv.Parameters != "" {
		t.Errorf("invocation %+v", inv)
	}
	if out := decodedOutput(t, describeTasks(t, c, id)[0]); out != "world\n" {
		t.Errorf("output %q", out)
	}

	// The saved command is a command like any other.
	again := invoke(t, c, cmd, "lhins-run00002")
	if snap, _ := env.svc.Invocation(again); snap.Status != "SUCCESS" || snap.CommandName != "kept" {
		t.Errorf("invoking the saved command: %+v", snap)
	}
	_, err := c.RunCommand(req)
	assertCode(t, err, codeCommandNameDuplicated)
	_, err = c.CreateCommand(newCreateRequest("kept"))
	assertCode(t, err, codeCommandNameDuplicated)

	// Unsaved commands take no name, so they may share one.
	req.SaveCommand, req.Tags = common.BoolPtr(false), nil
	runCommand(t, c, req)
	runCommand(t, c, req)
}

func TestRunCommandRunsThroughTheEngine(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	req := newRunRequest("echo start\nsleep 30\nfail-on ins-bad00001 4", "ins-good0001", "ins-bad00001")
	req.Timeout = common.Uint64Ptr(40)
	_, id := runCommand(t, c, req)
	assertStatuses(t, env, id, "RUNNING", "RUNNING", "RUNNING")
	env.advance(30 * time.Second)
	assertStatuses(t, env, id, "PARTIAL_FAILED", "SUCCESS", "FAILED")

	_, id = runCommand(t, c, newRunRequest("sleep 100", "ins-good0001"))
	cancelInvocation(t, c, id)
	assertStatuses(t, env, id, "CANCELLED", "TERMINATED")
}

func TestRunCommandValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, func(cfg *Config) {
		cfg.Fleet = fleet.New(fleet.Instance{ID: "ins-down0001", State: fleet.Stopped})
	})
	c := env.tatClient(t)
	createCommand(t, c, newCreateRequest("taken"))
	tag := []*tat.Tag{{Key: common.StringPtr("k"), Value: common.StringPtr("v")}}
	ptr := common.StringPtr

	tests := []struct {
		name     string
		change   func(*tat.RunCommandRequest)
		wantCode string
	}{
		{"no content", func(r *tat.RunCommandRequest) { r.Content = nil }, codeMissingParameter},
		{"empty content", func(r *tat.RunCommandRequest) { r.Content = ptr("") }, codeInvalidContent},
		{"content not Base64", func(r *tat.RunCommandRequest) { r.Content = ptr("not base64!") }, codeInvalidContent},
		{"content over 64 KB", func(r *tat.RunCommandRequest) { r.Content = ptr(b64(strings.Repeat("x", 48*1024+1))) }, codeInvalidContent},
		{"no instances", func(r *tat.RunCommandRequest) { r.InstanceIds = nil }, codeMissingParameter},
		{"malformed instance", func(r *tat.RunCommandRequest) { r.InstanceIds = instanceList("i-1") }, codeInvalidInstanceID},
		{"CVM and Lighthouse", func(r *tat.RunCommandRequest) { r.InstanceIds = instanceList("ins-run00001", "lhins-run00001") }, codeInconsistentInstance},
		{"instance stopped", func(r *tat.RunCommandRequest) { r.InstanceIds = instanceList("ins-down0001") }, codeInstanceNotRunning},
		{"invalid name", func(r *tat.RunCommandRequest) { r.CommandName = ptr("no spaces") }, codeInvalidCommandName},
		{"description too long", func(r *tat.RunCommandRequest) { r.Description = ptr(strings.Repeat("d", 121)) }, codeTooLong},
		{"unknown type", func(r *tat.RunCommandRequest) { r.CommandType = ptr("PYTHON") }, codeInvalidParameterValue},
		{"relative working directory", func(r *tat.RunCommandRequest) { r.WorkingDirectory = ptr("tmp") }, codeInvalidWorkingDirectory},
		{"Linux directory for PowerShell", func(r *tat.RunCommandRequest) {
			r.CommandType, r.WorkingDirectory = ptr("POWERSHELL"), ptr("/root")
		}, codeInvalidWorkingDirectory},
		{"timeout 0", func(r *tat.RunCommandRequest) { r.Timeout = common.Uint64Ptr(0) }, codeRange},
		{"username too long", func(r *tat.RunCommandRequest) { r.Username = ptr(strings.Repeat("u", 257)) }, codeInvalidUsername},
		{"COS bucket over http", func(r *tat.RunCommandRequest) {
			r.OutputCOSBucketUrl = ptr("http://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
		}, codeInvalidCOSBucketURL},
		{"COS prefix with ..", func(r *tat.RunCommandRequest) { r.OutputCOSKeyPrefix = ptr("a/../b") }, codeInvalidCOSKeyPrefix},
		{"both kinds of defaults", func(r *tat.RunCommandRequest) {
			r.EnableParameter = common.BoolPtr(true)
			r.DefaultParameters = ptr(`{"a":"1"}`)
			r.DefaultParameterConfs = []*tat.DefaultParameterConf{{ParameterName: ptr("a")}}
		}, codeInvalidParameter},
		{"defaults without EnableParameter", func(r *tat.RunCommandRequest) { r.DefaultParameters = ptr(`{"a":"1"}`) }, codeParametersNeedEnableParameter},
		{"parameters without EnableParameter", func(r *tat.RunCommandRequest) { r.Parameters = ptr(`{"a":"1"}`) }, codeParameterDisabled},
		{"parameters not JSON", func(r *tat.RunCommandRequest) {
			r.EnableParameter, r.Parameters = common.BoolPtr(true), ptr(`{`)
		}, codeParameterInvalidJSONFormat},
		{"parameter without a value", func(r *tat.RunCommandRequest) {
			r.Content, r.EnableParameter = ptr(b64("echo {{who}}")), common.BoolPtr(true)
		}, codeLackOfParameterInfo},
		{"tags without SaveCommand", func(r *tat.RunCommandRequest) { r.Tags = tag }, codeInvalidParameter},
		{"eleven tags", func(r *tat.RunCommandRequest) {
			r.SaveCommand, r.CommandName, r.Tags = common.BoolPtr(true), ptr("many-tags"), make([]*tat.Tag, 11)
		}, codeValueLimitExceeded},
		{"saved without a name", func(r *tat.RunCommandRequest) { r.SaveCommand = common.BoolPtr(true) }, codeMissingParameter},
		{"saved under a taken name", func(r *tat.RunCommandRequest) {
			r.SaveCommand, r.CommandName = common.BoolPtr(true), ptr("taken")
		}, codeCommandNameDuplicated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newRunRequest("echo hi", "ins-run00001")
			tt.change(req)
			_, err := c.RunCommand(req)
			assertCode(t, err, tt.wantCode)
		})
	}
	t.Cleanup(func() {
		if n := len(env.svc.Invocations()); n != 0 {
			t.Errorf("rejected requests made %d invocations", n)
		}
		req := tat.NewDescribeCommandsRequest()
		req.Filters = []*tat.Filter{filter("created-by", "USER")}
		resp, err := c.DescribeCommands(req)
		mustSucceed(t, err)
		if names := commandNames(resp.Response.CommandSet); !reflect.DeepEqual(names, []string{"taken"}) {
			t.Errorf("rejected requests left commands %v", names)
		}
	})
}

func instanceList(values ...string) []*string { return common.StringPtrs(values) }

func commandNames(set []*tat.Command) []string {
	var names []string
	for _, cmd := range set {
		names = append(names, *cmd.CommandName)
	}
	return names
}

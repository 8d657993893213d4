package tencent

import (
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func TestWorkingDirectoryForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		commandType string
		dir         string
		valid       bool
	}{
		{"SHELL", "", true},
		{"SHELL", "/", true},
		{"SHELL", "/srv/app", true},
		{"SHELL", "tmp", false},
		{"SHELL", "./app", false},
		{"SHELL", "~/app", false},
		{"SHELL", `C:\work`, false},
		{"SHELL", "/tmp\n/x", false},
		{"POWERSHELL", `C:\work`, true},
		{"POWERSHELL", `d:\`, true},
		{"POWERSHELL", "C:/work", true},
		{"POWERSHELL", "/root", false},
		{"POWERSHELL", "C:", false},
		{"POWERSHELL", `work\dir`, false},
		{"BAT", `\\server\share`, false},
		{"BAT", `C:\Program Files\qcloud\tat_agent\workdir`, true},
	}
	for _, tt := range tests {
		err := workingDirectoryFor(tt.commandType)(tt.dir)
		if (err == nil) != tt.valid || (err != nil && err.Code != codeInvalidWorkingDirectory) {
			t.Errorf("%s %q: %v, want valid %v", tt.commandType, tt.dir, err, tt.valid)
		}
	}
}

func TestWorkingDirectoryThroughTheAPI(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	ptr := common.StringPtr

	create := newCreateRequest("relative")
	create.WorkingDirectory = ptr("srv")
	_, err := c.CreateCommand(create)
	assertCode(t, err, codeInvalidWorkingDirectory)
	create.CommandType = ptr("BAT")
	create.WorkingDirectory = ptr("/srv")
	_, err = c.CreateCommand(create)
	assertCode(t, err, codeInvalidWorkingDirectory)
	create.WorkingDirectory = ptr(`C:\srv`)
	windows := createCommand(t, c, create)
	linux := createCommand(t, c, newCreateRequest("linux"))

	modify := tat.NewModifyCommandRequest()
	modify.CommandId = ptr(windows)
	modify.WorkingDirectory = ptr("/srv")
	_, err = c.ModifyCommand(modify)
	assertCode(t, err, codeInvalidWorkingDirectory)
	// The type and the directory change together: the new type is the one
	// the directory must suit.
	modify.CommandType = ptr("SHELL")
	_, err = c.ModifyCommand(modify)
	mustSucceed(t, err)

	invokeIn := func(cmd, dir string) error {
		req := invokeRequestFor(cmd, "ins-dir00001")
		req.WorkingDirectory = ptr(dir)
		_, err := c.InvokeCommand(req)
		return err
	}
	assertCode(t, invokeIn(linux, "relative/dir"), codeInvalidWorkingDirectory)
	assertCode(t, invokeIn(linux, `C:\work`), codeInvalidWorkingDirectory)
	mustSucceed(t, invokeIn(linux, "/opt"))
	mustSucceed(t, invokeIn(linux, "")) // the command's own
}

func TestMissingWorkingDirectory(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	env.svc.SetMissingDirectory("ins-nodir001", "/opt/app")
	env.svc.SetMissingDirectory("", "/gone")
	env.svc.SetOutcome(OutcomeMatch{}, Outcome{ExitCode: 9}) // a missing directory stops even an outcome
	at := formatTime(env.now())
	cmd := createScript(t, c, "in-app", "echo hi", func(r *tat.CreateCommandRequest) { r.WorkingDirectory = common.StringPtr("/opt/app") })

	id := invoke(t, c, cmd, "ins-nodir001", "ins-hasdir01")
	assertStatuses(t, env, id, "FAILED", "START_FAILED", "FAILED")
	tasks := describeTasks(t, c, id)
	assertTask(t, tasks[0], map[string]string{
		"InvocationId": id, "InvocationTaskId": *tasks[0].InvocationTaskId, "CommandId": cmd, "TaskStatus": "START_FAILED",
		"InstanceId": "ins-nodir001", "StartTime": "<null>", "EndTime": at, "CreatedTime": at, "UpdatedTime": at,
		"ErrorInfo":        "DirectoryNotExists: working_directory `/opt/app` not exists",
		"InvocationSource": "USER", "CommandName": "in-app", "ExitCode": "0", "Output": "", "Dropped": "0",
		"ExecStartTime": "<null>", "ExecEndTime": "<null>", "OutputUrl": "", "OutputUploadCOSErrorInfo": "",
		"Document": b64("echo hi") + " SHELL 60 /opt/app root  ",
	})
	if *tasks[1].ErrorInfo != "" {
		t.Errorf("ErrorInfo of a task that started: %q", *tasks[1].ErrorInfo)
	}
	if snap, _ := env.svc.Invocation(id); snap.Tasks[0].ErrorInfo == "" {
		t.Errorf("the Go API does not show the ErrorInfo")
	}

	req := invokeRequestFor(cmd, "ins-hasdir01", "ins-hasdir02")
	req.WorkingDirectory = common.StringPtr("/gone")
	assertStatuses(t, env, invokeWith(t, c, req), "FAILED", "START_FAILED", "START_FAILED")

	env.svc.ClearOutcomes()
	assertStatuses(t, env, invoke(t, c, cmd, "ins-nodir001", "ins-hasdir01"), "PARTIAL_FAILED", "START_FAILED", "SUCCESS")
	env.svc.ClearMissingDirectories()
	assertStatuses(t, env, invoke(t, c, cmd, "ins-nodir001"), "SUCCESS", "SUCCESS")
}

func TestMissingWorkingDirectoryRealistic(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, realistic)
	c := env.tatClient(t)
	env.svc.SetMissingDirectory("", "/root")
	id := invoke(t, c, createScript(t, c, "late", "echo hi"), "ins-nodir001")
	followTimeline(t, env, c, id, []step{
		{0, "PENDING", "-", taskMoment{"PENDING", "-", "-", "0s", 0, "", "-", "-"}},
		{time.Second, "RUNNING", "-", taskMoment{"DELIVERING", "-", "-", "1s", 0, "", "-", "-"}},
		{time.Second, "FAILED", "2s", taskMoment{"START_FAILED", "-", "2s", "2s", 0, "", "-", "-"}},
	})

	cancelled := invoke(t, c, createScript(t, c, "cancelled", "echo hi"), "ins-nodir001")
	cancelInvocation(t, c, cancelled)
	env.advance(5 * time.Second)
	assertStatuses(t, env, cancelled, "CANCELLED", "CANCELLED")
}

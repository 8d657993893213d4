package alicloud

import (
	"net/http"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func TestWindowsPasswordNameMissed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	run := func(cmdType, username, password string) error {
		req := runRequest("echo hi", instanceA)
		req.Type, req.Username, req.WindowsPasswordName = tea.String(cmdType), tea.String(username), tea.String(password)
		_, err := client.RunCommand(req)
		return err
	}
	wantSDKError(t, run("RunBatScript", "deploy", ""), "WindowsPasswordName.Missed", http.StatusBadRequest)
	wantSDKError(t, run("RunPowerShellScript", "Administrator", ""), "WindowsPasswordName.Missed", http.StatusBadRequest)
	mustSucceed(t, run("RunPowerShellScript", "deploy", "deploy-password"))
	// System, the default, and Linux users need no password.
	mustSucceed(t, run("RunBatScript", "", ""))
	mustSucceed(t, run("RunBatScript", "system", ""))
	mustSucceed(t, run("RunShellScript", "deploy", ""))

	created := validCreateRequest()
	created.Type = tea.String("RunPowerShellScript")
	cmd, err := client.CreateCommand(created)
	mustSucceed(t, err)
	_, err = client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: cmd.Body.CommandId, InstanceId: tea.StringSlice([]string{instanceA}),
		Username: tea.String("deploy"),
	})
	wantSDKError(t, err, "WindowsPasswordName.Missed", http.StatusForbidden)
	if n := len(f.svc.Invocations()); n != 4 {
		t.Errorf("%d invocations, want the 4 accepted runs", n)
	}
}

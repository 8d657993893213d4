package alicloud

import (
	"strings"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// TestPeersScripts runs the scripts of the alicloud provider's Cloud
// Assistant acceptance tests, "ls" (bHMK) and "echo hello,{{name}}"
// (ZWNobyBoZWxsbyx7e25hbWV9fQ==) with its parameter, through the API: each
// succeeds with the output an instance would print.
func TestPeersScripts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)

	create := validCreateRequest()
	create.CommandContent = tea.String("bHMK")
	create.ContentEncoding = tea.String("Base64")
	create.WorkingDir = tea.String("/root")
	created, err := client.CreateCommand(create)
	mustSucceed(t, err)
	resp, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: created.Body.CommandId, InstanceId: tea.StringSlice([]string{instanceA}),
	})
	mustSucceed(t, err)
	run := describeInvocation(t, client, tea.StringValue(resp.Body.InvokeId)).InvokeInstances.InvokeInstance[0]
	if tea.StringValue(run.InvocationStatus) != "Success" || tea.Int64Value(run.ExitCode) != 0 {
		t.Errorf("ls: %s, exit code %d, output %q", tea.StringValue(run.InvocationStatus), tea.Int64Value(run.ExitCode), tea.StringValue(run.Output))
	}

	create = validCreateRequest()
	create.CommandContent = tea.String("ZWNobyBoZWxsbyx7e25hbWV9fQ==")
	create.ContentEncoding = tea.String("Base64")
	create.EnableParameter = tea.Bool(true)
	created, err = client.CreateCommand(create)
	mustSucceed(t, err)
	resp, err = client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: created.Body.CommandId, InstanceId: tea.StringSlice([]string{instanceA}),
		Parameters: map[string]any{"name": "terraform"},
	})
	mustSucceed(t, err)
	run = describeInvocation(t, client, tea.StringValue(resp.Body.InvokeId)).InvokeInstances.InvokeInstance[0]
	if tea.StringValue(run.InvocationStatus) != "Success" || tea.StringValue(run.Output) != "hello,terraform\n" {
		t.Errorf("echo: %s, output %q", tea.StringValue(run.InvocationStatus), tea.StringValue(run.Output))
	}

	// A bootstrap script of the kind users run.
	_, id := runCommand(t, client, runRequest("yum install -y nginx >/dev/null\nsystemctl enable --now nginx\nsystemctl is-active nginx | grep -q active && echo up\nps -ef | grep -c sshd", instanceA))
	run = describeInvocation(t, client, id).InvokeInstances.InvokeInstance[0]
	if tea.StringValue(run.InvocationStatus) != "Success" || !strings.HasPrefix(tea.StringValue(run.Output), "up\n") {
		t.Errorf("bootstrap: %s, output %q", tea.StringValue(run.InvocationStatus), tea.StringValue(run.Output))
	}
}

package tencent

import (
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func TestPublicCommandsAreListedAsTAT(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	req := tat.NewDescribeCommandsRequest()
	req.CommandIds = common.StringPtrs([]string{"cmd-tatpub02"})
	resp, err := c.DescribeCommands(req)
	mustSucceed(t, err)
	if len(resp.Response.CommandSet) != 1 {
		t.Fatalf("got %d commands, want 1", len(resp.Response.CommandSet))
	}
	cmd := resp.Response.CommandSet[0]
	if *cmd.CreatedBy != "TAT" || *cmd.CommandName != "TAT_EchoMessage" || !*cmd.EnableParameter ||
		*cmd.DefaultParameters != `{"message":"hello from TAT"}` || *cmd.FormattedDescription == "" ||
		*cmd.Content != b64("echo {{message}}") {
		t.Errorf("public command = %+v", *cmd)
	}
}

func TestPublicCommandRuns(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)

	id := invoke(t, c, "cmd-tatpub02", "ins-pub00001")
	inv, _ := env.svc.Invocation(id)
	if inv.Status != "SUCCESS" || inv.Tasks[0].Output != "hello from TAT\n" {
		t.Errorf("run with the default parameter: status %s, output %q", inv.Status, inv.Tasks[0].Output)
	}

	req := invokeRequestFor("cmd-tatpub02", "ins-pub00001")
	req.Parameters = common.StringPtr(`{"message":"hi"}`)
	inv, _ = env.svc.Invocation(invokeWith(t, c, req))
	if inv.Tasks[0].Output != "hi\n" {
		t.Errorf("run with a parameter: output %q, want hi", inv.Tasks[0].Output)
	}

	filtered := tat.NewDescribeInvocationsRequest()
	filtered.Filters = []*tat.Filter{filter("command-created-by", "TAT")}
	resp, err := c.DescribeInvocations(filtered)
	mustSucceed(t, err)
	if *resp.Response.TotalCount != 2 {
		t.Errorf("invocations of public commands: %d, want 2", *resp.Response.TotalCount)
	}
}

func TestPublicCommandsCannotChange(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)

	modify := tat.NewModifyCommandRequest()
	modify.CommandId = common.StringPtr("cmd-tatpub01")
	modify.Description = common.StringPtr("mine now")
	_, err := c.ModifyCommand(modify)
	assertCode(t, err, codeCommandNotFound)

	del := tat.NewDeleteCommandRequest()
	del.CommandId = common.StringPtr("cmd-tatpub01")
	_, err = c.DeleteCommand(del)
	assertCode(t, err, codeCommandNotFound)

	if cmd, ok := env.svc.Command("cmd-tatpub01"); !ok || cmd.Description != PublicCommands[0].Description {
		t.Errorf("public command after refused changes: %+v, %v", cmd, ok)
	}
	// A public command's name is not taken from the account's own names.
	createCommand(t, c, newCreateRequest("TAT_ShowUptime"))
}

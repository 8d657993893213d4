package tencent

import (
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Each region has commands, invocations and invokers of its own.
func TestRegionsAreKeptApart(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	cred := common.NewCredential(testSecretID, testSecretKey)
	inRegion := func(region string) *tat.Client {
		c, err := tat.NewClient(cred, region, env.profile())
		mustSucceed(t, err)
		return c
	}
	guangzhou, shanghai := inRegion("ap-guangzhou"), inRegion("ap-shanghai")
	create := func(c *tat.Client) string {
		req := tat.NewCreateCommandRequest()
		req.CommandName = common.StringPtr("same-name")
		req.Content = common.StringPtr("ZWNobyBoaQ==")
		resp, err := c.CreateCommand(req)
		mustSucceed(t, err)
		return *resp.Response.CommandId
	}
	inGuangzhou := create(guangzhou)
	inShanghai := create(shanghai) // the same name in another region is no clash

	own := tat.NewDescribeCommandsRequest()
	own.Filters = []*tat.Filter{{Name: common.StringPtr("created-by"), Values: common.StringPtrs([]string{"USER"})}}
	list, err := guangzhou.DescribeCommands(own)
	mustSucceed(t, err)
	if n := *list.Response.TotalCount; n != 1 || *list.Response.CommandSet[0].CommandId != inGuangzhou {
		t.Errorf("DescribeCommands in ap-guangzhou lists %d commands, want only %s", n, inGuangzhou)
	}

	invoke := tat.NewInvokeCommandRequest()
	invoke.CommandId = common.StringPtr(inGuangzhou)
	invoke.InstanceIds = common.StringPtrs([]string{"ins-12345678"})
	_, err = shanghai.InvokeCommand(invoke)
	assertCode(t, err, codeCommandNotFound)
	resp, err := guangzhou.InvokeCommand(invoke)
	mustSucceed(t, err)

	cancel := tat.NewCancelInvocationRequest()
	cancel.InvocationId = resp.Response.InvocationId
	_, err = shanghai.CancelInvocation(cancel)
	assertCode(t, err, codeInvocationNotFound)
	invocations, err := shanghai.DescribeInvocations(tat.NewDescribeInvocationsRequest())
	mustSucceed(t, err)
	if n := *invocations.Response.TotalCount; n != 0 {
		t.Errorf("DescribeInvocations in ap-shanghai lists %d invocations of ap-guangzhou", n)
	}

	invoker := tat.NewCreateInvokerRequest()
	invoker.Name = common.StringPtr("nightly")
	invoker.Type = common.StringPtr("SCHEDULE")
	invoker.CommandId = common.StringPtr(inShanghai)
	invoker.InstanceIds = common.StringPtrs([]string{"ins-12345678"})
	invoker.ScheduleSettings = &tat.ScheduleSettings{Policy: common.StringPtr("RECURRENCE"), Recurrence: common.StringPtr("0 2 * * *")}
	_, err = guangzhou.CreateInvoker(invoker)
	assertCode(t, err, codeCommandNotFound)
	created, err := shanghai.CreateInvoker(invoker)
	mustSucceed(t, err)
	invokers, err := guangzhou.DescribeInvokers(tat.NewDescribeInvokersRequest())
	mustSucceed(t, err)
	if n := *invokers.Response.TotalCount; n != 0 {
		t.Errorf("DescribeInvokers in ap-guangzhou lists %d invokers of ap-shanghai (%s)", n, *created.Response.InvokerId)
	}
	if c, _ := env.svc.Command(inShanghai); c.Region != "ap-shanghai" {
		t.Errorf("command %s is in region %q, want ap-shanghai", inShanghai, c.Region)
	}
}

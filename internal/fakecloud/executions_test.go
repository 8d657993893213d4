package fakecloud

import (
	"encoding/base64"
	"slices"
	"testing"

	"github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// TestServer_Executions runs one TAT command twice on one instance and once
// on another, and two ECS scripts, and reads every run back by instance and
// by script.
func TestServer_Executions(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	tc := tatClient(t, fake)

	create := tat.NewCreateCommandRequest()
	create.CommandName = common.StringPtr("exec")
	create.Content = common.StringPtr(base64.StdEncoding.EncodeToString([]byte("echo tat\n")))
	cmd, err := tc.CreateCommand(create)
	if err != nil {
		t.Fatal(err)
	}
	invoke := func(instances ...string) string {
		t.Helper()
		req := tat.NewInvokeCommandRequest()
		req.CommandId = cmd.Response.CommandId
		req.InstanceIds = common.StringPtrs(instances)
		resp, err := tc.InvokeCommand(req)
		if err != nil {
			t.Fatal(err)
		}
		return *resp.Response.InvocationId
	}
	first := invoke("ins-exec0001", "ins-exec0002")
	second := invoke("ins-exec0001")

	ec := ecsClient(t, fake)
	run := func(content, instance string) string {
		t.Helper()
		resp, err := ec.RunCommand(&client.RunCommandRequest{
			RegionId: tea.String("cn-hangzhou"), Type: tea.String("RunShellScript"),
			CommandContent: tea.String(content), InstanceId: tea.StringSlice([]string{instance}),
		})
		if err != nil {
			t.Fatal(err)
		}
		return tea.StringValue(resp.Body.InvokeId)
	}
	one := run("echo one", "i-exec1")
	two := run("echo two", "i-exec1")

	execs := fake.Executions()
	if len(execs) != 5 {
		t.Fatalf("Executions() = %+v, want 5 runs", execs)
	}
	if x := execs[0]; x.Vendor != VendorTencent || x.InvocationID != first || x.CommandID != *cmd.Response.CommandId ||
		x.InstanceID != "ins-exec0001" || x.Content != "echo tat\n" || x.Status != "SUCCESS" {
		t.Errorf("first execution = %+v", x)
	}
	if x := execs[4]; x.Vendor != VendorAlicloud || x.InvocationID != two || x.InstanceID != "i-exec1" ||
		x.Content != "echo two" || x.Status != "Success" {
		t.Errorf("last execution = %+v", x)
	}

	wantRuns(t, "TAT by instance", execs.ByInstance(VendorTencent), map[string][]string{
		"ins-exec0001": {first, second}, "ins-exec0002": {first},
	})
	wantRuns(t, "TAT by content", execs.ByContent(VendorTencent), map[string][]string{
		"echo tat\n": {first, first, second},
	})
	wantRuns(t, "ECS by instance", execs.ByInstance(VendorAlicloud), map[string][]string{
		"i-exec1": {one, two},
	})
	wantRuns(t, "ECS by content", execs.ByContent(VendorAlicloud), map[string][]string{
		"echo one": {one}, "echo two": {two},
	})
}

func wantRuns(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
		return
	}
	for key, ids := range want {
		if !slices.Equal(got[key], ids) {
			t.Errorf("%s[%q] = %v, want %v", what, key, got[key], ids)
		}
	}
}

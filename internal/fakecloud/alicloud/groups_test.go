package alicloud

import (
	"net/http"
	"reflect"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func TestResourceGroups(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	run := func(group string) (string, error) {
		req := runRequest("echo grouped", instanceA)
		req.ResourceGroupId = tea.String(group)
		resp, err := client.RunCommand(req)
		if err != nil {
			return "", err
		}
		return tea.StringValue(resp.Body.InvokeId), nil
	}
	invoke := func(group string) error {
		_, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
			RegionId: tea.String(testRegion), CommandId: created.Body.CommandId,
			InstanceId: tea.StringSlice([]string{instanceA}), ResourceGroupId: tea.String(group),
		})
		return err
	}

	_, err = run("rg-team0000000000001")
	wantSDKError(t, err, "InvalidResourceGroup.NotFound", http.StatusNotFound)
	wantSDKError(t, invoke("rg-team0000000000001"), "InvalidResourceGroup.NotFound", http.StatusNotFound)
	if n := len(f.svc.Invocations()); n != 0 {
		t.Fatalf("%d invocations made in an unknown resource group", n)
	}

	inDefault, err := run(DefaultResourceGroupID)
	mustSucceed(t, err)
	f.svc.AddResourceGroup("rg-team0000000000001")
	inTeam, err := run("rg-team0000000000001")
	mustSucceed(t, err)
	mustSucceed(t, invoke("rg-team0000000000001"))
	_, ungrouped := runCommand(t, client, runRequest("echo anywhere", instanceA))

	listed := func(group string) []string {
		t.Helper()
		resp, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{RegionId: tea.String(testRegion), ResourceGroupId: tea.String(group)})
		mustSucceed(t, err)
		var ids []string
		for _, inv := range resp.Body.Invocations.Invocation {
			ids = append(ids, tea.StringValue(inv.InvokeId))
		}
		return ids
	}
	if got := listed(DefaultResourceGroupID); !reflect.DeepEqual(got, []string{inDefault}) {
		t.Errorf("the default group lists %q, want %q", got, inDefault)
	}
	if got := listed("rg-team0000000000001"); len(got) != 2 || got[1] != inTeam {
		t.Errorf("the team group lists %q, want the InvokeCommand run then %s", got, inTeam)
	}
	if got := listed(""); len(got) != 4 || got[0] != ungrouped {
		t.Errorf("without the filter: %q", got)
	}
	res, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
		RegionId: tea.String(testRegion), ResourceGroupId: tea.String(DefaultResourceGroupID),
	})
	mustSucceed(t, err)
	if got := res.Body.Invocation.InvocationResults.InvocationResult; len(got) != 1 || tea.StringValue(got[0].InvokeId) != inDefault {
		t.Errorf("results in the default group: %+v", got)
	}
	if snap, _ := f.svc.Invocation(inTeam); snap.ResourceGroupID != "rg-team0000000000001" {
		t.Errorf("the Go API shows group %q", snap.ResourceGroupID)
	}
}

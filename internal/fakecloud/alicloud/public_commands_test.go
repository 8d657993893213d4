package alicloud

import (
	"net/http"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func TestPublicCommandRunsAndStaysTheVendors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	const echoID = "ACS-ECS-EchoMessage-linux.sh"

	resp, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: tea.String(echoID),
		InstanceId: tea.StringSlice([]string{instanceA}), Parameters: map[string]any{"message": "hi"},
	})
	mustSucceed(t, err)
	inv := describeInvocation(t, client, tea.StringValue(resp.Body.InvokeId))
	if got := tea.StringValue(inv.InvokeInstances.InvokeInstance[0].Output); got != "hi\n" {
		t.Errorf("output %q, want hi", got)
	}

	listed := describe(t, client, &ecs.DescribeCommandsRequest{
		Provider: tea.String("AlibabaCloud"), CommandId: tea.String(echoID), ContentEncoding: tea.String("PlainText"),
	})
	cmd := listed.Commands.Command[0]
	if tea.StringValue(cmd.Provider) != "AlibabaCloud.ECS.GuestOS" || tea.Int32Value(cmd.InvokeTimes) != 1 ||
		tea.StringValue(cmd.CommandContent) != "echo {{message}}" || !tea.BoolValue(cmd.Latest) ||
		tea.StringValue(cmd.ParameterNames.ParameterName[0]) != "message" {
		t.Errorf("common command = %v", cmd)
	}
	if own := describe(t, client, &ecs.DescribeCommandsRequest{}); tea.Int64Value(own.TotalCount) != 0 {
		t.Errorf("without Provider, %d commands listed; want only the account's own (none)", tea.Int64Value(own.TotalCount))
	}

	_, err = client.ModifyCommand(&ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(echoID), Description: tea.String("mine")})
	wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
	_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(echoID)})
	wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
}

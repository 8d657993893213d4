package alicloud

import (
	"net/http"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func TestInvocationQuota(t *testing.T) {
	t.Parallel()
	// The clock moves a day, further than requests' timestamps may drift.
	f := newFixture(t, func(cfg *Config) { cfg.Skew = 48 * time.Hour })
	client := f.client(t)
	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	invoke := func(regionID string) error {
		_, err := client.InvokeCommand(&ecs.InvokeCommandRequest{
			RegionId: tea.String(regionID), CommandId: created.Body.CommandId, InstanceId: tea.StringSlice([]string{instanceA}),
		})
		return err
	}
	f.svc.SetInvocationQuota(2)

	tokened := runRequest("echo one", instanceA)
	tokened.ClientToken = tea.String("first-run")
	firstCmd, firstID := runCommand(t, client, tokened)
	mustSucceed(t, invoke(testRegion))
	// Both actions draw on the same quota, and a refused run keeps nothing.
	_, err = client.RunCommand(runRequest("echo three", instanceA))
	wantSDKError(t, err, "Invocation.ExceedQuota", http.StatusForbidden)
	wantSDKError(t, invoke(testRegion), "Invocation.ExceedQuota", http.StatusForbidden)
	kept := runRequest("echo kept", instanceA)
	kept.KeepCommand = tea.Bool(true)
	_, err = client.RunCommand(kept)
	wantSDKError(t, err, "Invocation.ExceedQuota", http.StatusForbidden)
	if n := len(describe(t, client, &ecs.DescribeCommandsRequest{}).Commands.Command); n != 1 {
		t.Errorf("%d commands stored, want only the created one: a refused run must not keep its command", n)
	}
	// A retry of a run that was accepted starts nothing, so it is answered.
	if cmd, id := runCommand(t, client, tokened); cmd != firstCmd || id != firstID {
		t.Errorf("the retry answered %s %s, want %s %s", cmd, id, firstCmd, firstID)
	}
	// The quota is per region.
	beijing := runRequest("echo elsewhere", instanceA)
	beijing.RegionId = tea.String("cn-beijing")
	runCommand(t, client, beijing)
	if n := len(f.svc.Invocations()); n != 3 {
		t.Errorf("%d invocations, want the 2 of the quota and the one in another region", n)
	}

	// The day ends at midnight UTC on the fake's clock.
	now := f.clock.Now().UTC()
	f.clock.shift(now.Truncate(24 * time.Hour).Add(24 * time.Hour).Sub(now))
	mustSucceed(t, invoke(testRegion))
}

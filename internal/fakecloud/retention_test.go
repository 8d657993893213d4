package fakecloud

import (
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func TestNew_recordRetention(t *testing.T) {
	t.Parallel()
	fake := New(Options{})
	if got := fake.Tencent().RecordRetention(); got != 28*24*time.Hour {
		t.Errorf("default Tencent retention = %s, want 672h", got)
	}
	if got := fake.Alicloud().RecordRetention(); got != 28*24*time.Hour {
		t.Errorf("default Alibaba retention = %s, want 672h", got)
	}
	fake = New(Options{TencentRecordRetention: time.Hour, AlicloudRecordRetention: 2 * time.Hour})
	if got := fake.Tencent().RecordRetention(); got != time.Hour {
		t.Errorf("Tencent retention = %s, want 1h", got)
	}
	if got := fake.Alicloud().RecordRetention(); got != 2*time.Hour {
		t.Errorf("Alibaba retention = %s, want 2h", got)
	}
}

// TestServer_recordRetention runs a command on each vendor, each with its
// own retention, and reads them back through the SDKs as the clock passes
// it.
func TestServer_recordRetention(t *testing.T) {
	t.Parallel()
	clock := NewManualClock(time.Now())
	fake := startFake(t, Options{
		Clock:                  clock,
		TencentSkew:            24 * time.Hour,
		AlicloudSkew:           24 * time.Hour,
		TencentRecordRetention: time.Hour,
	})
	tc := tatClient(t, fake)
	inv, err := invokeTAT(tc, createTATCommand(t, tc))
	if err != nil {
		t.Fatal(err)
	}
	tatID := *inv.Response.InvocationId
	ec := ecsClient(t, fake)
	run, err := runECS(ec)
	if err != nil {
		t.Fatal(err)
	}
	ecsID := tea.StringValue(run.Body.InvokeId)

	tatCount := func() uint64 {
		t.Helper()
		req := tat.NewDescribeInvocationsRequest()
		req.InvocationIds = common.StringPtrs([]string{tatID})
		resp, err := tc.DescribeInvocations(req)
		if err != nil {
			t.Fatal(err)
		}
		return *resp.Response.TotalCount
	}
	ecsCount := func() int64 {
		t.Helper()
		resp, err := ec.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
			RegionId: tea.String("cn-hangzhou"), InvokeId: tea.String(ecsID),
		})
		if err != nil {
			t.Fatal(err)
		}
		return tea.Int64Value(resp.Body.Invocation.TotalCount)
	}

	clock.Advance(time.Hour)
	if tatCount() != 1 || ecsCount() != 1 {
		t.Fatalf("an hour after they finished: TAT %d, ECS %d; want both kept", tatCount(), ecsCount())
	}
	clock.Advance(time.Second)
	if tatCount() != 0 || ecsCount() != 1 {
		t.Errorf("past the TAT retention of an hour: TAT %d, ECS %d; want only the ECS one kept", tatCount(), ecsCount())
	}
	fake.Alicloud().SetRecordRetention(time.Hour)
	if n := ecsCount(); n != 0 {
		t.Errorf("after Alicloud().SetRecordRetention(1h), ECS lists %d results, want none", n)
	}
}

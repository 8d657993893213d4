package main

import (
	"encoding/base64"
	"io"
	"net/url"
	"syscall"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

func TestParseFlags_recordRetention(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name              string
		args              []string
		tencent, alicloud time.Duration
	}{
		{"defaults", nil, fakecloud.DefaultTencentRecordRetention, fakecloud.DefaultAlicloudRecordRetention},
		{"Tencent only", []string{"-tencent-record-retention", "1h30m"}, 90 * time.Minute, fakecloud.DefaultAlicloudRecordRetention},
		{"both", []string{"-tencent-record-retention", "10s", "-alicloud-record-retention", "336h"}, 10 * time.Second, 14 * 24 * time.Hour},
	} {
		cfg, err := parseFlags(tc.args, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if cfg.opts.TencentRecordRetention != tc.tencent || cfg.opts.AlicloudRecordRetention != tc.alicloud {
			t.Errorf("%s: retentions %s and %s, want %s and %s", tc.name,
				cfg.opts.TencentRecordRetention, cfg.opts.AlicloudRecordRetention, tc.tencent, tc.alicloud)
		}
	}
	if fakecloud.DefaultTencentRecordRetention != 672*time.Hour || fakecloud.DefaultAlicloudRecordRetention != 672*time.Hour {
		t.Errorf("default retentions %s and %s, want four weeks",
			fakecloud.DefaultTencentRecordRetention, fakecloud.DefaultAlicloudRecordRetention)
	}
}

// TestProgram_recordRetention runs the program with a retention of a
// millisecond for one vendor: that vendor's invocation is soon forgotten,
// the other's is kept for the default four weeks.
func TestProgram_recordRetention(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		flag           string
		forgetsTencent bool
	}{
		{"-tencent-record-retention", true},
		{"-alicloud-record-retention", false},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			t.Parallel()
			p := start(t, "-listen", "127.0.0.1:0", tc.flag, "1ms")
			baseURL := p.url(t)
			tatCount := tatRecords(t, tatClient(t, baseURL))
			ecsCount := ecsRecords(t, ecsClientFor(t, baseURL))

			// Wait for the short one to go; the other must outlast it.
			shortCount, longCount := tatCount, ecsCount
			if !tc.forgetsTencent {
				shortCount, longCount = ecsCount, tatCount
			}
			deadline := time.Now().Add(30 * time.Second)
			for shortCount() != 0 {
				if time.Now().After(deadline) {
					t.Fatalf("with %s 1ms the invocation is still listed 30s later", tc.flag)
				}
				time.Sleep(20 * time.Millisecond)
			}
			if n := longCount(); n != 1 {
				t.Errorf("with %s 1ms the other vendor's invocation is listed %d times, want 1", tc.flag, n)
			}

			if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t); code != 0 {
				t.Fatalf("exit code = %d, want 0; stderr: %s", code, p.stderr.String())
			}
		})
	}
}

// tatRecords runs a command through TAT and returns a function counting
// what DescribeInvocations lists of its invocation.
func tatRecords(t *testing.T, client *tat.Client) func() int64 {
	t.Helper()
	createReq := tat.NewCreateCommandRequest()
	createReq.CommandName = common.StringPtr("aging")
	createReq.Content = common.StringPtr(base64.StdEncoding.EncodeToString([]byte("echo hi")))
	cmd, err := client.CreateCommand(createReq)
	if err != nil {
		t.Fatal(err)
	}
	invokeReq := tat.NewInvokeCommandRequest()
	invokeReq.CommandId = cmd.Response.CommandId
	invokeReq.InstanceIds = common.StringPtrs([]string{"ins-aging001"})
	inv, err := client.InvokeCommand(invokeReq)
	if err != nil {
		t.Fatal(err)
	}
	return func() int64 {
		t.Helper()
		req := tat.NewDescribeInvocationsRequest()
		req.InvocationIds = []*string{inv.Response.InvocationId}
		resp, err := client.DescribeInvocations(req)
		if err != nil {
			t.Fatal(err)
		}
		return int64(*resp.Response.TotalCount)
	}
}

// ecsRecords runs a command through ECS Cloud Assistant and returns a
// function counting what DescribeInvocations lists of its invocation.
func ecsRecords(t *testing.T, client *ecs.Client) func() int64 {
	t.Helper()
	run, err := client.RunCommand(&ecs.RunCommandRequest{
		RegionId:       tea.String("cn-hangzhou"),
		Type:           tea.String("RunShellScript"),
		CommandContent: tea.String("echo hi"),
		InstanceId:     tea.StringSlice([]string{"i-aging0000000000001"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() int64 {
		t.Helper()
		resp, err := client.DescribeInvocations(&ecs.DescribeInvocationsRequest{
			RegionId: tea.String("cn-hangzhou"), InvokeId: run.Body.InvokeId,
		})
		if err != nil {
			t.Fatal(err)
		}
		return tea.Int64Value(resp.Body.TotalCount)
	}
}

func ecsClientFor(t *testing.T, baseURL string) *ecs.Client {
	t.Helper()
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	client, err := ecs.NewClient(&openapi.Config{
		AccessKeyId:     tea.String(fakecloud.DefaultAlicloudAccessKey),
		AccessKeySecret: tea.String(fakecloud.DefaultAlicloudSecretKey),
		RegionId:        tea.String("cn-hangzhou"),
		Endpoint:        tea.String(u.Host),
		Protocol:        tea.String("http"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

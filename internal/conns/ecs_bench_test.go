package conns_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"golang.org/x/time/rate"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// BenchmarkECSClientLayer times a DescribeCommands call to the fake through
// the client layer (pooled SDK clients, our HTTP client, a goroutine so the
// call honours its context, and the retry layer) and reports it as a ratio to the same call made
// with the bare SDK, building its client per call as code without a pool
// must to stay safe in parallel. Both are measured in this run, so the
// ratio holds on any machine; below 1 means the layer is cheaper.
func BenchmarkECSClientLayer(b *testing.B) {
	fake := fakecloud.New(fakecloud.Options{})
	baseURL, err := fake.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = fake.Close() })
	u, _ := url.Parse(baseURL)

	// The client-side rate limit would make the layer wait for the
	// vendor's allowance, timing the limit instead of the code; the bare
	// SDK has none, so the comparison runs without it.
	client, err := conns.NewECSClient(conns.ECSConfig{
		AccessKey: fakecloud.DefaultAlicloudAccessKey, SecretKey: fakecloud.DefaultAlicloudSecretKey,
		Region: "cn-hangzhou", Endpoint: baseURL,
	}, conns.WithDefaultRateLimit(conns.RateLimit{Rate: rate.Inf}))
	if err != nil {
		b.Fatal(err)
	}
	req := &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")}
	ctx := context.Background()

	bare := measure(b, func() error {
		sdk, err := ecs.NewClient(&openapi.Config{
			AccessKeyId: tea.String(fakecloud.DefaultAlicloudAccessKey), AccessKeySecret: tea.String(fakecloud.DefaultAlicloudSecretKey),
			RegionId: tea.String("cn-hangzhou"), Endpoint: tea.String(u.Host), Protocol: tea.String("http"),
		})
		if err != nil {
			return err
		}
		_, err = sdk.DescribeCommands(req)
		return err
	})
	layered := measure(b, func() error {
		_, err := client.DescribeCommands(ctx, req)
		return err
	})
	b.ReportMetric(layered.Seconds()/bare.Seconds(), "x-bare-sdk")
	b.ReportMetric(float64(layered.Microseconds()), "µs/layered-call")
}

// measure times b.N calls of f, per call.
func measure(b *testing.B, f func() error) time.Duration {
	b.Helper()
	start := time.Now()
	for range b.N {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start) / time.Duration(max(b.N, 1))
}

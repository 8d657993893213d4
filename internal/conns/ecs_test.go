package conns_test

import (
	"context"
	"sync"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// TestECSClientIsSafeForConcurrentUse makes many parallel calls through one
// ECSClient, as Terraform does with parallel resources; run with -race, it
// fails if SDK clients or their configuration are shared between calls.
func TestECSClientIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	fake := fakecloud.New(fakecloud.Options{})
	baseURL, err := fake.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fake.Close() })
	client, err := conns.NewECSClient(conns.ECSConfig{
		AccessKey: fakecloud.DefaultAlicloudAccessKey, SecretKey: fakecloud.DefaultAlicloudSecretKey,
		Region: "cn-hangzhou", Endpoint: baseURL,
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := client.DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

package conns

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func unknownHost(host string) error {
	return &url.Error{Op: "Post", URL: "https://" + host, Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}}
}

// An endpoint whose host has no DNS record is named with its region, and
// asked only once: asking again gets the same answer.
func TestUnknownHostNamesRegionAndEndpoint(t *testing.T) {
	t.Parallel()
	const tatHost = "tat.ap-atlantis.tencentcloudapi.com"
	// The Tencent Cloud SDK wraps the failure in its own ClientError.
	tencentErr := tcerrors.NewTencentCloudSDKErrorWithCause("ClientError.NetworkError", "Fail to get response", "", unknownHost(tatHost))
	tatScript := newScript().failAlways("DescribeCommands", tencentErr)
	_, err := newStandInTAT(tatScript).DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	checkUnknownHost(t, err, "Tencent Cloud", tatHost, "ap-guangzhou")
	if n := tatScript.attempts["DescribeCommands"]; n != 1 {
		t.Errorf("TAT was asked %d times, want once", n)
	}

	const ecsHost = "ecs.cn-atlantis.aliyuncs.com"
	ecsScript := newScript().failAlways("DescribeCommands", unknownHost(ecsHost))
	_, err = newStandInECS(ecsScript).DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{})
	checkUnknownHost(t, err, "Alibaba Cloud", ecsHost, "cn-hangzhou")
	if n := ecsScript.attempts["DescribeCommands"]; n != 1 {
		t.Errorf("ECS was asked %d times, want once", n)
	}
}

func checkUnknownHost(t *testing.T, err error, vendor, host, region string) {
	t.Helper()
	var unknown *UnknownHostError
	if !errors.As(err, &unknown) {
		t.Fatalf("error %v (%T), want an UnknownHostError", err, err)
	}
	detail := err.Error()
	for _, want := range []string{vendor + " endpoint " + host, `region "` + region + `"`, "Check the region and the endpoint"} {
		if !strings.Contains(detail, want) {
			t.Errorf("error %q lacks %q", detail, want)
		}
	}
}

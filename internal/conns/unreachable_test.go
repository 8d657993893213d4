package conns

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/testnet"
)

// closedEndpoint is the URL of a local port that refuses connections, held
// so that no other test's server is given it.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	return "http://" + testnet.RefusingAddr(t)
}

// A call to an endpoint that refuses connections and has never answered
// stops trying once unreachableFor has passed, rather than after every
// retry, and names the endpoint and the region.
func TestUnreachableEndpointFailsFast(t *testing.T) {
	t.Parallel()
	endpoint := closedEndpoint(t)
	host := strings.TrimPrefix(endpoint, "http://")
	var attempts int
	count := withObserver(func(attemptReport) { attempts++ })
	opts := []Option{WithBackOff(time.Millisecond, time.Millisecond), withUnreachableFor(50 * time.Millisecond), count}

	tc, err := NewTATClient(TATConfig{SecretID: "id", SecretKey: "key", Region: "ap-guangzhou", Endpoint: endpoint}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tc.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	checkUnreachable(t, err, "Tencent Cloud", host, "ap-guangzhou")
	if attempts >= DefaultMaxRetries {
		t.Errorf("%d attempts, want the call to stop well before max_retries (%d)", attempts, DefaultMaxRetries)
	}

	ec, err := NewECSClient(ECSConfig{AccessKey: "id", SecretKey: "key", Region: "cn-hangzhou", Endpoint: endpoint}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ec.DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")})
	checkUnreachable(t, err, "Alibaba Cloud", host, "cn-hangzhou")
}

func checkUnreachable(t *testing.T, err error, vendor, host, region string) {
	t.Helper()
	var unreachable *EndpointUnreachableError
	if !errors.As(err, &unreachable) {
		t.Fatalf("error %v (%T), want an EndpointUnreachableError", err, err)
	}
	// The diagnostic shows the error as it is (framework.APIErrorDiagnostic),
	// so the error itself must name the endpoint and the region.
	detail := err.Error()
	for _, want := range []string{vendor + " endpoint " + host, `region "` + region + `"`, "could not be reached"} {
		if !strings.Contains(detail, want) {
			t.Errorf("error %q lacks %q", detail, want)
		}
	}
}

// Once an endpoint has answered, a refused connection is a passing fault:
// the call keeps its patient retries.
func TestAnsweredEndpointKeepsRetrying(t *testing.T) {
	t.Parallel()
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	host := strings.TrimPrefix(up.URL, "http://")
	tc, err := NewTATClient(TATConfig{SecretID: "id", SecretKey: "key", Region: "ap-guangzhou", Endpoint: up.URL}, WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = tc.DescribeCommands(context.Background(), &tat.DescribeCommandsRequest{})
	if !hasAnswered(host) {
		t.Fatalf("%s answered, but is not recorded as having answered", host)
	}
	up.Close()
	refused := errors.New("connection refused")
	if unreachable(&net.OpError{Op: "dial", Net: "tcp", Err: refused}, probeView{host: host, started: true}) {
		t.Error("a refused connection to an endpoint that has answered is judged unreachable, want a passing fault")
	}
	if !unreachable(&net.OpError{Op: "dial", Net: "tcp", Err: refused}, probeView{host: "127.0.0.1:9", started: true}) {
		t.Error("a refused connection to an endpoint that never answered is not judged unreachable")
	}
}

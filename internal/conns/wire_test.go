package conns

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/testnet"
)

// These tests run the real SDKs and the client layer's transport against
// small HTTP servers that misbehave in one chosen way.

// server counts the requests it receives and answers each with respond.
type server struct {
	requests atomic.Int32
	url      string
}

func startServer(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the whole request has arrived
		respond(int(s.requests.Add(1)), w, r)
	}))
	t.Cleanup(ts.Close)
	s.url = ts.URL
	return s
}

// dropConnection closes the connection without an answer, after the
// request has been read: the effect of a request the service carried out
// whose response was lost.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

func tencentTestClient(t *testing.T, endpoint string, opts ...Option) *TATClient {
	t.Helper()
	c, err := NewTATClient(TATConfig{SecretID: "AKIDtest", SecretKey: "tencent-secret-key-0001", SecurityToken: "tencent-token-0002", Region: "ap-guangzhou", Endpoint: endpoint}, fastOptions(opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func alibabaTestClient(t *testing.T, endpoint string, opts ...Option) *ECSClient {
	t.Helper()
	c, err := NewECSClient(ECSConfig{AccessKey: "LTAItest", SecretKey: "alibaba-secret-0003", Region: "cn-hangzhou", Endpoint: endpoint}, fastOptions(opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const tencentOK = `{"Response":{"InvocationSet":[],"TotalCount":0,"RequestId":"11111111-2222-3333-4444-555555555555"}}`

func TestDroppedConnectionAfterTheRequestWasSent(t *testing.T) {
	t.Parallel()
	t.Run("InvokeCommand is sent once and reported as ambiguous", func(t *testing.T) {
		t.Parallel()
		srv := startServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { dropConnection(t, w) })
		_, err := tencentTestClient(t, srv.url).InvokeCommand(context.Background(), &tat.InvokeCommandRequest{CommandId: tea.String("cmd-12345678")})
		mustFail(t, err)
		if n := srv.requests.Load(); n != 1 {
			t.Errorf("the server got %d requests, want 1", n)
		}
		if !IsAmbiguous(err) {
			t.Errorf("IsAmbiguous(%v) = false, want true", err)
		}
	})
	t.Run("DescribeInvocations is sent again", func(t *testing.T) {
		t.Parallel()
		srv := startServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 1 {
				dropConnection(t, w)
				return
			}
			writeJSON(w, http.StatusOK, tencentOK)
		})
		_, err := tencentTestClient(t, srv.url).DescribeInvocations(context.Background(), &tat.DescribeInvocationsRequest{})
		mustSucceed(t, err)
		if n := srv.requests.Load(); n != 2 {
			t.Errorf("the server got %d requests, want 2", n)
		}
	})
	t.Run("ECS RunCommand with a ClientToken is sent again", func(t *testing.T) {
		t.Parallel()
		srv := startServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 1 {
				dropConnection(t, w)
				return
			}
			writeJSON(w, http.StatusOK, `{"RequestId":"R","InvokeId":"t-1","CommandId":"c-1"}`)
		})
		out, err := alibabaTestClient(t, srv.url).RunCommand(context.Background(), &ecs.RunCommandRequest{ClientToken: tea.String("token-1")})
		mustSucceed(t, err)
		if n := srv.requests.Load(); n != 2 || tea.StringValue(out.Body.InvokeId) != "t-1" {
			t.Errorf("the server got %d requests (want 2) and the result is %v", n, out)
		}
	})
}

func TestBareGatewayErrorIsAmbiguousForCreates(t *testing.T) {
	t.Parallel()
	srv := startServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	})
	client := tencentTestClient(t, srv.url, WithMaxRetries(2))
	_, err := client.InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
	if !IsAmbiguous(err) || srv.requests.Load() != 1 {
		t.Errorf("InvokeCommand: %d requests, error %v; want 1 request and an ambiguous error", srv.requests.Load(), err)
	}
	_, err = client.DescribeInvocations(context.Background(), &tat.DescribeInvocationsRequest{})
	mustFail(t, err)
	if n := srv.requests.Load(); n != 1+3 {
		t.Errorf("DescribeInvocations: %d requests, want 3 (max_retries 2)", n-1)
	}
}

// A refused connection sent nothing, so even a create is retried.
func TestRefusedConnectionIsRetriedEvenForCreates(t *testing.T) {
	t.Parallel()
	endpoint := "http://" + testnet.RefusingAddr(t)
	var seen failures
	_, err := tencentTestClient(t, endpoint, WithMaxRetries(2), withObserver(seen.observe)).
		InvokeCommand(context.Background(), &tat.InvokeCommandRequest{})
	mustFail(t, err)
	if IsAmbiguous(err) {
		t.Errorf("a refused connection was reported as ambiguous: %v", err)
	}
	reports := seen.all()
	if len(reports) != 3 {
		t.Fatalf("%d attempts, want 3", len(reports))
	}
	for _, r := range reports {
		if r.Failure != failNotSent {
			t.Errorf("attempt %d judged %s, want %s", r.Attempt, r.Failure, failNotSent)
		}
	}
}

// TestTimeLeftIsHonoured: Alibaba's gateway says in x-ratelimit-user-api
// how long to wait; the next attempt waits at least that long, although
// the backoff alone would wait a millisecond.
func TestTimeLeftIsHonoured(t *testing.T) {
	t.Parallel()
	srv := startServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.Header().Set("x-ratelimit-user-api", "Limit:20,Remain:0,TimeLeft:60")
			writeJSON(w, http.StatusBadRequest, `{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"R1"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"RequestId":"R2","Commands":{"Command":[]},"TotalCount":0}`)
	})
	var seen failures
	_, err := alibabaTestClient(t, srv.url, withObserver(seen.observe)).
		DescribeCommands(context.Background(), &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-hangzhou")})
	mustSucceed(t, err)
	reports := seen.all()
	if len(reports) != 1 {
		t.Fatalf("%d failed attempts, want 1: %+v", len(reports), reports)
	}
	// The wait is TimeLeft plus up to a tenth of it as jitter.
	if w := reports[0].Wait; w < 60*time.Millisecond || w > 66*time.Millisecond {
		t.Errorf("waited %s after the throttling error, want 60ms to 66ms", w)
	}
	if reports[0].Code != "Throttling.User" {
		t.Errorf("code %q, want Throttling.User", reports[0].Code)
	}
}

// TestLogsMaskCredentials: the service echoes credentials in an error
// message; the client's log lines show them masked.
func TestLogsMaskCredentials(t *testing.T) {
	t.Parallel()
	srv := startServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, `{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure",`+
			`"Message":"key tencent-secret-key-0001 with token tencent-token-0002 does not sign"},"RequestId":"R"}}`)
	})
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, err := tencentTestClient(t, srv.url).DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
	mustFail(t, err)
	out := logs.String()
	if !strings.Contains(out, "Vendor API call failed") || !strings.Contains(out, "AuthFailure.SignatureFailure") {
		t.Fatalf("the failed attempt was not logged: %s", out)
	}
	for _, secret := range []string{"tencent-secret-key-0001", "tencent-token-0002"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log shows %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "***") {
		t.Errorf("the log shows no masked value: %s", out)
	}
}

// TestServerClockFollowsDateHeaders: the service's clock is estimated from
// its answers.
func TestServerClockFollowsDateHeaders(t *testing.T) {
	t.Parallel()
	ahead := time.Now().Add(time.Hour).UTC()
	srv := startServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", ahead.Format(http.TimeFormat))
		writeJSON(w, http.StatusOK, tencentOK)
	})
	client := tencentTestClient(t, srv.url)
	_, err := client.DescribeInvocations(context.Background(), &tat.DescribeInvocationsRequest{})
	mustSucceed(t, err)
	if offset := time.Until(client.ServerTime(time.Now())); offset < 58*time.Minute || offset > 62*time.Minute {
		t.Errorf("the service's clock is %s ahead, want about an hour", offset)
	}
}

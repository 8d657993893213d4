package conns

import (
	"context"
	"net"
	"net/url"
	"sync"
	"syscall"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
	"golang.org/x/time/rate"
)

// script answers the attempts of each action: the n-th attempt gets the
// n-th error, and success once the errors run out, or forever's error.
type script struct {
	mu       sync.Mutex
	errs     map[string][]error
	forever  map[string]error
	attempts map[string]int
	onCall   func(ctx context.Context, action string)
}

func newScript() *script {
	return &script{errs: map[string][]error{}, forever: map[string]error{}, attempts: map[string]int{}}
}

// fail queues errors for the next attempts of action.
func (s *script) fail(action string, errs ...error) *script {
	s.errs[action] = append(s.errs[action], errs...)
	return s
}

// failAlways makes every attempt of action fail with err.
func (s *script) failAlways(action string, err error) *script {
	s.forever[action] = err
	return s
}

func (s *script) next(ctx context.Context, action string) error {
	s.mu.Lock()
	n := s.attempts[action]
	s.attempts[action]++
	onCall := s.onCall
	var err error
	if n < len(s.errs[action]) {
		err = s.errs[action][n]
	} else {
		err = s.forever[action]
	}
	s.mu.Unlock()
	if onCall != nil {
		onCall(ctx, action)
	}
	return err
}

func (s *script) count(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts[action]
}

// standInTAT is a TATAPI that follows a script. The actions the tests do
// not use are left to the embedded nil interface.
type standInTAT struct {
	TATAPI
	*script
}

func (s standInTAT) DescribeCommandsWithContext(ctx context.Context, _ *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error) {
	if err := s.next(ctx, "DescribeCommands"); err != nil {
		return nil, err
	}
	resp := tat.NewDescribeCommandsResponse()
	resp.Response = &tat.DescribeCommandsResponseParams{}
	return resp, nil
}

func (s standInTAT) DescribeInvocationsWithContext(ctx context.Context, _ *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error) {
	if err := s.next(ctx, "DescribeInvocations"); err != nil {
		return nil, err
	}
	resp := tat.NewDescribeInvocationsResponse()
	resp.Response = &tat.DescribeInvocationsResponseParams{}
	return resp, nil
}

func (s standInTAT) InvokeCommandWithContext(ctx context.Context, _ *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error) {
	if err := s.next(ctx, "InvokeCommand"); err != nil {
		return nil, err
	}
	resp := tat.NewInvokeCommandResponse()
	resp.Response = &tat.InvokeCommandResponseParams{InvocationId: tea.String("inv-12345678")}
	return resp, nil
}

func (s standInTAT) CreateCommandWithContext(ctx context.Context, _ *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error) {
	if err := s.next(ctx, "CreateCommand"); err != nil {
		return nil, err
	}
	resp := tat.NewCreateCommandResponse()
	resp.Response = &tat.CreateCommandResponseParams{CommandId: tea.String("cmd-12345678")}
	return resp, nil
}

func (s standInTAT) RunCommandWithContext(ctx context.Context, _ *tat.RunCommandRequest) (*tat.RunCommandResponse, error) {
	if err := s.next(ctx, "RunCommand"); err != nil {
		return nil, err
	}
	resp := tat.NewRunCommandResponse()
	resp.Response = &tat.RunCommandResponseParams{InvocationId: tea.String("inv-12345678"), CommandId: tea.String("cmd-12345678")}
	return resp, nil
}

func (s standInTAT) CreateInvokerWithContext(ctx context.Context, _ *tat.CreateInvokerRequest) (*tat.CreateInvokerResponse, error) {
	if err := s.next(ctx, "CreateInvoker"); err != nil {
		return nil, err
	}
	resp := tat.NewCreateInvokerResponse()
	resp.Response = &tat.CreateInvokerResponseParams{InvokerId: tea.String("ivk-12345678")}
	return resp, nil
}

// standInECS is an ECSAPI that follows a script.
type standInECS struct {
	ECSAPI
	*script
}

func (s standInECS) DescribeCommandsWithOptions(*ecs.DescribeCommandsRequest, *util.RuntimeOptions) (*ecs.DescribeCommandsResponse, error) {
	if err := s.next(context.Background(), "DescribeCommands"); err != nil {
		return nil, err
	}
	return &ecs.DescribeCommandsResponse{}, nil
}

func (s standInECS) RunCommandWithOptions(*ecs.RunCommandRequest, *util.RuntimeOptions) (*ecs.RunCommandResponse, error) {
	if err := s.next(context.Background(), "RunCommand"); err != nil {
		return nil, err
	}
	return &ecs.RunCommandResponse{Body: &ecs.RunCommandResponseBody{InvokeId: tea.String("t-1")}}, nil
}

// fastOptions keep tests quick: millisecond waits and no rate limit.
func fastOptions(opts ...Option) []Option {
	return append([]Option{WithBackOff(time.Millisecond, 2*time.Millisecond), WithDefaultRateLimit(RateLimit{Rate: rate.Inf})}, opts...)
}

func newStandInTAT(s *script, opts ...Option) *TATClient {
	return NewTATClientFromAPI(standInTAT{script: s}, "ap-guangzhou", fastOptions(opts...)...)
}

func newStandInECS(s *script, opts ...Option) *ECSClient {
	return NewECSClientFromAPI(standInECS{script: s}, "cn-hangzhou", fastOptions(opts...)...)
}

// tencentError is an error as the Tencent Cloud SDK returns it.
func tencentError(code string) error {
	return tcerrors.NewTencentCloudSDKError(code, "message for "+code, "11111111-2222-3333-4444-555555555555")
}

// alibabaError is an error as the Alibaba Cloud SDK returns it.
func alibabaError(code string, status int) error {
	return tea.NewSDKError(map[string]any{
		"code": code, "statusCode": status, "message": "code: " + code,
		"data": map[string]any{"Code": code, "Message": "message for " + code, "RequestId": "6BE56E05-0000-0000-0000-FD90C4FFD581"},
	})
}

// Network failures as a stand-in API returns them, outside any transport:
// a refused connection (nothing sent) and a reset one (maybe processed).
var (
	errRefused = &url.Error{Op: "Post", URL: "https://tat.example", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	errReset   = &url.Error{Op: "Post", URL: "https://tat.example", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
)

// failures records the failed attempts a client reports.
type failures struct {
	mu      sync.Mutex
	reports []attemptReport
}

func (f *failures) observe(r attemptReport) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reports = append(f.reports, r)
}

func (f *failures) all() []attemptReport {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]attemptReport(nil), f.reports...)
}

func mustFail(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the call succeeded; want an error")
	}
}

func mustSucceed(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("the call failed: %v", err)
	}
}

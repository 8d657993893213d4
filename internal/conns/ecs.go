package conns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// ECSConfig is everything needed to reach the ECS Cloud Assistant API.
type ECSConfig struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Region is the default region for resources that do not set region_id;
	// it may be empty.
	Region string
	// Endpoint is a URL such as https://ecs.cn-hangzhou.aliyuncs.com or
	// http://127.0.0.1:8787; empty means the public endpoint for Region.
	Endpoint string
	// Credentials, when set, give the keys instead of AccessKey, SecretKey
	// and SecurityToken: temporary keys that are renewed (an assumed role,
	// an instance role).
	Credentials CredentialSource
}

// credentialSource is where the client's keys come from.
func (cfg ECSConfig) credentialSource() CredentialSource {
	if cfg.Credentials != nil {
		return cfg.Credentials
	}
	return StaticCredentials{KeyID: cfg.AccessKey, Secret: cfg.SecretKey, Token: cfg.SecurityToken}
}

// ECSAPI is the part of the ECS SDK client the provider uses.
type ECSAPI interface {
	CreateCommandWithOptions(*ecs.CreateCommandRequest, *util.RuntimeOptions) (*ecs.CreateCommandResponse, error)
	DescribeCommandsWithOptions(*ecs.DescribeCommandsRequest, *util.RuntimeOptions) (*ecs.DescribeCommandsResponse, error)
	ModifyCommandWithOptions(*ecs.ModifyCommandRequest, *util.RuntimeOptions) (*ecs.ModifyCommandResponse, error)
	DeleteCommandWithOptions(*ecs.DeleteCommandRequest, *util.RuntimeOptions) (*ecs.DeleteCommandResponse, error)
	RunCommandWithOptions(*ecs.RunCommandRequest, *util.RuntimeOptions) (*ecs.RunCommandResponse, error)
	InvokeCommandWithOptions(*ecs.InvokeCommandRequest, *util.RuntimeOptions) (*ecs.InvokeCommandResponse, error)
	DescribeInvocationsWithOptions(*ecs.DescribeInvocationsRequest, *util.RuntimeOptions) (*ecs.DescribeInvocationsResponse, error)
	DescribeInvocationResultsWithOptions(*ecs.DescribeInvocationResultsRequest, *util.RuntimeOptions) (*ecs.DescribeInvocationResultsResponse, error)
	StopInvocationWithOptions(*ecs.StopInvocationRequest, *util.RuntimeOptions) (*ecs.StopInvocationResponse, error)
	DescribeCloudAssistantStatusWithOptions(*ecs.DescribeCloudAssistantStatusRequest, *util.RuntimeOptions) (*ecs.DescribeCloudAssistantStatusResponse, error)
	TagResourcesWithOptions(*ecs.TagResourcesRequest, *util.RuntimeOptions) (*ecs.TagResourcesResponse, error)
	UntagResourcesWithOptions(*ecs.UntagResourcesRequest, *util.RuntimeOptions) (*ecs.UntagResourcesResponse, error)
	ListTagResourcesWithOptions(*ecs.ListTagResourcesRequest, *util.RuntimeOptions) (*ecs.ListTagResourcesResponse, error)
}

// ECSClient calls the ECS Cloud Assistant API. Every call goes through
// doECS, the single place for retries, rate limiting and error translation.
//
// The SDK's client is not safe for concurrent use (each call rewrites its
// fields), while Terraform runs resources in parallel; so each call borrows
// an SDK client of its own from a pool.
type ECSClient struct {
	pool    sync.Pool // of *ecsConn
	newConn func() (*ecsConn, error)
	region  string
	retry   *retrier
	guard   CreateGuard
	agents  ecsAgentReads
	creds   *credentialHolder // nil for a stand-in API
}

// ecsConn is one pooled SDK client with the HTTP client that sends its
// requests (nil for a stand-in API).
type ecsConn struct {
	api  ECSAPI
	http *ecsHTTPClient
}

// sharedECSHTTP is the HTTP client behind every ECS SDK client.
var sharedECSHTTP = &http.Client{Timeout: 60 * time.Second, Transport: sharedECSTransport}

// DefaultECSEndpoint is the public endpoint for a region, or the central
// endpoint when no region is known.
func DefaultECSEndpoint(region string) string {
	if region == "" {
		return "https://ecs.aliyuncs.com"
	}
	return "https://ecs." + region + ".aliyuncs.com"
}

// NewECSClient builds the SDK client for cfg.
func NewECSClient(cfg ECSConfig, opts ...Option) (*ECSClient, error) {
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = DefaultECSEndpoint(cfg.Region)
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	holder := newCredentialHolder(cfg.credentialSource())
	config := &openapi.Config{
		// The SDK reads the keys as it signs each request.
		Credential: alibabaCredential{holder},
		Endpoint:   tea.String(u.Host),
		Protocol:   tea.String(u.Scheme),
		// The client layer is the one place that retries.
		RetryOptions: &dara.RetryOptions{Retryable: false},
	}
	if cfg.Region != "" {
		config.RegionId = tea.String(cfg.Region)
	}
	newConn := func() (*ecsConn, error) {
		// NewClient writes into the config it is given, so each client
		// gets a copy of its own, and an HTTP client of its own to lend
		// the current call's context to.
		own := *config
		httpClient := &ecsHTTPClient{client: sharedECSHTTP}
		own.HttpClient = httpClient
		api, err := ecs.NewClient(&own)
		if err != nil {
			return nil, err
		}
		return &ecsConn{api: api, http: httpClient}, nil
	}
	// Build one now, so a bad configuration fails at once.
	first, err := newConn()
	if err != nil {
		return nil, err
	}
	opts = append([]Option{withSecrets(cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken), withCurrentSecrets(holder.secrets)}, opts...)
	c := &ECSClient{newConn: newConn, region: cfg.Region, retry: applyOptions(newRetrier(vendorAlibaba, defaultECSRateLimit), opts), creds: holder}
	c.pool.Put(first)
	return c, nil
}

// NewECSClientFromAPI wraps one implementation of ECSAPI, which must be safe
// for concurrent use; tests use it to put a stand-in behind the client layer.
func NewECSClientFromAPI(api ECSAPI, region string, opts ...Option) *ECSClient {
	conn := &ecsConn{api: api}
	return &ECSClient{
		newConn: func() (*ecsConn, error) { return conn, nil },
		region:  region,
		retry:   applyOptions(newRetrier(vendorAlibaba, defaultECSRateLimit), opts),
	}
}

// borrow takes an SDK client for one call; give it back with release.
func (c *ECSClient) borrow() (*ecsConn, error) {
	if conn, ok := c.pool.Get().(*ecsConn); ok {
		return conn, nil
	}
	return c.newConn()
}

func (c *ECSClient) release(conn *ecsConn) { c.pool.Put(conn) }

// Region is the provider's default region; it may be empty.
func (c *ECSClient) Region() string { return c.region }

// Guard is the client's record of the objects its creates made; see
// CreateGuard.
func (c *ECSClient) Guard() *CreateGuard { return &c.guard }

// ServerTime converts a local time to the ECS service's clock, as far as
// its answers so far tell.
func (c *ECSClient) ServerTime(local time.Time) time.Time { return c.retry.clock.at(local) }

// doECS sends one ECS call through the retry layer. A create is sent again
// after an ambiguous failure only when it carries a ClientToken: the
// service then answers a repeat with the first request's result.
func doECS[Req, Resp any](ctx context.Context, c *ECSClient, action string, send func(ECSAPI, Req, *util.RuntimeOptions) (Resp, error), req Req) (Resp, error) {
	if err := c.creds.refresh(ctx); err != nil {
		var none Resp
		return none, explainUnknownHost(err, vendorAlibaba, c.region)
	}
	spec := call{action: action, idempotent: !createsObject(action) || hasClientToken(req)}
	resp, err := retryCall(ctx, c.retry, spec, func(ctx context.Context) (Resp, error) {
		return signedAttempt(ctx, c.creds, func(ctx context.Context) (Resp, error) {
			resp, err := sendECS(ownLogFields(ctx, action), c, send, req)
			return resp, translateECSError(action, err)
		})
	})
	return resp, explainUnknownHost(err, vendorAlibaba, c.region)
}

// ownLogFields returns ctx with a copy of its log fields. tflog masks a
// line's fields in place, in the map the context carries, so two
// goroutines logging with one context race. sendECS's call goroutine logs
// each exchange, and may still be logging after an expired context has let
// the caller return and log in turn; with its own copy the two never share
// the map.
func ownLogFields(ctx context.Context, action string) context.Context {
	return tflog.SetField(ctx, "api_action", action)
}

// sendECS makes one attempt. The ECS SDK takes no context, so the call runs
// in its own goroutine and an expired context returns at once; the context
// lent to the HTTP client cancels the abandoned request.
func sendECS[Req, Resp any](ctx context.Context, c *ECSClient, send func(ECSAPI, Req, *util.RuntimeOptions) (Resp, error), req Req) (Resp, error) {
	var zero Resp
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	conn, err := c.borrow()
	if err != nil {
		return zero, err
	}
	if conn.http != nil {
		conn.http.ctx = ctx
	}
	type result struct {
		resp Resp
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer c.release(conn) // only once the SDK is done with it
		resp, err := send(conn.api, req, &util.RuntimeOptions{Autoretry: tea.Bool(false)})
		if conn.http != nil {
			conn.http.ctx = nil // a pooled client keeps no finished call's context
		}
		done <- result{resp, err}
	}()
	select {
	case <-ctx.Done():
		return zero, ctx.Err()
	case r := <-done:
		return r.resp, r.err
	}
}

// hasClientToken reports whether req is an SDK request struct carrying a
// non-empty ClientToken field.
func hasClientToken(req any) bool {
	v := reflect.ValueOf(req)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	field := v.Elem().FieldByName("ClientToken")
	if !field.IsValid() || !field.CanInterface() {
		return false
	}
	token, ok := field.Interface().(*string)
	return ok && token != nil && *token != ""
}

// translateECSError unpacks tea.SDKError, whose Message field is decorated
// by the SDK; the vendor's own message and request ID are in its Data.
func translateECSError(action string, err error) error {
	if err == nil {
		return nil
	}
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) {
		return err
	}
	apiErr := &APIError{
		Vendor:     vendorAlibaba,
		Action:     action,
		Code:       tea.StringValue(sdkErr.Code),
		Message:    tea.StringValue(sdkErr.Message),
		HTTPStatus: tea.IntValue(sdkErr.StatusCode),
	}
	var body struct {
		Message   string `json:"Message"`
		RequestID string `json:"RequestId"`
	}
	if data := tea.StringValue(sdkErr.Data); data != "" && json.Unmarshal([]byte(data), &body) == nil {
		if body.Message != "" {
			apiErr.Message = body.Message
		}
		apiErr.RequestID = body.RequestID
	}
	if apiErr.Code == "" {
		return fmt.Errorf("%s: %w", action, err)
	}
	return apiErr
}

// CreateCommand calls ECS CreateCommand.
func (c *ECSClient) CreateCommand(ctx context.Context, req *ecs.CreateCommandRequest) (*ecs.CreateCommandResponse, error) {
	return doECS(ctx, c, "CreateCommand", ECSAPI.CreateCommandWithOptions, req)
}

// DescribeCommands calls ECS DescribeCommands.
func (c *ECSClient) DescribeCommands(ctx context.Context, req *ecs.DescribeCommandsRequest) (*ecs.DescribeCommandsResponse, error) {
	return doECS(ctx, c, "DescribeCommands", ECSAPI.DescribeCommandsWithOptions, req)
}

// ModifyCommand calls ECS ModifyCommand.
func (c *ECSClient) ModifyCommand(ctx context.Context, req *ecs.ModifyCommandRequest) (*ecs.ModifyCommandResponse, error) {
	return doECS(ctx, c, "ModifyCommand", ECSAPI.ModifyCommandWithOptions, req)
}

// DeleteCommand calls ECS DeleteCommand.
func (c *ECSClient) DeleteCommand(ctx context.Context, req *ecs.DeleteCommandRequest) (*ecs.DeleteCommandResponse, error) {
	return doECS(ctx, c, "DeleteCommand", ECSAPI.DeleteCommandWithOptions, req)
}

// RunCommand calls ECS RunCommand.
func (c *ECSClient) RunCommand(ctx context.Context, req *ecs.RunCommandRequest) (*ecs.RunCommandResponse, error) {
	return doECS(ctx, c, "RunCommand", ECSAPI.RunCommandWithOptions, req)
}

// InvokeCommand calls ECS InvokeCommand.
func (c *ECSClient) InvokeCommand(ctx context.Context, req *ecs.InvokeCommandRequest) (*ecs.InvokeCommandResponse, error) {
	return doECS(ctx, c, "InvokeCommand", ECSAPI.InvokeCommandWithOptions, req)
}

// DescribeInvocations calls ECS DescribeInvocations.
func (c *ECSClient) DescribeInvocations(ctx context.Context, req *ecs.DescribeInvocationsRequest) (*ecs.DescribeInvocationsResponse, error) {
	return doECS(ctx, c, "DescribeInvocations", ECSAPI.DescribeInvocationsWithOptions, req)
}

// DescribeInvocationResults calls ECS DescribeInvocationResults.
func (c *ECSClient) DescribeInvocationResults(ctx context.Context, req *ecs.DescribeInvocationResultsRequest) (*ecs.DescribeInvocationResultsResponse, error) {
	return doECS(ctx, c, "DescribeInvocationResults", ECSAPI.DescribeInvocationResultsWithOptions, req)
}

// StopInvocation calls ECS StopInvocation.
func (c *ECSClient) StopInvocation(ctx context.Context, req *ecs.StopInvocationRequest) (*ecs.StopInvocationResponse, error) {
	return doECS(ctx, c, "StopInvocation", ECSAPI.StopInvocationWithOptions, req)
}

// TagResources calls ECS TagResources.
func (c *ECSClient) TagResources(ctx context.Context, req *ecs.TagResourcesRequest) (*ecs.TagResourcesResponse, error) {
	return doECS(ctx, c, "TagResources", ECSAPI.TagResourcesWithOptions, req)
}

// UntagResources calls ECS UntagResources.
func (c *ECSClient) UntagResources(ctx context.Context, req *ecs.UntagResourcesRequest) (*ecs.UntagResourcesResponse, error) {
	return doECS(ctx, c, "UntagResources", ECSAPI.UntagResourcesWithOptions, req)
}

// ListTagResources calls ECS ListTagResources.
func (c *ECSClient) ListTagResources(ctx context.Context, req *ecs.ListTagResourcesRequest) (*ecs.ListTagResourcesResponse, error) {
	return doECS(ctx, c, "ListTagResources", ECSAPI.ListTagResourcesWithOptions, req)
}

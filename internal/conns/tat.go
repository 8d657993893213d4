package conns

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"

	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// TATConfig is everything needed to reach the TAT API.
type TATConfig struct {
	SecretID      string
	SecretKey     string
	SecurityToken string
	Region        string
	// Endpoint is a URL such as https://tat.tencentcloudapi.com or
	// http://127.0.0.1:8787; empty means the public endpoint.
	Endpoint string
	// Credentials, when set, give the keys instead of SecretID, SecretKey
	// and SecurityToken: temporary keys that are renewed (an assumed role,
	// an instance role).
	Credentials CredentialSource
}

// credentialSource is where the client's keys come from.
func (cfg TATConfig) credentialSource() CredentialSource {
	if cfg.Credentials != nil {
		return cfg.Credentials
	}
	return StaticCredentials{KeyID: cfg.SecretID, Secret: cfg.SecretKey, Token: cfg.SecurityToken}
}

// TATAPI is the part of the TAT SDK client the provider uses.
type TATAPI interface {
	CreateCommandWithContext(context.Context, *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error)
	DescribeCommandsWithContext(context.Context, *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error)
	ModifyCommandWithContext(context.Context, *tat.ModifyCommandRequest) (*tat.ModifyCommandResponse, error)
	DeleteCommandWithContext(context.Context, *tat.DeleteCommandRequest) (*tat.DeleteCommandResponse, error)
	InvokeCommandWithContext(context.Context, *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error)
	RunCommandWithContext(context.Context, *tat.RunCommandRequest) (*tat.RunCommandResponse, error)
	DescribeInvocationsWithContext(context.Context, *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error)
	DescribeInvocationTasksWithContext(context.Context, *tat.DescribeInvocationTasksRequest) (*tat.DescribeInvocationTasksResponse, error)
	CancelInvocationWithContext(context.Context, *tat.CancelInvocationRequest) (*tat.CancelInvocationResponse, error)
	CreateInvokerWithContext(context.Context, *tat.CreateInvokerRequest) (*tat.CreateInvokerResponse, error)
	DescribeInvokersWithContext(context.Context, *tat.DescribeInvokersRequest) (*tat.DescribeInvokersResponse, error)
	ModifyInvokerWithContext(context.Context, *tat.ModifyInvokerRequest) (*tat.ModifyInvokerResponse, error)
	DeleteInvokerWithContext(context.Context, *tat.DeleteInvokerRequest) (*tat.DeleteInvokerResponse, error)
	EnableInvokerWithContext(context.Context, *tat.EnableInvokerRequest) (*tat.EnableInvokerResponse, error)
	DisableInvokerWithContext(context.Context, *tat.DisableInvokerRequest) (*tat.DisableInvokerResponse, error)
	DescribeInvokerRecordsWithContext(context.Context, *tat.DescribeInvokerRecordsRequest) (*tat.DescribeInvokerRecordsResponse, error)
	DescribeAutomationAgentStatusWithContext(context.Context, *tat.DescribeAutomationAgentStatusRequest) (*tat.DescribeAutomationAgentStatusResponse, error)
}

// TATClient calls the TAT API. Every call goes through doTAT, the single
// place for retries, rate limiting and error translation.
type TATClient struct {
	api    TATAPI
	region string
	retry  *retrier
	guard  CreateGuard
	reads  *tatReads
	tags   *TagClient        // the Tag API, which changes a command's tags
	creds  *credentialHolder // nil for a stand-in API
}

// NewTATClient builds the SDK client for cfg.
func NewTATClient(cfg TATConfig, opts ...Option) (*TATClient, error) {
	cpf := profile.NewClientProfile()
	cpf.Language = "en-US"
	disableTATRetries(cpf)
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil {
			return nil, err
		}
		cpf.HttpProfile.Endpoint = u.Host + strings.TrimSuffix(u.Path, "/")
		cpf.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	}
	holder := newCredentialHolder(cfg.credentialSource())
	client, err := tat.NewClient(tencentCredential{holder}, cfg.Region, cpf)
	if err != nil {
		return nil, err
	}
	// Our transport lets the retry layer see what happened on the wire.
	client.WithHttpTransport(newProbingTransport())
	tags, err := newTagClient(cfg, holder, opts...)
	if err != nil {
		return nil, err
	}
	opts = append([]Option{withSecrets(cfg.SecretID, cfg.SecretKey, cfg.SecurityToken), withCurrentSecrets(holder.secrets)}, opts...)
	c := NewTATClientFromAPI(client, cfg.Region, opts...)
	c.creds = holder
	c.SetTags(tags)
	return c, nil
}

// disableTATRetries turns off every retry of the SDK's own, whatever its
// defaults become: the client layer is the one place that retries.
func disableTATRetries(cpf *profile.ClientProfile) {
	cpf.NetworkFailureMaxRetries = 0
	cpf.RateLimitExceededMaxRetries = 0
	cpf.UnsafeRetryOnConnectionFailure = false
	cpf.DisableRegionBreaker = true
}

// NewTATClientFromAPI wraps any implementation of TATAPI; tests use it to
// put a stand-in behind the client layer.
func NewTATClientFromAPI(api TATAPI, region string, opts ...Option) *TATClient {
	c := &TATClient{api: api, region: region, retry: applyOptions(newRetrier(vendorTencent, defaultTATRateLimit), opts)}
	c.reads = newTATReads(c)
	return c
}

// Region is the region the client sends requests to.
func (c *TATClient) Region() string { return c.region }

// Guard is the client's record of the objects its creates made; see
// CreateGuard.
func (c *TATClient) Guard() *CreateGuard { return &c.guard }

// ServerTime converts a local time to the TAT service's clock, as far as
// its answers so far tell.
func (c *TATClient) ServerTime(local time.Time) time.Time { return c.retry.clock.at(local) }

// doTAT sends one TAT call through the retry layer. TAT requests carry no
// idempotency token, so only actions that create nothing are sent again
// after an ambiguous failure. The keys are fetched once before the call, so
// that its log lines mask them, and again before each attempt.
func doTAT[Req, Resp any](ctx context.Context, c *TATClient, action string, send func(context.Context, Req) (Resp, error), req Req) (Resp, error) {
	if err := c.creds.refresh(ctx); err != nil {
		var none Resp
		return none, explainUnknownHost(err, vendorTencent, c.region)
	}
	resp, err := retryCall(ctx, c.retry, call{action: action, idempotent: !createsObject(action)}, func(ctx context.Context) (Resp, error) {
		resp, err := signedAttempt(ctx, c.creds, func(ctx context.Context) (Resp, error) {
			resp, err := send(ctx, req)
			return resp, translateTATError(action, err)
		})
		if err == nil && missingTATResponse(resp) {
			// The SDK decodes {"Response": null} (or no Response at all)
			// without complaint; every caller reads resp.Response, so
			// this is an error here rather than a nil dereference there.
			return resp, fmt.Errorf("%w: %s %s answered without a Response object", ErrMalformedResponse, vendorTencent, action)
		}
		return resp, err
	})
	return resp, explainUnknownHost(err, vendorTencent, c.region)
}

// ErrMalformedResponse marks an answer that decoded but lacks what every
// answer of its action carries.
var ErrMalformedResponse = errors.New("malformed API response")

// missingTATResponse reports whether an SDK answer, a pointer to a struct
// with a Response pointer field as every TAT answer is, came back without
// that field. Reflection keeps one check for every action.
func missingTATResponse(resp any) bool {
	v := reflect.ValueOf(resp)
	if v.Kind() != reflect.Pointer {
		return false
	}
	if v.IsNil() {
		return true
	}
	if v = v.Elem(); v.Kind() != reflect.Struct {
		return false
	}
	field := v.FieldByName("Response")
	return field.IsValid() && field.Kind() == reflect.Pointer && field.IsNil()
}

func translateTATError(action string, err error) error {
	if err == nil {
		return nil
	}
	var sdkErr *tcerrors.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		msg := sdkErr.Message
		if cause := errors.Unwrap(sdkErr); cause != nil {
			// A failure on the way, such as ClientError.NetworkError, keeps
			// what actually went wrong.
			msg += ": " + cause.Error()
		}
		return &APIError{Vendor: vendorTencent, Action: action, Code: sdkErr.Code, Message: msg, RequestID: sdkErr.RequestId, cause: errors.Unwrap(sdkErr)}
	}
	return err
}

// CreateCommand calls TAT CreateCommand.
func (c *TATClient) CreateCommand(ctx context.Context, req *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error) {
	return doTAT(ctx, c, "CreateCommand", c.api.CreateCommandWithContext, req)
}

// DescribeCommands calls TAT DescribeCommands.
func (c *TATClient) DescribeCommands(ctx context.Context, req *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error) {
	return doTAT(ctx, c, "DescribeCommands", c.api.DescribeCommandsWithContext, req)
}

// ModifyCommand calls TAT ModifyCommand.
func (c *TATClient) ModifyCommand(ctx context.Context, req *tat.ModifyCommandRequest) (*tat.ModifyCommandResponse, error) {
	return doTAT(ctx, c, "ModifyCommand", c.api.ModifyCommandWithContext, req)
}

// DeleteCommand calls TAT DeleteCommand.
func (c *TATClient) DeleteCommand(ctx context.Context, req *tat.DeleteCommandRequest) (*tat.DeleteCommandResponse, error) {
	return doTAT(ctx, c, "DeleteCommand", c.api.DeleteCommandWithContext, req)
}

// InvokeCommand calls TAT InvokeCommand.
func (c *TATClient) InvokeCommand(ctx context.Context, req *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error) {
	return doTAT(ctx, c, "InvokeCommand", c.api.InvokeCommandWithContext, req)
}

// RunCommand calls TAT RunCommand.
func (c *TATClient) RunCommand(ctx context.Context, req *tat.RunCommandRequest) (*tat.RunCommandResponse, error) {
	return doTAT(ctx, c, "RunCommand", c.api.RunCommandWithContext, req)
}

// DescribeInvocations calls TAT DescribeInvocations.
func (c *TATClient) DescribeInvocations(ctx context.Context, req *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error) {
	return doTAT(ctx, c, "DescribeInvocations", c.api.DescribeInvocationsWithContext, req)
}

// DescribeInvocationTasks calls TAT DescribeInvocationTasks.
func (c *TATClient) DescribeInvocationTasks(ctx context.Context, req *tat.DescribeInvocationTasksRequest) (*tat.DescribeInvocationTasksResponse, error) {
	return doTAT(ctx, c, "DescribeInvocationTasks", c.api.DescribeInvocationTasksWithContext, req)
}

// CancelInvocation calls TAT CancelInvocation.
func (c *TATClient) CancelInvocation(ctx context.Context, req *tat.CancelInvocationRequest) (*tat.CancelInvocationResponse, error) {
	return doTAT(ctx, c, "CancelInvocation", c.api.CancelInvocationWithContext, req)
}

// CreateInvoker calls TAT CreateInvoker.
func (c *TATClient) CreateInvoker(ctx context.Context, req *tat.CreateInvokerRequest) (*tat.CreateInvokerResponse, error) {
	return doTAT(ctx, c, "CreateInvoker", c.api.CreateInvokerWithContext, req)
}

// DescribeInvokers calls TAT DescribeInvokers.
func (c *TATClient) DescribeInvokers(ctx context.Context, req *tat.DescribeInvokersRequest) (*tat.DescribeInvokersResponse, error) {
	return doTAT(ctx, c, "DescribeInvokers", c.api.DescribeInvokersWithContext, req)
}

// ModifyInvoker calls TAT ModifyInvoker.
func (c *TATClient) ModifyInvoker(ctx context.Context, req *tat.ModifyInvokerRequest) (*tat.ModifyInvokerResponse, error) {
	return doTAT(ctx, c, "ModifyInvoker", c.api.ModifyInvokerWithContext, req)
}

// DeleteInvoker calls TAT DeleteInvoker.
func (c *TATClient) DeleteInvoker(ctx context.Context, req *tat.DeleteInvokerRequest) (*tat.DeleteInvokerResponse, error) {
	return doTAT(ctx, c, "DeleteInvoker", c.api.DeleteInvokerWithContext, req)
}

// EnableInvoker calls TAT EnableInvoker.
func (c *TATClient) EnableInvoker(ctx context.Context, req *tat.EnableInvokerRequest) (*tat.EnableInvokerResponse, error) {
	return doTAT(ctx, c, "EnableInvoker", c.api.EnableInvokerWithContext, req)
}

// DisableInvoker calls TAT DisableInvoker.
func (c *TATClient) DisableInvoker(ctx context.Context, req *tat.DisableInvokerRequest) (*tat.DisableInvokerResponse, error) {
	return doTAT(ctx, c, "DisableInvoker", c.api.DisableInvokerWithContext, req)
}

// DescribeInvokerRecords calls TAT DescribeInvokerRecords.
func (c *TATClient) DescribeInvokerRecords(ctx context.Context, req *tat.DescribeInvokerRecordsRequest) (*tat.DescribeInvokerRecordsResponse, error) {
	return doTAT(ctx, c, "DescribeInvokerRecords", c.api.DescribeInvokerRecordsWithContext, req)
}

package conns

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
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
}

// TATAPI is the part of the TAT SDK client the provider uses.
type TATAPI interface {
	CreateCommandWithContext(context.Context, *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error)
	DescribeCommandsWithContext(context.Context, *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error)
	ModifyCommandWithContext(context.Context, *tat.ModifyCommandRequest) (*tat.ModifyCommandResponse, error)
	DeleteCommandWithContext(context.Context, *tat.DeleteCommandRequest) (*tat.DeleteCommandResponse, error)
	InvokeCommandWithContext(context.Context, *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error)
	DescribeInvocationsWithContext(context.Context, *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error)
	DescribeInvocationTasksWithContext(context.Context, *tat.DescribeInvocationTasksRequest) (*tat.DescribeInvocationTasksResponse, error)
	CancelInvocationWithContext(context.Context, *tat.CancelInvocationRequest) (*tat.CancelInvocationResponse, error)
}

// TATClient calls the TAT API. Every call goes through do, the single place
// for retries, rate limiting and error translation.
type TATClient struct {
	api    TATAPI
	region string
}

// NewTATClient builds the SDK client for cfg.
func NewTATClient(cfg TATConfig) (*TATClient, error) {
	cpf := profile.NewClientProfile()
	cpf.Language = "en-US"
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil {
			return nil, err
		}
		cpf.HttpProfile.Endpoint = u.Host + strings.TrimSuffix(u.Path, "/")
		cpf.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	}
	var cred *common.Credential
	if cfg.SecurityToken != "" {
		cred = common.NewTokenCredential(cfg.SecretID, cfg.SecretKey, cfg.SecurityToken)
	} else {
		cred = common.NewCredential(cfg.SecretID, cfg.SecretKey)
	}
	client, err := tat.NewClient(cred, cfg.Region, cpf)
	if err != nil {
		return nil, err
	}
	return NewTATClientFromAPI(client, cfg.Region), nil
}

// NewTATClientFromAPI wraps any implementation of TATAPI; tests use it to
// put a stand-in behind the client layer.
func NewTATClientFromAPI(api TATAPI, region string) *TATClient {
	return &TATClient{api: api, region: region}
}

// Region is the region the client sends requests to.
func (c *TATClient) Region() string { return c.region }

func doTAT[Req, Resp any](ctx context.Context, action string, call func(context.Context, Req) (Resp, error), req Req) (Resp, error) {
	resp, err := call(ctx, req)
	return resp, translateTATError(action, err)
}

func translateTATError(action string, err error) error {
	if err == nil {
		return nil
	}
	var sdkErr *tcerrors.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		return &APIError{Vendor: "Tencent Cloud", Action: action, Code: sdkErr.Code, Message: sdkErr.Message, RequestID: sdkErr.RequestId}
	}
	return err
}

// CreateCommand calls TAT CreateCommand.
func (c *TATClient) CreateCommand(ctx context.Context, req *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error) {
	return doTAT(ctx, "CreateCommand", c.api.CreateCommandWithContext, req)
}

// DescribeCommands calls TAT DescribeCommands.
func (c *TATClient) DescribeCommands(ctx context.Context, req *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error) {
	return doTAT(ctx, "DescribeCommands", c.api.DescribeCommandsWithContext, req)
}

// ModifyCommand calls TAT ModifyCommand.
func (c *TATClient) ModifyCommand(ctx context.Context, req *tat.ModifyCommandRequest) (*tat.ModifyCommandResponse, error) {
	return doTAT(ctx, "ModifyCommand", c.api.ModifyCommandWithContext, req)
}

// DeleteCommand calls TAT DeleteCommand.
func (c *TATClient) DeleteCommand(ctx context.Context, req *tat.DeleteCommandRequest) (*tat.DeleteCommandResponse, error) {
	return doTAT(ctx, "DeleteCommand", c.api.DeleteCommandWithContext, req)
}

// InvokeCommand calls TAT InvokeCommand.
func (c *TATClient) InvokeCommand(ctx context.Context, req *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error) {
	return doTAT(ctx, "InvokeCommand", c.api.InvokeCommandWithContext, req)
}

// DescribeInvocations calls TAT DescribeInvocations.
func (c *TATClient) DescribeInvocations(ctx context.Context, req *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error) {
	return doTAT(ctx, "DescribeInvocations", c.api.DescribeInvocationsWithContext, req)
}

// DescribeInvocationTasks calls TAT DescribeInvocationTasks.
func (c *TATClient) DescribeInvocationTasks(ctx context.Context, req *tat.DescribeInvocationTasksRequest) (*tat.DescribeInvocationTasksResponse, error) {
	return doTAT(ctx, "DescribeInvocationTasks", c.api.DescribeInvocationTasksWithContext, req)
}

// CancelInvocation calls TAT CancelInvocation.
func (c *TATClient) CancelInvocation(ctx context.Context, req *tat.CancelInvocationRequest) (*tat.CancelInvocationResponse, error) {
	return doTAT(ctx, "CancelInvocation", c.api.CancelInvocationWithContext, req)
}

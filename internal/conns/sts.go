package conns

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sts "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sts/v20180813"
)

// Public STS endpoints, used when the provider sets none.
const (
	DefaultTencentSTSEndpoint = "https://sts.tencentcloudapi.com"
	DefaultAlibabaSTSEndpoint = "https://sts.aliyuncs.com"
)

// AssumeRole is a role to take on with STS AssumeRole, and the keys that
// ask for it.
type AssumeRole struct {
	// Base signs the AssumeRole request.
	Base CredentialSource
	// RoleARN, SessionName, Duration, ExternalID and Policy are the
	// action's RoleArn, RoleSessionName, DurationSeconds, ExternalId and
	// Policy; the last two may be empty.
	RoleARN     string
	SessionName string
	Duration    time.Duration
	ExternalID  string
	Policy      string
	// Endpoint is the STS endpoint URL; empty means the public one.
	Endpoint string
	// Region is sent with Tencent Cloud requests; it may be empty.
	Region string
}

// TencentAssumeRole returns temporary keys of the role from Tencent Cloud
// STS AssumeRole, renewed before they expire. The call goes through the
// SDK's STS client rather than its RoleArnProvider, which cannot send
// ExternalId or Policy, nor reach an endpoint over plain http.
func TencentAssumeRole(role AssumeRole, opts ...Option) CredentialSource {
	return NewRenewingCredentials(func(ctx context.Context) (Credentials, error) {
		base, err := role.Base.Credentials(ctx)
		if err != nil {
			return Credentials{}, err
		}
		client, err := tencentSTSClient(role, base)
		if err != nil {
			return Credentials{}, err
		}
		req := sts.NewAssumeRoleRequest()
		req.RoleArn = common.StringPtr(role.RoleARN)
		req.RoleSessionName = common.StringPtr(role.SessionName)
		req.DurationSeconds = common.Uint64Ptr(uint64(role.Duration / time.Second))
		if role.ExternalID != "" {
			req.ExternalId = common.StringPtr(role.ExternalID)
		}
		if role.Policy != "" {
			// STS AssumeRole: Policy is URL-encoded.
			req.Policy = common.StringPtr(url.QueryEscape(role.Policy))
		}
		// The base keys and the external ID are masked in the call's log lines, as are the
		// temporary ones in the answer (by their field names).
		r := applyOptions(newRetrier(vendorTencent, defaultTATRateLimit), append([]Option{withSecrets(base.Secret, base.Token, role.ExternalID)}, opts...))
		resp, err := retryCall(ctx, r, call{action: "AssumeRole", idempotent: true}, func(ctx context.Context) (*sts.AssumeRoleResponse, error) {
			resp, err := client.AssumeRoleWithContext(ctx, req)
			return resp, translateTATError("AssumeRole", err)
		})
		if err != nil {
			return Credentials{}, err
		}
		return tencentRoleCredentials(resp)
	})
}

func tencentSTSClient(role AssumeRole, base Credentials) (*sts.Client, error) {
	cpf := profile.NewClientProfile()
	cpf.Language = "en-US"
	disableTATRetries(cpf)
	if err := setTencentEndpoint(cpf, role.Endpoint, DefaultTencentSTSEndpoint); err != nil {
		return nil, err
	}
	cred := common.NewTokenCredential(base.KeyID, base.Secret, base.Token)
	client, err := sts.NewClient(cred, role.Region, cpf)
	if err != nil {
		return nil, err
	}
	client.WithHttpTransport(newProbingTransport())
	return client, nil
}

// setTencentEndpoint points a Tencent Cloud client profile at an endpoint
// URL such as https://sts.tencentcloudapi.com or http://127.0.0.1:8787.
func setTencentEndpoint(cpf *profile.ClientProfile, endpoint, fallback string) error {
	if endpoint == "" {
		endpoint = fallback
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return err
	}
	cpf.HttpProfile.Endpoint = u.Host + strings.TrimSuffix(u.Path, "/")
	cpf.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	return nil
}

func tencentRoleCredentials(resp *sts.AssumeRoleResponse) (Credentials, error) {
	if resp == nil || resp.Response == nil || resp.Response.Credentials == nil || resp.Response.ExpiredTime == nil {
		return Credentials{}, fmt.Errorf("%w: %s AssumeRole answered without Credentials or ExpiredTime", ErrMalformedResponse, vendorTencent)
	}
	c := resp.Response.Credentials
	return Credentials{
		KeyID:   tea.StringValue(c.TmpSecretId),
		Secret:  tea.StringValue(c.TmpSecretKey),
		Token:   tea.StringValue(c.Token),
		Expires: time.Unix(*resp.Response.ExpiredTime, 0),
	}, nil
}

// AlibabaAssumeRole returns temporary keys of the role from Alibaba Cloud
// STS AssumeRole (2015-04-01), renewed before they expire. The call goes
// through the SDK's OpenAPI client, RPC-signed, rather than credentials-go's
// RAM role provider, which always speaks https to its endpoint.
func AlibabaAssumeRole(role AssumeRole, opts ...Option) CredentialSource {
	return NewRenewingCredentials(func(ctx context.Context) (Credentials, error) {
		base, err := role.Base.Credentials(ctx)
		if err != nil {
			return Credentials{}, err
		}
		endpoint := role.Endpoint
		if endpoint == "" {
			endpoint = DefaultAlibabaSTSEndpoint
		}
		u, err := url.Parse(endpoint)
		if err != nil {
			return Credentials{}, err
		}
		query := map[string]*string{
			"RoleArn":         tea.String(role.RoleARN),
			"RoleSessionName": tea.String(role.SessionName),
			"DurationSeconds": tea.String(fmt.Sprint(int64(role.Duration / time.Second))),
		}
		if role.ExternalID != "" {
			query["ExternalId"] = tea.String(role.ExternalID)
		}
		if role.Policy != "" {
			query["Policy"] = tea.String(role.Policy)
		}
		r := applyOptions(newRetrier(vendorAlibaba, defaultECSRateLimit), append([]Option{withSecrets(base.Secret, base.Token, role.ExternalID)}, opts...))
		body, err := retryCall(ctx, r, call{action: "AssumeRole", idempotent: true}, func(ctx context.Context) (map[string]any, error) {
			body, err := callAlibabaSTS(ctx, u, base, query)
			return body, translateECSError("AssumeRole", err)
		})
		if err != nil {
			return Credentials{}, err
		}
		return alibabaRoleCredentials(body)
	})
}

func callAlibabaSTS(ctx context.Context, u *url.URL, base Credentials, query map[string]*string) (map[string]any, error) {
	config := &openapi.Config{
		AccessKeyId:     tea.String(base.KeyID),
		AccessKeySecret: tea.String(base.Secret),
		Endpoint:        tea.String(u.Host),
		Protocol:        tea.String(u.Scheme),
		// "v2" is the RPC signature (HMAC-SHA1 over the query) that STS
		// has always taken.
		SignatureAlgorithm: tea.String("v2"),
		RetryOptions:       &dara.RetryOptions{Retryable: false},
		HttpClient:         &ecsHTTPClient{client: sharedECSHTTP, ctx: ctx},
	}
	if base.Token != "" {
		config.SecurityToken = tea.String(base.Token)
	}
	client, err := openapi.NewClient(config)
	if err != nil {
		return nil, err
	}
	params := &openapiutil.Params{
		Action: tea.String("AssumeRole"), Version: tea.String("2015-04-01"),
		Protocol: tea.String(strings.ToUpper(u.Scheme)), Pathname: tea.String("/"), Method: tea.String("POST"),
		AuthType: tea.String("AK"), Style: tea.String("RPC"), ReqBodyType: tea.String("formData"), BodyType: tea.String("json"),
	}
	return client.CallApi(params, &openapiutil.OpenApiRequest{Query: query}, &dara.RuntimeOptions{Autoretry: tea.Bool(false)})
}

func alibabaRoleCredentials(answer map[string]any) (Credentials, error) {
	body, _ := answer["body"].(map[string]any)
	creds, _ := body["Credentials"].(map[string]any)
	text := func(name string) string { s, _ := creds[name].(string); return s }
	expires, err := time.Parse(time.RFC3339, text("Expiration"))
	if creds == nil || text("AccessKeyId") == "" || err != nil {
		return Credentials{}, fmt.Errorf("%w: %s AssumeRole answered without Credentials or their Expiration", ErrMalformedResponse, vendorAlibaba)
	}
	return Credentials{
		KeyID:   text("AccessKeyId"),
		Secret:  text("AccessKeySecret"),
		Token:   text("SecurityToken"),
		Expires: expires,
	}, nil
}

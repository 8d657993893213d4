package conns

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tag "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tag/v20180813"
)

// TagAPI is the part of the Tencent Cloud Tag SDK client the provider uses:
// TAT changes no tag of a command after CreateCommand (ModifyCommand takes
// no Tags), so the Tag service does it.
type TagAPI interface {
	ModifyResourceTagsWithContext(context.Context, *tag.ModifyResourceTagsRequest) (*tag.ModifyResourceTagsResponse, error)
	DescribeResourceTagsByResourceIdsWithContext(context.Context, *tag.DescribeResourceTagsByResourceIdsRequest) (*tag.DescribeResourceTagsByResourceIdsResponse, error)
}

// TagClient calls the Tencent Cloud Tag API (2018-08-13) with the
// credentials, retries and rate limiting of the TAT client.
type TagClient struct {
	api    TagAPI
	retry  *retrier
	region string
	creds  *credentialHolder // shared with the TAT client; nil for a stand-in API
}

// tagHost is the Tag API's public host.
const tagHost = "tag.tencentcloudapi.com"

// TagEndpoint is the Tag API endpoint that goes with a TAT endpoint: the
// public one when TAT uses its public one, the same host with tag. for
// tat. (tat.internal.tencentcloudapi.com becomes
// tag.internal.tencentcloudapi.com), and any other host, such as a local
// endpoint serving every service, as it is.
func TagEndpoint(tatEndpoint string) (scheme, host string, err error) {
	if tatEndpoint == "" {
		return "HTTPS", tagHost, nil
	}
	u, err := url.Parse(tatEndpoint)
	if err != nil {
		return "", "", err
	}
	host = u.Host + strings.TrimSuffix(u.Path, "/")
	if rest, ok := strings.CutPrefix(host, "tat."); ok {
		host = "tag." + rest
	}
	return strings.ToUpper(u.Scheme), host, nil
}

// newTagClient builds the Tag SDK client for the TAT configuration cfg,
// signing with the TAT client's credentials (holder), whatever their source.
func newTagClient(cfg TATConfig, holder *credentialHolder, opts ...Option) (*TagClient, error) {
	cpf := profile.NewClientProfile()
	cpf.Language = "en-US"
	disableTATRetries(cpf)
	scheme, host, err := TagEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	cpf.HttpProfile.Endpoint, cpf.HttpProfile.Scheme = host, scheme
	client, err := tag.NewClient(tencentCredential{holder}, cfg.Region, cpf)
	if err != nil {
		return nil, err
	}
	client.WithHttpTransport(newProbingTransport())
	opts = append([]Option{withSecrets(cfg.SecretID, cfg.SecretKey, cfg.SecurityToken), withCurrentSecrets(holder.secrets)}, opts...)
	c := NewTagClientFromAPI(client, opts...)
	c.region, c.creds = cfg.Region, holder
	return c, nil
}

// NewTagClientFromAPI wraps any implementation of TagAPI; tests use it to
// put a stand-in behind the client layer.
func NewTagClientFromAPI(api TagAPI, opts ...Option) *TagClient {
	return &TagClient{api: api, retry: applyOptions(newRetrier(vendorTencent, defaultTATRateLimit), opts)}
}

// doTag sends one Tag API call through the retry layer. Both actions the
// provider uses may be sent again: ModifyResourceTags sets tags to given
// values, which a repeat leaves as they are.
func doTag[Req, Resp any](ctx context.Context, c *TagClient, action string, send func(context.Context, Req) (Resp, error), req Req) (Resp, error) {
	if err := c.creds.refresh(ctx); err != nil {
		var none Resp
		return none, explainUnknownHost(err, vendorTencent, c.region)
	}
	return retryCall(ctx, c.retry, call{action: action, idempotent: true}, func(ctx context.Context) (Resp, error) {
		resp, err := signedAttempt(ctx, c.creds, func(ctx context.Context) (Resp, error) {
			resp, err := send(ctx, req)
			return resp, translateTATError(action, err)
		})
		if err == nil && missingTATResponse(resp) {
			return resp, fmt.Errorf("%w: %s %s answered without a Response object", ErrMalformedResponse, vendorTencent, action)
		}
		return resp, err
	})
}

// ModifyResourceTags calls Tag ModifyResourceTags.
func (c *TagClient) ModifyResourceTags(ctx context.Context, req *tag.ModifyResourceTagsRequest) (*tag.ModifyResourceTagsResponse, error) {
	return doTag(ctx, c, "ModifyResourceTags", c.api.ModifyResourceTagsWithContext, req)
}

// DescribeResourceTagsByResourceIds calls Tag DescribeResourceTagsByResourceIds.
func (c *TagClient) DescribeResourceTagsByResourceIds(ctx context.Context, req *tag.DescribeResourceTagsByResourceIdsRequest) (*tag.DescribeResourceTagsByResourceIdsResponse, error) {
	return doTag(ctx, c, "DescribeResourceTagsByResourceIds", c.api.DescribeResourceTagsByResourceIdsWithContext, req)
}

// Tags returns the Tag API client that goes with this TAT client, or why
// there is none (a client built around a stand-in API has none unless a
// test gives it one with SetTags).
func (c *TATClient) Tags() (*TagClient, error) {
	if c.tags == nil {
		return nil, fmt.Errorf("the Tencent Cloud Tag API client is not configured")
	}
	return c.tags, nil
}

// SetTags gives the client the Tag API client to change tags with.
func (c *TATClient) SetTags(tags *TagClient) { c.tags = tags }

// TATCommandResource is the six-segment resource name the Tag API knows a
// TAT command by: qcs::tat:REGION:uin/:command/cmd-xxxxxxxx. The account
// segment may leave the UIN out; the service fills in the caller's.
func TATCommandResource(region, commandID string) string {
	return "qcs::tat:" + region + ":uin/:command/" + commandID
}

package provider

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// Environment variables read when an attribute is not set.
const (
	envTencentSecretID      = "TENCENTCLOUD_SECRET_ID"
	envTencentSecretKey     = "TENCENTCLOUD_SECRET_KEY"
	envTencentSecurityToken = "TENCENTCLOUD_SECURITY_TOKEN"
	envTencentRegion        = "TENCENTCLOUD_REGION"
	envAliAccessKey         = "ALICLOUD_ACCESS_KEY"
	envAliSecretKey         = "ALICLOUD_SECRET_KEY"
	envAliSecurityToken     = "ALICLOUD_SECURITY_TOKEN"
	envAliRegion            = "ALICLOUD_REGION"
)

type providerModel struct {
	TencentCloud *tencentCloudModel `tfsdk:"tencentcloud"`
	AliCloud     *aliCloudModel     `tfsdk:"alicloud"`
}

type tencentCloudModel struct {
	SecretID      types.String `tfsdk:"secret_id"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Region        types.String `tfsdk:"region"`
	Endpoint      types.String `tfsdk:"endpoint"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	MaxRetries    types.Int64  `tfsdk:"max_retries"`
}

type aliCloudModel struct {
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Region        types.String `tfsdk:"region"`
	Endpoint      types.String `tfsdk:"endpoint"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	MaxRetries    types.Int64  `tfsdk:"max_retries"`
}

const endpointDescription = "A URL overriding the API endpoint, such as `%s` or the bundled fake's `http://127.0.0.1:8787`. " +
	"Plain `http://` is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost) unless `insecure` is true."

func tencentCloudBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Tencent Cloud TAT settings. Needed only by `cloudcmd_tat_*` resources and data sources.",
		Attributes: map[string]schema.Attribute{
			"secret_id": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "API secret ID. Falls back to `" + envTencentSecretID + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "API secret key. Falls back to `" + envTencentSecretKey + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Security token of temporary credentials. Falls back to `" + envTencentSecurityToken + "`.",
			},
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Region of the instances, such as `ap-guangzhou`. Falls back to `" + envTencentRegion + "`.",
			},
			"endpoint": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf(endpointDescription, "https://tat.tencentcloudapi.com"),
			},
			"insecure": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Allow a plain `http://` endpoint on a host that is not loopback. Credentials are signed, not encrypted: use only on trusted networks.",
			},
			"max_retries": maxRetriesAttribute("RequestLimitExceeded"),
		},
	}
}

func aliCloudBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Alibaba Cloud ECS Cloud Assistant settings. Needed only by `cloudcmd_ecs_*` resources and data sources.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "AccessKey ID. Falls back to `" + envAliAccessKey + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "AccessKey secret. Falls back to `" + envAliSecretKey + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "STS security token. Falls back to `" + envAliSecurityToken + "`.",
			},
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Default region, such as `cn-hangzhou`, for resources that do not set `region_id`. Falls back to `" + envAliRegion + "`.",
			},
			"endpoint": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf(endpointDescription, "https://ecs.cn-hangzhou.aliyuncs.com") + " Default: `https://ecs.<region>.aliyuncs.com`, or `https://ecs.aliyuncs.com` without a region.",
			},
			"insecure": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Allow a plain `http://` endpoint on a host that is not loopback. Credentials are signed, not encrypted: use only on trusted networks.",
			},
			"max_retries": maxRetriesAttribute("Throttling"),
		},
	}
}

// maxRetriesAttribute is the retry budget of one vendor's calls; throttled
// names the vendor's throttling error code for the description.
func maxRetriesAttribute(throttled string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("How many times a failed API call is sent again, with exponential backoff and jitter, "+
			"within the operation's timeout. Default %d; 0 sends each call once. Retried: throttling (`%s`), server errors, and network "+
			"failures that left the request unsent, or that may have delivered it when sending it twice is harmless. "+
			"Credential and signature errors are never retried.", conns.DefaultMaxRetries, throttled),
		Validators: []validator.Int64{int64validator.AtLeast(0)},
	}
}

// retryOptions turns a block's max_retries into client options.
func retryOptions(maxRetries types.Int64) []conns.Option {
	if maxRetries.IsNull() || maxRetries.IsUnknown() {
		return nil
	}
	return []conns.Option{conns.WithMaxRetries(int(maxRetries.ValueInt64()))}
}

func (m providerModel) validateEndpoints() diag.Diagnostics {
	var diags diag.Diagnostics
	if m.TencentCloud != nil {
		diags.Append(validateEndpoint(path.Root("tencentcloud").AtName("endpoint"), m.TencentCloud.Endpoint, m.TencentCloud.Insecure)...)
	}
	if m.AliCloud != nil {
		diags.Append(validateEndpoint(path.Root("alicloud").AtName("endpoint"), m.AliCloud.Endpoint, m.AliCloud.Insecure)...)
	}
	return diags
}

// validateEndpoint accepts https URLs anywhere and http URLs on loopback, or
// anywhere when insecure is set: signed requests over plain HTTP still leak
// command content and output, so a remote http endpoint must be a choice.
func validateEndpoint(p path.Path, endpoint types.String, insecure types.Bool) diag.Diagnostics {
	var diags diag.Diagnostics
	if endpoint.IsNull() || endpoint.IsUnknown() {
		return diags
	}
	u, err := url.Parse(endpoint.ValueString())
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		diags.AddAttributeError(p, "Invalid Endpoint URL",
			fmt.Sprintf("The endpoint must be an http:// or https:// URL with a host, such as https://tat.tencentcloudapi.com; got %q.", endpoint.ValueString()))
		return diags
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) && !insecure.ValueBool() {
		diags.AddAttributeError(p, "Insecure Endpoint",
			fmt.Sprintf("The endpoint %q uses plain http on a host that is not loopback. Use https, a loopback host (127.0.0.0/8, ::1, localhost), or set insecure = true in the same block.", endpoint.ValueString()))
	}
	return diags
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// stringOrEnv is the attribute's value, else the environment variable's.
func stringOrEnv(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	return os.Getenv(env)
}

func (m providerModel) clients() *conns.Clients {
	tatClient, tatErr := m.tatClient()
	ecsClient, ecsErr := m.ecsClient()
	return conns.NewClients(tatClient, tatErr, ecsClient, ecsErr)
}

func (m providerModel) tatClient() (*conns.TATClient, error) {
	block := m.TencentCloud
	if block == nil {
		block = &tencentCloudModel{}
	}
	cfg := conns.TATConfig{
		SecretID:      stringOrEnv(block.SecretID, envTencentSecretID),
		SecretKey:     stringOrEnv(block.SecretKey, envTencentSecretKey),
		SecurityToken: stringOrEnv(block.SecurityToken, envTencentSecurityToken),
		Region:        stringOrEnv(block.Region, envTencentRegion),
		Endpoint:      block.Endpoint.ValueString(),
	}
	if missing := missingSettings(
		setting{cfg.SecretID, "tencentcloud.secret_id", envTencentSecretID},
		setting{cfg.SecretKey, "tencentcloud.secret_key", envTencentSecretKey},
		setting{cfg.Region, "tencentcloud.region", envTencentRegion},
	); missing != "" {
		return nil, fmt.Errorf("Tencent Cloud TAT resources need credentials and a region: %s", missing) //nolint:staticcheck // a sentence shown to users as a diagnostic
	}
	return conns.NewTATClient(cfg, retryOptions(block.MaxRetries)...)
}

func (m providerModel) ecsClient() (*conns.ECSClient, error) {
	block := m.AliCloud
	if block == nil {
		block = &aliCloudModel{}
	}
	cfg := conns.ECSConfig{
		AccessKey:     stringOrEnv(block.AccessKey, envAliAccessKey),
		SecretKey:     stringOrEnv(block.SecretKey, envAliSecretKey),
		SecurityToken: stringOrEnv(block.SecurityToken, envAliSecurityToken),
		Region:        stringOrEnv(block.Region, envAliRegion),
		Endpoint:      block.Endpoint.ValueString(),
	}
	if missing := missingSettings(
		setting{cfg.AccessKey, "alicloud.access_key", envAliAccessKey},
		setting{cfg.SecretKey, "alicloud.secret_key", envAliSecretKey},
	); missing != "" {
		return nil, fmt.Errorf("Alibaba Cloud ECS resources need credentials: %s", missing) //nolint:staticcheck // a sentence shown to users as a diagnostic
	}
	return conns.NewECSClient(cfg, retryOptions(block.MaxRetries)...)
}

type setting struct{ value, attribute, env string }

// missingSettings names each unset setting with both ways to set it.
func missingSettings(settings ...setting) string {
	var missing []string
	for _, s := range settings {
		if s.value == "" {
			missing = append(missing, fmt.Sprintf("%s is not set: set %s in the provider block or the %s environment variable", s.attribute, s.attribute, s.env))
		}
	}
	return strings.Join(missing, "; ")
}

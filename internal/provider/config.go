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
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
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

	envTencentProfile      = "TENCENTCLOUD_PROFILE"
	envTencentSharedDir    = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR"
	envTencentCAMRoleName  = "TENCENTCLOUD_CAM_ROLE_NAME"
	envAliProfile          = "ALIBABA_CLOUD_PROFILE"
	envAliProfileOld       = "ALICLOUD_PROFILE"
	envAliCredentialsFile  = "ALIBABA_CLOUD_CREDENTIALS_FILE"
	envAliSharedFileOld    = "ALICLOUD_SHARED_CREDENTIALS_FILE"
	envAliECSRoleName      = "ALIBABA_CLOUD_ECS_METADATA"
	envAliECSRoleNameOld   = "ALICLOUD_ECS_ROLE_NAME"
	envAliAccessKeyID      = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	envAliAccessKeySecret  = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	envAliSecurityTokenNew = "ALIBABA_CLOUD_SECURITY_TOKEN"
	envAliRegionID         = "ALIBABA_CLOUD_REGION_ID"
)

type providerModel struct {
	TencentCloud *tencentCloudModel `tfsdk:"tencentcloud"`
	AliCloud     *aliCloudModel     `tfsdk:"alicloud"`
}

type tencentCloudModel struct {
	SecretID             types.String     `tfsdk:"secret_id"`
	SecretKey            types.String     `tfsdk:"secret_key"`
	SecurityToken        types.String     `tfsdk:"security_token"`
	Profile              types.String     `tfsdk:"profile"`
	SharedCredentialsDir types.String     `tfsdk:"shared_credentials_dir"`
	CAMRoleName          types.String     `tfsdk:"cam_role_name"`
	AssumeRole           *assumeRoleModel `tfsdk:"assume_role"`
	STSEndpoint          types.String     `tfsdk:"sts_endpoint"`
	Region               types.String     `tfsdk:"region"`
	SkipRegionValidation types.Bool       `tfsdk:"skip_region_validation"`
	Endpoint             types.String     `tfsdk:"endpoint"`
	Insecure             types.Bool       `tfsdk:"insecure"`
	MaxRetries           types.Int64      `tfsdk:"max_retries"`
	// warnings are said at configure: how the credentials were found
	// may need the user's attention. Not part of the schema.
	warnings []string
}

type aliCloudModel struct {
	AccessKey             types.String     `tfsdk:"access_key"`
	SecretKey             types.String     `tfsdk:"secret_key"`
	SecurityToken         types.String     `tfsdk:"security_token"`
	Profile               types.String     `tfsdk:"profile"`
	SharedCredentialsFile types.String     `tfsdk:"shared_credentials_file"`
	ECSRoleName           types.String     `tfsdk:"ecs_role_name"`
	AssumeRole            *assumeRoleModel `tfsdk:"assume_role"`
	STSEndpoint           types.String     `tfsdk:"sts_endpoint"`
	Region                types.String     `tfsdk:"region"`
	SkipRegionValidation  types.Bool       `tfsdk:"skip_region_validation"`
	Endpoint              types.String     `tfsdk:"endpoint"`
	Insecure              types.Bool       `tfsdk:"insecure"`
	MaxRetries            types.Int64      `tfsdk:"max_retries"`
	// warnings are said at configure: how the credentials were found
	// may need the user's attention. Not part of the schema.
	warnings []string
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
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Profile of the Tencent Cloud CLI (tccli) whose keys and region to use, read from `<shared_credentials_dir>/<profile>.credential` " +
					"and `.configure`. Falls back to `" + envTencentProfile + "`, then `default`. A name, never a path.",
				Validators: []validator.String{validate.ProfileName()},
			},
			"shared_credentials_dir": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Directory of the tccli profiles. Falls back to `" + envTencentSharedDir + "`, then `~/.tccli`.",
			},
			"cam_role_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "CAM role bound to the CVM instance Terraform runs on, whose temporary keys are read from the instance metadata service. " +
					"Used when no keys are set otherwise. Falls back to `" + envTencentCAMRoleName + "`.",
			},
			"sts_endpoint": stsEndpointAttribute("https://sts.tencentcloudapi.com", "`assume_role` calls"),
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region of the instances, such as `ap-guangzhou`. Falls back to `" + envTencentRegion + "`, then the region of the profile that gave the keys. " +
					"Checked at plan against the regions this provider knows, unless `skip_region_validation` is true.",
			},
			"skip_region_validation": skipRegionValidationAttribute(),
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
		Blocks: map[string]schema.Block{"assume_role": tencentAssumeRoleBlock()},
	}
}

func aliCloudBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Alibaba Cloud ECS Cloud Assistant settings. Needed only by `cloudcmd_ecs_*` resources and data sources.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "AccessKey ID. Falls back to `" + envAliAccessKey + "`, then `" + envAliAccessKeyID + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "AccessKey secret. Falls back to `" + envAliSecretKey + "`, then `" + envAliAccessKeySecret + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "STS security token. Falls back to `" + envAliSecurityToken + "`, then `" + envAliSecurityTokenNew + "`.",
			},
			"profile": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Profile of the Alibaba Cloud CLI configuration file to use (modes `AK`, `StsToken`, `RamRoleArn` and `EcsRamRole`). " +
					"Falls back to `" + envAliProfile + "`, then `" + envAliProfileOld + "`, then the file's current profile, then `default`. A name, never a path.",
				Validators: []validator.String{validate.ProfileName()},
			},
			"shared_credentials_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The Alibaba Cloud CLI configuration file. Falls back to `" + envAliCredentialsFile + "`, then `" + envAliSharedFileOld +
					"`, then `~/.aliyun/config.json`.",
			},
			"ecs_role_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "RAM role attached to the ECS instance Terraform runs on, whose temporary keys are read from the instance metadata service. " +
					"Used when no keys are set otherwise. Falls back to `" + envAliECSRoleName + "`, then `" + envAliECSRoleNameOld + "`.",
			},
			"sts_endpoint": stsEndpointAttribute("https://sts.aliyuncs.com", "`assume_role` and profiles in `RamRoleArn` mode call"),
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Default region, such as `cn-hangzhou`, for resources that do not set `region_id`. Falls back to `" + envAliRegion + "`, then `" +
					envAliRegionID + "`, then the region of the profile that gave the keys. Checked at plan against the regions this provider knows, as is each resource's `region_id`, " +
					"unless `skip_region_validation` is true.",
			},
			"skip_region_validation": skipRegionValidationAttribute(),
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
		Blocks: map[string]schema.Block{"assume_role": alibabaAssumeRoleBlock()},
	}
}

func stsEndpointAttribute(example, callers string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "The STS endpoint that " + callers + ". " + fmt.Sprintf(endpointDescription, example) + " Default: `" + example + "`.",
	}
}

func skipRegionValidationAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional:            true,
		MarkdownDescription: "Accept a region this provider does not know, such as one newer than the provider. Default false.",
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
		diags.Append(validateEndpoint(path.Root("tencentcloud").AtName("sts_endpoint"), m.TencentCloud.STSEndpoint, m.TencentCloud.Insecure)...)
	}
	if m.AliCloud != nil {
		diags.Append(validateEndpoint(path.Root("alicloud").AtName("endpoint"), m.AliCloud.Endpoint, m.AliCloud.Insecure)...)
		diags.Append(validateEndpoint(path.Root("alicloud").AtName("sts_endpoint"), m.AliCloud.STSEndpoint, m.AliCloud.Insecure)...)
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

// stringOrEnv is the attribute's value, else the first environment
// variable that is set.
func stringOrEnv(v types.String, envs ...string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	for _, env := range envs {
		if value := os.Getenv(env); value != "" {
			return value
		}
	}
	return ""
}

// clients builds both vendors' clients, with warnings about how the
// credentials were found (a credentials file others can read).
func (m providerModel) clients() (*conns.Clients, []string) {
	if m.TencentCloud == nil {
		m.TencentCloud = &tencentCloudModel{}
	}
	if m.AliCloud == nil {
		m.AliCloud = &aliCloudModel{}
	}
	tatClient, tatErr := m.tatClient()
	ecsClient, ecsErr := m.ecsClient()
	clients := conns.NewClients(tatClient, tatErr, ecsClient, ecsErr)
	clients.ECSRegionRule = m.AliCloud.regionRule()
	return clients, append(m.TencentCloud.warnings, m.AliCloud.warnings...)
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

package provider

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Each vendor block finds its keys in the order the vendor's own Terraform
// provider documents: keys in the block, keys in the environment, a CLI
// profile, the role of the instance Terraform runs on. An assume_role block
// then trades the keys found for a role's temporary keys.

type assumeRoleModel struct {
	RoleARN         types.String `tfsdk:"role_arn"`
	SessionName     types.String `tfsdk:"session_name"`
	SessionDuration types.Int64  `tfsdk:"session_duration"`
	ExternalID      types.String `tfsdk:"external_id"`
	Policy          types.String `tfsdk:"policy"`
}

// defaultSessionName names the sessions of assumed roles, so that the
// vendors' audit logs show where the calls came from.
const defaultSessionName = "terraform-provider-cloudcmd"

// roleRules are a vendor's rules for the AssumeRole parameters.
type roleRules struct {
	vendor          string
	arn             *regexp.Regexp
	arnExample      string
	sessionName     *regexp.Regexp
	sessionNameRule string
	minDuration     int64
	maxDuration     int64
	defaultDuration int64
	externalID      *regexp.Regexp
	externalIDMax   int
	externalIDRule  string
}

// Tencent Cloud STS AssumeRole: RoleArn qcs::cam::uin/<account>:roleName/<name>
// (or :role/<id>); RoleSessionName 2 to 128 of [\w+=,.@-]; DurationSeconds
// at most 43200, default 7200; ExternalId 2 to 128 of [\w+=,.@:/-].
var tencentRoleRules = roleRules{
	vendor:          "Tencent Cloud",
	arn:             regexp.MustCompile(`^qcs::cam::uin/\d+:(role|roleName)/([\w+=,.@-]+/)?[\w+=,.@-]+$`),
	arnExample:      "qcs::cam::uin/100000000001:roleName/terraform",
	sessionName:     regexp.MustCompile(`^[\w+=,.@-]{2,128}$`),
	sessionNameRule: "2 to 128 letters, digits and the characters + = , . @ _ -",
	minDuration:     1,
	maxDuration:     43200,
	defaultDuration: 7200,
	externalID:      regexp.MustCompile(`^[\w+=,.@:/-]+$`),
	externalIDMax:   128,
	externalIDRule:  "2 to 128 letters, digits and the characters + = , . @ : / _ -",
}

// Alibaba Cloud STS AssumeRole: RoleArn acs:ram::<account>:role/<name>;
// RoleSessionName 2 to 64 of [\w.@-]; DurationSeconds 900 up to the role's
// maximum session duration, at most 43200, default 3600; ExternalId 2 to
// 1224 of [\w=,.@:/-].
var alibabaRoleRules = roleRules{
	vendor:          "Alibaba Cloud",
	arn:             regexp.MustCompile(`^acs:ram::\d+:role/[\w.@-]+$`),
	arnExample:      "acs:ram::1234567890123456:role/terraform",
	sessionName:     regexp.MustCompile(`^[\w.@-]{2,64}$`),
	sessionNameRule: "2 to 64 letters, digits and the characters . @ _ -",
	minDuration:     900,
	maxDuration:     43200,
	defaultDuration: 3600,
	externalID:      regexp.MustCompile(`^[\w=,.@:/-]+$`),
	externalIDMax:   1224,
	externalIDRule:  "2 to 1224 letters, digits and the characters = , . @ : / _ -",
}

func tencentAssumeRoleBlock() schema.SingleNestedBlock { return assumeRoleBlock(tencentRoleRules) }
func alibabaAssumeRoleBlock() schema.SingleNestedBlock { return assumeRoleBlock(alibabaRoleRules) }

func assumeRoleBlock(r roleRules) schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Take on a role with " + r.vendor + " STS AssumeRole, signed with the keys found otherwise; " +
			"its temporary keys sign every call, and are renewed before they expire.",
		// A block's attributes cannot be Required; a present block needs
		// role_arn all the same.
		Validators: []validator.Object{objectvalidator.AlsoRequires(path.MatchRelative().AtName("role_arn"))},
		Attributes: map[string]schema.Attribute{
			"role_arn": schema.StringAttribute{
				Optional:            true, // required in the block: see the block's validator
				MarkdownDescription: "ARN of the role, such as `" + r.arnExample + "`. Required.",
				Validators:          []validator.String{stringvalidator.RegexMatches(r.arn, "must be a role ARN such as "+r.arnExample)},
			},
			"session_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the session, shown in the audit logs: " + r.sessionNameRule + ". Default `" + defaultSessionName + "`.",
				Validators:          []validator.String{stringvalidator.RegexMatches(r.sessionName, "must be "+r.sessionNameRule)},
			},
			"session_duration": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long the temporary keys last, in seconds: %d to %d. Default %d.",
					r.minDuration, r.maxDuration, r.defaultDuration),
				Validators: []validator.Int64{int64validator.Between(r.minDuration, r.maxDuration)},
			},
			"external_id": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "External ID the role's trust policy requires: " + r.externalIDRule + ".",
				Validators: []validator.String{
					stringvalidator.LengthBetween(2, r.externalIDMax),
					validate.SecretMatches(r.externalID, r.externalIDRule),
				},
			},
			"policy": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "A policy document (JSON) that narrows what the temporary keys may do.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// role turns the block into the STS call; base signs it.
func (m *assumeRoleModel) role(r roleRules, base conns.CredentialSource, endpoint, region string) conns.AssumeRole {
	duration := r.defaultDuration
	if !m.SessionDuration.IsNull() {
		duration = m.SessionDuration.ValueInt64()
	}
	sessionName := m.SessionName.ValueString()
	if sessionName == "" {
		sessionName = defaultSessionName
	}
	return conns.AssumeRole{
		Base:        base,
		RoleARN:     m.RoleARN.ValueString(),
		SessionName: sessionName,
		Duration:    time.Duration(duration) * time.Second,
		ExternalID:  m.ExternalID.ValueString(),
		Policy:      m.Policy.ValueString(),
		Endpoint:    endpoint,
		Region:      region,
	}
}

// lookedAt gathers, for a configuration where no keys were found, each
// place that was looked at.
type lookedAt []string

func (l *lookedAt) add(format string, args ...any) { *l = append(*l, fmt.Sprintf(format, args...)) }

func (l lookedAt) String() string { return strings.Join(l, "; ") }

func (m providerModel) tatClient() (*conns.TATClient, error) {
	block := m.TencentCloud
	cfg, err := block.tatConfig()
	if err != nil {
		return nil, fmt.Errorf("Tencent Cloud TAT resources need credentials and a region: %w", err) //nolint:staticcheck // a sentence shown to users as a diagnostic
	}
	return conns.NewTATClient(cfg, retryOptions(block.MaxRetries)...)
}

func (b *tencentCloudModel) tatConfig() (conns.TATConfig, error) {
	cfg := conns.TATConfig{
		SecretID:      stringOrEnv(b.SecretID, envTencentSecretID),
		SecretKey:     stringOrEnv(b.SecretKey, envTencentSecretKey),
		SecurityToken: stringOrEnv(b.SecurityToken, envTencentSecurityToken),
		Region:        stringOrEnv(b.Region, envTencentRegion),
		Endpoint:      b.Endpoint.ValueString(),
	}
	base, profileRegion, err := b.baseCredentials(&cfg)
	if err != nil {
		return cfg, err
	}
	if cfg.Region == "" {
		cfg.Region = profileRegion
	}
	if missing := missingSettings(setting{cfg.Region, "tencentcloud.region", envTencentRegion}); missing != "" {
		return cfg, fmt.Errorf("%s, nor is a region in the profile", missing)
	}
	rule := conns.RegionRule{Setting: "tencentcloud.region", Known: conns.TencentRegions, Skip: b.SkipRegionValidation.ValueBool(), SkipSetting: "tencentcloud.skip_region_validation"}
	if err := rule.Check(cfg.Region); err != nil {
		return cfg, err
	}
	cfg.Credentials = base
	if b.AssumeRole != nil {
		cfg.Credentials = conns.TencentAssumeRole(b.AssumeRole.role(tencentRoleRules, base, b.STSEndpoint.ValueString(), cfg.Region), retryOptions(b.MaxRetries)...)
	}
	return cfg, nil
}

// baseCredentials finds the keys in the tencentcloud provider's order:
// the block, the environment, the tccli profile, then the SDK's own
// credentials file, the CVM instance's role.
func (b *tencentCloudModel) baseCredentials(cfg *conns.TATConfig) (source conns.CredentialSource, region string, err error) {
	if cfg.SecretID != "" || cfg.SecretKey != "" {
		if missing := missingSettings(
			setting{cfg.SecretID, "tencentcloud.secret_id", envTencentSecretID},
			setting{cfg.SecretKey, "tencentcloud.secret_key", envTencentSecretKey},
		); missing != "" {
			return nil, "", fmt.Errorf("%s", missing)
		}
		return conns.StaticCredentials{KeyID: cfg.SecretID, Secret: cfg.SecretKey, Token: cfg.SecurityToken}, "", nil
	}
	var looked lookedAt
	looked.add("%s", missingSettings(setting{"", "tencentcloud.secret_id", envTencentSecretID}))

	name := stringOrEnv(b.Profile, envTencentProfile)
	if err := validate.CheckProfileName(name); err != nil {
		return nil, "", fmt.Errorf("tencentcloud.profile (or %s): %w", envTencentProfile, err)
	}
	explicit := name != ""
	if !explicit {
		name = "default"
	}
	dir := stringOrEnv(b.SharedCredentialsDir, envTencentSharedDir)
	if dir == "" {
		dir = homeFile(".tccli")
	}
	if dir != "" {
		profile, file, found, err := readTencentProfile(dir, name)
		switch {
		case err != nil:
			return nil, "", fmt.Errorf("tccli profile %q (tencentcloud.profile, %s): %w", name, envTencentProfile, err)
		case found:
			b.warnings = append(b.warnings, readableByOthers(file)...)
			cfg.SecretID, cfg.SecretKey, cfg.SecurityToken = profile.SecretID, profile.SecretKey, profile.Token
			return conns.StaticCredentials{KeyID: profile.SecretID, Secret: profile.SecretKey, Token: profile.Token}, profile.Region, nil
		case explicit:
			return nil, "", fmt.Errorf("tencentcloud.profile (or %s) names profile %q, but %s does not exist (tencentcloud.shared_credentials_dir, %s)",
				envTencentProfile, name, file, envTencentSharedDir)
		default:
			looked.add("no tccli profile %q at %s (tencentcloud.profile / %s, tencentcloud.shared_credentials_dir / %s)", name, file, envTencentProfile, envTencentSharedDir)
		}
	}

	if !explicit {
		source, file, found, err := tencentSDKCredentialsFile(&looked)
		if err != nil {
			return nil, "", err
		}
		if found {
			b.warnings = append(b.warnings, readableByOthers(file)...)
			return source, "", nil
		}
	}

	if role := stringOrEnv(b.CAMRoleName, envTencentCAMRoleName); role != "" {
		return conns.TencentInstanceRole(role), "", nil
	}
	looked.add("no CVM instance role: set tencentcloud.cam_role_name or %s on a CVM instance with a CAM role", envTencentCAMRoleName)
	return nil, "", fmt.Errorf("no credentials found. Looked at: %s", looked)
}

func (m providerModel) ecsClient() (*conns.ECSClient, error) {
	block := m.AliCloud
	cfg, err := block.ecsConfig()
	if err != nil {
		return nil, fmt.Errorf("Alibaba Cloud ECS resources need credentials: %w", err) //nolint:staticcheck // a sentence shown to users as a diagnostic
	}
	return conns.NewECSClient(cfg, retryOptions(block.MaxRetries)...)
}

func (b *aliCloudModel) ecsConfig() (conns.ECSConfig, error) {
	cfg := conns.ECSConfig{
		AccessKey:     stringOrEnv(b.AccessKey, envAliAccessKey, envAliAccessKeyID),
		SecretKey:     stringOrEnv(b.SecretKey, envAliSecretKey, envAliAccessKeySecret),
		SecurityToken: stringOrEnv(b.SecurityToken, envAliSecurityToken, envAliSecurityTokenNew),
		Region:        stringOrEnv(b.Region, envAliRegion, envAliRegionID),
		Endpoint:      b.Endpoint.ValueString(),
	}
	base, profileRegion, err := b.baseCredentials(&cfg)
	if err != nil {
		return cfg, err
	}
	if cfg.Region == "" {
		cfg.Region = profileRegion
	}
	if err := b.regionRule().Check(cfg.Region); err != nil {
		return cfg, err
	}
	cfg.Credentials = base
	if b.AssumeRole != nil {
		cfg.Credentials = conns.AlibabaAssumeRole(b.AssumeRole.role(alibabaRoleRules, base, b.STSEndpoint.ValueString(), cfg.Region), retryOptions(b.MaxRetries)...)
	}
	return cfg, nil
}

func (b *aliCloudModel) regionRule() conns.RegionRule {
	return conns.RegionRule{Setting: "alicloud.region", Known: conns.AlibabaRegions, Skip: b.SkipRegionValidation.ValueBool(), SkipSetting: "alicloud.skip_region_validation"}
}

// baseCredentials finds the keys in the alicloud provider's order: the
// block, the environment, the CLI profile, the ECS instance's RAM role.
func (b *aliCloudModel) baseCredentials(cfg *conns.ECSConfig) (source conns.CredentialSource, region string, err error) {
	if cfg.AccessKey != "" || cfg.SecretKey != "" {
		if missing := missingSettings(
			setting{cfg.AccessKey, "alicloud.access_key", envAliAccessKey},
			setting{cfg.SecretKey, "alicloud.secret_key", envAliSecretKey},
		); missing != "" {
			return nil, "", fmt.Errorf("%s", missing)
		}
		return conns.StaticCredentials{KeyID: cfg.AccessKey, Secret: cfg.SecretKey, Token: cfg.SecurityToken}, "", nil
	}
	var looked lookedAt
	looked.add("%s", missingSettings(setting{"", "alicloud.access_key", envAliAccessKey}))

	name := stringOrEnv(b.Profile, envAliProfile, envAliProfileOld)
	if err := validate.CheckProfileName(name); err != nil {
		return nil, "", fmt.Errorf("alicloud.profile (or %s): %w", envAliProfile, err)
	}
	file := stringOrEnv(b.SharedCredentialsFile, envAliCredentialsFile, envAliSharedFileOld)
	if file == "" {
		file = homeFile(".aliyun", "config.json")
	}
	if file != "" {
		profile, found, err := readAlibabaProfile(file, name)
		switch {
		case err != nil:
			return nil, "", fmt.Errorf("Alibaba Cloud CLI profile (alicloud.profile, %s): %w", envAliProfile, err) //nolint:staticcheck // a sentence shown to users
		case found:
			b.warnings = append(b.warnings, readableByOthers(file)...)
			source, err := b.profileCredentials(profile, file, cfg)
			return source, profile.RegionID, err
		case name != "":
			return nil, "", fmt.Errorf("alicloud.profile (or %s) names profile %q, but %s does not exist (alicloud.shared_credentials_file, %s)",
				envAliProfile, name, file, envAliCredentialsFile)
		default:
			looked.add("no Alibaba Cloud CLI configuration at %s (alicloud.shared_credentials_file / %s, alicloud.profile / %s)", file, envAliCredentialsFile, envAliProfile)
		}
	}

	if role := stringOrEnv(b.ECSRoleName, envAliECSRoleName, envAliECSRoleNameOld); role != "" {
		return conns.AlibabaInstanceRole(role), "", nil
	}
	looked.add("no ECS instance role: set alicloud.ecs_role_name or %s on an ECS instance with a RAM role", envAliECSRoleNameOld)
	return nil, "", fmt.Errorf("no credentials found. Looked at: %s", looked)
}

// profileCredentials are the keys of one CLI profile, by its mode.
func (b *aliCloudModel) profileCredentials(p alibabaProfile, file string, cfg *conns.ECSConfig) (conns.CredentialSource, error) {
	keys := conns.StaticCredentials{KeyID: p.AccessKeyID, Secret: p.AccessKeySecret}
	needKeys := func() error {
		if p.AccessKeyID == "" || p.AccessKeySecret == "" {
			return fmt.Errorf("profile %q of %s (mode %s) has no access_key_id or no access_key_secret", p.Name, file, p.Mode)
		}
		cfg.AccessKey, cfg.SecretKey = p.AccessKeyID, p.AccessKeySecret
		return nil
	}
	switch p.Mode {
	case "AK", "":
		return keys, needKeys()
	case "StsToken":
		keys.Token = p.StsToken
		cfg.SecurityToken = p.StsToken
		return keys, needKeys()
	case "RamRoleArn":
		if err := needKeys(); err != nil {
			return nil, err
		}
		duration := p.ExpiredSeconds
		if duration == 0 {
			duration = alibabaRoleRules.defaultDuration
		}
		role := (&assumeRoleModel{
			RoleARN:         types.StringValue(p.RAMRoleARN),
			SessionName:     types.StringValue(p.RAMSessionName),
			SessionDuration: types.Int64Value(duration),
			ExternalID:      types.StringValue(p.ExternalID),
		}).role(alibabaRoleRules, keys, b.STSEndpoint.ValueString(), p.RegionID)
		return conns.AlibabaAssumeRole(role, retryOptions(b.MaxRetries)...), nil
	case "EcsRamRole":
		return conns.AlibabaInstanceRole(p.RAMRoleName), nil
	default:
		return nil, fmt.Errorf("profile %q of %s has mode %q; this provider reads the modes AK, StsToken, RamRoleArn and EcsRamRole", p.Name, file, p.Mode)
	}
}

// tencentSDKCredentialsFile reads the keys of the [default] section of the
// Tencent Cloud SDKs' credentials file (TENCENTCLOUD_CREDENTIALS_FILE, else
// ~/.tencentcloud/credentials) through the SDK's own ProfileProvider, which
// reads only that section. found is false when there is no such file.
func tencentSDKCredentialsFile(looked *lookedAt) (source conns.CredentialSource, file string, found bool, err error) {
	file, named := os.LookupEnv(common.EnvCredentialFile)
	if !named {
		file = homeFile(".tencentcloud", "credentials")
	}
	if _, statErr := os.Stat(file); file == "" || errors.Is(statErr, fs.ErrNotExist) {
		looked.add("no Tencent Cloud SDK credentials file at %s (%s)", cmp.Or(file, "~/.tencentcloud/credentials"), common.EnvCredentialFile)
		return nil, file, false, nil
	}
	cred, err := common.DefaultProfileProvider().GetCredential()
	if err != nil {
		return nil, file, false, fmt.Errorf("the Tencent Cloud SDK credentials file %s (%s): %w", file, common.EnvCredentialFile, err)
	}
	return conns.StaticCredentials{KeyID: cred.GetSecretId(), Secret: cred.GetSecretKey(), Token: cred.GetToken()}, file, true, nil
}

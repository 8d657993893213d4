package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func keyOf(t *testing.T, source conns.CredentialSource) conns.Credentials {
	t.Helper()
	c, err := source.Credentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The block wins over the environment, and both over a profile. These
// tests set environment variables, so they do not run in parallel.
func TestTencentChainOrder(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "default.credential"), `{"secretId":"AKIDprofile","secretKey":"profile-key"}`)
	writeTestFile(t, filepath.Join(dir, "default.configure"), `{"_sys_param":{"region":"ap-shanghai"}}`)
	t.Setenv(envTencentSharedDir, dir)
	t.Setenv(envTencentSecretID, "")
	t.Setenv(envTencentSecretKey, "")
	t.Setenv(envTencentRegion, "")

	block := &tencentCloudModel{}
	cfg, err := block.tatConfig()
	if err != nil {
		t.Fatal(err)
	}
	if k := keyOf(t, cfg.Credentials); k.KeyID != "AKIDprofile" || cfg.Region != "ap-shanghai" {
		t.Errorf("from the profile: key %s region %s, want AKIDprofile in ap-shanghai", k.KeyID, cfg.Region)
	}

	t.Setenv(envTencentSecretID, "AKIDenv")
	t.Setenv(envTencentSecretKey, "env-key")
	t.Setenv(envTencentRegion, "ap-beijing") // the profile's region goes with its keys
	cfg, err = block.tatConfig()
	if err != nil {
		t.Fatal(err)
	}
	if k := keyOf(t, cfg.Credentials); k.KeyID != "AKIDenv" {
		t.Errorf("with the environment set: key %s, want AKIDenv", k.KeyID)
	}

	block.SecretID, block.SecretKey = types.StringValue("AKIDblock"), types.StringValue("block-key")
	cfg, err = block.tatConfig()
	if err != nil {
		t.Fatal(err)
	}
	if k := keyOf(t, cfg.Credentials); k.KeyID != "AKIDblock" {
		t.Errorf("with the block set: key %s, want AKIDblock", k.KeyID)
	}

	// A profile named explicitly must exist.
	t.Setenv(envTencentSecretID, "")
	t.Setenv(envTencentSecretKey, "")
	_, err = (&tencentCloudModel{Profile: types.StringValue("missing")}).tatConfig()
	if err == nil || !strings.Contains(err.Error(), "missing.credential does not exist") {
		t.Errorf("a missing named profile: %v", err)
	}
}

// Without keys in the block, the environment or a tccli profile, the keys
// come from the Tencent Cloud SDKs' credentials file, [default] section.
func TestTencentSDKCredentialsFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "credentials")
	writeTestFile(t, file, "[default]\nsecret_id = AKIDsdkfile\nsecret_key = sdk-file-key\n")
	t.Setenv(envTencentSharedDir, t.TempDir()) // no tccli profile there
	t.Setenv(envTencentSecretID, "")
	t.Setenv(envTencentSecretKey, "")
	t.Setenv(envTencentRegion, "ap-guangzhou")
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", file)

	cfg, err := (&tencentCloudModel{}).tatConfig()
	if err != nil {
		t.Fatal(err)
	}
	if k := keyOf(t, cfg.Credentials); k.KeyID != "AKIDsdkfile" || k.Secret != "sdk-file-key" {
		t.Errorf("from the SDK credentials file: key %s, want AKIDsdkfile", k.KeyID)
	}

	// A file without the keys is an error naming it, not a silent skip.
	writeTestFile(t, file, "[default]\nsecret_id = AKIDonly\n")
	if _, err := (&tencentCloudModel{}).tatConfig(); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("a credentials file without secret_key: %v, want an error naming %s", err, file)
	}

	// No such file: it is listed among the places looked at.
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	if _, err := (&tencentCloudModel{}).tatConfig(); err == nil || !strings.Contains(err.Error(), "no Tencent Cloud SDK credentials file") {
		t.Errorf("no credentials file: %v", err)
	}
}

func TestAlibabaProfileModes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	writeTestFile(t, file, `{"current":"sts","profiles":[
  {"name":"sts","mode":"StsToken","access_key_id":"STS.a","access_key_secret":"s","sts_token":"tok","region_id":"cn-beijing"},
  {"name":"ecs","mode":"EcsRamRole","ram_role_name":"terraform"},
  {"name":"odd","mode":"ChainableRamRoleArn"},
  {"name":"half","mode":"AK","access_key_id":"LTAIx"}
]}`)
	for _, env := range []string{envAliAccessKey, envAliSecretKey, envAliAccessKeyID, envAliAccessKeySecret, envAliRegion, envAliRegionID, envAliProfile, envAliProfileOld} {
		t.Setenv(env, "")
	}
	t.Setenv(envAliCredentialsFile, file)

	cfg, err := (&aliCloudModel{}).ecsConfig()
	if err != nil {
		t.Fatal(err)
	}
	if k := keyOf(t, cfg.Credentials); k.KeyID != "STS.a" || k.Token != "tok" || cfg.Region != "cn-beijing" {
		t.Errorf("the current profile: %+v in %s, want STS.a with its token in cn-beijing", k, cfg.Region)
	}
	if cfg, err = (&aliCloudModel{Profile: types.StringValue("ecs")}).ecsConfig(); err != nil || cfg.Credentials == nil {
		t.Errorf("EcsRamRole: %v", err)
	}
	for name, want := range map[string]string{
		"odd":     `mode "ChainableRamRoleArn"`,
		"half":    "has no access_key_id or no access_key_secret",
		"nowhere": `has no profile "nowhere"`,
	} {
		_, err := (&aliCloudModel{Profile: types.StringValue(name)}).ecsConfig()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("profile %s: %v, want an error saying %s", name, err, want)
		}
	}
}

package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// A profile name is joined to the credentials directory: one that is a path
// would read a file elsewhere. Names from the block and the environment are
// refused alike. These tests set environment variables, so they do not run
// in parallel.
func TestProfileNameThatIsAPathIsRefused(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "default.credential"), `{"secretId":"AKIDprofile","secretKey":"profile-key"}`)
	t.Setenv(envTencentSharedDir, filepath.Join(dir, "sub"))
	t.Setenv(envTencentSecretID, "")
	t.Setenv(envTencentSecretKey, "")
	t.Setenv(envTencentRegion, "ap-guangzhou")
	t.Setenv(envTencentProfile, "")
	if _, err := (&tencentCloudModel{Profile: types.StringValue("../default")}).tatConfig(); err == nil || !strings.Contains(err.Error(), "not a path") {
		t.Errorf("tencentcloud.profile = ../default: %v, want a refusal", err)
	}
	t.Setenv(envTencentProfile, "../default")
	if _, err := (&tencentCloudModel{}).tatConfig(); err == nil || !strings.Contains(err.Error(), envTencentProfile) {
		t.Errorf("%s = ../default: %v, want a refusal naming the variable", envTencentProfile, err)
	}

	t.Setenv(envAliAccessKey, "")
	t.Setenv(envAliSecretKey, "")
	t.Setenv(envAliProfile, `..\default`)
	if _, err := (&aliCloudModel{}).ecsConfig(); err == nil || !strings.Contains(err.Error(), "not a path") {
		t.Errorf(`%s = ..\default: %v, want a refusal`, envAliProfile, err)
	}

	for name, bad := range map[string]bool{"default": false, "team-a.prod": false, "../x": true, "a/b": true, `a\b`: true, "..": true} {
		resp := &validator.StringResponse{}
		validate.ProfileName().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("profile"), ConfigValue: types.StringValue(name)}, resp)
		if resp.Diagnostics.HasError() != bad {
			t.Errorf("profile %q: error %v, want %v", name, resp.Diagnostics, bad)
		}
	}
}

// A credentials file others can read gives a warning naming it; one only
// its owner can read gives none.
func TestCredentialsFileReadableByOthersWarns(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "default.credential")
	writeTestFile(t, file, `{"secretId":"AKIDprofile","secretKey":"profile-key"}`)
	t.Setenv(envTencentSharedDir, dir)
	t.Setenv(envTencentSecretID, "")
	t.Setenv(envTencentSecretKey, "")
	t.Setenv(envTencentRegion, "ap-guangzhou")
	t.Setenv(envTencentProfile, "")

	block := &tencentCloudModel{}
	if _, err := block.tatConfig(); err != nil {
		t.Fatal(err)
	}
	if len(block.warnings) != 0 {
		t.Errorf("mode 0600: warnings %v, want none", block.warnings)
	}
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	block = &tencentCloudModel{}
	if _, err := block.tatConfig(); err != nil {
		t.Fatal(err)
	}
	if len(block.warnings) != 1 || !strings.Contains(block.warnings[0], file) || !strings.Contains(block.warnings[0], "chmod 600") {
		t.Errorf("mode 0644: warnings %v, want one naming %s", block.warnings, file)
	}
	if strings.Contains(strings.Join(block.warnings, " "), "profile-key") {
		t.Error("the warning shows the secret key")
	}
}

// The external ID is a secret: its validator says the rule, never the value.
func TestExternalIDValidatorDoesNotEchoTheValue(t *testing.T) {
	t.Parallel()
	const bad = "secret value with spaces!"
	schemaResp := roleSchemaValidators(t)
	for _, v := range schemaResp {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("external_id"), ConfigValue: types.StringValue(bad)}, resp)
		for _, d := range resp.Diagnostics {
			if strings.Contains(d.Detail(), bad) || strings.Contains(d.Summary(), bad) {
				t.Errorf("a validator of external_id echoes the value: %s", d.Detail())
			}
		}
	}
}

// roleSchemaValidators are the validators of external_id in both vendors'
// assume_role blocks.
func roleSchemaValidators(t *testing.T) []validator.String {
	t.Helper()
	var out []validator.String
	for _, rules := range []roleRules{tencentRoleRules, alibabaRoleRules} {
		attr, ok := assumeRoleBlock(rules).Attributes["external_id"].(schema.StringAttribute)
		if !ok {
			t.Fatal("assume_role has no string attribute external_id")
		}
		out = append(out, attr.Validators...)
	}
	return out
}

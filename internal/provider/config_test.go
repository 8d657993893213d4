package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestValidateEndpoint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		endpoint string
		insecure bool
		wantErr  string
	}{
		{endpoint: "https://tat.tencentcloudapi.com"},
		{endpoint: "https://ecs.cn-hangzhou.aliyuncs.com"},
		{endpoint: "http://127.0.0.1:8787"},
		{endpoint: "http://127.8.9.10:8787"},
		{endpoint: "http://localhost:8787"},
		{endpoint: "http://LOCALHOST"},
		{endpoint: "http://[::1]:8787"},
		{endpoint: "http://fake.internal:8787", insecure: true},
		{endpoint: "http://fake.internal:8787", wantErr: "Insecure Endpoint"},
		{endpoint: "http://10.0.0.1", wantErr: "Insecure Endpoint"},
		{endpoint: "http://localhost.evil.example", wantErr: "Insecure Endpoint"},
		{endpoint: "ftp://127.0.0.1", wantErr: "Invalid Endpoint URL"},
		{endpoint: "127.0.0.1:8787", wantErr: "Invalid Endpoint URL"},
		{endpoint: "https://", wantErr: "Invalid Endpoint URL"},
	}
	for _, tc := range cases {
		diags := validateEndpoint(path.Root("endpoint"), types.StringValue(tc.endpoint), types.BoolValue(tc.insecure))
		switch {
		case tc.wantErr == "" && diags.HasError():
			t.Errorf("%s (insecure=%t): unexpected error %v", tc.endpoint, tc.insecure, diags)
		case tc.wantErr != "" && (!diags.HasError() || diags.Errors()[0].Summary() != tc.wantErr):
			t.Errorf("%s (insecure=%t): got %v, want %q", tc.endpoint, tc.insecure, diags, tc.wantErr)
		}
	}
}

func TestMissingSettingsNamesAttributeAndVariable(t *testing.T) {
	t.Parallel()
	got := missingSettings(
		setting{"x", "tencentcloud.secret_id", "TENCENTCLOUD_SECRET_ID"},
		setting{"", "tencentcloud.region", "TENCENTCLOUD_REGION"},
	)
	want := "tencentcloud.region is not set: set tencentcloud.region in the provider block or the TENCENTCLOUD_REGION environment variable"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if missingSettings(setting{"x", "a", "A"}) != "" {
		t.Error("a complete configuration reported something missing")
	}
}

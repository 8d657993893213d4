package validate_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func TestAlibabaTags(t *testing.T) {
	cases := map[string]struct {
		tags map[string]string
		want string // a pattern the error must match; empty for a valid map
	}{
		"empty map":                {tags: map[string]string{}},
		"ordinary tags":            {tags: map[string]string{"env": "prod", "team": "ops"}},
		"empty value":              {tags: map[string]string{"env": ""}},
		"20 tags":                  {tags: manyTags(20)},
		"64-character key":         {tags: map[string]string{strings.Repeat("k", 64): "v"}},
		"64 Chinese characters":    {tags: map[string]string{strings.Repeat("键", 64): "v"}},
		"128-character value":      {tags: map[string]string{"k": strings.Repeat("v", 128)}},
		"aliyun inside the key":    {tags: map[string]string{"my-aliyun": "v"}},
		"URL without scheme":       {tags: map[string]string{"site": "example.com/path"}},
		"21 tags":                  {tags: manyTags(21), want: `Attribute tags map must contain at most 20 elements, got: 21`},
		"empty key":                {tags: map[string]string{"": "v"}, want: `Attribute tags\[""\] UTF-8 character count must be between 1 and 64, got: 0`},
		"65-character key":         {tags: map[string]string{strings.Repeat("k", 65): "v"}, want: `UTF-8 character count must be between 1 and 64, got: 65`},
		"key starting aliyun":      {tags: map[string]string{"aliyun-owner": "v"}, want: `Attribute tags\["aliyun-owner"\]: a tag key must not start with "aliyun" or "acs:"`},
		"key starting Aliyun":      {tags: map[string]string{"AliYun": "v"}, want: `a tag key must not start with "aliyun" or "acs:"`},
		"key starting acs:":        {tags: map[string]string{"acs:rm:rgId": "v"}, want: `a tag key must not start with "aliyun" or "acs:"`},
		"key with http URL":        {tags: map[string]string{"see-http://x": "v"}, want: `a tag key must not contain "http://" or "https://"`},
		"key with HTTPS URL":       {tags: map[string]string{"HTTPS://x": "v"}, want: `a tag key must not contain "http://" or "https://"`},
		"129-character value":      {tags: map[string]string{"k": strings.Repeat("v", 129)}, want: `Attribute tags\["k"\] UTF-8 character count must be at most 128, got: 129`},
		"value with https URL":     {tags: map[string]string{"doc": "https://example.com"}, want: `Attribute tags\["doc"\]: a tag value must not contain "http://" or "https://"`},
		"value with HTTP URL":      {tags: map[string]string{"doc": "see HTTP://example.com"}, want: `a tag value must not contain "http://" or "https://"`},
		"value starting aliyun":    {tags: map[string]string{"cloud": "aliyun"}},
		"value starting acs:":      {tags: map[string]string{"arn": "acs:ram::1:role/x"}},
		"key of acs without colon": {tags: map[string]string{"acs-team": "v"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			diags := validateMap(t, validate.AlibabaTags(), tc.tags)
			checkDiagnostics(t, diags, tc.want)
		})
	}
}

func TestAlibabaTags_nullAndUnknownPass(t *testing.T) {
	for _, value := range []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType)} {
		var diags diag.Diagnostics
		for _, v := range validate.AlibabaTags() {
			resp := &validator.MapResponse{}
			v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: value}, resp)
			diags.Append(resp.Diagnostics...)
		}
		if diags.HasError() {
			t.Errorf("%s: unexpected errors %v", value, diags)
		}
	}
}

func TestAlibabaRegionID(t *testing.T) {
	cases := map[string]struct {
		region string
		want   string
	}{
		"cn-hangzhou":           {region: "cn-hangzhou"},
		"ap-southeast-1":        {region: "ap-southeast-1"},
		"cn-shanghai-finance-1": {region: "cn-shanghai-finance-1"},
		"upper case":            {region: "CN-Hangzhou", want: `Attribute region_id must be an Alibaba Cloud region ID such as cn-hangzhou`},
		"endpoint":              {region: "ecs.cn-hangzhou.aliyuncs.com", want: `must be an Alibaba Cloud region ID`},
		"no hyphen":             {region: "hangzhou", want: `must be an Alibaba Cloud region ID`},
		"empty":                 {region: "", want: `must be an Alibaba Cloud region ID`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resp := &validator.StringResponse{}
			validate.AlibabaRegionID().ValidateString(context.Background(), validator.StringRequest{
				Path:        path.Root("region_id"),
				ConfigValue: types.StringValue(tc.region),
			}, resp)
			checkDiagnostics(t, resp.Diagnostics, tc.want)
		})
	}
}

// validateMap runs validators on tags as the framework does for an
// attribute named "tags", and returns every diagnostic.
func validateMap(t *testing.T, validators []validator.Map, tags map[string]string) diag.Diagnostics {
	t.Helper()
	value, d := types.MapValueFrom(context.Background(), types.StringType, tags)
	if d.HasError() {
		t.Fatalf("building the map: %v", d)
	}
	var diags diag.Diagnostics
	for _, v := range validators {
		resp := &validator.MapResponse{}
		v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: value}, resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}

// checkDiagnostics expects no error when want is empty, and otherwise an
// error whose detail matches want.
func checkDiagnostics(t *testing.T, diags diag.Diagnostics, want string) {
	t.Helper()
	if want == "" {
		if diags.HasError() {
			t.Errorf("unexpected errors: %v", diags)
		}
		return
	}
	pattern := regexp.MustCompile(want)
	for _, d := range diags.Errors() {
		if pattern.MatchString(d.Detail()) {
			return
		}
	}
	t.Errorf("no error matches %q; got %v", want, diags)
}

func manyTags(n int) map[string]string {
	tags := map[string]string{}
	for i := range n {
		tags[fmt.Sprintf("k%d", i)] = "v"
	}
	return tags
}

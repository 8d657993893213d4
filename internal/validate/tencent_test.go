package validate_test

import (
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func TestTencentTags(t *testing.T) {
	cases := map[string]struct {
		tags map[string]string
		want string // a pattern the error must match; empty for a valid map
	}{
		"empty map":                   {tags: map[string]string{}},
		"ordinary tags":               {tags: map[string]string{"env": "prod", "team": "ops"}},
		"empty value":                 {tags: map[string]string{"env": ""}},
		"10 tags":                     {tags: manyTags(10)},
		"127-character key":           {tags: map[string]string{strings.Repeat("k", 127): "v"}},
		"Chinese key and value":       {tags: map[string]string{"环境": "生产【一】"}},
		"inner space and punctuation": {tags: map[string]string{"cost center": "a+b-c=d.e_f:g/h@i(j)[k],l;m>n<o"}},
		"255-character value":         {tags: map[string]string{"k": strings.Repeat("v", 255)}},
		"project inside a key":        {tags: map[string]string{"myproject": "v", "projects": "v"}},
		"qcloud without a colon":      {tags: map[string]string{"qcloudish": "v"}},
		"11 tags":                     {tags: manyTags(11), want: `Attribute tags map must contain at most 10 elements, got: 11`},
		"empty key":                   {tags: map[string]string{"": "v"}, want: `Attribute tags\[""\] UTF-8 character count must be between 1 and 127, got: 0`},
		"128-character key":           {tags: map[string]string{strings.Repeat("k", 128): "v"}, want: `between 1 and 127, got: 128`},
		"256-character value":         {tags: map[string]string{"k": strings.Repeat("v", 256)}, want: `Attribute tags\["k"\] UTF-8 character count must be at most 255, got: 256`},
		"key qcloud:":                 {tags: map[string]string{"qcloud:owner": "v"}, want: `Attribute tags\["qcloud:owner"\]: a tag key must not be "project" nor start with "qcloud:" or "tencent:" or "qcs:" or "project:"`},
		"key tencent:":                {tags: map[string]string{"tencent:x": "v"}, want: `must not be "project" nor start with`},
		"key qcs:":                    {tags: map[string]string{"qcs:x": "v"}, want: `must not be "project" nor start with`},
		"key project":                 {tags: map[string]string{"project": "v"}, want: `must not be "project" nor start with`},
		"key project:":                {tags: map[string]string{"project:a": "v"}, want: `must not be "project" nor start with`},
		"key with an asterisk":        {tags: map[string]string{"a*b": "v"}, want: `Attribute tags\["a\*b"\]: a tag key may hold only letters, digits, spaces \(not at either end\) and the marks`},
		"key with a leading space":    {tags: map[string]string{" env": "v"}, want: `a tag key may hold only letters`},
		"value with a trailing space": {tags: map[string]string{"env": "prod "}, want: `Attribute tags\["env"\]: a tag value may hold only letters`},
		"value with a tab":            {tags: map[string]string{"env": "a\tb"}, want: `a tag value may hold only letters`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			diags := validateMap(t, validate.TencentTags(10), tc.tags)
			checkDiagnostics(t, diags, tc.want)
		})
	}
}

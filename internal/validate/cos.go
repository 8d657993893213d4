package validate

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// cosBucketURLPattern is the form TAT accepts for uploading output:
// https://<bucket>-<appid>.cos.<region>.myqcloud.com.
var cosBucketURLPattern = regexp.MustCompile(`^https://[a-z0-9][a-z0-9-]*-[0-9]+\.cos\.[a-z0-9-]+\.myqcloud\.com/?$`)

// COSBucketURL checks a TAT output bucket URL.
func COSBucketURL() validator.String {
	return stringvalidator.RegexMatches(cosBucketURLPattern,
		"must be a COS bucket URL of the form https://<bucket>-<appid>.cos.<region>.myqcloud.com, such as https://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
}

type cosKeyPrefix struct{}

// COSKeyPrefix checks a TAT output key prefix: at most 60 visible
// characters, "/" separating folders, no leading "/", no "//", and no ".."
// folder.
func COSKeyPrefix() validator.String { return cosKeyPrefix{} }

func (cosKeyPrefix) Description(_ context.Context) string {
	return `must be at most 60 visible characters; "/" separates folders; it must not start with "/", contain "//", or use ".." as a folder name`
}

func (v cosKeyPrefix) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v cosKeyPrefix) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := cosKeyPrefixProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid COS Key Prefix",
			fmt.Sprintf("Attribute %s %s: %s.", req.Path, v.Description(ctx), problem))
	}
}

func cosKeyPrefixProblem(prefix string) string {
	switch {
	case prefix == "":
		return "it is empty"
	case len([]rune(prefix)) > 60:
		return fmt.Sprintf("it has %d characters", len([]rune(prefix)))
	case strings.HasPrefix(prefix, "/"):
		return `it starts with "/"`
	case strings.Contains(prefix, "//"):
		return `it contains "//"`
	}
	for _, folder := range strings.Split(prefix, "/") {
		if folder == ".." {
			return `it uses ".." as a folder name`
		}
	}
	for _, r := range prefix {
		if r <= ' ' || r == 0x7f {
			return fmt.Sprintf("it contains the invisible character %q", r)
		}
	}
	return ""
}

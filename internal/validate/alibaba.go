package validate

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Alibaba Cloud's tag limits, the same for every resource that takes
// Tag.N.Key / Tag.N.Value.
const (
	alibabaTagsMax        = 20
	alibabaTagKeyMaxLen   = 64
	alibabaTagValueMaxLen = 128
)

// alibabaReservedTagKeyPrefixes start the keys of tags the vendor sets itself.
var alibabaReservedTagKeyPrefixes = []string{"aliyun", "acs:"}

// AlibabaTags checks a map of Alibaba Cloud tags: at most 20 entries; keys
// 1 to 64 characters, not starting with "aliyun" or "acs:" (reserved for
// the vendor's own tags) and without a URL; values at most 128 characters
// and without a URL. The service compares the reserved prefixes and URL
// schemes without regard to case, and so do these rules.
func AlibabaTags() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(alibabaTagsMax),
		mapvalidator.KeysAre(
			stringvalidator.UTF8LengthBetween(1, alibabaTagKeyMaxLen),
			notPrefixedBy("a tag key", alibabaReservedTagKeyPrefixes...),
			withoutURL("a tag key"),
		),
		mapvalidator.ValueStringsAre(
			stringvalidator.UTF8LengthAtMost(alibabaTagValueMaxLen),
			withoutURL("a tag value"),
		),
	}
}

// alibabaRegionIDPattern is the shape of every Alibaba Cloud region ID:
// cn-hangzhou, ap-southeast-1, cn-shanghai-finance-1.
var alibabaRegionIDPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// AlibabaRegionID checks the shape of a region ID, to catch an endpoint or a
// display name ("China (Hangzhou)") where an ID belongs.
func AlibabaRegionID() validator.String {
	return stringvalidator.RegexMatches(alibabaRegionIDPattern,
		"must be an Alibaba Cloud region ID such as cn-hangzhou or ap-southeast-1")
}

type notPrefixedByValidator struct {
	what     string
	prefixes []string
}

// notPrefixedBy rejects a string that starts with one of prefixes, in any
// case. what names the string in the message, such as "a tag key".
func notPrefixedBy(what string, prefixes ...string) validator.String {
	return notPrefixedByValidator{what: what, prefixes: prefixes}
}

func (v notPrefixedByValidator) Description(_ context.Context) string {
	return fmt.Sprintf("%s must not start with %s (in any case)", v.what, quotedAlternatives(v.prefixes))
}

func (v notPrefixedByValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v notPrefixedByValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	for _, prefix := range v.prefixes {
		if strings.HasPrefix(strings.ToLower(value), prefix) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
				fmt.Sprintf("Attribute %s: %s, got: %q", req.Path, v.Description(ctx), value))
			return
		}
	}
}

type withoutURLValidator struct {
	what string
}

// withoutURL rejects a string containing "http://" or "https://", in any
// case. what names the string in the message, such as "a tag value".
func withoutURL(what string) validator.String { return withoutURLValidator{what: what} }

func (v withoutURLValidator) Description(_ context.Context) string {
	return fmt.Sprintf(`%s must not contain "http://" or "https://" (in any case)`, v.what)
}

func (v withoutURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v withoutURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := strings.ToLower(req.ConfigValue.ValueString())
	if strings.Contains(value, "http://") || strings.Contains(value, "https://") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s: %s, got: %q", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// quotedAlternatives renders ["a", "b"] as `"a" or "b"`.
func quotedAlternatives(items []string) string {
	quoted := make([]string, len(items))
	for i, item := range items {
		quoted[i] = fmt.Sprintf("%q", item)
	}
	return strings.Join(quoted, " or ")
}

package validate

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Tencent Cloud's tag limits (Tag service "Use Limits"): keys of 1 to 127
// characters, values of at most 255, both in letters of any language,
// digits, inner spaces and a few punctuation marks.
const (
	tencentTagKeyMaxLen   = 127
	tencentTagValueMaxLen = 255
	// tencentTagPunctuation are the marks tags may hold: half-width ones,
	// and the full-width ones a Chinese input method types.
	tencentTagPunctuation = "+-=._:/@()[],;><（）【】："
)

// tencentReservedTagKeyPrefixes start the keys the Tag service keeps for
// Tencent Cloud's own tags (InvalidParameter.ReservedTagKey: qcloud, tencent
// and project; the "Use Limits" page: qcs: and project:). A key that is
// just "project" is reserved too.
var tencentReservedTagKeyPrefixes = []string{"qcloud:", "tencent:", "qcs:", "project:"}

const tencentReservedTagKey = "project"

// TencentTags checks a map of Tencent Cloud tags: at most maxTags entries
// (TAT CreateCommand takes 10); keys 1 to 127 characters, not reserved for
// the vendor's own tags; values at most 255 characters; both made only of
// letters, digits, inner spaces and + - = . _ : / @ ( ) [ ] , ; > < (and the
// full-width （ ） 【 】 ：). Tencent compares tags with regard to case.
func TencentTags(maxTags int) []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(maxTags),
		mapvalidator.KeysAre(
			stringvalidator.UTF8LengthBetween(1, tencentTagKeyMaxLen),
			tencentTagText{what: "a tag key"},
			tencentTagKeyNotReserved{},
		),
		mapvalidator.ValueStringsAre(
			stringvalidator.UTF8LengthAtMost(tencentTagValueMaxLen),
			tencentTagText{what: "a tag value"},
		),
	}
}

// tencentTagText checks the characters of a tag key or value.
type tencentTagText struct {
	what string
}

func (v tencentTagText) Description(_ context.Context) string {
	return fmt.Sprintf("%s may hold only letters, digits, spaces (not at either end) and the marks %s", v.what, tencentTagPunctuation)
}

func (v tencentTagText) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tencentTagText) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if s := req.ConfigValue.ValueString(); !TencentTagTextValid(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s: %s, got: %q", req.Path, v.Description(ctx), s))
	}
}

// TencentTagTextValid reports whether s is made only of the characters the
// Tag service allows in keys and values, without a space at either end.
func TencentTagTextValid(s string) bool {
	if strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune(tencentTagPunctuation, r) {
			return false
		}
	}
	return true
}

// tencentTagKeyNotReserved rejects the keys the vendor keeps for itself.
type tencentTagKeyNotReserved struct{}

func (tencentTagKeyNotReserved) Description(_ context.Context) string {
	return fmt.Sprintf("a tag key must not be %q nor start with %s: Tencent Cloud keeps those for its own tags",
		tencentReservedTagKey, quotedAlternatives(tencentReservedTagKeyPrefixes))
}

func (v tencentTagKeyNotReserved) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v tencentTagKeyNotReserved) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	key := req.ConfigValue.ValueString()
	reserved := key == tencentReservedTagKey
	for _, prefix := range tencentReservedTagKeyPrefixes {
		reserved = reserved || strings.HasPrefix(key, prefix)
	}
	if reserved {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s: %s, got: %q", req.Path, v.Description(ctx), key))
	}
}

package validate

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

type compilesAsRegexp struct{}

// Regexp checks that a value is a regular expression in Go's RE2 syntax,
// which the data sources' name_regex filters apply on the provider's side.
func Regexp() validator.String { return compilesAsRegexp{} }

func (compilesAsRegexp) Description(_ context.Context) string {
	return "must be a regular expression in RE2 syntax (https://github.com/google/re2/wiki/Syntax)"
}

func (v compilesAsRegexp) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v compilesAsRegexp) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Regular Expression",
			fmt.Sprintf("Attribute %s %s: %s.", req.Path, v.Description(ctx), err))
	}
}

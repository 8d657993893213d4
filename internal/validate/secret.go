package validate

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

type secretMatches struct {
	re   *regexp.Regexp
	rule string
}

// SecretMatches checks a sensitive value against re, and on a mismatch says
// the rule without the value: stringvalidator.RegexMatches quotes the value
// it refuses, which for a secret such as assume_role.external_id would put
// it in the plan's output and the logs.
func SecretMatches(re *regexp.Regexp, rule string) validator.String {
	return secretMatches{re: re, rule: rule}
}

func (v secretMatches) Description(context.Context) string { return "must be " + v.rule }

func (v secretMatches) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v secretMatches) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.re.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
		fmt.Sprintf("Attribute %s %s (the value is sensitive, so it is not shown).", req.Path, v.Description(ctx)))
}

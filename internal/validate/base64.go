package validate

import (
	"context"
	"encoding/base64"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

type base64LengthAtMost struct {
	limit int
}

// Base64LengthAtMost checks that a plain-text value, once base64-encoded as
// the APIs want it, is at most limit bytes: the vendors state content limits
// on the encoded form, which is a third larger than what users write.
func Base64LengthAtMost(limit int) validator.String {
	return base64LengthAtMost{limit: limit}
}

func (v base64LengthAtMost) Description(_ context.Context) string {
	return fmt.Sprintf("must be at most %d bytes once base64-encoded (about %d bytes of text)", v.limit, v.limit/4*3)
}

func (v base64LengthAtMost) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v base64LengthAtMost) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := base64.StdEncoding.EncodedLen(len(req.ConfigValue.ValueString())); n > v.limit {
		resp.Diagnostics.AddAttributeError(req.Path, "Content Too Large",
			fmt.Sprintf("Attribute %s %s; it is %d bytes encoded.", req.Path, v.Description(ctx), n))
	}
}

package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// profileNameRule is what a CLI profile name may be: a name, which the
// provider joins to the credentials directory, never a path that would
// take it out of that directory.
const profileNameRule = "a profile name, not a path: no '/', '\\' or '..'"

// CheckProfileName refuses a profile name that is a path.
func CheckProfileName(name string) error {
	if strings.ContainsAny(name, `/\`) || strings.Contains(name, "..") {
		return fmt.Errorf("profile %q must be %s", name, profileNameRule)
	}
	return nil
}

type profileName struct{}

// ProfileName checks that a profile attribute names a profile, not a path.
func ProfileName() validator.String { return profileName{} }

func (profileName) Description(context.Context) string { return "must be " + profileNameRule }

func (v profileName) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v profileName) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckProfileName(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Profile Name", fmt.Sprintf("Attribute %s: %s.", req.Path, err))
	}
}

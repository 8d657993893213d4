package validate_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func TestRegexp(t *testing.T) {
	for _, ok := range []string{"^deploy-", "", `ACS-ECS-.*\.sh$`, "(?i)uptime"} {
		if diags := validateString(validate.Regexp(), "name_regex", types.StringValue(ok)); diags.HasError() {
			t.Errorf("%q: %v", ok, diags)
		}
	}
	for _, bad := range []string{"(", "[a-", `\p{Nope}`, "a(?=b)"} {
		diags := validateString(validate.Regexp(), "name_regex", types.StringValue(bad))
		if !diags.HasError() || !strings.Contains(diags[0].Detail(), "Attribute name_regex must be a regular expression in RE2 syntax") {
			t.Errorf("%q: %v, want an error naming name_regex and RE2", bad, diags)
		}
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		if diags := validateString(validate.Regexp(), "name_regex", v); diags.HasError() {
			t.Errorf("%v: %v", v, diags)
		}
	}
}

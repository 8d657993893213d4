package validate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func validateSet(t *testing.T, validators []validator.Set, ids []string) diag.Diagnostics {
	t.Helper()
	value := setFromLines(t, strings.Join(ids, "\n"))
	var diags diag.Diagnostics
	for _, v := range validators {
		resp := &validator.SetResponse{}
		v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("instance_ids"), ConfigValue: value}, resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}

const tatKindsMessage = `must be a CVM instance ID \(ins- followed by 8 lowercase letters or digits\), ` +
	`a Lighthouse instance ID \(lhins- followed by 8\) or a TAT managed instance ID \(rins- followed by 8 or more\)`

func TestTATInstanceIDs(t *testing.T) {
	cases := map[string]struct {
		ids  []string
		want string // a pattern the error must match; empty for a valid set
	}{
		"CVM":                      {ids: []string{"ins-abcd1234", "ins-zcewfho0"}},
		"Lighthouse":               {ids: []string{"lhins-ar5wyn4x"}},
		"managed, 8 characters":    {ids: []string{"rins-8dz6cwxx"}},
		"managed, 10 characters":   {ids: []string{"rins-xfjkunbgax"}},
		"managed, two":             {ids: []string{"rins-8dz6cwxx", "rins-xfjkunbgax"}},
		"managed, too short":       {ids: []string{"rins-abc1234"}, want: tatKindsMessage + `, got: rins-abc1234`},
		"managed, upper case":      {ids: []string{"rins-8DZ6CWXX"}, want: tatKindsMessage},
		"managed, no suffix":       {ids: []string{"rins-"}, want: tatKindsMessage},
		"managed, underscore":      {ids: []string{"rins-8dz6_cwxx"}, want: tatKindsMessage},
		"CVM, 9 characters":        {ids: []string{"ins-abcd12345"}, want: tatKindsMessage},
		"Lighthouse, 10":           {ids: []string{"lhins-abcd123456"}, want: tatKindsMessage},
		"ECS instance":             {ids: []string{"i-bp185dy2o3o6neg3abcd"}, want: tatKindsMessage + `, got: i-bp185dy2o3o6neg3abcd`},
		"Alibaba managed instance": {ids: []string{"mi-hz018jrc1o0abcd"}, want: tatKindsMessage},
		"CVM and Lighthouse": {ids: []string{"lhins-aaaa0001", "ins-aaaa0001"},
			want: `must not mix CVM \(ins-\), Lighthouse \(lhins-\) and TAT managed \(rins-\) instances: one invocation runs on one kind\. ` +
				`CVM: ins-aaaa0001; Lighthouse: lhins-aaaa0001\. Split them`},
		"CVM and managed": {ids: []string{"rins-8dz6cwxx", "ins-aaaa0001", "ins-aaaa0002"},
			want: `CVM: ins-aaaa0001, ins-aaaa0002; TAT managed: rins-8dz6cwxx\.`},
		"all three": {ids: []string{"rins-xfjkunbgax", "lhins-aaaa0001", "ins-aaaa0001"},
			want: `CVM: ins-aaaa0001; Lighthouse: lhins-aaaa0001; TAT managed: rins-xfjkunbgax\.`},
		"too many": {ids: []string{"rins-aaaa0001", "rins-aaaa0002", "rins-aaaa0003", "rins-aaaa0004"}, want: `set must contain at least 1 elements and at most 3 elements`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checkDiagnostics(t, validateSet(t, validate.TATInstanceIDs(3), tc.ids), tc.want)
		})
	}
}

const ecsKindsMessage = `must be an ECS instance ID \(i- followed by lowercase letters or digits\) ` +
	`or a managed instance ID \(mi- followed by lowercase letters or digits\)`

func TestECSInstanceIDs(t *testing.T) {
	cases := map[string]struct {
		ids  []string
		want string
	}{
		"ECS":                  {ids: []string{"i-bp185dy2o3o6neg3abcd"}},
		"managed":              {ids: []string{"mi-hz018jrc1o0abcd"}},
		"ECS and managed":      {ids: []string{"i-bp185dy2o3o6neg3abcd", "mi-hz018jrc1o0abcd"}},
		"managed, no suffix":   {ids: []string{"mi-"}, want: ecsKindsMessage + `, got: mi-`},
		"managed, upper case":  {ids: []string{"mi-HZ018"}, want: ecsKindsMessage},
		"managed, mask":        {ids: []string{"mi-hz018jrc1o0****"}, want: ecsKindsMessage},
		"other prefix":         {ids: []string{"xi-abc"}, want: ecsKindsMessage + `, got: xi-abc`},
		"TAT managed instance": {ids: []string{"rins-8dz6cwxx"}, want: ecsKindsMessage},
		"CVM instance":         {ids: []string{"ins-abcd1234"}, want: ecsKindsMessage},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checkDiagnostics(t, validateSet(t, validate.ECSInstanceIDs(3), tc.ids), tc.want)
			for _, id := range tc.ids {
				diags := validateString(validate.ECSInstanceID(), "instance_id", types.StringValue(id))
				if diags.HasError() != (tc.want != "") && len(tc.ids) == 1 {
					t.Errorf("ECSInstanceID(%q) errors %v, the set validator wants %q", id, diags, tc.want)
				}
			}
		})
	}
}

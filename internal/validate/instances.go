package validate

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TAT instance IDs: CVM instances are ins-xxxxxxxx, Lighthouse instances
// lhins-xxxxxxxx.
var tatInstanceIDPattern = regexp.MustCompile(`^(ins|lhins)-[a-z0-9]{8}$`)

// TATCommandIDPattern is the form of a TAT command ID.
var TATCommandIDPattern = regexp.MustCompile(`^cmd-[a-z0-9]{8}$`)

// TATCommandID checks the form of a TAT command ID.
func TATCommandID() validator.String {
	return stringvalidator.RegexMatches(TATCommandIDPattern, "must be a TAT command ID: cmd- followed by 8 lowercase letters or digits")
}

// TATInstanceIDs checks a set of TAT instance IDs: between 1 and maxIDs, each
// well formed, and all of one kind, since one request cannot mix CVM and
// Lighthouse instances.
func TATInstanceIDs(maxIDs int) []validator.Set {
	return []validator.Set{
		setvalidator.SizeBetween(1, maxIDs),
		setvalidator.ValueStringsAre(stringvalidator.RegexMatches(tatInstanceIDPattern,
			"must be a CVM instance ID (ins- followed by 8 lowercase letters or digits) or a Lighthouse instance ID (lhins-...)")),
		oneInstanceKind{},
	}
}

type oneInstanceKind struct{}

func (oneInstanceKind) Description(_ context.Context) string {
	return "must not mix CVM (ins-) and Lighthouse (lhins-) instances"
}

func (v oneInstanceKind) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneInstanceKind) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	kinds := map[string][]string{}
	for _, elem := range req.ConfigValue.Elements() {
		s, ok := elem.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		kind, _, _ := strings.Cut(s.ValueString(), "-")
		kinds[kind] = append(kinds[kind], s.ValueString())
	}
	if len(kinds["ins"]) > 0 && len(kinds["lhins"]) > 0 {
		sort.Strings(kinds["ins"])
		sort.Strings(kinds["lhins"])
		resp.Diagnostics.AddAttributeError(req.Path, "Mixed Instance Kinds",
			fmt.Sprintf("Attribute %s %s: one invocation runs on one kind. CVM: %s; Lighthouse: %s. Split them into two resources.",
				req.Path, v.Description(ctx), strings.Join(kinds["ins"], ", "), strings.Join(kinds["lhins"], ", ")))
	}
}

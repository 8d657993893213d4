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

// TAT instance IDs. InvokeCommand, CreateInvoker and ModifyInvoker take in
// InstanceIds "CVM, Lighthouse and TAT managed instances": CVM instances are
// ins-xxxxxxxx, Lighthouse instances lhins-xxxxxxxx, and managed instances
// rins- and eight or more lowercase letters or digits (DescribeRegisterInstances
// and ModifyRegisterInstance show rins-8dz6cwxx and rins-xfjkunbgax).
var tatInstanceIDPattern = regexp.MustCompile(`^((ins|lhins)-[a-z0-9]{8}|rins-[a-z0-9]{8,})$`)

// tatInstanceKinds names each kind of TAT instance by its ID prefix, in the
// order messages list them.
var tatInstanceKinds = []struct{ prefix, name string }{
	{"ins", "CVM"}, {"lhins", "Lighthouse"}, {"rins", "TAT managed"},
}

const tatInstanceIDMessage = "must be a CVM instance ID (ins- followed by 8 lowercase letters or digits), " +
	"a Lighthouse instance ID (lhins- followed by 8) or a TAT managed instance ID (rins- followed by 8 or more)"

// TATCommandIDPattern is the form of a TAT command ID.
var TATCommandIDPattern = regexp.MustCompile(`^cmd-[a-z0-9]{8}$`)

// TATCommandID checks the form of a TAT command ID.
func TATCommandID() validator.String {
	return stringvalidator.RegexMatches(TATCommandIDPattern, "must be a TAT command ID: cmd- followed by 8 lowercase letters or digits")
}

// TATInstanceID checks one CVM, Lighthouse or TAT managed instance ID.
func TATInstanceID() validator.String {
	return stringvalidator.RegexMatches(tatInstanceIDPattern, tatInstanceIDMessage)
}

// TATInstanceIDs checks a set of TAT instance IDs: between 1 and maxIDs, each
// well formed, and all of one kind. InvokeCommand's page allows "only one
// type of instances (CVM or Lighthouse)" per request
// (InvalidParameterValue.InconsistentInstance otherwise); managed instances
// are held to the same rule as a type of their own.
func TATInstanceIDs(maxIDs int) []validator.Set {
	return []validator.Set{
		setvalidator.SizeBetween(1, maxIDs),
		setvalidator.ValueStringsAre(TATInstanceID()),
		oneInstanceKind{},
	}
}

type oneInstanceKind struct{}

func (oneInstanceKind) Description(_ context.Context) string {
	return "must not mix CVM (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances"
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
	var found []string
	for _, k := range tatInstanceKinds {
		if ids := kinds[k.prefix]; len(ids) > 0 {
			sort.Strings(ids)
			found = append(found, k.name+": "+strings.Join(ids, ", "))
		}
	}
	if len(found) > 1 {
		resp.Diagnostics.AddAttributeError(req.Path, "Mixed Instance Kinds",
			fmt.Sprintf("Attribute %s %s: one invocation runs on one kind. %s. Split them into separate resources.",
				req.Path, v.Description(ctx), strings.Join(found, "; ")))
	}
}

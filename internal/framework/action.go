package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	aschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// An action takes the arguments of the run resource it mirrors, with
// their descriptions and validators: ActionAttributes makes them from the
// resource's own declarations, so that the two never drift apart, and
// ActionConfigValidators applies the resource's rules across arguments.

// ActionAttributes are the named arguments of a resource's schema, as an
// action's. An action has no state, so what the resource computes or
// defaults is an optional argument of the action, whose Invoke applies the
// default. A name the resource lacks, or a kind of attribute actions are
// not given, is a bug, and panics when the schema is built (which every
// provider test does).
func ActionAttributes(from map[string]rschema.Attribute, names ...string) map[string]aschema.Attribute {
	out := make(map[string]aschema.Attribute, len(names))
	for _, name := range names {
		a, ok := from[name]
		if !ok {
			panic(fmt.Sprintf("action argument %q: the resource has no such attribute", name))
		}
		out[name] = actionAttribute(name, a)
	}
	return out
}

// DescribeActionAttributes replaces the descriptions of some action
// arguments: where the resource's speaks of state (what changes in place,
// what destroying does), which an action has none of.
func DescribeActionAttributes(attrs map[string]aschema.Attribute, descriptions map[string]string) {
	for name, d := range descriptions {
		switch a := attrs[name].(type) {
		case aschema.StringAttribute:
			a.MarkdownDescription = d
			attrs[name] = a
		case aschema.Int64Attribute:
			a.MarkdownDescription = d
			attrs[name] = a
		case aschema.BoolAttribute:
			a.MarkdownDescription = d
			attrs[name] = a
		case aschema.MapAttribute:
			a.MarkdownDescription = d
			attrs[name] = a
		case aschema.SetAttribute:
			a.MarkdownDescription = d
			attrs[name] = a
		default:
			panic(fmt.Sprintf("action argument %q: %T cannot be described again", name, a))
		}
	}
}

// actionAttribute is one resource argument as an action's.
func actionAttribute(name string, a rschema.Attribute) aschema.Attribute {
	required, optional := a.IsRequired(), a.IsOptional()
	if !required && !optional {
		panic(fmt.Sprintf("action argument %q: the resource only computes it", name))
	}
	switch a := a.(type) {
	case rschema.StringAttribute:
		return aschema.StringAttribute{Required: required, Optional: optional, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case rschema.Int64Attribute:
		return aschema.Int64Attribute{Required: required, Optional: optional, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case rschema.BoolAttribute:
		return aschema.BoolAttribute{Required: required, Optional: optional, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case rschema.MapAttribute:
		return aschema.MapAttribute{ElementType: a.ElementType, Required: required, Optional: optional, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case rschema.SetAttribute:
		return aschema.SetAttribute{ElementType: a.ElementType, Required: required, Optional: optional, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	default:
		panic(fmt.Sprintf("action argument %q: %T is not made into an action argument", name, a))
	}
}

// ActionConfigValidators are a resource's rules across arguments, applied
// to an action's configuration: they read only the configuration, which
// both kinds of request carry.
func ActionConfigValidators(validators ...resource.ConfigValidator) []action.ConfigValidator {
	out := make([]action.ConfigValidator, 0, len(validators))
	for _, v := range validators {
		out = append(out, actionConfigValidator{v})
	}
	return out
}

type actionConfigValidator struct{ resource.ConfigValidator }

func (v actionConfigValidator) ValidateAction(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var r resource.ValidateConfigResponse
	v.ValidateResource(ctx, resource.ValidateConfigRequest{Config: req.Config}, &r)
	resp.Diagnostics.Append(r.Diagnostics...)
}

// An action in a plan is invoked by its apply: as for a resource that is
// created, the plan says when its vendor cannot be reached with the
// provider's settings, rather than the apply.

// CheckTATForAction adds the reason TAT cannot be reached, if any: the
// ModifyPlan of every TAT action.
func CheckTATForAction(_ context.Context, clients *conns.Clients, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if clients == nil {
		return
	}
	if _, err := clients.TAT(); err != nil {
		resp.Diagnostics.Append(NotConfiguredDiagnostic(err))
	}
}

// CheckECSForAction adds the reason ECS Cloud Assistant cannot be reached
// in region, if any; region is the action's region_id or the provider's.
func CheckECSForAction(clients *conns.Clients, region string, regionPath path.Path, diags *diag.Diagnostics) {
	if clients == nil {
		return
	}
	if _, err := clients.ECS(); err != nil {
		diags.Append(NotConfiguredDiagnostic(err))
		return
	}
	rule := clients.ECSRegionRule
	rule.Setting = "region_id"
	if err := rule.Check(region); err != nil {
		diags.AddAttributeError(regionPath, "Unknown Region", err.Error()+".")
	}
}

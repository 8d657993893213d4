package runs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A plan of a run that is history, whose configuration has not changed,
// changes nothing: what the framework would compute from the three values
// Terraform sends is the prior state again. Working that out decodes the
// configuration, the prior state and the proposed state, walks every
// attribute and element for defaults, unknowns and plan modifiers, and
// encodes the result; over a thousand finished runs, each holding its
// instances' output, that was two thirds of what the provider spent on a
// plan. HistoryPlan tells from far less when the answer is the prior state.
//
// That holds while the run resources' plan modifiers act only on a change
// (RequiresReplace, UseStateForUnknown) and their ModifyPlan changes an
// unchanged plan only through the attributes it names as taken from the
// provider. CheckedHistoryServer, which the acceptance tests use, holds
// every plan answered here against the framework's.

// HistoryPlan is what answering the plan of an unchanged run that is
// history needs of its resource type.
type HistoryPlan struct {
	stateType tftypes.Type
	// defaults are the top-level attributes with a Default, and the value
	// the framework plans for each when the configuration leaves it out.
	defaults map[string]tftypes.Value
	// writeOnly are the top-level write-only attributes, which Terraform
	// proposes as configured and the framework plans as null.
	writeOnly []string
	// fromProvider are the attributes a plan takes from the provider's
	// settings when the configuration leaves them out (ECS region_id), and
	// the value each takes now; false when it cannot be told.
	fromProvider map[string]func() (string, bool)
}

// NewHistoryPlan is the HistoryPlan of a run resource of schema s, whose
// ModifyPlan fills the attributes fromProvider from the provider's
// settings when the configuration leaves them out, with the values they
// give. Only defaults of top-level attributes of the kinds runs use are
// read; a schema with any other default, or a nested write-only attribute,
// is refused, so that nothing goes unchecked.
func NewHistoryPlan(ctx context.Context, s schema.Schema, fromProvider map[string]func() (string, bool)) (HistoryPlan, error) {
	plan := HistoryPlan{
		stateType:    s.Type().TerraformType(ctx),
		defaults:     map[string]tftypes.Value{},
		fromProvider: fromProvider,
	}
	if len(s.Blocks) > 0 {
		return HistoryPlan{}, errors.New("the defaults of blocks are not read")
	}
	for name, attribute := range s.Attributes {
		if nested, ok := attribute.(schema.NestedAttribute); ok && nestedDefaultOrWriteOnly(nested) {
			return HistoryPlan{}, fmt.Errorf("attribute %s: a nested attribute has a default or is write-only", name)
		}
		if attribute.IsWriteOnly() {
			plan.writeOnly = append(plan.writeOnly, name)
		}
		value, err := defaultValue(ctx, name, attribute)
		if err != nil {
			return HistoryPlan{}, err
		}
		if value != nil {
			if plan.defaults[name], err = value.ToTerraformValue(ctx); err != nil {
				return HistoryPlan{}, err
			}
		}
	}
	return plan, nil
}

// defaultValue is the value the framework plans for the attribute name
// when the configuration leaves it out; nil when it has no default.
func defaultValue(ctx context.Context, name string, a schema.Attribute) (attr.Value, error) {
	at := path.Root(name)
	switch a := a.(type) {
	case schema.BoolAttribute:
		if a.Default != nil {
			var resp defaults.BoolResponse
			a.Default.DefaultBool(ctx, defaults.BoolRequest{Path: at}, &resp)
			return resp.PlanValue, nil
		}
	case schema.StringAttribute:
		if a.Default != nil {
			var resp defaults.StringResponse
			a.Default.DefaultString(ctx, defaults.StringRequest{Path: at}, &resp)
			return resp.PlanValue, nil
		}
	case schema.Int64Attribute:
		if a.Default != nil {
			var resp defaults.Int64Response
			a.Default.DefaultInt64(ctx, defaults.Int64Request{Path: at}, &resp)
			return resp.PlanValue, nil
		}
	case schema.SetAttribute:
		if a.Default != nil {
			var resp defaults.SetResponse
			a.Default.DefaultSet(ctx, defaults.SetRequest{Path: at}, &resp)
			return resp.PlanValue, nil
		}
	default:
		if hasDefault(a) {
			return nil, fmt.Errorf("attribute %s: a default of a %T is not read", name, a)
		}
	}
	return nil, nil
}

// nestedDefaultOrWriteOnly reports whether any attribute nested in a has
// a default or is write-only.
func nestedDefaultOrWriteOnly(a schema.NestedAttribute) bool {
	for _, child := range a.GetNestedObject().GetAttributes() {
		if hasDefault(child) || child.IsWriteOnly() {
			return true
		}
		if nested, ok := child.(schema.NestedAttribute); ok && nestedDefaultOrWriteOnly(nested) {
			return true
		}
	}
	return false
}

// hasDefault reports whether attribute a, of any kind, sets its Default
// field: every attribute kind of the framework that takes a default has
// one of that name.
func hasDefault(a any) bool {
	v := reflect.Indirect(reflect.ValueOf(a))
	if v.Kind() != reflect.Struct {
		return false
	}
	field := v.FieldByName("Default")
	return field.IsValid() && field.Kind() == reflect.Interface && !field.IsNil()
}

// errChanged says the plan may change something; the framework plans it.
var errChanged = errors.New("the plan may change the run")

// unchanged reports whether the framework would plan the prior state
// again for a configuration config of a run whose proposed new state is
// its prior state: no attribute the configuration leaves out takes a value
// other than the one recorded, from its default or the provider's
// settings.
func (p HistoryPlan) unchanged(config, prior *tfprotov6.DynamicValue) bool {
	configured, err := objectAttributes(config, p.stateType)
	if err != nil {
		return false
	}
	planned := map[string]tftypes.Value{}
	for name, value := range p.defaults {
		if v, ok := configured[name]; !ok || v.IsNull() {
			planned[name] = value
		}
	}
	for name, valueNow := range p.fromProvider {
		if v, ok := configured[name]; !ok || v.IsNull() {
			value, known := valueNow()
			if !known {
				return false
			}
			planned[name] = tftypes.NewValue(tftypes.String, value)
		}
	}
	if len(planned) == 0 {
		return true
	}
	recorded, err := objectAttributes(prior, p.stateType)
	if err != nil {
		return false
	}
	for name, value := range planned {
		if v, ok := recorded[name]; !ok || !v.Equal(value) {
			return false
		}
	}
	return true
}

// proposesPrior reports whether the proposed new state is the prior state
// once its write-only attributes are null, as the framework plans them.
// Equal bytes, the common case, need no decoding; a run given write-only
// values (parameters_wo) is proposed with them, and is decoded to compare.
func (p HistoryPlan) proposesPrior(proposed, prior *tfprotov6.DynamicValue) bool {
	if bytes.Equal(proposed.MsgPack, prior.MsgPack) {
		return true
	}
	if len(p.writeOnly) == 0 {
		return false
	}
	proposedAttributes, err := objectAttributes(proposed, p.stateType)
	if err != nil {
		return false
	}
	priorAttributes, err := objectAttributes(prior, p.stateType)
	if err != nil || len(proposedAttributes) != len(priorAttributes) {
		return false
	}
	for _, name := range p.writeOnly {
		if v, ok := proposedAttributes[name]; ok {
			proposedAttributes[name] = tftypes.NewValue(v.Type(), nil)
		}
	}
	for name, v := range proposedAttributes {
		if !v.Equal(priorAttributes[name]) {
			return false
		}
	}
	return true
}

// objectAttributes decodes an object of type t into its attributes.
func objectAttributes(v *tfprotov6.DynamicValue, t tftypes.Type) (map[string]tftypes.Value, error) {
	if v == nil {
		return nil, errChanged
	}
	value, err := v.Unmarshal(t)
	if err != nil {
		return nil, err
	}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		return nil, err
	}
	if attributes == nil {
		return nil, errChanged
	}
	return attributes, nil
}

package runs

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Model is what every run resource's model has: its ID, triggers, the
// behaviour switches, timeouts, its status and results, and how those are
// recorded. Each run resource's model embeds it; Attributes declares it.
type Model struct {
	ID                types.String   `tfsdk:"id"`
	Triggers          types.Map      `tfsdk:"triggers"`
	WaitForCompletion types.Bool     `tfsdk:"wait_for_completion"`
	WaitForAgents     types.Bool     `tfsdk:"wait_for_agents"`
	FailOnError       types.Bool     `tfsdk:"fail_on_error"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	InvocationStatus  types.String   `tfsdk:"invocation_status"`
	Results           types.List     `tfsdk:"results"`
	Recording
}

// Run returns the model's shared part; a model that embeds Model has it.
func (m *Model) Run() *Model { return m }

// HasModel is a run resource's model: one that embeds Model.
type HasModel interface {
	Run() *Model
}

// ResultsKnown reports whether the results of the recorded status are
// recorded.
func (m *Model) ResultsKnown() bool {
	return !m.Results.IsNull() && !m.Results.IsUnknown()
}

// NullUnknownComputed makes the shared computed values still unknown null:
// the status, the results (of the vendor's resultType) and the sensitive
// outputs, so that a create that fails before the first read saves a valid
// state.
func (m *Model) NullUnknownComputed(resultType attr.Type) {
	if m.InvocationStatus.IsUnknown() {
		m.InvocationStatus = types.StringNull()
	}
	if m.Results.IsUnknown() {
		m.Results = types.ListNull(resultType)
	}
	m.NullUnknownOutputs()
}

// ParameterValues are the values of ParameterAttributes, for a run model to
// embed beside Model.
type ParameterValues struct {
	Parameters          types.Map   `tfsdk:"parameters"`
	ParametersWO        types.Map   `tfsdk:"parameters_wo"`
	ParametersWOVersion types.Int64 `tfsdk:"parameters_wo_version"`
}

// ToSend are the parameter values a run sends: parameters, or else the
// configuration's write-only ones (writeOnlyParams), which are never in
// the plan.
func (p ParameterValues) ToSend(ctx context.Context, writeOnlyParams types.Map, diags *diag.Diagnostics) map[string]string {
	if params := flex.StringMap(ctx, p.Parameters, diags); params != nil {
		return params
	}
	return flex.StringMap(ctx, writeOnlyParams, diags)
}

// takeSwitches applies plan's behaviour switches and timeouts to the
// model, and its recording switches to the recorded results, without an
// API call: what Update does for every run.
func (m *Model) takeSwitches(ctx context.Context, plan *Model, diags *diag.Diagnostics) {
	m.WaitForCompletion = plan.WaitForCompletion
	m.WaitForAgents = plan.WaitForAgents
	m.FailOnError = plan.FailOnError
	m.Timeouts = plan.Timeouts
	if !m.ResultsKnown() {
		m.Update(ctx, plan.Recording, nil, diags)
		return
	}
	// Each result is an object with instance_id, output and
	// output_truncated, whatever else the vendor records.
	elements := m.Results.Elements()
	fields := make([]map[string]attr.Value, len(elements))
	outputs := make([]types.String, len(elements))
	truncated := make([]types.Bool, len(elements))
	slots := make([]OutputSlot, len(elements))
	for i, e := range elements {
		obj, ok := e.(types.Object)
		if !ok {
			diags.AddError("Unexpected Results", "A recorded result is not an object. This is a bug in the provider; please report it.")
			return
		}
		fields[i] = maps.Clone(obj.Attributes())
		id, _ := fields[i]["instance_id"].(types.String)
		outputs[i], _ = fields[i]["output"].(types.String)
		truncated[i], _ = fields[i]["output_truncated"].(types.Bool)
		slots[i] = OutputSlot{InstanceID: id.ValueString(), Output: &outputs[i], Truncated: &truncated[i]}
	}
	m.Update(ctx, plan.Recording, slots, diags)
	elementType, ok := m.Results.ElementType(ctx).(types.ObjectType)
	if !ok {
		diags.AddError("Unexpected Results", "The recorded results are not objects. This is a bug in the provider; please report it.")
		return
	}
	values := make([]attr.Value, len(elements))
	for i := range elements {
		fields[i]["output"], fields[i]["output_truncated"] = outputs[i], truncated[i]
		obj, d := types.ObjectValue(elementType.AttrTypes, fields[i])
		diags.Append(d...)
		values[i] = obj
	}
	list, d := types.ListValue(elementType, values)
	diags.Append(d...)
	m.Results = list
}

// Docs are what the shared attributes' descriptions say of one kind of
// run.
type Docs struct {
	// Vendor names the service in descriptions, such as "TAT".
	Vendor string
	// What is run again when triggers change: "command" or "script".
	What string
	// ID describes the invocation ID.
	ID                string
	WaitForCompletion string
	WaitForAgents     string
	FailOnError       string
	// InvocationStatus describes the overall status, its values listed.
	InvocationStatus string
	CreateTimeout    string
	DeleteTimeout    string
	// Results is the vendor's results attribute, one element per instance.
	Results schema.ListNestedAttribute
}

// Attributes are the schema attributes of Model, with the vendor's
// descriptions: the one declaration of what every run resource shares.
func Attributes(ctx context.Context, docs Docs) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, MarkdownDescription: docs.ID,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"triggers": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Arbitrary values; any change runs the " + docs.What + " again, like `terraform_data`'s `triggers_replace`.",
			PlanModifiers:       []planmodifier.Map{ReplaceMapUnlessAdopted()},
		},
		"wait_for_completion": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			MarkdownDescription: docs.WaitForCompletion,
		},
		"wait_for_agents": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: docs.WaitForAgents,
		},
		"fail_on_error": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			MarkdownDescription: docs.FailOnError,
		},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
			Create: true, Delete: true, CreateDescription: docs.CreateTimeout, DeleteDescription: docs.DeleteTimeout,
		}),
		"invocation_status": schema.StringAttribute{Computed: true, MarkdownDescription: docs.InvocationStatus},
		"results":           docs.Results,
	}
	maps.Copy(attrs, RecordingAttributes(docs.Vendor))
	return attrs
}

// ParameterAttributes are the parameters every run takes: parameters, in
// the state and marked sensitive; parameters_wo, write-only, for secrets;
// and parameters_wo_version, whose change runs it again with new
// write-only values. describe describes parameters; at most limit of them
// are sent to vendor; what is run again (command or script).
func ParameterAttributes(limit int, describe, vendor, what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"parameters": schema.MapAttribute{
			ElementType: types.StringType, Optional: true, Sensitive: true, MarkdownDescription: describe,
			Validators:    append(validate.ParameterMap(limit), mapvalidator.ConflictsWith(path.MatchRoot("parameters_wo"))),
			PlanModifiers: []planmodifier.Map{ReplaceMapUnlessAdopted()},
		},
		"parameters_wo": schema.MapAttribute{
			ElementType: types.StringType, Optional: true, WriteOnly: true,
			MarkdownDescription: "Like `parameters`, but write-only (Terraform 1.11 and later): sent to " + vendor + " and never stored in the plan or state. " +
				"Change `parameters_wo_version` to run the " + what + " again with new values.",
			Validators: validate.ParameterMap(limit),
		},
		"parameters_wo_version": schema.Int64Attribute{
			Optional: true, MarkdownDescription: "Any change runs the " + what + " again with the current `parameters_wo`.",
			Validators:    []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("parameters_wo"))},
			PlanModifiers: []planmodifier.Int64{ReplaceInt64UnlessAdopted()},
		},
	}
}

package runs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Recording is the part of every run resource's model that decides how its
// results are recorded and judged: which exit codes count as success, how
// much output the state keeps, and whether that output is sensitive. Each
// model embeds it; its attributes come from RecordingAttributes. All but
// sensitive_outputs are behaviour switches: a change is applied in place to
// what is recorded (Recording.Update), and never runs the command again.
type Recording struct {
	SuccessExitCodes types.Set    `tfsdk:"success_exit_codes"`
	KeepOutput       types.String `tfsdk:"keep_output"`
	KeepOutputLimit  types.Int64  `tfsdk:"keep_output_limit"`
	SensitiveOutput  types.Bool   `tfsdk:"sensitive_output"`
	SensitiveOutputs types.Map    `tfsdk:"sensitive_outputs"`
}

// Exit codes as the vendors report them (TAT TaskResult.ExitCode, ECS
// InvocationResult.ExitCode): the exit status of the shell on Linux, 0 to
// 255, and of the batch or PowerShell process on Windows, a 32-bit value
// that may be reported signed (-1073741819) or unsigned (3221225477).
const (
	ExitCodeMin = -1 << 31
	ExitCodeMax = 1<<32 - 1
)

// KeepOutput modes.
const (
	KeepAll       = "all"
	KeepNone      = "none"
	KeepLastBytes = "last_bytes"
	KeepLastLines = "last_lines"
)

// KeepOutputModes lists every keep_output mode, for docs and validators.
var KeepOutputModes = []string{KeepAll, KeepNone, KeepLastBytes, KeepLastLines}

// RecordingAttributes are the schema attributes of Recording, for a run
// resource's schema; vendor names the agent in descriptions, such as "TAT".
func RecordingAttributes(vendor string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"success_exit_codes": schema.SetAttribute{
			ElementType: types.Int64Type, Optional: true, Computed: true,
			Default: setdefault.StaticValue(types.SetValueMust(types.Int64Type, []attr.Value{types.Int64Value(0)})),
			MarkdownDescription: "Exit codes that count as success for `fail_on_error`, instance by instance (default `[0]`): an instance whose " +
				"command ran to its end with one of them succeeded, even when " + vendor + " reports it failed; one that ended with any other " +
				"code failed, even `0` when `0` is not listed. A timeout, a cancellation, a delivery or agent failure never counts as success. " +
				"`results` still shows " + vendor + "'s status and the exit code as they are. At least one code, each from -2147483648 to 4294967295 " +
				"(Windows exit codes are 32-bit). Changes in place: the command is not run again.",
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueInt64sAre(int64validator.Between(ExitCodeMin, ExitCodeMax)),
			},
		},
		"keep_output": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(KeepAll),
			MarkdownDescription: "How much of each instance's output the state keeps: `all` that " + vendor + " returns (default), `none`, " +
				"the `last_bytes` or the `last_lines` of it, `keep_output_limit` of them. Keep less on large fleets: every byte kept is in the " +
				"state and in every plan. Changes in place, applied to what is recorded: keeping more later cannot bring back what was left out.",
			Validators: []validator.String{stringvalidator.OneOf(KeepOutputModes...)},
		},
		"keep_output_limit": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "How many bytes (`keep_output = \"last_bytes\"`) or lines (`\"last_lines\"`) of output to keep, at least 1; " +
				"required with those modes and refused with the others. Bytes are counted in whole UTF-8 characters: a character is never split.",
			Validators: []validator.Int64{int64validator.AtLeast(1), keepOutputLimitRule{}},
		},
		"sensitive_output": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Keep the output out of plan and apply output: `results[*].output` is null and each instance's output is in " +
				"`sensitive_outputs`, marked sensitive. For scripts that may print secrets, such as a `parameters_wo` value. Changes in place.",
		},
		"sensitive_outputs": schema.MapAttribute{
			ElementType: types.StringType, Computed: true, Sensitive: true,
			MarkdownDescription: "With `sensitive_output`, each instance's output (as `keep_output` keeps it) by instance ID; null otherwise.",
		},
	}
}

// recordingDefaults are the switches' values when the configuration does
// not set them: an import starts with them, and a state written before the
// switches existed reads them as null, which means the same.
var recordingDefaults = map[string]attr.Value{
	"success_exit_codes": types.SetValueMust(types.Int64Type, []attr.Value{types.Int64Value(0)}),
	"keep_output":        types.StringValue(KeepAll),
	"sensitive_output":   types.BoolValue(false),
}

// fillRecordingDefaults sets each switch that state holds as null to its
// default, where the resource's schema has it: an import starts with none,
// and a state written before the switches existed reads them as null, which
// would otherwise show as a change in every plan after an upgrade.
func fillRecordingDefaults(ctx context.Context, state *tfsdk.State, diags *diag.Diagnostics) {
	for name, value := range recordingDefaults {
		p := path.Root(name)
		if _, d := state.Schema.AttributeAtPath(ctx, p); d.HasError() {
			continue
		}
		var current attr.Value
		if d := state.GetAttribute(ctx, p, &current); d.HasError() || (current != nil && !current.IsNull()) {
			continue
		}
		diags.Append(state.SetAttribute(ctx, p, value)...)
	}
}

// NullUnknownOutputs makes an unknown sensitive_outputs null, so that a
// create that fails before the first read saves a valid state.
func (r *Recording) NullUnknownOutputs() {
	if r.SensitiveOutputs.IsUnknown() {
		r.SensitiveOutputs = types.MapNull(types.StringType)
	}
}

// SuccessCodes are the codes of success_exit_codes; [0] when unset.
func (r Recording) SuccessCodes(ctx context.Context) SuccessCodes {
	var list []int64
	if !r.SuccessExitCodes.IsNull() && !r.SuccessExitCodes.IsUnknown() {
		_ = r.SuccessExitCodes.ElementsAs(ctx, &list, false) // a set of int64 by the schema
	}
	return NewSuccessCodes(list)
}

// keepOutputLimitRule: keep_output_limit is required with last_bytes and
// last_lines, and refused with all and none, where it would mean nothing.
type keepOutputLimitRule struct{}

func (keepOutputLimitRule) Description(context.Context) string {
	return "required when keep_output is last_bytes or last_lines, refused otherwise"
}

func (r keepOutputLimitRule) MarkdownDescription(ctx context.Context) string {
	return r.Description(ctx)
}

func (keepOutputLimitRule) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	var mode types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("keep_output"), &mode)...)
	if resp.Diagnostics.HasError() || mode.IsUnknown() || req.ConfigValue.IsUnknown() {
		return
	}
	limited := mode.ValueString() == KeepLastBytes || mode.ValueString() == KeepLastLines
	switch {
	case limited && req.ConfigValue.IsNull():
		resp.Diagnostics.Append(keepOutputLimitDiagnostic(req.Path,
			"keep_output = \""+mode.ValueString()+"\" needs keep_output_limit: how many "+limitUnit(mode.ValueString())+" of output to keep, at least 1."))
	case !limited && !req.ConfigValue.IsNull():
		shown := mode.ValueString()
		if mode.IsNull() {
			shown = KeepAll
		}
		resp.Diagnostics.Append(keepOutputLimitDiagnostic(req.Path,
			"keep_output_limit is only for keep_output = \"last_bytes\" or \"last_lines\"; keep_output is \""+shown+"\"."))
	}
}

func limitUnit(mode string) string {
	if mode == KeepLastLines {
		return "lines"
	}
	return "bytes"
}

func keepOutputLimitDiagnostic(p path.Path, detail string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Invalid keep_output_limit", detail)
}

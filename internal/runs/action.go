package runs

import (
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// Every run action (Terraform 1.14 and later) takes the same switches as
// the run resource it mirrors, less what only means something in state,
// plus the rolling run's limits; ActionModel holds them, ActionAttributes
// declares them, and InvokeAction carries the run out. NewAction makes an
// action of what it declares of its own (ActionSurface) and its vendor's
// run.

// DefaultActionTimeout is how long an action waits for its run (and the
// agents), as a run resource's create does.
const DefaultActionTimeout = 20 * time.Minute

// ActionModel is the part of every run action's configuration that says
// how the run is carried out; each action's model embeds it.
type ActionModel struct {
	// Parameters are the values of the run's `{{name}}` parameters: each
	// action declares them with ActionParametersAttribute.
	Parameters       types.Map      `tfsdk:"parameters"`
	SuccessExitCodes types.Set      `tfsdk:"success_exit_codes"`
	WaitForAgents    types.Bool     `tfsdk:"wait_for_agents"`
	SensitiveOutput  types.Bool     `tfsdk:"sensitive_output"`
	MaxConcurrency   types.String   `tfsdk:"max_concurrency"`
	MaxErrors        types.String   `tfsdk:"max_errors"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// ActionAttributes are the schema attributes of ActionModel. vendor names
// the service, such as "TAT", and agent its agent, such as "the TAT agent".
func ActionAttributes(ctx context.Context, vendor, agent string) map[string]schema.Attribute {
	attrs := framework.ActionAttributes(RecordingAttributes(vendor), "success_exit_codes")
	framework.DescribeActionAttributes(attrs, map[string]string{
		"success_exit_codes": "Exit codes that count as success, instance by instance (default `[0]`): an instance whose command ran to its end " +
			"with one of them succeeded, even when " + vendor + " reports it failed; one that ended with any other code fails the action, even `0` " +
			"when `0` is not listed. A timeout, a cancellation, a delivery or agent failure never counts as success. At least one code, each " +
			"from -2147483648 to 4294967295 (Windows exit codes are 32-bit).",
	})
	attrs["wait_for_agents"] = schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Before running, wait until " + agent + " is online on every instance in `instance_ids`, within `timeouts.invoke`: " +
			"for instances created in the same apply, whose agent starts a little after them. Default `false`.",
	}
	attrs["sensitive_output"] = schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Keep each instance's output out of the progress messages and the failure report, which then show only status " +
			"and exit code. For scripts that may print secrets. Default `false`.",
	}
	attrs["max_concurrency"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Run on the instances in waves of at most this many, one run per wave, each wave once the previous one has ended: " +
			"a number such as `\"10\"` or a percentage of the instances such as `\"25%\"` (rounded up, at least 1 instance). " +
			"Unset, every instance is in one run.",
		Validators: []validator.String{LimitValidator(1)},
	}
	attrs["max_errors"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "With `max_concurrency`, how many instances may fail before no further wave is sent: a number such as `\"2\"` " +
			"or a percentage of the instances such as `\"10%\"` (rounded down). Default `\"0\"`: the first wave with a failure is the last. " +
			"The action fails whenever any instance fails; this only decides whether the remaining waves are still sent.",
		Validators: []validator.String{LimitValidator(0)},
	}
	attrs["timeouts"] = timeouts.AttributesWithOpts(ctx, timeouts.Opts{
		InvokeDescription: "How long to wait for the agents (with `wait_for_agents`) and the run, every wave included (default 20m).",
	})
	return attrs
}

// ActionSchema is a run action's schema: its run's arguments, attrs, and
// the attributes of ActionModel. vendor and agent are as ActionAttributes
// takes them.
func ActionSchema(ctx context.Context, description, vendor, agent string, attrs map[string]schema.Attribute) schema.Schema {
	for name, attr := range ActionAttributes(ctx, vendor, agent) {
		attrs[name] = attr
	}
	return schema.Schema{MarkdownDescription: description, Attributes: attrs}
}

// ActionParametersAttribute is an action's parameters, whose values are
// for whose `{{name}}` parameters (such as "the command's"), at most limit:
// the resource's rules, without parameters_wo, which only means something
// in state.
func ActionParametersAttribute(whose string, limit int) schema.MapAttribute {
	return schema.MapAttribute{
		ElementType: types.StringType, Optional: true,
		MarkdownDescription: "Values for " + whose + " `{{name}}` parameters: names are 1 to 64 characters of letters, digits, `_` and `-`. " +
			"Never recorded: an action has no state.",
		Validators: validate.ParameterMap(limit),
	}
}

// InvokeAction carries out an action's run over instanceIDs, in waves
// when max_concurrency is set, telling Terraform of its progress: newRun
// makes the run of one wave. A nil instanceIDs (ECS resource_tags, which
// chooses the instances when the run is made) is one run.
func InvokeAction(ctx context.Context, m ActionModel, clients *conns.Clients, instanceIDs []string,
	newRun func(instanceIDs []string) (Adapter, diag.Diagnostics), resp *action.InvokeResponse) {
	timeout, diags := m.Timeouts.Invoke(ctx, DefaultActionTimeout)
	resp.Diagnostics.Append(diags...)
	concurrency, maxErrors := ActionRolloutLimits(m.MaxConcurrency, m.MaxErrors, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var codes []int64
	if !m.SuccessExitCodes.IsNull() {
		resp.Diagnostics.Append(m.SuccessExitCodes.ElementsAs(ctx, &codes, false)...)
	}
	var lifetime *conns.Lifetime
	if clients != nil {
		lifetime = clients.Lifetime
	}
	rollout := Rollout{
		// Sorted, so that each wave takes the same instances every time.
		InstanceIDs:    sortedOrNil(instanceIDs),
		MaxConcurrency: concurrency,
		MaxErrors:      maxErrors,
		NewRun:         newRun,
		Execution: Execution{
			Timeout:       timeout,
			WaitForAgents: m.WaitForAgents.ValueBool(),
			SuccessCodes:  NewSuccessCodes(codes),
			Lifetime:      lifetime,
			FailureAdvice: "Set success_exit_codes to accept other exit codes; the action sends the command again only when invoked again.",
			HideOutput:    m.SensitiveOutput.ValueBool(),
		},
		Show: func(message string) { resp.SendProgress(action.InvokeProgressEvent{Message: message}) },
	}
	_, d := rollout.Run(ctx)
	resp.Diagnostics.Append(d...)
}

// sortedOrNil is ids sorted; nil stays nil (instances not known before the
// run).
func sortedOrNil(ids []string) []string {
	if ids == nil {
		return nil
	}
	return slices.Sorted(slices.Values(ids))
}

// ActionSurface is what a run action declares of its own: its name after
// the provider's (such as "tat_run_command"), its schema, its rules across
// arguments, and the check at plan that its vendor can be reached.
type ActionSurface struct {
	TypeName    string
	Schema      func(context.Context) schema.Schema
	Rules       []action.ConfigValidator
	CheckAtPlan PlanCheck
}

// PlanCheck adds at plan the reason an action's vendor cannot be reached
// with the provider's settings, if any, before the apply invokes it.
type PlanCheck func(ctx context.Context, clients *conns.Clients, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse)

// ActionConfig is a run action's configuration: the parameters and
// switches of ActionModel, which it embeds (settings comes with it), and
// the arguments model of its resource, whose Args are the run's arguments
// with the resource's defaults for what the configuration leaves out.
type ActionConfig[A any] interface {
	settings() ActionModel
	Args(ctx context.Context, parameters map[string]string, diags *diag.Diagnostics) A
}

func (m ActionModel) settings() ActionModel { return m }

// Targeted are a run's arguments whose instances can be split into waves:
// Targets points at the instances the run names, nil when the cloud
// chooses them as the run is made (which is one run).
type Targeted[A any] interface {
	*A
	Targets() *[]string
}

// NewAction makes the run action that surface declares, whose
// configuration is M and whose every run (one a wave) start makes.
func NewAction[M ActionConfig[A], A any, T Targeted[A], R Adapter](surface ActionSurface,
	start func(*conns.Clients, A) (R, diag.Diagnostics)) action.Action {
	return &runAction[M, A, T]{
		surface: surface,
		start: func(clients *conns.Clients, args A) (Adapter, diag.Diagnostics) {
			return start(clients, args)
		},
	}
}

// runAction is every run action: it keeps the provider's clients, and
// invokes the configured run with InvokeAction.
type runAction[M ActionConfig[A], A any, T Targeted[A]] struct {
	surface ActionSurface
	clients *conns.Clients
	start   func(*conns.Clients, A) (Adapter, diag.Diagnostics)
}

func (a *runAction[M, A, T]) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + a.surface.TypeName
}

func (a *runAction[M, A, T]) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = a.surface.Schema(ctx)
}

func (a *runAction[M, A, T]) ConfigValidators(context.Context) []action.ConfigValidator {
	return a.surface.Rules
}

func (a *runAction[M, A, T]) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = framework.ClientsFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *runAction[M, A, T]) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	a.surface.CheckAtPlan(ctx, a.clients, req, resp)
}

// Invoke carries out the configured run, in waves with max_concurrency.
func (a *runAction[M, A, T]) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	args := m.Args(ctx, flex.StringMap(ctx, m.settings().Parameters, &resp.Diagnostics), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	InvokeAction(ctx, m.settings(), a.clients, *T(&args).Targets(), func(instanceIDs []string) (Adapter, diag.Diagnostics) {
		wave := args
		*T(&wave).Targets() = instanceIDs
		return a.start(a.clients, wave)
	}, resp)
}

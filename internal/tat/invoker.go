package tat

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// InvokerPolicy is when an invoker runs.
type InvokerPolicy string

// Invoker policies (TAT ScheduleSettings: Policy).
const (
	InvokerPolicyOnce       InvokerPolicy = "ONCE"
	InvokerPolicyRecurrence InvokerPolicy = "RECURRENCE"
)

// InvokerPolicies lists the policies, for the validator and the docs.
var InvokerPolicies = []InvokerPolicy{InvokerPolicyOnce, InvokerPolicyRecurrence}

// InvokerTypes are the invoker types CreateInvoker takes; SCHEDULE is the
// only one.
var InvokerTypes = []string{"SCHEDULE"}

// Limits of CreateInvoker and ModifyInvoker (TAT CreateInvoker: Name at
// most 120 characters, InstanceIds at most 100, Username at most 256
// characters, Parameters at most 20).
const (
	invokerNameMaxLen       = 120
	invokerInstancesMax     = 100
	invokerUsernameMaxLen   = 256
	invokerParametersMax    = 20
	invokerNotFoundCode     = "ResourceNotFound"
	invokeTimeExpiredDetail = "TAT refuses a ONCE invoker whose time has passed (InvalidParameterValue.InvokeTimeExpired)"
)

func policyNames() []string {
	names := make([]string, len(InvokerPolicies))
	for i, p := range InvokerPolicies {
		names[i] = string(p)
	}
	return names
}

// invokeTimePath is schedule_settings.invoke_time.
var invokeTimePath = path.Root("schedule_settings").AtName("invoke_time")

var _ resource.ResourceWithModifyPlan = (*invokerResource)(nil)

// NewInvokerResource is the cloudcmd_tat_invoker resource.
func NewInvokerResource() resource.Resource {
	r := &invokerResource{LiveObjectResource: tatObjectResource[invokerModel]("tat_invoker", "Invoker")}
	r.CreateObject = createInvoker
	r.ReadObject = readInvoker
	r.UpdateObject = updateInvoker
	r.DeleteObject = deleteInvoker
	r.DeleteGoneCode = invokerNotFoundCode
	r.ImportID = importInvoker
	return r
}

type invokerResource struct {
	framework.LiveObjectResource[invokerModel, conns.TATClient]
}

type invokerModel struct {
	ID               types.String   `tfsdk:"id"`
	Name             types.String   `tfsdk:"name"`
	Type             types.String   `tfsdk:"type"`
	CommandID        types.String   `tfsdk:"command_id"`
	InstanceIDs      types.Set      `tfsdk:"instance_ids"`
	Username         types.String   `tfsdk:"username"`
	Parameters       types.Map      `tfsdk:"parameters"`
	ScheduleSettings *scheduleModel `tfsdk:"schedule_settings"`
	Enabled          types.Bool     `tfsdk:"enabled"`
	CreatedTime      types.String   `tfsdk:"created_time"`
	UpdatedTime      types.String   `tfsdk:"updated_time"`
	NextInvokeTime   types.String   `tfsdk:"next_invoke_time"`
	WaitForAgents    types.Bool     `tfsdk:"wait_for_agents"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

type scheduleModel struct {
	Policy     types.String `tfsdk:"policy"`
	Recurrence types.String `tfsdk:"recurrence"`
	InvokeTime types.String `tfsdk:"invoke_time"`
}

func (r *invokerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TAT invoker (CreateInvoker): runs a saved command on CVM or Lighthouse instances once at a given time, " +
			"or repeatedly on a cron schedule read in UTC+8. Every argument but `type` changes in place, and `enabled` " +
			"pauses and resumes the schedule. Each run is an invocation, listed by `cloudcmd_invocations` and `cloudcmd_tat_invoker_records`.",
		Attributes: map[string]schema.Attribute{
			"id": framework.SetOnceAttribute("The invoker ID, `ivk-` followed by 8 characters."),
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Invoker name, 1 to 120 characters.",
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, invokerNameMaxLen)},
			},
			"type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(InvokerTypes[0]),
				MarkdownDescription: "Invoker type: `SCHEDULE`, the only one TAT has (default). TAT cannot change it, so a change would replace the invoker.",
				Validators:          []validator.String{stringvalidator.OneOf(InvokerTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"command_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "The command to run, such as `cloudcmd_tat_command.x.id`. TAT refuses to delete a command an invoker runs.",
				Validators: []validator.String{validate.TATCommandID()},
			},
			"instance_ids": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "Instances to run on: 1 to 100 IDs, all CVM (`ins-...`), all Lighthouse (`lhins-...`) or all TAT managed instances (`rins-...`).",
				Validators:          validate.TATInstanceIDs(invokerInstancesMax),
			},
			"username": schema.StringAttribute{
				Optional: true, MarkdownDescription: "User to run as, at most 256 characters; the command's `username` when unset.",
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, invokerUsernameMaxLen)},
			},
			"parameters": schema.MapAttribute{
				ElementType: types.StringType, Optional: true, Sensitive: true,
				MarkdownDescription: "Values for the command's `{{name}}` parameters at each run; the command's defaults fill the rest. At most 20; " +
					"names are 1 to 64 characters of letters, digits, `_` and `-`. The command needs `enable_parameter = true`.",
				Validators: validate.ParameterMap(invokerParametersMax),
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the invoker runs (default). Set to false to pause it; runs due while it is paused are skipped, not made up.",
			},
			"created_time": framework.SetOnceAttribute("When the invoker was created (RFC 3339)."),
			"updated_time": schema.StringAttribute{
				Computed: true, MarkdownDescription: "When the invoker was last changed (RFC 3339).",
			},
			"wait_for_agents": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Before creating the invoker, or adding instances to it, wait until the TAT agent is online on each of them, " +
					"within `timeouts`: for instances created in the same apply (TAT CreateInvoker and ModifyInvoker take only instances whose agent is online). " +
					"Default false. Changing it alone changes nothing in TAT. It does not help at the scheduled times: an instance whose agent is offline then misses that run.",
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create: true, Update: true,
				CreateDescription: "How long `wait_for_agents` waits when creating (default 20m).",
				UpdateDescription: "How long `wait_for_agents` waits for added instances (default 20m).",
			}),
			"next_invoke_time": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "For a `RECURRENCE` invoker, the next run TAT reports (RFC 3339, UTC); null while it is disabled, " +
					"and for a `ONCE` invoker, whose `invoke_time` says when it runs.",
			},
			"schedule_settings": scheduleAttribute(),
		},
	}
}

// scheduleAttribute is schedule_settings, required as in CreateInvoker
// (ScheduleSettings). It is a nested attribute rather than a block because
// a block cannot be required: the schema, and the docs made from it, would
// call it optional. Which of recurrence and invoke_time is needed depends
// on policy, as in the API.
func scheduleAttribute() schema.SingleNestedAttribute {
	onlyOnce := []validator.String{
		validate.RFC3339WithOffset(),
		validate.RequiredWhenSiblingIs("policy", string(InvokerPolicyOnce)),
		validate.ForbiddenWhenSiblingIs("policy", string(InvokerPolicyRecurrence)),
	}
	onlyRecurrence := []validator.String{
		validate.TATCron(),
		validate.RequiredWhenSiblingIs("policy", string(InvokerPolicyRecurrence)),
		validate.ForbiddenWhenSiblingIs("policy", string(InvokerPolicyOnce)),
	}
	return schema.SingleNestedAttribute{
		Required:            true,
		MarkdownDescription: "When the invoker runs.",
		Attributes: map[string]schema.Attribute{
			"policy": schema.StringAttribute{
				Required: true, MarkdownDescription: "`ONCE` runs at `invoke_time`; `RECURRENCE` runs at each time `recurrence` matches.",
				Validators: []validator.String{stringvalidator.OneOf(policyNames()...)},
			},
			"recurrence": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "With `RECURRENCE` (and only then): a cron expression of 5 fields, `minute hour day-of-month month day-of-week`, " +
					"read by TAT in UTC+8 (Beijing time), such as `0 3 * * *` for 03:00 Beijing time every day. Days of the week are 0 (Sunday) to 6, or `SUN` to `SAT`.",
				Validators: onlyRecurrence,
			},
			"invoke_time": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "With `ONCE` (and only then): when to run, RFC 3339 to the second with an offset, such as `2026-09-01T03:00:00+08:00`. " +
					"It must be in the future when the invoker is created or the time is changed.",
				Validators: onlyOnce,
			},
		},
	}
}

// ModifyPlan rejects an invoke_time that has passed, which CreateInvoker and
// ModifyInvoker would refuse. Only a new or changed time is checked: a ONCE
// invoker that has run keeps its past time without complaint.
func (r *invokerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	framework.CheckTATAtPlan(r.Clients, req, &resp.Diagnostics)
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, invokeTimePath, &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, invokeTimePath, &prior)...)
	}
	if resp.Diagnostics.HasError() || planned.IsNull() || planned.IsUnknown() || sameInstant(prior, planned) {
		return
	}
	at, err := validate.ParseRFC3339WithOffset(planned.ValueString())
	if err != nil {
		return // the attribute's validator reports it
	}
	if now := r.now(); !at.After(now) {
		resp.Diagnostics.AddAttributeError(invokeTimePath, "Invoke Time In The Past",
			fmt.Sprintf("Attribute %s is %s, which is not in the future (it is now %s): %s. Set a later time.",
				invokeTimePath, planned.ValueString(), now.UTC().Format(time.RFC3339), invokeTimeExpiredDetail))
	}
}

// now is the provider's clock.
func (r *invokerResource) now() time.Time {
	if r.Clients != nil && r.Clients.Now != nil {
		return r.Clients.Now()
	}
	return time.Now()
}

// createInvoker makes the invoker of plan, once the agents it waits for are
// online, and disables it when plan says so.
func createInvoker(ctx context.Context, client *conns.TATClient, _ string, plan *invokerModel, diags *diag.Diagnostics) string {
	in := &tat.CreateInvokerRequest{
		Name:             plan.Name.ValueStringPointer(),
		Type:             plan.Type.ValueStringPointer(),
		CommandId:        plan.CommandID.ValueStringPointer(),
		InstanceIds:      stringPointers(flex.SetStrings(ctx, plan.InstanceIDs, diags)),
		Username:         flex.KnownStringPointer(plan.Username),
		Parameters:       flex.ParametersJSON(flex.StringMap(ctx, plan.Parameters, diags)),
		ScheduleSettings: plan.ScheduleSettings.toAPI(),
	}
	if diags.HasError() {
		return ""
	}
	if plan.WaitForAgents.ValueBool() {
		timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
		diags.Append(d...)
		diags.Append(awaitInvokerAgents(ctx, client, flex.SetStrings(ctx, plan.InstanceIDs, diags), timeout, "the invoker was not created")...)
		if diags.HasError() {
			return ""
		}
	}
	// CreateInvoker takes no idempotency token: after a failure that leaves
	// unknown whether it went through, the invoker it made is adopted
	// rather than a second one created, which would run the command twice
	// at every scheduled time.
	id, _, err := createInvokerOrAdopt(ctx, client, in)
	if err != nil {
		diags.Append(framework.APIErrorDiagnostic("Error Creating TAT Invoker", "create TAT invoker "+plan.Name.ValueString(), err))
		return ""
	}
	if !plan.Enabled.ValueBool() {
		if err := setInvokerEnabled(ctx, client, id, false); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Disabling TAT Invoker", "disable TAT invoker "+id+" after creating it", err))
		}
	}
	return id
}

// readInvoker reads the invoker id into m.
func readInvoker(ctx context.Context, client *conns.TATClient, _, id string, m *invokerModel, diags *diag.Diagnostics) error {
	invoker, err := findInvoker(ctx, client, id)
	if err != nil {
		return err
	}
	m.fromAPI(ctx, invoker, diags)
	return nil
}

// updateInvoker sends ModifyInvoker only the fields that changed, so an
// invoker whose ONCE time has passed can still be renamed: sending the old
// time again would be refused as expired.
func updateInvoker(ctx context.Context, client *conns.TATClient, _, id string, plan, state *invokerModel, diags *diag.Diagnostics) {
	in, changed := modifyRequest(ctx, id, *plan, *state, diags)
	if diags.HasError() {
		return
	}
	if added := addedInstances(ctx, plan.InstanceIDs, state.InstanceIDs, diags); plan.WaitForAgents.ValueBool() && len(added) > 0 {
		timeout, d := plan.Timeouts.Update(ctx, defaultCreateTimeout)
		diags.Append(d...)
		diags.Append(awaitInvokerAgents(ctx, client, added, timeout, "the invoker was not changed")...)
		if diags.HasError() {
			return
		}
	}
	if changed {
		if _, err := client.ModifyInvoker(ctx, in); err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Updating TAT Invoker", "update TAT invoker "+id, err))
			return
		}
	}
	if !plan.Enabled.Equal(state.Enabled) {
		if err := setInvokerEnabled(ctx, client, id, plan.Enabled.ValueBool()); err != nil {
			what := "disable"
			if plan.Enabled.ValueBool() {
				what = "enable"
			}
			diags.Append(framework.APIErrorDiagnostic("Error Updating TAT Invoker", what+" TAT invoker "+id, err))
		}
	}
}

func deleteInvoker(ctx context.Context, client *conns.TATClient, _, id string) error {
	_, err := client.DeleteInvoker(ctx, &tat.DeleteInvokerRequest{InvokerId: &id})
	return err
}

// importInvoker takes the invoker ID, or an identity whose region is the
// provider's.
func importInvoker(ctx context.Context, clients *conns.Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByIDOrIdentity(ctx, clients, req, resp)
	// A behaviour switch, not remote state: at its default.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_agents"), false)...)
}

// awaitInvokerAgents waits, within timeout, until the TAT agent of every
// one of these instances is online; held says what did not happen
// otherwise.
func awaitInvokerAgents(ctx context.Context, client *conns.TATClient, instanceIDs []string, timeout time.Duration, held string) diag.Diagnostics {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	agents := agentsToWaitFor(client, instanceIDs)
	agents.Held = held
	return runs.AwaitAgents(ctx, agents, timeout)
}

// addedInstances are the instances of plan that state does not have.
func addedInstances(ctx context.Context, plan, state types.Set, diags *diag.Diagnostics) []string {
	before := map[string]bool{}
	for _, id := range flex.SetStrings(ctx, state, diags) {
		before[id] = true
	}
	var added []string
	for _, id := range flex.SetStrings(ctx, plan, diags) {
		if !before[id] {
			added = append(added, id)
		}
	}
	return added
}

// modifyRequest builds ModifyInvoker's input from what changed, and
// whether anything did. A removed username or parameters are sent empty,
// which clears them.
func modifyRequest(ctx context.Context, id string, plan, state invokerModel, diags *diag.Diagnostics) (*tat.ModifyInvokerRequest, bool) {
	in := &tat.ModifyInvokerRequest{InvokerId: &id}
	if !plan.Name.Equal(state.Name) {
		in.Name = plan.Name.ValueStringPointer()
	}
	if !plan.CommandID.Equal(state.CommandID) {
		in.CommandId = plan.CommandID.ValueStringPointer()
	}
	if !plan.InstanceIDs.Equal(state.InstanceIDs) {
		in.InstanceIds = stringPointers(flex.SetStrings(ctx, plan.InstanceIDs, diags))
	}
	if !plan.Username.Equal(state.Username) {
		in.Username = flex.StringPtr(plan.Username.ValueString())
	}
	if !plan.Parameters.Equal(state.Parameters) {
		in.Parameters = flex.ParametersJSON(nonNilMap(flex.StringMap(ctx, plan.Parameters, diags)))
	}
	if !plan.ScheduleSettings.sameSchedule(state.ScheduleSettings) {
		in.ScheduleSettings = plan.ScheduleSettings.toAPI()
	}
	changed := in.Name != nil || in.CommandId != nil || in.InstanceIds != nil || in.Username != nil ||
		in.Parameters != nil || in.ScheduleSettings != nil
	return in, changed
}

func setInvokerEnabled(ctx context.Context, client *conns.TATClient, id string, enabled bool) error {
	if enabled {
		_, err := client.EnableInvoker(ctx, &tat.EnableInvokerRequest{InvokerId: &id})
		return err
	}
	_, err := client.DisableInvoker(ctx, &tat.DisableInvokerRequest{InvokerId: &id})
	return err
}

// findInvoker returns the invoker with this ID, or an error wrapping
// errNotFound. TAT answers an unknown ID with an empty set.
func findInvoker(ctx context.Context, client *conns.TATClient, id string) (*tat.Invoker, error) {
	resp, err := client.DescribeInvokers(ctx, &tat.DescribeInvokersRequest{InvokerIds: []*string{&id}})
	if err != nil {
		if conns.IsCode(err, "InvalidParameterValue.InvalidInvokerId") {
			return nil, fmt.Errorf("TAT invoker %s: %w", id, errNotFound)
		}
		return nil, err
	}
	for _, ivk := range resp.Response.InvokerSet {
		if ivk != nil && ivk.InvokerId != nil && *ivk.InvokerId == id {
			return ivk, nil
		}
	}
	return nil, fmt.Errorf("TAT invoker %s: %w", id, errNotFound)
}

// fromAPI copies what the API reports into the model. Optional arguments the
// API leaves empty stay null, and an invoke_time TAT writes in UTC stays in
// the form configured when it is the same instant, so plans stay clean.
func (m *invokerModel) fromAPI(ctx context.Context, ivk *tat.Invoker, diags *diag.Diagnostics) {
	m.ID = types.StringPointerValue(ivk.InvokerId)
	m.Name = types.StringPointerValue(ivk.Name)
	m.Type = types.StringPointerValue(ivk.Type)
	m.CommandID = types.StringPointerValue(ivk.CommandId)
	ids, d := types.SetValueFrom(ctx, types.StringType, stringValues(ivk.InstanceIds))
	diags.Append(d...)
	m.InstanceIDs = ids
	m.Username = flex.OptionalString(ivk.Username)
	m.Parameters = flex.ParametersFromJSON(ivk.Parameters, m.Parameters, diags)
	m.Enabled = types.BoolValue(ivk.Enable != nil && *ivk.Enable)
	m.CreatedTime = types.StringPointerValue(ivk.CreatedTime)
	m.UpdatedTime = types.StringPointerValue(ivk.UpdatedTime)
	m.ScheduleSettings = scheduleFromAPI(ivk.ScheduleSettings, m.ScheduleSettings)
	m.NextInvokeTime = types.StringNull()
	if ivk.ScheduleSettings != nil && InvokerPolicy(flex.StringValue(ivk.ScheduleSettings.Policy)) == InvokerPolicyRecurrence {
		m.NextInvokeTime = flex.OptionalString(ivk.ScheduleSettings.InvokeTime)
	}
}

// scheduleFromAPI maps ScheduleSettings to the block: each policy keeps
// only the field it uses, since TAT also reports the next run in
// InvokeTime for a RECURRENCE invoker.
func scheduleFromAPI(s *tat.ScheduleSettings, prior *scheduleModel) *scheduleModel {
	if s == nil {
		return nil
	}
	out := &scheduleModel{Policy: types.StringPointerValue(s.Policy), Recurrence: types.StringNull(), InvokeTime: types.StringNull()}
	switch InvokerPolicy(flex.StringValue(s.Policy)) {
	case InvokerPolicyRecurrence:
		out.Recurrence = flex.OptionalString(s.Recurrence)
	case InvokerPolicyOnce:
		out.InvokeTime = flex.OptionalString(s.InvokeTime)
		if prior != nil && sameInstant(prior.InvokeTime, out.InvokeTime) {
			out.InvokeTime = prior.InvokeTime
		}
	}
	return out
}

// toAPI builds ScheduleSettings, sending only the field the policy uses.
func (s *scheduleModel) toAPI() *tat.ScheduleSettings {
	if s == nil {
		return nil
	}
	out := &tat.ScheduleSettings{Policy: s.Policy.ValueStringPointer()}
	switch InvokerPolicy(s.Policy.ValueString()) {
	case InvokerPolicyRecurrence:
		out.Recurrence = s.Recurrence.ValueStringPointer()
	case InvokerPolicyOnce:
		out.InvokeTime = s.InvokeTime.ValueStringPointer()
	}
	return out
}

// sameSchedule reports whether two schedules run at the same times: an
// invoke_time written in another form for the same instant is no change.
func (s *scheduleModel) sameSchedule(other *scheduleModel) bool {
	if s == nil || other == nil {
		return s == other
	}
	return s.Policy.Equal(other.Policy) && s.Recurrence.Equal(other.Recurrence) && sameInstant(s.InvokeTime, other.InvokeTime)
}

// sameInstant reports whether two RFC 3339 times are the same moment, or
// equal as values when either is not a time.
func sameInstant(a, b types.String) bool {
	if a.Equal(b) {
		return true
	}
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return false
	}
	ta, errA := time.Parse(time.RFC3339, a.ValueString())
	tb, errB := time.Parse(time.RFC3339, b.ValueString())
	return errA == nil && errB == nil && ta.Equal(tb)
}

func stringPointers(values []string) []*string {
	out := make([]*string, 0, len(values))
	for _, v := range values {
		out = append(out, flex.StringPtr(v))
	}
	return out
}

func stringValues(values []*string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != nil {
			out = append(out, *v)
		}
	}
	return out
}

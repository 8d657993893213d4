package runs

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const testRunType = "cloudcmd_test_run"

// testRunSchema is a run resource's schema in small: a region its
// ModifyPlan takes from the provider, switches with defaults, and
// arguments without.
func testRunSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":            schema.StringAttribute{Computed: true},
		"region_id":     schema.StringAttribute{Optional: true, Computed: true},
		"fail_on_error": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
		"username":      schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("root")},
		"timeout":       schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(60)},
		"triggers":      schema.MapAttribute{ElementType: types.StringType, Optional: true},
		"secrets_wo":    schema.MapAttribute{ElementType: types.StringType, Optional: true, WriteOnly: true},
	}}
}

// testRunPlan is the HistoryPlan of testRunSchema under a provider whose
// region is ap-guangzhou.
func testRunPlan(t *testing.T) HistoryPlan {
	t.Helper()
	return testRunPlanIn(t, "ap-guangzhou", true)
}

// testRunPlanIn is the HistoryPlan of testRunSchema under a provider whose
// region is region; known is false before the provider is configured.
func testRunPlanIn(t *testing.T, region string, known bool) HistoryPlan {
	t.Helper()
	plan, err := NewHistoryPlan(context.Background(), testRunSchema(), map[string]func() (string, bool){
		"region_id": func() (string, bool) { return region, known },
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// runValue encodes a value of testRunSchema: the recorded run, with the
// given attributes replaced (a nil one is null).
func runValue(t *testing.T, plan HistoryPlan, replaced map[string]any) *tfprotov6.DynamicValue {
	t.Helper()
	attrs := map[string]any{
		"id": "inv-history1", "region_id": "ap-guangzhou", "fail_on_error": true, "username": "root", "timeout": 60,
		"triggers": nil, "secrets_wo": nil,
	}
	for k, v := range replaced {
		attrs[k] = v
	}
	objectType, ok := plan.stateType.(tftypes.Object)
	if !ok {
		t.Fatalf("state type %v is not an object", plan.stateType)
	}
	values := map[string]tftypes.Value{}
	for name, t := range objectType.AttributeTypes {
		v := attrs[name]
		if n, ok := v.(int); ok {
			v = int64(n)
		}
		if v == nil {
			values[name] = tftypes.NewValue(t, nil)
			continue
		}
		values[name] = tftypes.NewValue(t, v)
	}
	dv, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, values))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// The defaults the framework plans for attributes left out are read from
// the schema; a default HistoryPlan could not check refuses the schema.
func TestNewHistoryPlan_readsTheSchemasDefaults(t *testing.T) {
	plan := testRunPlan(t)
	want := map[string]tftypes.Value{
		"fail_on_error": tftypes.NewValue(tftypes.Bool, true),
		"username":      tftypes.NewValue(tftypes.String, "root"),
		"timeout":       tftypes.NewValue(tftypes.Number, 60),
	}
	if len(plan.defaults) != len(want) {
		t.Errorf("defaults = %v, want %v", plan.defaults, want)
	}
	for name, v := range want {
		if !plan.defaults[name].Equal(v) {
			t.Errorf("default of %s = %v, want %v", name, plan.defaults[name], v)
		}
	}

	refused := map[string]schema.Attribute{
		"a float default": schema.Float64Attribute{Optional: true, Computed: true, Default: float64default.StaticFloat64(1)},
		"a nested default": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"on": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
		}},
		"a nested write-only attribute": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"secret": schema.StringAttribute{Optional: true, WriteOnly: true},
		}},
	}
	for name, attribute := range refused {
		s := testRunSchema()
		s.Attributes["odd"] = attribute
		if _, err := NewHistoryPlan(context.Background(), s, nil); err == nil || !strings.Contains(err.Error(), "odd") {
			t.Errorf("%s: error %v, want the schema refused naming the attribute", name, err)
		}
	}
}

// The plan of a run marked as history whose proposed new state is its
// prior state is answered with the prior state, private state and
// identity, when no attribute the configuration leaves out takes another
// value: a default that differs from what is recorded, or the provider's
// region. Anything else goes to the framework.
func TestHistoryServer_plansUnchangedHistory(t *testing.T) {
	plan := testRunPlan(t)
	marked := privateState(t, map[string]string{privateFrozen: historyMarkJSON})
	prior := runValue(t, plan, nil)
	configured := map[string]any{"id": nil, "fail_on_error": nil, "username": nil, "timeout": nil}
	secrets := map[string]tftypes.Value{"token": tftypes.NewValue(tftypes.String, "s3cr3t")}
	with := func(changes map[string]any) map[string]any {
		m := map[string]any{}
		for k, v := range configured {
			m[k] = v
		}
		for k, v := range changes {
			m[k] = v
		}
		return m
	}
	tests := map[string]struct {
		typeName string
		plan     *HistoryPlan
		prior    *tfprotov6.DynamicValue
		proposed *tfprotov6.DynamicValue
		config   map[string]any
		private  []byte
		answered bool
	}{
		"switches left out at their defaults": {config: configured, answered: true},
		"switches set as recorded": {
			config: with(map[string]any{"fail_on_error": true, "username": "root", "timeout": 60}), answered: true,
		},
		"a switch left out, recorded otherwise": {
			prior: runValue(t, plan, map[string]any{"fail_on_error": false}), config: configured,
		},
		"a string left out, recorded otherwise": {prior: runValue(t, plan, map[string]any{"username": "admin"}), config: configured},
		"a number left out, recorded otherwise": {prior: runValue(t, plan, map[string]any{"timeout": 30}), config: configured},
		"the provider's region, as recorded":    {config: with(map[string]any{"region_id": nil}), answered: true},
		"the provider's region, moved": {
			config: with(map[string]any{"region_id": nil}), plan: ref(testRunPlanIn(t, "ap-shanghai", true)),
		},
		"the provider's region, not known yet": {
			config: with(map[string]any{"region_id": nil}), plan: ref(testRunPlanIn(t, "", false)),
		},
		"write-only values, which Terraform proposes as configured": {
			proposed: runValue(t, plan, map[string]any{"secrets_wo": secrets}), config: with(map[string]any{"secrets_wo": secrets}), answered: true,
		},
		"write-only values and a changed argument": {
			proposed: runValue(t, plan, map[string]any{"secrets_wo": secrets, "triggers": map[string]tftypes.Value{"v": tftypes.NewValue(tftypes.String, "2")}}),
			config:   with(map[string]any{"secrets_wo": secrets}),
		},
		"a changed argument": {
			proposed: runValue(t, plan, map[string]any{"triggers": map[string]tftypes.Value{"v": tftypes.NewValue(tftypes.String, "2")}}),
			config:   configured,
		},
		"an import not yet applied": {
			config: configured, private: privateState(t, map[string]string{privateFrozen: historyMarkJSON, privateAdopted: "true"}),
		},
		"not marked":       {config: configured, private: privateState(t, map[string]string{privatePurged: "true"})},
		"not a run":        {config: configured, typeName: "cloudcmd_tat_command"},
		"a destroy":        {config: configured, proposed: &tfprotov6.DynamicValue{}},
		"a create":         {config: configured, prior: &tfprotov6.DynamicValue{}},
		"no configuration": {config: nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req := &tfprotov6.PlanResourceChangeRequest{TypeName: testRunType, PriorState: prior, PriorPrivate: marked}
			if tc.typeName != "" {
				req.TypeName = tc.typeName
			}
			if tc.prior != nil {
				req.PriorState = tc.prior
			}
			req.ProposedNewState = req.PriorState
			if tc.proposed != nil {
				req.ProposedNewState = tc.proposed
			}
			if tc.config != nil {
				req.Config = runValue(t, plan, tc.config)
			}
			if tc.private != nil {
				req.PriorPrivate = tc.private
			}
			runPlan := plan
			if tc.plan != nil {
				runPlan = *tc.plan
			}
			stub := &frameworkStub{}
			resp, err := HistoryServer(stub, map[string]HistoryPlan{testRunType: runPlan}).PlanResourceChange(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.answered {
				if stub.plans != 1 {
					t.Errorf("the framework planned the run %d times, want once", stub.plans)
				}
				return
			}
			if stub.plans != 0 {
				t.Errorf("the framework planned the run %d times", stub.plans)
			}
			if resp.PlannedState != req.PriorState || string(resp.PlannedPrivate) != string(req.PriorPrivate) || len(resp.RequiresReplace) != 0 {
				t.Errorf("planned %v, private %q, replacing %v; want the prior state and private state, no replacement",
					resp.PlannedState, resp.PlannedPrivate, resp.RequiresReplace)
			}
			if !sameValue(resp.PlannedIdentity.IdentityData, nil, identityType) {
				t.Errorf("planned identity %v, want a null one as the framework plans when Terraform gives none", resp.PlannedIdentity)
			}
		})
	}
}

func ref[T any](v T) *T { return &v }

// An identity Terraform keeps is planned as it came.
func TestHistoryServer_plansTheIdentityAsItCame(t *testing.T) {
	plan := testRunPlan(t)
	prior := runValue(t, plan, nil)
	identity := identityOf(t, "inv-history1", "ap-guangzhou")
	resp, err := HistoryServer(&frameworkStub{}, map[string]HistoryPlan{testRunType: plan}).PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: testRunType, PriorState: prior, ProposedNewState: prior, PriorIdentity: identity,
		Config:       runValue(t, plan, map[string]any{"id": nil}),
		PriorPrivate: privateState(t, map[string]string{privateFrozen: historyMarkJSON}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.PlannedIdentity != identity {
		t.Errorf("planned identity %v, want %v", resp.PlannedIdentity, identity)
	}
}

// CheckedHistoryServer reports, as an error in the answer, any way the
// framework's plan differs from the one answered for history.
func TestCheckedHistoryServer_reportsWhereTheFrameworkDiffers(t *testing.T) {
	plan := testRunPlan(t)
	prior := runValue(t, plan, nil)
	marked := privateState(t, map[string]string{privateFrozen: historyMarkJSON})
	same := tfprotov6.PlanResourceChangeResponse{PlannedState: runValue(t, plan, nil), PlannedPrivate: marked, PlannedIdentity: nullIdentity}
	tests := map[string]struct {
		framework tfprotov6.PlanResourceChangeResponse
		want      string
	}{
		"the same plan": {framework: same},
		"a replacement": {
			framework: func() tfprotov6.PlanResourceChangeResponse {
				r := same
				r.RequiresReplace = []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("region_id")}
				return r
			}(),
			want: "replaces the run",
		},
		"another state": {
			framework: func() tfprotov6.PlanResourceChangeResponse {
				r := same
				r.PlannedState = runValue(t, plan, map[string]any{"fail_on_error": false})
				return r
			}(),
			want: "planned state differs",
		},
		"another private state": {
			framework: func() tfprotov6.PlanResourceChangeResponse {
				r := same
				r.PlannedPrivate = nil
				return r
			}(),
			want: "private state differs",
		},
		"a warning": {
			framework: func() tfprotov6.PlanResourceChangeResponse {
				r := same
				r.Diagnostics = []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "Careful"}}
				return r
			}(),
			want: `the framework said "Careful"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			stub := &frameworkStub{plan: &tc.framework}
			resp, err := CheckedHistoryServer(stub, map[string]HistoryPlan{testRunType: plan}).PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
				TypeName: testRunType, PriorState: prior, ProposedNewState: prior, PriorPrivate: marked,
				Config: runValue(t, plan, map[string]any{"id": nil}),
			})
			if err != nil {
				t.Fatal(err)
			}
			if stub.plans != 1 {
				t.Errorf("the framework planned the run %d times, want once", stub.plans)
			}
			if tc.want == "" {
				if len(resp.Diagnostics) != 0 {
					t.Errorf("diagnostics %v for the framework's own plan", resp.Diagnostics[0].Detail)
				}
				return
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
				!strings.Contains(resp.Diagnostics[0].Detail, tc.want) {
				t.Errorf("diagnostics %+v, want one error saying %q", resp.Diagnostics, tc.want)
			}
		})
	}
}

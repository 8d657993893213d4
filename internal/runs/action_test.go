package runs

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// testActionConfig is the configuration of testAction: its instances, and
// the switches every run action takes.
type testActionConfig struct {
	InstanceIDs types.Set `tfsdk:"instance_ids"`
	ActionModel
}

func (m testActionConfig) Args(ctx context.Context, _ map[string]string, diags *diag.Diagnostics) testArgs {
	return testArgs{instanceIDs: flex.SetStrings(ctx, m.InstanceIDs, diags)}
}

type testArgs struct{ instanceIDs []string }

func (a *testArgs) Targets() *[]string { return &a.instanceIDs }

func testActionSchema(ctx context.Context) schema.Schema {
	return ActionSchema(ctx, "Runs a test command.", "TAT", "the TAT agent", map[string]schema.Attribute{
		"instance_ids": schema.SetAttribute{ElementType: types.StringType, Required: true},
		"parameters":   ActionParametersAttribute("the command's", 20),
	})
}

// testAction is a run action whose runs are f's, one a wave.
func testAction(f *fleet, planChecks *int) action.Action {
	return NewAction[testActionConfig](ActionSurface{
		TypeName: "test_run",
		Schema:   testActionSchema,
		CheckAtPlan: func(context.Context, *conns.Clients, action.ModifyPlanRequest, *action.ModifyPlanResponse) {
			*planChecks++
		},
	}, func(_ *conns.Clients, args testArgs) (Adapter, diag.Diagnostics) {
		return f.newRun(args.instanceIDs)
	})
}

// testActionRequest is an invocation of testAction on instanceIDs, with
// maxConcurrency unless empty.
func testActionRequest(ctx context.Context, t *testing.T, instanceIDs []string, maxConcurrency string) action.InvokeRequest {
	t.Helper()
	s := testActionSchema(ctx)
	objectType, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %v is not an object", s.Type())
	}
	values := map[string]tftypes.Value{}
	for name, attrType := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	var ids []tftypes.Value
	for _, id := range instanceIDs {
		ids = append(ids, tftypes.NewValue(tftypes.String, id))
	}
	values["instance_ids"] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, ids)
	if maxConcurrency != "" {
		values["max_concurrency"] = tftypes.NewValue(tftypes.String, maxConcurrency)
	}
	return action.InvokeRequest{Config: tfsdk.Config{Schema: s, Raw: tftypes.NewValue(objectType, values)}}
}

func TestAction_namesItselfAndChecksAtPlan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	planChecks := 0
	a := testAction(&fleet{}, &planChecks)
	var meta action.MetadataResponse
	a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: "cloudcmd"}, &meta)
	if meta.TypeName != "cloudcmd_test_run" {
		t.Errorf("type name %q, want cloudcmd_test_run", meta.TypeName)
	}
	withPlan, ok := a.(action.ActionWithModifyPlan)
	if !ok {
		t.Fatal("the action has no ModifyPlan")
	}
	withPlan.ModifyPlan(ctx, action.ModifyPlanRequest{}, &action.ModifyPlanResponse{})
	if planChecks != 1 {
		t.Errorf("plan checks %d, want 1", planChecks)
	}
	if _, ok := a.(action.ActionWithConfigure); !ok {
		t.Error("the action has no Configure")
	}
	if _, ok := a.(action.ActionWithConfigValidators); !ok {
		t.Error("the action has no ConfigValidators")
	}
}

func TestAction_invokesOneRunAWave(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, c := range []struct {
		concurrency string
		want        string
	}{
		{"", "[[i-1 i-2 i-3]]"},
		{"2", "[[i-1 i-2] [i-3]]"},
	} {
		f := &fleet{}
		resp := action.InvokeResponse{SendProgress: func(action.InvokeProgressEvent) {}}
		testAction(f, new(int)).Invoke(ctx, testActionRequest(ctx, t, []string{"i-3", "i-1", "i-2"}, c.concurrency), &resp)
		if resp.Diagnostics.HasError() || fmt.Sprint(f.sent) != c.want {
			t.Errorf("max_concurrency %q: sent %v, diagnostics %v; want %s", c.concurrency, f.sent, resp.Diagnostics, c.want)
		}
	}
}

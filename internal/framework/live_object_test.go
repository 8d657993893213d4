package framework

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

type testObjectModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

// testCloud keeps objects by ID, their value being their name.
type testCloud struct {
	objects   map[string]string
	failAfter bool // CreateObject fails after making the object
}

var errTestGone = errors.New("gone")

var testObjectSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"id":   SetOnceAttribute("ID."),
	"name": schema.StringAttribute{Required: true},
}}

func testObjectResource(cloud *testCloud) *LiveObjectResource[testObjectModel, testCloud] {
	return &LiveObjectResource[testObjectModel, testCloud]{
		Title: "Test Object", Name: "test object", NotFound: errTestGone,
		Client: func(*conns.Clients, *testObjectModel, *diag.Diagnostics) (*testCloud, string) {
			return cloud, "region-1"
		},
		CreateObject: func(_ context.Context, c *testCloud, _ string, plan *testObjectModel, diags *diag.Diagnostics) string {
			c.objects["obj-1"] = plan.Name.ValueString()
			if c.failAfter {
				diags.AddError("Step Failed", "a step after creating failed")
			}
			return "obj-1"
		},
		ReadObject: func(_ context.Context, c *testCloud, _, id string, m *testObjectModel, _ *diag.Diagnostics) error {
			name, ok := c.objects[id]
			if !ok {
				return errTestGone
			}
			m.ID, m.Name = types.StringValue(id), types.StringValue(name)
			return nil
		},
		UpdateObject: func(_ context.Context, _ *testCloud, _, _ string, _, _ *testObjectModel, diags *diag.Diagnostics) {
			diags.AddError("Update Failed", "the cloud refused the change")
		},
	}
}

func testObjectState(t *testing.T, model *testObjectModel) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	state := tfsdk.State{Schema: testObjectSchema, Raw: tftypes.NewValue(testObjectSchema.Type().TerraformType(ctx), nil)}
	if model != nil {
		if diags := state.Set(ctx, model); diags.HasError() {
			t.Fatal(diags)
		}
	}
	return state
}

func testObjectStateModel(t *testing.T, state tfsdk.State) testObjectModel {
	t.Helper()
	var model testObjectModel
	if diags := state.Get(context.Background(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	return model
}

func TestLiveObjectCreateRecordsIDWhenALaterStepFails(t *testing.T) {
	cloud := &testCloud{objects: map[string]string{}, failAfter: true}
	planned := testObjectState(t, &testObjectModel{ID: types.StringUnknown(), Name: types.StringValue("a")})
	req := resource.CreateRequest{Plan: tfsdk.Plan{Schema: testObjectSchema, Raw: planned.Raw}}
	resp := resource.CreateResponse{State: testObjectState(t, nil)}
	testObjectResource(cloud).Create(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want the step's error")
	}
	if got := testObjectStateModel(t, resp.State).ID.ValueString(); got != "obj-1" {
		t.Fatalf("state id = %q, want obj-1", got)
	}
}

func TestLiveObjectReadRemovesAGoneObjectWithAWarning(t *testing.T) {
	cloud := &testCloud{objects: map[string]string{}}
	prior := testObjectState(t, &testObjectModel{ID: types.StringValue("obj-9"), Name: types.StringValue("a")})
	resp := resource.ReadResponse{State: prior}
	testObjectResource(cloud).Read(context.Background(), resource.ReadRequest{State: prior}, &resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning and no error, got %v", resp.Diagnostics)
	}
	if !strings.Contains(resp.Diagnostics[0].Detail(), "test object obj-9 no longer exists") {
		t.Fatalf("warning = %q", resp.Diagnostics[0].Detail())
	}
	if !resp.State.Raw.IsNull() {
		t.Fatal("want the object removed from the state")
	}
}

func TestLiveObjectUpdateFailureKeepsThePriorState(t *testing.T) {
	cloud := &testCloud{objects: map[string]string{"obj-1": "a"}}
	prior := testObjectState(t, &testObjectModel{ID: types.StringValue("obj-1"), Name: types.StringValue("a")})
	planned := testObjectState(t, &testObjectModel{ID: types.StringValue("obj-1"), Name: types.StringValue("b")})
	req := resource.UpdateRequest{State: prior, Plan: tfsdk.Plan{Schema: testObjectSchema, Raw: planned.Raw}}
	resp := resource.UpdateResponse{State: testObjectState(t, nil)}
	testObjectResource(cloud).Update(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want the update's error")
	}
	if got := testObjectStateModel(t, resp.State).Name.ValueString(); got != "a" {
		t.Fatalf("state name = %q, want the prior a", got)
	}
}

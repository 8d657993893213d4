package framework_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String, "region": tftypes.String}}

func identityOf(id, region any) *tfsdk.ResourceIdentity {
	return &tfsdk.ResourceIdentity{
		Schema: framework.IdentitySchema(),
		Raw: tftypes.NewValue(identityType, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, id), "region": tftypes.NewValue(tftypes.String, region),
		}),
	}
}

func TestIdentitySchema(t *testing.T) {
	s := framework.IdentitySchema()
	id, ok := s.Attributes["id"].(identityschema.StringAttribute)
	if !ok || !id.RequiredForImport || id.OptionalForImport {
		t.Errorf("id = %#v, want a string required for import", s.Attributes["id"])
	}
	region, ok := s.Attributes["region"].(identityschema.StringAttribute)
	if !ok || region.RequiredForImport || !region.OptionalForImport {
		t.Errorf("region = %#v, want a string optional for import", s.Attributes["region"])
	}
	if len(s.Attributes) != 2 {
		t.Errorf("identity has %d attributes, want id and region only", len(s.Attributes))
	}
}

func TestSetIdentity(t *testing.T) {
	ctx := context.Background()
	if diags := framework.SetIdentity(ctx, nil, "cmd-1", "ap-guangzhou"); diags.HasError() {
		t.Fatalf("nil identity: %v", diags)
	}
	identity := identityOf(nil, nil)
	if diags := framework.SetIdentity(ctx, identity, "cmd-12345678", "ap-guangzhou"); diags.HasError() {
		t.Fatal(diags)
	}
	var got framework.IdentityModel
	if diags := identity.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != "cmd-12345678" || got.Region.ValueString() != "ap-guangzhou" {
		t.Errorf("identity = %v, want cmd-12345678 in ap-guangzhou", got)
	}
}

func TestImportTargetOf(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		req  resource.ImportStateRequest
		want framework.ImportTarget
	}{
		{"import ID", resource.ImportStateRequest{ID: "cmd-12345678", Identity: identityOf(nil, nil)}, framework.ImportTarget{ID: "cmd-12345678"}},
		{"import ID, no identity schema", resource.ImportStateRequest{ID: "cmd-12345678"}, framework.ImportTarget{ID: "cmd-12345678"}},
		{"identity with region", resource.ImportStateRequest{Identity: identityOf("c-abc", "cn-shanghai")}, framework.ImportTarget{ID: "c-abc", Region: "cn-shanghai"}},
		{"identity without region", resource.ImportStateRequest{Identity: identityOf("c-abc", nil)}, framework.ImportTarget{ID: "c-abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := framework.ImportTargetOf(ctx, tt.req)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tt.want {
				t.Errorf("ImportTargetOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

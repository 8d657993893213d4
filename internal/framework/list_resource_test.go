package framework_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

type thingListModel struct {
	Name types.String `tfsdk:"name"`
}

type thingModel struct {
	ID types.String `tfsdk:"id"`
}

var thingListSchema = listschema.Schema{Attributes: map[string]listschema.Attribute{
	"name": listschema.StringAttribute{Optional: true},
}}

// thingList lists the objects named by names in region "r-1", unless
// the block's name is "refused", or fails with err after them.
func thingList(names []string, err error) list.ListResourceWithConfigure {
	return framework.NewListResource(framework.ListSurface[thingListModel, string]{
		TypeName: "thing",
		Schema:   thingListSchema,
		Find: func(_ context.Context, _ *conns.Clients, config thingListModel, diags *diag.Diagnostics) framework.Listing[string] {
			if config.Name.ValueString() == "refused" {
				diags.AddError("Refused", "the block is refused")
			}
			var yielded int
			return framework.Listing[string]{Objects: listing(names, err, &yielded), Region: "r-1", FailSummary: "Error Listing Things", FailDoing: "list things"}
		},
		Found: func(name string) (string, string) { return "id-" + name, name },
		Resource: func(_ context.Context, name string, region string, _ *diag.Diagnostics) any {
			return thingModel{ID: types.StringValue("id-" + name + "@" + region)}
		},
	})
}

func thingListRequest(name string, limit int64, includeResource bool) list.ListRequest {
	raw := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}},
		map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, name)})
	return list.ListRequest{
		Config:                 tfsdk.Config{Schema: thingListSchema, Raw: raw},
		Limit:                  limit,
		IncludeResource:        includeResource,
		ResourceSchema:         rschema.Schema{Attributes: map[string]rschema.Attribute{"id": rschema.StringAttribute{Computed: true}}},
		ResourceIdentitySchema: framework.IdentitySchema(),
	}
}

func listThings(ctx context.Context, l list.ListResourceWithConfigure, req list.ListRequest) []list.ListResult {
	var stream list.ListResultsStream
	l.List(ctx, req, &stream)
	return collect(stream.Results)
}

func TestListResource_namesItselfAfterItsResource(t *testing.T) {
	t.Parallel()
	var resp resource.MetadataResponse
	thingList(nil, nil).Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "cloudcmd"}, &resp)
	if resp.TypeName != "cloudcmd_thing" {
		t.Errorf("type name %q, want cloudcmd_thing", resp.TypeName)
	}
}

func TestListResource_resultsCarryIdentityAndResource(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	results := listThings(ctx, thingList([]string{"a", "b", "c"}, nil), thingListRequest("", 2, true))
	if len(results) != 2 || results[0].DisplayName != "a" || results[1].DisplayName != "b" {
		t.Fatalf("results %v, want a and b (limit 2)", results)
	}
	var identity framework.IdentityModel
	results[1].Diagnostics.Append(results[1].Identity.Get(ctx, &identity)...)
	var model thingModel
	results[1].Diagnostics.Append(results[1].Resource.Get(ctx, &model)...)
	if results[1].Diagnostics.HasError() || identity != framework.NewIdentity("id-b", "r-1") || model.ID.ValueString() != "id-b@r-1" {
		t.Errorf("identity %v, resource %v, diagnostics %v; want id-b in r-1", identity, model, results[1].Diagnostics)
	}
}

func TestListResource_withoutIncludeResourceLeavesTheResourceNull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	results := listThings(ctx, thingList([]string{"a"}, nil), thingListRequest("", 0, false))
	if len(results) != 1 || !results[0].Resource.Raw.IsNull() {
		t.Fatalf("results %v, want one without its resource", results)
	}
}

func TestListResource_findRefusedEndsWithItsDiagnostic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	results := listThings(ctx, thingList([]string{"a"}, nil), thingListRequest("refused", 0, false))
	if len(results) != 1 || !slices.ContainsFunc(results[0].Diagnostics, func(d diag.Diagnostic) bool { return d.Summary() == "Refused" }) {
		t.Fatalf("results %v, want one carrying the refusal", results)
	}
}

func TestListResource_failedCallEndsTheListing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	results := listThings(ctx, thingList([]string{"a"}, errors.New("boom")), thingListRequest("", 0, false))
	if len(results) != 2 || results[1].Diagnostics.ErrorsCount() != 1 || results[1].Diagnostics[0].Summary() != "Error Listing Things" {
		t.Fatalf("results %v, want a, then the failure", results)
	}
}

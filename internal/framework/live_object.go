package framework

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

var idPath = path.Root("id")

// LiveObjectResource is the embeddable base of a resource that manages an
// object the cloud keeps and changes in place, such as a saved command or an
// invoker: Metadata, Configure, identity, Create (make it, record its ID at
// once, read it back), Read (find it, or leave the state with a warning when
// it is gone), Update (change it, read it back), Delete and ImportState. M is
// the resource's model and C the vendor's client; the resource adds its
// Schema and plan-time rules, and sets the hooks for the vendor's calls.
type LiveObjectResource[M any, C any] struct {
	ResourceBase
	// Title and Name are the object's kind, such as "TAT Command" and "TAT
	// command", for diagnostics.
	Title, Name string
	// RegionAttribute is the attribute recording the object's region where
	// the region is the object's own argument (ECS region_id); empty where
	// it is the provider's.
	RegionAttribute string
	// NotFound is the error ReadObject wraps when the object no longer
	// exists.
	NotFound error
	// DeleteGoneCode is the vendor's error code for deleting an object that
	// is already gone, which counts as deleted.
	DeleteGoneCode string

	// Client is the vendor's client for the object of model and the region
	// the object lives in; nil, with a diagnostic, when there is none.
	Client func(clients *conns.Clients, model *M, diags *diag.Diagnostics) (client *C, region string)
	// CreateObject makes the object of plan and returns its ID, reporting its
	// own failures. An ID returned beside an error (a step after the
	// object was made) is still recorded.
	CreateObject func(ctx context.Context, client *C, region string, plan *M, diags *diag.Diagnostics) (id string)
	// ReadObject finds the object id and copies what the cloud reports into
	// model, which holds the values planned or last known.
	ReadObject func(ctx context.Context, client *C, region, id string, model *M, diags *diag.Diagnostics) error
	// UpdateObject changes the object from state to plan in place, reporting
	// its own failures.
	UpdateObject func(ctx context.Context, client *C, region, id string, plan, state *M, diags *diag.Diagnostics)
	// KeepPlanned, when set, takes from plan into the object read back
	// after an update what the cloud reports only later.
	KeepPlanned func(readBack, plan *M)
	// DeleteObject deletes the object id.
	DeleteObject func(ctx context.Context, client *C, region, id string) error
	// ImportID puts in state the ID an import names, by ID or identity.
	ImportID func(ctx context.Context, clients *conns.Clients, req resource.ImportStateRequest, resp *resource.ImportStateResponse)
}

func (r *LiveObjectResource[M, C]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, region := r.Client(r.Clients, &plan, &resp.Diagnostics)
	if client == nil {
		return
	}
	id := r.CreateObject(ctx, client, region, &plan, &resp.Diagnostics)
	if id == "" {
		return
	}
	// Record the ID (and region) before anything else can fail, so the
	// object is never orphaned.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, idPath, id)...)
	if r.RegionAttribute != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.RegionAttribute), region)...)
	}
	resp.Diagnostics.Append(SetIdentity(ctx, resp.Identity, id, region)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.ReadObject(ctx, client, region, id, &plan, &resp.Diagnostics); err != nil {
		resp.Diagnostics.Append(APIErrorDiagnostic("Error Reading "+r.Title, "read "+r.Name+" "+id+" after creating it", err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *LiveObjectResource[M, C]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	client, region, id := r.target(ctx, req.State, &state, &resp.Diagnostics)
	if client == nil {
		return
	}
	// The identity is set before the lookup: the framework wants one even
	// from a read that finds the object gone.
	resp.Diagnostics.Append(SetIdentity(ctx, resp.Identity, id, region)...)
	err := r.ReadObject(ctx, client, region, id, &state, &resp.Diagnostics)
	if !ReadFound(ctx, err, errors.Is(err, r.NotFound), r.object(id, region), resp) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the object in place and reads it back. When a change
// fails the state stays as it was; the next refresh reads any change that
// went through.
func (r *LiveObjectResource[M, C]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client, region, id := r.target(ctx, req.State, &state, &resp.Diagnostics)
	if client == nil {
		return
	}
	r.UpdateObject(ctx, client, region, id, &plan, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	planned := plan
	if err := r.ReadObject(ctx, client, region, id, &plan, &resp.Diagnostics); err != nil {
		resp.Diagnostics.Append(APIErrorDiagnostic("Error Reading "+r.Title, "read "+r.Name+" "+id+" after updating it", err))
		return
	}
	if r.KeepPlanned != nil {
		r.KeepPlanned(&plan, &planned)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(SetIdentity(ctx, resp.Identity, id, region)...)
}

func (r *LiveObjectResource[M, C]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	client, region, id := r.target(ctx, req.State, &state, &resp.Diagnostics)
	if client == nil {
		return
	}
	if err := r.DeleteObject(ctx, client, region, id); err != nil && !conns.IsCode(err, r.DeleteGoneCode) {
		resp.Diagnostics.Append(APIErrorDiagnostic("Error Deleting "+r.Title, "delete "+r.Name+" "+id, err))
	}
}

// ImportState takes the object's ID, or an identity: the next read takes
// the arguments from the cloud.
func (r *LiveObjectResource[M, C]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.ImportID(ctx, r.Clients, req, resp)
}

// target reads the state of an object the resource manages into model,
// and returns the vendor's client, the object's region and its ID; a nil
// client, with diagnostics, when the state or the client cannot be had.
func (r *LiveObjectResource[M, C]) target(ctx context.Context, state tfsdk.State, model *M, diags *diag.Diagnostics) (*C, string, string) {
	diags.Append(state.Get(ctx, model)...)
	var id types.String
	diags.Append(state.GetAttribute(ctx, idPath, &id)...)
	if diags.HasError() {
		return nil, "", ""
	}
	client, region := r.Client(r.Clients, model, diags)
	return client, region, id.ValueString()
}

// object names the object id for the diagnostics of reading it.
func (r *LiveObjectResource[M, C]) object(id, region string) ManagedObject {
	object := ManagedObject{Title: r.Title, Name: r.Name, ID: id}
	if r.RegionAttribute != "" {
		object.Region = region
	}
	return object
}

// SetOnceAttribute is a computed attribute the cloud sets when it makes
// the object and never changes, such as its ID or creation time: the plan
// keeps the value in state, so an update does not show it as unknown.
func SetOnceAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

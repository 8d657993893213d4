package framework

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// ListSurface is what a list resource declares of its own: its name after
// the provider's (its resource's, such as "tat_command"), the schema of its
// list block, how it finds what the block asks for, and what a result
// shows of each object found, whose configuration is C and objects T.
type ListSurface[C, T any] struct {
	TypeName string
	Schema   listschema.Schema
	// Find reads the configuration and starts the listing, adding to diags
	// what stops it before any call (the listing is then not read).
	Find func(ctx context.Context, clients *conns.Clients, config C, diags *diag.Diagnostics) Listing[T]
	// Found is an object's ID, and the name a result shows it by.
	Found func(object T) (id, displayName string)
	// Resource is an object's resource model, as a read after an import
	// would have it: the result's resource with include_resource.
	Resource func(ctx context.Context, object T, region string, diags *diag.Diagnostics) any
}

// Listing is what a list block finds: the objects, in region, and the
// summary and what was being done (as APIErrorDiagnostic takes them) of the
// error of a call that fails.
type Listing[T any] struct {
	Objects     iter.Seq2[T, error]
	Region      string
	FailSummary string
	FailDoing   string
}

// NewListResource makes the list resource that surface declares: it keeps
// the provider's clients, and streams a result for each object found, up to
// the block's limit, with the object's identity (its ID in the listing's
// region) and, with include_resource, the resource.
func NewListResource[C, T any](surface ListSurface[C, T]) list.ListResourceWithConfigure {
	return &listResource[C, T]{ListSurface: surface}
}

type listResource[C, T any] struct {
	ListSurface[C, T]
	ResourceWithClients
}

func (l *listResource[C, T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.TypeName
}

func (l *listResource[C, T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.Schema
}

func (l *listResource[C, T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config C
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &config)...)
	listing := l.Find(ctx, l.Clients, config, &diags)
	if diags.HasError() {
		stream.Results = ListError(diags)
		return
	}
	stream.Results = StreamResults(listing.Objects, req.Limit,
		func(object T) list.ListResult { return l.result(ctx, req, object, listing.Region) },
		func(err error) diag.Diagnostic {
			return APIErrorDiagnostic(listing.FailSummary, listing.FailDoing, err)
		})
}

// result is one object found.
func (l *listResource[C, T]) result(ctx context.Context, req list.ListRequest, object T, region string) list.ListResult {
	result := req.NewListResult(ctx)
	id, displayName := l.Found(object)
	result.DisplayName = displayName
	result.Diagnostics.Append(result.Identity.Set(ctx, NewIdentity(id, region))...)
	if req.IncludeResource {
		model := l.Resource(ctx, object, region, &result.Diagnostics)
		result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
	}
	return result
}

// StreamResults turns each object a listing yields into a list result, up
// to limit results (a list block's limit; 0 or less is no limit). An error
// from the listing ends the stream with one result that carries it as
// an error diagnostic made by failed.
func StreamResults[T any](objects iter.Seq2[T, error], limit int64, result func(T) list.ListResult, failed func(error) diag.Diagnostic) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		count := int64(0)
		for object, err := range objects {
			if err != nil {
				push(list.ListResult{Diagnostics: diag.Diagnostics{failed(err)}})
				return
			}
			if !push(result(object)) {
				return
			}
			count++
			if limit > 0 && count >= limit {
				return
			}
		}
	}
}

// ListError is a list stream of one result carrying diags, for a list
// request refused before any listing (a bad configuration, a provider that
// is not configured).
func ListError(diags diag.Diagnostics) iter.Seq[list.ListResult] {
	return list.ListResultsStreamDiagnostics(diags)
}

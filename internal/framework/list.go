package framework

import (
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

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

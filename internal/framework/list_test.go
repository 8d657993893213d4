package framework_test

import (
	"errors"
	"iter"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// listing yields names, then err if not nil, and counts what it yielded.
func listing(names []string, err error, yielded *int) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for _, n := range names {
			*yielded++
			if !yield(n, nil) {
				return
			}
		}
		if err != nil {
			yield("", err)
		}
	}
}

func named(n string) list.ListResult { return list.ListResult{DisplayName: n} }

func failed(err error) diag.Diagnostic { return diag.NewErrorDiagnostic("Listing Failed", err.Error()) }

func collect(results iter.Seq[list.ListResult]) []list.ListResult {
	var out []list.ListResult
	for r := range results {
		out = append(out, r)
	}
	return out
}

func TestStreamResults(t *testing.T) {
	names := []string{"a", "b", "c", "d"}
	tests := []struct {
		name         string
		limit        int64
		err          error
		wantNames    []string
		wantError    bool
		wantListings int
	}{
		{name: "no limit", limit: 0, wantNames: names, wantListings: 4},
		{name: "limit stops the listing", limit: 2, wantNames: []string{"a", "b"}, wantListings: 2},
		{name: "limit above the count", limit: 10, wantNames: names, wantListings: 4},
		{name: "error after results", err: errors.New("throttled"), wantNames: names, wantError: true, wantListings: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yielded := 0
			got := collect(framework.StreamResults(listing(names, tt.err, &yielded), tt.limit, named, failed))
			var gotNames []string
			sawError := false
			for _, r := range got {
				if r.Diagnostics.HasError() {
					sawError = true
					if r.Diagnostics[0].Detail() != "throttled" {
						t.Errorf("error result = %v", r.Diagnostics)
					}
					continue
				}
				gotNames = append(gotNames, r.DisplayName)
			}
			if len(gotNames) != len(tt.wantNames) {
				t.Fatalf("results = %v, want %v", gotNames, tt.wantNames)
			}
			for i := range gotNames {
				if gotNames[i] != tt.wantNames[i] {
					t.Errorf("results = %v, want %v", gotNames, tt.wantNames)
				}
			}
			if sawError != tt.wantError {
				t.Errorf("error result present = %v, want %v", sawError, tt.wantError)
			}
			if yielded != tt.wantListings {
				t.Errorf("the listing yielded %d objects, want %d", yielded, tt.wantListings)
			}
		})
	}
}

func TestStreamResultsConsumerStops(t *testing.T) {
	yielded := 0
	for range framework.StreamResults(listing([]string{"a", "b", "c"}, nil, &yielded), 0, named, failed) {
		break
	}
	if yielded != 1 {
		t.Errorf("the listing yielded %d objects after the consumer stopped at the first, want 1", yielded)
	}
}

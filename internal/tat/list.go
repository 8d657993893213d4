package tat

import (
	"iter"
)

// listPages yields the entries of a TAT Describe* listing page by page,
// 100 at a time (Limit at most 100), reading a page only when the one
// before it has been used up: a list block's limit, or a consumer that
// stops, ends the reads early. fetch is as for pageAll; an error is yielded
// once, and ends the listing.
func listPages[T any](fetch func(offset, limit uint64) ([]*T, *uint64, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		seen := uint64(0)
		for offset := uint64(0); ; offset += describePageSize {
			page, total, err := fetch(offset, describePageSize)
			if err != nil {
				yield(nil, err)
				return
			}
			seen += uint64(len(page))
			for _, entry := range page {
				if entry != nil && !yield(entry, nil) {
					return
				}
			}
			if len(page) < describePageSize || seen >= uint64Value(total) {
				return
			}
		}
	}
}

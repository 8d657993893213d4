package framework

import "iter"

// StreamPages yields the entries of a paged Describe* listing page by
// page, reading a page only when the one before it has been used up: a
// list block's limit, or a consumer that stops, ends the reads early.
// fetch reads page index (from 0), of at most size entries, and says the
// total count; a page shorter than size, or the total reached, ends the
// listing. Null entries are passed over; an error is yielded once, and
// ends the listing.
func StreamPages[T any](size int, fetch func(index int) (page []*T, total uint64, err error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		seen := uint64(0)
		for index := 0; ; index++ {
			page, total, err := fetch(index)
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
			if len(page) < size || seen >= total {
				return
			}
		}
	}
}

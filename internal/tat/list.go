package tat

import (
	"iter"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// listPages yields the entries of a TAT Describe* listing page by page,
// 100 at a time (Limit at most 100), as framework.StreamPages reads them.
// fetch is as for pageAll.
func listPages[T any](fetch func(offset, limit uint64) ([]*T, *uint64, error)) iter.Seq2[*T, error] {
	return framework.StreamPages(describePageSize, func(index int) ([]*T, uint64, error) {
		page, total, err := fetch(uint64(index)*describePageSize, describePageSize)
		return page, uint64Value(total), err
	})
}

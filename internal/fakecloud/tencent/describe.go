package tencent

import (
	"cmp"
	"math"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Limits shared by the Describe* actions (TAT DescribeCommands,
// DescribeInvocations, DescribeInvocationTasks: at most 100 IDs, Filters at
// most 10 with at most 5 Values each, Limit 20 by default and at most 100).
const (
	maxDescribeIDs  = 100
	maxFilters      = 10
	maxFilterValues = 5
	defaultLimit    = 20
	maxLimit        = 100
)

// filterFunc reports whether an item matches any of a filter's values.
type filterFunc[T any] func(item T, values []string) bool

// idsOrFilters turns the selection part of a Describe* request into a
// predicate. A request names items by ID or filters them, never both.
// Filters combine with AND; the values of one filter with OR; valueChecks
// vet the values of the filters that name IDs or enumerations. IDs that are
// well formed but unknown simply match nothing.
func idsOrFilters[T any](
	ids []*string, checkID func(string) *apiError, idOf func(T) string,
	filters []*tat.Filter, lookup func(name string) (filterFunc[T], bool), valueChecks map[string]func(string) *apiError,
) (func(T) bool, *apiError) {
	switch {
	case len(ids) > 0 && len(filters) > 0:
		return nil, newError(codeConflictParameter, "IDs and Filters cannot be specified at the same time.")
	case len(ids) > 0:
		return idPredicate(ids, checkID, idOf)
	}
	match, err := filterPredicate(filters, lookup)
	if err != nil {
		return nil, err
	}
	if err := checkFilterValues(filters, valueChecks); err != nil {
		return nil, err
	}
	return match, nil
}

func idPredicate[T any](ids []*string, checkID func(string) *apiError, idOf func(T) string) (func(T) bool, *apiError) {
	if len(ids) > maxDescribeIDs {
		return nil, newError(codeValueLimitExceeded, "At most %d IDs can be queried at once, got %d.", maxDescribeIDs, len(ids))
	}
	wanted := map[string]bool{}
	for _, id := range ids {
		if id == nil {
			continue
		}
		if err := checkID(*id); err != nil {
			return nil, err
		}
		wanted[*id] = true
	}
	return func(item T) bool { return wanted[idOf(item)] }, nil
}

func filterPredicate[T any](filters []*tat.Filter, lookup func(string) (filterFunc[T], bool)) (func(T) bool, *apiError) {
	if len(filters) > maxFilters {
		return nil, newError(codeFilterValueExceeded, "At most %d Filters are allowed, got %d.", maxFilters, len(filters))
	}
	type appliedFilter struct {
		match  filterFunc[T]
		values []string
	}
	var applied []appliedFilter
	for i, f := range filters {
		if f == nil || f.Name == nil {
			return nil, newError(codeInvalidFilter, "Filters.%d has no Name.", i)
		}
		match, ok := lookup(*f.Name)
		if !ok {
			return nil, newError(codeInvalidFilter, "The filter `%s` is not supported.", *f.Name)
		}
		switch {
		case len(f.Values) == 0:
			return nil, newError(codeInvalidFilter, "The filter `%s` has no Values.", *f.Name)
		case len(f.Values) > maxFilterValues:
			return nil, newError(codeFilterValueExceeded, "The filter `%s` has %d values; at most %d are allowed.", *f.Name, len(f.Values), maxFilterValues)
		}
		applied = append(applied, appliedFilter{match: match, values: derefAll(f.Values)})
	}
	return func(item T) bool {
		for _, f := range applied {
			if !f.match(item, f.values) {
				return false
			}
		}
		return true
	}, nil
}

// checkFilterValues applies checks[name] to each value of the filters that
// have a check, once filterPredicate has vetted the names and the number of
// values of every filter.
func checkFilterValues(filters []*tat.Filter, checks map[string]func(string) *apiError) *apiError {
	for _, f := range filters {
		check, ok := checks[*f.Name]
		if !ok {
			continue
		}
		for _, value := range derefAll(f.Values) {
			if err := check(value); err != nil {
				return err
			}
		}
	}
	return nil
}

// pageBounds reads Offset (default 0) and Limit (default 20, at most 100).
func pageBounds(offset, limit *uint64) (int, int, *apiError) {
	size := valueOr(limit, defaultLimit)
	if size < 1 || size > maxLimit {
		return 0, 0, newError(codeInvalidParameterValue, "Limit must be in [1, %d], got %d.", maxLimit, size)
	}
	start := min(valueOr(offset, 0), math.MaxInt)
	return int(start), int(size), nil
}

// listed returns how many of items match, and the page of them from offset,
// at most limit long, made wire. The page is never nil, so an empty one is
// sent as [].
func listed[T, W any](items []T, match func(T) bool, offset, limit int, wire func(T) W) (total uint64, set []W) {
	var matched []T
	for _, item := range items {
		if match(item) {
			matched = append(matched, item)
		}
	}
	set = []W{}
	for _, item := range page(matched, offset, limit) {
		set = append(set, wire(item))
	}
	return uint64(len(matched)), set
}

// page returns the window [offset, offset+limit) of items.
func page[T any](items []T, offset, limit int) []T {
	if offset >= len(items) {
		return nil
	}
	return items[offset:min(offset+limit, len(items))]
}

// compareDescending orders newer sequence numbers first.
func compareDescending(a, b uint64) int { return cmp.Compare(b, a) }

func derefAll(values []*string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != nil {
			out = append(out, *v)
		}
	}
	return out
}

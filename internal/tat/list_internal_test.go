package tat

import (
	"errors"
	"testing"
)

// pagedFetch serves total entries in pages, as TAT's Describe* actions do
// with Offset and Limit, and records each offset asked for.
func pagedFetch(total int, offsets *[]uint64) func(offset, limit uint64) ([]*int, *uint64, error) {
	return func(offset, limit uint64) ([]*int, *uint64, error) {
		*offsets = append(*offsets, offset)
		var page []*int
		for i := offset; i < offset+limit && i < uint64(total); i++ {
			v := int(i)
			page = append(page, &v)
		}
		n := uint64(total)
		return page, &n, nil
	}
}

func TestListPagesReadsEveryPage(t *testing.T) {
	var offsets []uint64
	count := 0
	for v, err := range listPages(pagedFetch(250, &offsets)) {
		if err != nil {
			t.Fatal(err)
		}
		if *v != count {
			t.Fatalf("entry %d is %d", count, *v)
		}
		count++
	}
	if count != 250 {
		t.Errorf("listed %d entries, want 250", count)
	}
	if len(offsets) != 3 || offsets[0] != 0 || offsets[1] != 100 || offsets[2] != 200 {
		t.Errorf("offsets read = %v, want [0 100 200]", offsets)
	}
}

func TestListPagesExactPages(t *testing.T) {
	var offsets []uint64
	count := 0
	for _, err := range listPages(pagedFetch(200, &offsets)) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	// TotalCount ends the listing: no empty third page is asked for.
	if count != 200 || len(offsets) != 2 {
		t.Errorf("listed %d entries in %d reads, want 200 in 2", count, len(offsets))
	}
}

func TestListPagesStopsWithTheConsumer(t *testing.T) {
	var offsets []uint64
	count := 0
	for _, err := range listPages(pagedFetch(250, &offsets)) {
		if err != nil {
			t.Fatal(err)
		}
		count++
		if count == 101 {
			break
		}
	}
	if len(offsets) != 2 {
		t.Errorf("read %d pages for 101 entries, want 2", len(offsets))
	}
}

func TestListPagesEmptyAccount(t *testing.T) {
	var offsets []uint64
	for v, err := range listPages(pagedFetch(0, &offsets)) {
		t.Errorf("listed %v (error %v) from an empty account", v, err)
	}
	if len(offsets) != 1 {
		t.Errorf("read %d pages, want 1", len(offsets))
	}
}

func TestListPagesError(t *testing.T) {
	failure := errors.New("throttled")
	calls := 0
	var errs []error
	for _, err := range listPages(func(offset, limit uint64) ([]*int, *uint64, error) {
		calls++
		return nil, nil, failure
	}) {
		errs = append(errs, err)
	}
	if calls != 1 || len(errs) != 1 || !errors.Is(errs[0], failure) {
		t.Errorf("calls = %d, errors = %v; want one call and its error once", calls, errs)
	}
}

package framework_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
)

// pages serves total entries, size a page, and records the pages read.
func pages(total, size int, read *[]int) func(int) ([]*int, uint64, error) {
	return func(index int) ([]*int, uint64, error) {
		*read = append(*read, index)
		var page []*int
		for i := index * size; i < (index+1)*size && i < total; i++ {
			v := i
			page = append(page, &v)
		}
		return page, uint64(total), nil
	}
}

func TestStreamPages_readsUntilTheTotal(t *testing.T) {
	t.Parallel()
	var read []int
	var got []int
	for v, err := range framework.StreamPages(3, pages(6, 3, &read)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *v)
	}
	if fmt.Sprint(got) != "[0 1 2 3 4 5]" || fmt.Sprint(read) != "[0 1]" {
		t.Errorf("got %v reading pages %v, want 0 to 5 from pages [0 1]", got, read)
	}
}

func TestStreamPages_passesOverNulls(t *testing.T) {
	t.Parallel()
	one := 1
	var got []int
	for v, err := range framework.StreamPages(2, func(int) ([]*int, uint64, error) { return []*int{nil, &one}, 2, nil }) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *v)
	}
	if fmt.Sprint(got) != "[1]" {
		t.Errorf("got %v, want [1]", got)
	}
}

func TestStreamPages_shortPageEnds(t *testing.T) {
	t.Parallel()
	var read []int
	count := 0
	for _, err := range framework.StreamPages(4, pages(100, 3, &read)) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	if count != 3 || fmt.Sprint(read) != "[0]" {
		t.Errorf("listed %d from pages %v, want 3 from page 0 alone", count, read)
	}
}

func TestStreamPages_consumerStopsTheReads(t *testing.T) {
	t.Parallel()
	var read []int
	for v, err := range framework.StreamPages(3, pages(100, 3, &read)) {
		if err != nil || *v == 4 {
			break
		}
	}
	if fmt.Sprint(read) != "[0 1]" {
		t.Errorf("pages read %v, want [0 1]", read)
	}
}

func TestStreamPages_errorEnds(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	var errs []error
	for _, err := range framework.StreamPages(4, func(int) ([]*int, uint64, error) { return nil, 0, boom }) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], boom) {
		t.Errorf("yielded %v, want boom once", errs)
	}
}

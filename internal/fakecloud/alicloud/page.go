package alicloud

// Paging of the Describe* actions: PageNumber from 1, PageSize 1 to 50.
const (
	defaultPageSize = 10
	maxPageSize     = 50
)

type page struct {
	number int64
	size   int64
}

func pageFromParams(p params) (page, error) {
	number, err := p.int64Param("PageNumber", 1)
	if err != nil || number < 1 {
		return page{}, errPageNumberInvalid
	}
	size, err := p.int64Param("PageSize", defaultPageSize)
	if err != nil || size < 1 || size > maxPageSize {
		return page{}, errPageSizeInvalid
	}
	return page{number: number, size: size}, nil
}

// bounds returns the slice indexes of the page within total results; a page
// past the end is empty.
func (pg page) bounds(total int) (start, end int) {
	// Compare page numbers before multiplying: PageNumber can be any int64.
	if pg.number-1 > int64(total)/pg.size {
		return total, total
	}
	first := int((pg.number - 1) * pg.size)
	return min(first, total), min(first+int(pg.size), total)
}

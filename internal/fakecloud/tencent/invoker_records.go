package tencent

import (
	"slices"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// describeInvokerRecords lists firings, newest first: those of the invokers
// named, or of every invoker when none is. An invoker's records go with it
// when it is deleted.
func (s *Service) describeInvokerRecords(p *tat.DescribeInvokerRecordsRequestParams) (any, *apiError) {
	wanted, err := invokerIDSet(p.InvokerIds)
	if err != nil {
		return nil, err
	}
	offset, limit, err := invokerPageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	var records []*invokerRecord
	for _, ivk := range s.invokers {
		if s.inRegion(ivk.region) && (len(wanted) == 0 || wanted[ivk.id]) {
			records = append(records, ivk.records...)
		}
	}
	slices.SortFunc(records, func(a, b *invokerRecord) int { return compareDescending(a.sequence, b.sequence) })
	now := s.now()
	every := func(*invokerRecord) bool { return true }
	total, set := listed(records, every, offset, limit, func(r *invokerRecord) invokerRecordWire { return r.wire(now) })
	return describeInvokerRecordsResponse{TotalCount: total, InvokerRecordSet: set}, nil
}

// invokerIDSet checks DescribeInvokerRecords' InvokerIds: at most 100, each
// well formed.
func invokerIDSet(ids []*string) (map[string]bool, *apiError) {
	if len(ids) > maxDescribeIDs {
		return nil, newError(codeTooLong, "InvokerIds holds %d IDs; at most %d are allowed.", len(ids), maxDescribeIDs)
	}
	set := map[string]bool{}
	for _, id := range derefAll(ids) {
		if err := validateInvokerID(id); err != nil {
			return nil, err
		}
		set[id] = true
	}
	return set, nil
}

type describeInvokerRecordsResponse struct {
	TotalCount       uint64              `json:"TotalCount"`
	InvokerRecordSet []invokerRecordWire `json:"InvokerRecordSet"`
}

// invokerRecordWire is TAT's InvokerRecord structure.
type invokerRecordWire struct {
	InvokerID    string `json:"InvokerId"`
	InvokeTime   string `json:"InvokeTime"`
	Reason       string `json:"Reason"`
	InvocationID string `json:"InvocationId"`
	Result       string `json:"Result"`
}

func (r *invokerRecord) wire(now time.Time) invokerRecordWire {
	out := invokerRecordWire{
		InvokerID:  r.invokerID,
		InvokeTime: formatTime(r.invokeTime),
		Reason:     r.reason,
		Result:     r.result(now),
	}
	if r.invocation != nil {
		out.InvocationID = r.invocation.id
	}
	return out
}

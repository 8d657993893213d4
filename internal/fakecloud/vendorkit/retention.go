package vendorkit

import (
	"sync/atomic"
	"time"
)

// DefaultRecordRetention is how long a finished invocation is kept unless
// set otherwise: the four weeks Alibaba Cloud documents (ECS
// DescribeInvocations: "command executions within the last four weeks").
// TAT keeps its history for a bounded time too, without saying how long,
// and the fake keeps it as long.
const DefaultRecordRetention = 28 * 24 * time.Hour

// retentionPeriod is how long finished records are kept, counted from when
// they ended. The zero value keeps them for DefaultRecordRetention. It is
// safe for concurrent use.
type retentionPeriod struct {
	keep atomic.Int64 // a time.Duration; zero or less: the default
}

// Set changes how long records are kept; zero or less restores
// DefaultRecordRetention. It applies to the records already kept too.
func (r *retentionPeriod) Set(d time.Duration) {
	r.keep.Store(int64(d))
}

// Get returns how long records are kept.
func (r *retentionPeriod) Get() time.Duration {
	if d := time.Duration(r.keep.Load()); d > 0 {
		return d
	}
	return DefaultRecordRetention
}

// Expired reports whether a record that ended at end (zero: not ended) has
// been kept longer than the retention by now.
func (r *retentionPeriod) Expired(end, now time.Time) bool {
	return !end.IsZero() && now.Sub(end) > r.Get()
}

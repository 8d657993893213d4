package alicloud

import "time"

// defaultInvocationQuota is how many invocations one region may start in
// one day. The vendor states that such a daily quota exists
// (Invocation.ExceedQuota) but not its size; this one is the fake's own
// choice, far beyond what any test or demo starts, so only a test that
// lowers it with SetInvocationQuota reaches it.
const defaultInvocationQuota = 10000

// quotaDay is a region on one day of the fake's clock, in UTC.
type quotaDay struct {
	regionID string
	day      string // 2006-01-02
}

func quotaDayOf(regionID string, at time.Time) quotaDay {
	return quotaDay{regionID: regionID, day: at.UTC().Format(time.DateOnly)}
}

// checkInvocationQuota refuses a new invocation in a region that has
// started its quota for the day already. A retry answered from an earlier
// ClientToken starts nothing and so never gets here. Callers hold s.mu.
func (s *Service) checkInvocationQuota(regionID string) error {
	if s.state.invocationsOn[quotaDayOf(regionID, s.now())] >= s.state.invocationQuota {
		return errInvocationExceedQuota
	}
	return nil
}

// countInvocation uses up one invocation of the region's quota for the day
// of at. Callers hold s.mu.
func (st *store) countInvocation(regionID string, at time.Time) {
	st.invocationsOn[quotaDayOf(regionID, at)]++
}

// SetInvocationQuota sets how many invocations (RunCommand and
// InvokeCommand calls) each region may start per day, in UTC on the fake's
// clock, before further ones fail with Invocation.ExceedQuota. The default
// is 10,000. Invocations already started count against the new quota.
func (s *Service) SetInvocationQuota(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.invocationQuota = n
}

package alicloud

import "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"

// stopInvocation stops an invocation on the instances named, or on all of
// its instances. Runs that have ended are left as they are, so stopping a
// finished invocation changes nothing; a scheduled invocation runs no more.
func (s *Service) stopInvocation(c *call) (any, error) {
	regionID := c.regionID()
	id, err := c.params.required("InvokeId")
	if err != nil {
		return nil, err
	}
	instanceIDs, err := listParam(c.params, "InstanceId", maxStopInstances, errInstanceIDsExceedLimit)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireRecords()
	inv, ok := s.state.invocations.Get(id)
	if !ok || inv.regionID != regionID {
		return nil, errInvokeIDNotFound
	}
	now, killDelay := s.now(), s.killDelay()
	stop := func(t *task) { t.stop(now, killDelay) }
	found := func(instanceID string) (*task, bool) {
		t := inv.taskOn(instanceID)
		return t, t != nil
	}
	if vendorkit.StopEach(inv.tasks, instanceIDs, found, stop) != "" {
		return nil, errInstanceNotFound
	}
	return requestOnly{RequestID: c.requestID}, nil
}

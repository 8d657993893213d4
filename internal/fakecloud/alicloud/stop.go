package alicloud

import "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"

// stopInvocation stops an invocation on the instances named, or on all of
// its instances. Runs that have ended are left as they are, so stopping a
// finished invocation changes nothing; a scheduled invocation runs no more.
func (s *Service) stopInvocation(c *call) (any, error) {
	regionID, err := c.params.required("RegionId")
	if err != nil {
		return nil, err
	}
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
	inv, ok := s.state.invocations[id]
	if !ok || inv.regionID != regionID {
		return nil, errInvokeIDNotFound
	}
	tasks, err := inv.tasksOn(instanceIDs)
	if err != nil {
		return nil, err
	}
	now := s.now()
	for _, t := range tasks {
		t.stop(now, s.killDelay())
	}
	return requestOnly{RequestID: c.requestID}, nil
}

// tasksOn returns the invocation's tasks on these instances, or all of its
// tasks when none are named. An instance the invocation does not run on is
// reported as not found.
func (inv *invocation) tasksOn(instanceIDs []string) ([]*task, error) {
	tasks, missing := vendorkit.Select(inv.tasks, instanceIDs, func(id string) (*task, bool) {
		t := inv.taskOn(id)
		return t, t != nil
	})
	if missing != "" {
		return nil, errInstanceNotFound
	}
	return tasks, nil
}

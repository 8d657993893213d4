package tencent

import (
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// cancelInvocation cancels the invocation's tasks on the instances named, or
// on all of them. Tasks that have ended are left as they are, so cancelling
// a finished invocation changes nothing.
func (s *Service) cancelInvocation(p *tat.CancelInvocationRequestParams) (any, *apiError) {
	if p.InvocationId == nil {
		return nil, missingParameter("InvocationId")
	}
	if err := validateInvocationID(*p.InvocationId); err != nil {
		return nil, err
	}
	var instanceIDs []string
	if len(p.InstanceIds) > 0 {
		list, err := instanceIDList(p.InstanceIds, maxCancelInstances)
		if err != nil {
			return nil, err
		}
		instanceIDs = list
	}
	inv, ok := s.invocations.Get(*p.InvocationId)
	if !ok || !s.inRegion(inv.region) {
		return nil, newError(codeInvocationNotFound, "The invocation `%s` does not exist.", *p.InvocationId)
	}
	now, killDelay := s.now(), s.killDelay()
	cancel := func(t *task) { t.cancel(now, killDelay) }
	if missing := vendorkit.StopEach(inv.tasks, instanceIDs, inv.taskOn, cancel); missing != "" {
		return nil, newError(codeInstanceNotInInvocation, "Invocation %s did not run on instance %s.", inv.id, missing)
	}
	return struct{}{}, nil
}

// taskOn returns the invocation's task on an instance.
func (inv *invocation) taskOn(instanceID string) (*task, bool) {
	for _, t := range inv.tasks {
		if t.instanceID == instanceID {
			return t, true
		}
	}
	return nil, false
}

// killDelay is how long the agent takes to stop a running script: a moment
// in realistic mode, none in instant mode.
func (s *Service) killDelay() time.Duration {
	if s.cfg.Realistic {
		return cancelTime
	}
	return 0
}

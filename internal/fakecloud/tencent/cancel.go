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
	inv, ok := s.invocations[*p.InvocationId]
	if !ok || !s.inRegion(inv.region) {
		return nil, newError(codeInvocationNotFound, "The invocation `%s` does not exist.", *p.InvocationId)
	}
	tasks, err := inv.tasksOn(instanceIDs)
	if err != nil {
		return nil, err
	}
	now := s.now()
	for _, t := range tasks {
		t.cancel(now, s.killDelay())
	}
	return struct{}{}, nil
}

// tasksOn returns the invocation's tasks on these instances, or all of its
// tasks when none are named.
func (inv *invocation) tasksOn(instanceIDs []string) ([]*task, *apiError) {
	tasks, missing := vendorkit.Select(inv.tasks, instanceIDs, inv.taskOn)
	if missing != "" {
		return nil, newError(codeInstanceNotInInvocation, "Invocation %s did not run on instance %s.", inv.id, missing)
	}
	return tasks, nil
}

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

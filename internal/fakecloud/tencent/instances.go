package tencent

import (
	"regexp"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Instance kinds. CVM and LIGHTHOUSE are as Invocation.InstanceKind and the
// instance-kind filter of DescribeInvocations name them. InvokeCommand's
// InstanceIds also takes TAT managed instances, for which those documents
// name no kind: the fake keeps instanceKindManaged to itself and reports an
// empty InstanceKind (see reportedKind).
const (
	instanceKindCVM        = "CVM"
	instanceKindLighthouse = "LIGHTHOUSE"
	instanceKindManaged    = "managed"
)

// Instance list limits: InvokeCommand and RunCommand take up to 200
// InstanceIds (the API definition the SDKs are generated from), CancelInvocation 100.
const (
	maxInvokeInstances = 200
	maxCancelInstances = 100
)

// Instance ID forms. TAT managed instance IDs are rins- and lowercase
// letters or digits, eight or more: DescribeRegisterInstances and
// ModifyRegisterInstance show rins-8dz6cwxx and rins-xfjkunbgax.
var (
	cvmInstancePattern        = regexp.MustCompile(`^ins-[a-z0-9]{8}$`)
	lighthouseInstancePattern = regexp.MustCompile(`^lhins-[a-z0-9]{8}$`)
	managedInstancePattern    = regexp.MustCompile(`^rins-[a-z0-9]{8,}$`)
)

// instanceKind tells a CVM, a Lighthouse and a managed instance ID apart;
// "" means the ID is none of them.
func instanceKind(id string) string {
	switch {
	case cvmInstancePattern.MatchString(id):
		return instanceKindCVM
	case lighthouseInstancePattern.MatchString(id):
		return instanceKindLighthouse
	case managedInstancePattern.MatchString(id):
		return instanceKindManaged
	}
	return ""
}

// reportedKind is an invocation's kind as Invocation.InstanceKind reports
// it: CVM or LIGHTHOUSE, and empty for managed instances, which the field's
// documented values do not cover.
func reportedKind(kind string) string {
	if kind == instanceKindManaged {
		return ""
	}
	return kind
}

func validateInstanceID(id string) *apiError {
	if instanceKind(id) == "" {
		return newError(codeInvalidInstanceID, "The instance ID `%s` is malformed; CVM instances look like ins-xxxxxxxx, Lighthouse instances like lhins-xxxxxxxx and TAT managed instances like rins-xxxxxxxx.", id)
	}
	return nil
}

// instanceIDList checks a request's InstanceIds: at most limit, each well
// formed, none named twice. A repeated instance would get two tasks, which
// no client means.
func instanceIDList(ids []*string, limit int) ([]string, *apiError) {
	if len(ids) > limit {
		return nil, newError(codeValueLimitExceeded, "InstanceIds holds %d instances; at most %d are allowed.", len(ids), limit)
	}
	out := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for i, id := range ids {
		if id == nil {
			return nil, newError(codeInvalidInstanceID, "InstanceIds.%d is null.", i)
		}
		if err := validateInstanceID(*id); err != nil {
			return nil, err
		}
		if seen[*id] {
			return nil, newError(codeInvalidParameterValue, "InstanceIds names instance %s more than once.", *id)
		}
		seen[*id] = true
		out = append(out, *id)
	}
	return out, nil
}

// invokeInstances checks InvokeCommand's InstanceIds and returns them with
// their kind. InvokeCommand's page allows one type of instances per request
// (CVM or Lighthouse); the fake holds managed instances to the same rule, as
// a type of their own.
func invokeInstances(ids []*string) ([]string, string, *apiError) {
	if len(ids) == 0 {
		return nil, "", missingParameter("InstanceIds")
	}
	list, err := instanceIDList(ids, maxInvokeInstances)
	if err != nil {
		return nil, "", err
	}
	kind := instanceKind(list[0])
	for _, id := range list[1:] {
		if instanceKind(id) != kind {
			return nil, "", newError(codeInconsistentInstance, "InstanceIds mixes instance types (%s, %s); a request targets CVM, Lighthouse or managed instances, one type.", list[0], id)
		}
	}
	return list, kind, nil
}

// checkInstancesReady fails on the first instance that cannot run a command
// now. Instances the fleet does not declare are running with an online agent.
func (s *Service) checkInstancesReady(ids []string) *apiError {
	for _, id := range ids {
		if inst, ok := s.cfg.Fleet.Lookup(id); ok {
			if err := instanceStateError(inst); err != nil {
				return err
			}
		}
	}
	return nil
}

func instanceStateError(inst fleet.Instance) *apiError {
	switch inst.State {
	case fleet.NotFound:
		return newError(codeInstanceNotFound, "The instance `%s` does not exist.", inst.ID)
	case fleet.Stopped:
		return newError(codeInstanceNotRunning, "The instance `%s` is not running.", inst.ID)
	case fleet.AgentOffline:
		return newError(codeAgentNotOnline, "The TAT agent on instance `%s` is offline.", inst.ID)
	case fleet.AgentNotInstalled:
		return newError(codeAgentNotInstalled, "The TAT agent is not installed on instance `%s`.", inst.ID)
	}
	return nil
}

package alicloud

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Instance limits per request. The vendor's pages say 100 for RunCommand
// and 50 for InvokeCommand and StopInvocation.
const (
	maxRunInstances    = 100
	maxInvokeInstances = 50
	maxStopInstances   = 50
	maxResourceTags    = 20
)

// instanceIDPattern is the form of an instance ID Cloud Assistant takes:
// an ECS instance (i-...) or a managed instance (mi-...), a server outside
// Alibaba Cloud registered through an activation, which RunCommand,
// InvokeCommand and DescribeCloudAssistantStatus take in InstanceId.N. One
// not of this form cannot exist, whatever the fleet says.
var instanceIDPattern = regexp.MustCompile(`^m?i-[a-z0-9]{1,32}$`)

// resourceTags are the ResourceTag.N parameters, which select instances.
var resourceTags = tagRules{
	prefix: "ResourceTag", max: maxResourceTags, tooMany: errResourceTagsExceedLimit,
	keyMissing: errResourceTagKeyMissing, keyBad: errResourceTagKeyMalformed,
	valueBad: errResourceTagValueMalformed, keyRepeated: errResourceTagKeyDuplicate,
}

// targetInstance is an instance an invocation runs on.
type targetInstance struct {
	id string
	// unreachable marks an instance whose agent is offline: the command
	// is accepted but never delivered.
	unreachable bool
}

// listParam reads NAME.1, NAME.2, ... ordered by N, leaving out repeats.
// An N out of 1..limit is refused with tooMany or InvalidParameter.
func listParam(p params, name string, limit int, tooMany *apiError) ([]string, error) {
	byIndex := map[int]string{}
	for key := range p.values {
		number, ok := strings.CutPrefix(key, name+".")
		if !ok {
			continue
		}
		index, err := strconv.Atoi(number)
		switch {
		case err != nil || index < 1:
			return nil, errInvalidParameter(key)
		case index > limit:
			return nil, tooMany
		}
		byIndex[index] = p.get(key)
	}
	indexes := make([]int, 0, len(byIndex))
	for index := range byIndex {
		indexes = append(indexes, index)
	}
	slices.Sort(indexes)
	var out []string
	for _, index := range indexes {
		if v := byIndex[index]; v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) > limit {
		return nil, tooMany
	}
	return out, nil
}

// selectInstances reads the instances a RunCommand or InvokeCommand names,
// by ID or by tag, and checks each can run the command. As the vendor
// documents, one unfit instance fails the whole call.
func (s *Service) selectInstances(p params, limit int) ([]targetInstance, error) {
	ids, err := listParam(p, "InstanceId", limit, errInstanceIDsExceedLimit)
	if err != nil {
		return nil, err
	}
	tags, err := resourceTags.parse(p)
	if err != nil {
		return nil, err
	}
	switch {
	case len(ids) > 0 && len(tags) > 0:
		return nil, errResourceTagConflict
	case len(tags) > 0:
		if ids, err = s.taggedInstances(tags, limit); err != nil {
			return nil, err
		}
	case len(ids) == 0:
		return nil, errMissingInstanceID
	}
	targets := make([]targetInstance, 0, len(ids))
	for _, id := range ids {
		target, err := s.instanceReady(id)
		if err != nil {
			return nil, err
		}
		targets = append(targets, target)
	}
	return targets, nil
}

// taggedInstances returns the declared instances carrying every tag, by
// ID. Only declared instances have tags.
func (s *Service) taggedInstances(tags []tagParam, limit int) ([]string, error) {
	var ids []string
	for _, inst := range s.cfg.Fleet.Tagged(nil) {
		if inst.State != fleet.NotFound && hasTags(fleetTags(inst), tags) {
			ids = append(ids, inst.ID)
		}
	}
	if len(ids) == 0 {
		return nil, errResourceTagNoInstance
	}
	if len(ids) > limit {
		return nil, errInstanceIDsExceedLimit
	}
	slices.Sort(ids)
	return ids, nil
}

func fleetTags(inst fleet.Instance) []Tag {
	tags := make([]Tag, 0, len(inst.Tags))
	for k, v := range inst.Tags {
		tags = append(tags, Tag{Key: k, Value: v})
	}
	return tags
}

// instanceReady checks that an instance exists, is running and has an
// agent. An undeclared, well-formed ID is a running instance.
func (s *Service) instanceReady(id string) (targetInstance, error) {
	if !instanceIDPattern.MatchString(id) {
		return targetInstance{}, errInstanceNotFound
	}
	inst, declared := s.cfg.Fleet.Lookup(id)
	if !declared {
		return targetInstance{id: id}, nil
	}
	switch inst.State {
	case fleet.NotFound:
		return targetInstance{}, errInstanceNotFound
	case fleet.Stopped, fleet.AgentNotInstalled:
		return targetInstance{}, errInstanceNotMatch
	}
	return targetInstance{id: id, unreachable: inst.State == fleet.AgentOffline}, nil
}

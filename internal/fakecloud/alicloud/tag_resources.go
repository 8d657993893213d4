package alicloud

import (
	"net/http"
	"slices"
	"strconv"
)

// TagResources, UntagResources and ListTagResources change and read the
// tags of existing resources. The fake has two kinds of resource that carry
// tags: commands and invocations. Their tags are the ones CreateCommand,
// RunCommand and InvokeCommand set and DescribeCommands and
// DescribeInvocations report.

// Limits of the tag actions (TagResources: ResourceId.N 1 to 50, Tag.N 1
// to 20, keys up to 128 characters; the ECS tag limits: 20 tags on one
// resource).
const (
	maxTagResourceIDs   = 50
	maxTagsPerResource  = 20
	maxTagResourceKey   = 128
	tagResourcesPerPage = 50
)

// Resource types. The vendor's list is longer (instance, disk, snapshot,
// image, securitygroup...); those name resources the fake does not have, so
// their IDs are never found.
var tagResourceTypes = []string{
	"instance", "disk", "snapshot", "image", "securitygroup", "volume", "eni", "ddh", "ddhcluster",
	"keypair", "launchtemplate", "reservedinstance", "snapshotpolicy", "elasticityassurance",
	"capacityreservation", "command", "invocation",
}

var (
	errTagResourceIDsExceedLimit = newError(http.StatusBadRequest, "NumberExceed.ResourceIds",
		"The ResourceIds parameter's number is exceed , Valid : 50")
	errTagResourceTagsExceedLimit = newError(http.StatusBadRequest, "NumberExceed.Tags",
		"The Tags parameter's number is exceed , Valid : 20")
	errResourceTypeMissing = newError(http.StatusNotFound, "MissingParameter.ResourceType",
		"The parameter - ResourceType should not be null")
	errResourceTypeNotFound = newError(http.StatusNotFound, "InvalidResourceType.NotFound",
		"The ResourceType provided does not exist in our records.")
	errResourceIDNotFound = newError(http.StatusNotFound, "InvalidResourceId.NotFound",
		"The specified ResourceIds are not found in our records.")
	errTagsMissing = newError(http.StatusNotFound, "MissingParameter.Tags",
		"The parameter - Tags should not be null")
	errTagQuotaExceeded = newError(http.StatusBadRequest, "OperationDenied.QuotaExceed",
		"The quota of tags on resource is beyond permitted range.")
)

// tagResourcesTags are the Tag.N parameters of TagResources, whose keys may be
// longer than those of a resource's creation.
var tagResourcesTags = tagRules{
	prefix: "Tag", max: maxTags, tooMany: errTagResourceTagsExceedLimit, keyMissing: errTagKeyMissing,
	keyBad: errTagKeyMalformed, valueBad: errTagValueMalformed, keyRepeated: errTagKeyDuplicate,
	keyMax: maxTagResourceKey,
}

// taggedResources reads RegionId, ResourceType and ResourceId.N and returns
// the tag lists of the resources they name; every one must exist. Callers
// hold s.mu.
func (s *Service) taggedResources(p params, required bool) (resourceType string, ids []string, tagLists []*[]Tag, err error) {
	regionID := p.get("RegionId")
	resourceType = p.get("ResourceType")
	switch {
	case resourceType == "":
		return "", nil, nil, errResourceTypeMissing
	case !slices.Contains(tagResourceTypes, resourceType):
		return "", nil, nil, errResourceTypeNotFound
	}
	if ids, err = listParam(p, "ResourceId", maxTagResourceIDs, errTagResourceIDsExceedLimit); err != nil {
		return "", nil, nil, err
	}
	if len(ids) == 0 && required {
		return "", nil, nil, errMissingParameter("ResourceId.1")
	}
	s.expireRecords()
	for _, id := range ids {
		tags := s.tagsOf(regionID, resourceType, id)
		if tags == nil && required {
			return "", nil, nil, errResourceIDNotFound
		}
		tagLists = append(tagLists, tags)
	}
	return resourceType, ids, tagLists, nil
}

// tagsOf returns the tag list of a command or invocation, or nil when the
// region has no such resource.
func (s *Service) tagsOf(regionID, resourceType, id string) *[]Tag {
	switch resourceType {
	case "command":
		if cmd, ok := s.state.command(regionID, id); ok {
			return &cmd.Tags
		}
	case "invocation":
		if inv, ok := s.state.invocations.Get(id); ok && inv.regionID == regionID {
			return &inv.tags
		}
	}
	return nil
}

// tagResources adds tags to resources, replacing the values of keys they
// already carry. Nothing changes unless every resource can take them all.
func (s *Service) tagResources(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, tagLists, err := s.taggedResources(c.params, true)
	if err != nil {
		return nil, err
	}
	tags, err := tagResourcesTags.parse(c.params)
	if err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, errTagsMissing
	}
	updated := make([][]Tag, len(tagLists))
	for i, list := range tagLists {
		updated[i] = withTags(*list, plainTags(tags))
		if len(updated[i]) > maxTagsPerResource {
			return nil, errTagQuotaExceeded
		}
	}
	for i, list := range tagLists {
		*list = updated[i]
	}
	return requestOnly{RequestID: c.requestID}, nil
}

// withTags returns tags with add set on them: existing keys take the new
// value in place, new keys come last.
func withTags(tags, add []Tag) []Tag {
	out := slices.Clone(tags)
	for _, t := range add {
		if i := slices.IndexFunc(out, func(old Tag) bool { return old.Key == t.Key }); i >= 0 {
			out[i].Value = t.Value
		} else {
			out = append(out, t)
		}
	}
	return out
}

// untagResources removes the keys TagKey.N from resources, or every tag
// with All=true and no TagKey.N. Keys a resource does not carry are
// ignored.
func (s *Service) untagResources(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, tagLists, err := s.taggedResources(c.params, true)
	if err != nil {
		return nil, err
	}
	keys, err := listParam(c.params, "TagKey", maxTags, errTagResourceTagsExceedLimit)
	if err != nil {
		return nil, err
	}
	all, err := c.params.boolParam("All")
	if err != nil {
		return nil, err
	}
	for _, list := range tagLists {
		*list = slices.DeleteFunc(slices.Clone(*list), func(t Tag) bool {
			return (len(keys) == 0 && all) || slices.Contains(keys, t.Key)
		})
	}
	return requestOnly{RequestID: c.requestID}, nil
}

type listTagResourcesResponse struct {
	RequestID    string           `json:"RequestId"`
	NextToken    string           `json:"NextToken"`
	TagResources wireTagResources `json:"TagResources"`
}

type wireTagResources struct {
	TagResource []wireTagResource `json:"TagResource"`
}

type wireTagResource struct {
	ResourceID   string `json:"ResourceId"`
	ResourceType string `json:"ResourceType"`
	TagKey       string `json:"TagKey"`
	TagValue     string `json:"TagValue"`
}

// listTagResources lists the tags of the resources ResourceId.N names,
// narrowed to those carrying every Tag.N filter, 50 at a time. An ID that
// names no resource lists nothing.
func (s *Service) listTagResources(c *call) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resourceType, ids, tagLists, err := s.taggedResources(c.params, false)
	if err != nil {
		return nil, err
	}
	filters, err := tagResourcesTags.parse(c.params)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 && len(filters) == 0 {
		return nil, errMissingParameter("ResourceId.1")
	}
	if len(ids) == 0 {
		ids, tagLists = s.resourcesOfType(c.regionID(), resourceType)
	}
	var all []wireTagResource
	for i, list := range tagLists {
		if list == nil || !hasTags(*list, filters) {
			continue
		}
		for _, t := range *list {
			all = append(all, wireTagResource{ResourceID: ids[i], ResourceType: resourceType, TagKey: t.Key, TagValue: t.Value})
		}
	}
	start := 0
	if token := c.params.get("NextToken"); token != "" {
		if start, err = strconv.Atoi(token); err != nil || start < 0 || start > len(all) {
			return nil, errInvalidParameter("NextToken")
		}
	}
	end := min(start+tagResourcesPerPage, len(all))
	next := ""
	if end < len(all) {
		next = strconv.Itoa(end)
	}
	return listTagResourcesResponse{
		RequestID: c.requestID, NextToken: next,
		TagResources: wireTagResources{TagResource: append([]wireTagResource{}, all[start:end]...)},
	}, nil
}

// resourcesOfType lists every command or invocation of a region with its
// tag list, for a ListTagResources that filters by tag alone.
func (s *Service) resourcesOfType(regionID, resourceType string) (ids []string, tagLists []*[]Tag) {
	switch resourceType {
	case "command":
		for _, cmd := range s.state.commandsIn(regionID) {
			ids, tagLists = append(ids, cmd.ID), append(tagLists, &cmd.Tags)
		}
	case "invocation":
		for inv := range s.state.invocations.All() {
			if inv.regionID == regionID {
				ids, tagLists = append(ids, inv.id), append(tagLists, &inv.tags)
			}
		}
	}
	return ids, tagLists
}

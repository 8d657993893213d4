package alicloud

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Tag limits shared by the actions that take Tag.N.Key / Tag.N.Value.
const (
	maxTags           = 20
	maxTagKeyLength   = 64
	maxTagValueLength = 128
)

// Tag is a key/value tag on a resource.
type Tag = vendorkit.Tag

// tagParam is one Tag.N entry of a request. A filter without a value
// matches the key alone, so whether Value was sent matters.
type tagParam struct {
	Tag
	hasValue bool
}

// tagRules are the codes one family of tag parameters reports.
type tagRules struct {
	prefix      string // "Tag" or "ResourceTag"
	max         int
	tooMany     *apiError
	keyMissing  *apiError
	keyBad      *apiError
	valueBad    *apiError
	keyRepeated *apiError
	keyMax      int // longest key, in characters; 0 means maxTagKeyLength
}

// commandTags are the Tag.N parameters, the tags of the resource the
// request creates or a filter on them.
var commandTags = tagRules{
	prefix: "Tag", max: maxTags, tooMany: errTagsExceedLimit, keyMissing: errTagKeyMissing,
	keyBad: errTagKeyMalformed, valueBad: errTagValueMalformed, keyRepeated: errTagKeyDuplicate,
}

// parseTags reads the Tag.N.Key / Tag.N.Value parameters, ordered by N, and
// checks them against the vendor's tag rules.
func parseTags(p params) ([]tagParam, error) {
	return commandTags.parse(p)
}

// parse reads the rules' Key / Value parameters, ordered by N, and checks
// them.
func (rules tagRules) parse(p params) ([]tagParam, error) {
	byIndex := map[int]*tagParam{}
	for name := range p.values {
		index, field, ok := parseTagParamName(rules.prefix, name)
		if !ok {
			continue
		}
		if index < 1 {
			return nil, errInvalidParameter(name)
		}
		if index > rules.max {
			return nil, rules.tooMany
		}
		tag := byIndex[index]
		if tag == nil {
			tag = &tagParam{}
			byIndex[index] = tag
		}
		if field == "Key" {
			tag.Key = p.get(name)
		} else {
			tag.Value, tag.hasValue = p.get(name), true
		}
	}
	indexes := make([]int, 0, len(byIndex))
	for index := range byIndex {
		indexes = append(indexes, index)
	}
	slices.Sort(indexes)
	tags := make([]tagParam, 0, len(indexes))
	for _, index := range indexes {
		tags = append(tags, *byIndex[index])
	}
	return tags, rules.check(tags)
}

// parseTagParamName splits "Tag.3.Key" into 3 and "Key". Names that are not
// PREFIX.N.Key or PREFIX.N.Value are not tag parameters.
func parseTagParamName(prefix, name string) (index int, field string, ok bool) {
	rest, ok := strings.CutPrefix(name, prefix+".")
	if !ok {
		return 0, "", false
	}
	number, field, ok := strings.Cut(rest, ".")
	if !ok || (field != "Key" && field != "Value") {
		return 0, "", false
	}
	index, err := strconv.Atoi(number)
	if err != nil {
		return 0, "", false
	}
	return index, field, true
}

func (rules tagRules) check(tags []tagParam) error {
	seen := map[string]bool{}
	for _, tag := range tags {
		if tag.Key == "" {
			return rules.keyMissing
		}
		if !validTagKey(tag.Key, cmp.Or(rules.keyMax, maxTagKeyLength)) {
			return rules.keyBad
		}
		if !validTagValue(tag.Value) {
			return rules.valueBad
		}
		if seen[tag.Key] {
			return rules.keyRepeated
		}
		seen[tag.Key] = true
	}
	return nil
}

// validTagKey applies the documented key rules: at most maxLen characters
// (64 where a resource is created, 128 for TagResources), no prefix
// reserved for the vendor's own tags, and no URL.
func validTagKey(key string, maxLen int) bool {
	lower := strings.ToLower(key)
	return utf8.RuneCountInString(key) <= maxLen &&
		!strings.HasPrefix(lower, "aliyun") && !strings.HasPrefix(lower, "acs:") &&
		!containsURL(lower)
}

func validTagValue(value string) bool {
	return utf8.RuneCountInString(value) <= maxTagValueLength && !containsURL(strings.ToLower(value))
}

func containsURL(s string) bool {
	return strings.Contains(s, "http://") || strings.Contains(s, "https://")
}

func plainTags(params []tagParam) []Tag {
	tags := make([]Tag, len(params))
	for i, p := range params {
		tags[i] = p.Tag
	}
	return tags
}

// hasTags reports whether tags satisfy every filter: the key must be
// present and, when the filter gives a value, carry that value.
func hasTags(tags []Tag, filters []tagParam) bool {
	for _, filter := range filters {
		matched := slices.ContainsFunc(tags, func(t Tag) bool {
			return t.Key == filter.Key && (!filter.hasValue || t.Value == filter.Value)
		})
		if !matched {
			return false
		}
	}
	return true
}

package tencent

import (
	"crypto/md5"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
	tagapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tag/v20180813"
)

// The Tag API (version 2018-08-13, tag.tencentcloudapi.com) as far as it
// concerns TAT commands: ModifyResourceTags changes the tags of one
// resource, DescribeResourceTagsByResourceIds reads those of several. Tags
// live on the commands themselves, so CreateCommand, DescribeCommands and
// these actions see the same ones.

// Tag is a key/value label on a resource.
type Tag = vendorkit.Tag

const (
	tagServiceName = "tag"
	tagAPIVersion  = "2018-08-13"
)

// Tag API limits: the "Use Limits" page and the actions' parameter pages.
const (
	maxTagsPerResource  = 50  // tags bound to one resource
	maxTagsPerRequest   = 10  // ReplaceTags, DeleteTags
	maxResourcesPerCall = 50  // DescribeResourceTagsByResourceIds ResourceIds
	maxTagKeyLength     = 127 // characters
	maxTagValueLength   = 255 // characters
	defaultTagPageSize  = 15  // DescribeResourceTagsByResourceIds Limit
	maxTagPageSize      = 100
	tagPunctuation      = "+-=._:/@()[],;><（）【】："
)

// Tag API error codes (tag/v20180813 errors).
const (
	codeTagInvalid               = "InvalidParameter.Tag"
	codeReservedTagKey           = "InvalidParameter.ReservedTagKey"
	codeDeleteTagsParamError     = "InvalidParameterValue.DeleteTagsParamError"
	codeResourceDescriptionError = "InvalidParameterValue.ResourceDescriptionError"
	codeResourceIDInvalid        = "InvalidParameterValue.ResourceIdInvalid"
	codeResourcePrefixInvalid    = "InvalidParameterValue.ResourcePrefixInvalid"
	codeServiceTypeInvalid       = "InvalidParameterValue.ServiceTypeInvalid"
	codeRegionInvalid            = "InvalidParameterValue.RegionInvalid"
	codeTagKeyEmpty              = "InvalidParameterValue.TagKeyEmpty"
	codeTagKeyCharacterIllegal   = "InvalidParameterValue.TagKeyCharacterIllegal"
	codeTagKeyLengthExceeded     = "InvalidParameterValue.TagKeyLengthExceeded"
	codeTagValueCharIllegal      = "InvalidParameterValue.TagValueCharacterIllegal"
	codeTagValueLengthExceeded   = "InvalidParameterValue.TagValueLengthExceeded"
	codeResourceAttachedTags     = "LimitExceeded.ResourceAttachedTags"
	codeResourceNumPerRequest    = "LimitExceeded.ResourceNumPerRequest"
	codeTagNumPerRequest         = "LimitExceeded.TagNumPerRequest"
)

// The only resources the fake tags: TAT commands.
const (
	tatServiceType        = "tat"
	commandResourcePrefix = "command"
)

// reservedTagKeyPrefixes start the keys Tencent Cloud keeps for its own
// tags (qcloud, tencent and project per InvalidParameter.ReservedTagKey;
// qcs: and project: per "Use Limits"); the key "project" itself is one.
var reservedTagKeyPrefixes = []string{"qcloud:", "tencent:", "qcs:", "project:"}

// regionPattern is the shape of a Tencent Cloud region: ap-guangzhou,
// na-siliconvalley, ap-shanghai-fsi.
var regionPattern = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)

var tagActions = map[string]handler{
	"ModifyResourceTags":                withParams((*Service).modifyResourceTags),
	"DescribeResourceTagsByResourceIds": withParams((*Service).describeResourceTagsByResourceIds),
}

// modifyResourceTags sets (ReplaceTags) and removes (DeleteTags) tags of one
// command, named by its six-segment resource description. The request is
// checked whole before anything changes.
func (s *Service) modifyResourceTags(p *tagapi.ModifyResourceTagsRequestParams) (any, *apiError) {
	if p.Resource == nil {
		return nil, missingParameter("Resource")
	}
	cmd, err := s.taggedCommand(*p.Resource)
	if err != nil {
		return nil, err
	}
	replace, remove, err := tagChanges(p.ReplaceTags, p.DeleteTags)
	if err != nil {
		return nil, err
	}
	updated := slices.DeleteFunc(slices.Clone(cmd.Tags), func(t Tag) bool { return slices.Contains(remove, t.Key) })
	for _, t := range replace {
		if i := slices.IndexFunc(updated, func(old Tag) bool { return old.Key == t.Key }); i >= 0 {
			updated[i].Value = t.Value
		} else {
			updated = append(updated, t)
		}
	}
	if len(updated) > maxTagsPerResource {
		return nil, newError(codeResourceAttachedTags, "A resource may carry at most %d tags; this change would leave %d on %s.", maxTagsPerResource, len(updated), *p.Resource)
	}
	cmd.Tags = updated
	return struct{}{}, nil
}

// taggedCommand finds the command a resource description names:
// qcs:PROJECT:tat:REGION:uin/UIN:command/cmd-xxxxxxxx, where the project and
// the UIN may be empty.
func (s *Service) taggedCommand(resource string) (*Command, *apiError) {
	segments := strings.Split(resource, ":")
	bad := func(why string) *apiError {
		return newError(codeResourceDescriptionError, "The resource description `%s` is not valid: %s.", resource, why)
	}
	if len(segments) != 6 || segments[0] != "qcs" {
		return nil, bad("it must have six segments, qcs:project:service:region:account:resource")
	}
	service, region, account, name := segments[2], segments[3], segments[4], segments[5]
	switch {
	case service != tatServiceType:
		return nil, bad("the fake tags only TAT commands (service `tat`)")
	case !regionPattern.MatchString(region):
		return nil, bad("TAT commands belong to a region")
	case !strings.HasPrefix(account, "uin/"):
		return nil, bad("the account segment must be uin/ followed by the account UIN, which may be left out")
	}
	prefix, id, ok := strings.Cut(name, "/")
	if !ok || prefix != commandResourcePrefix || validateCommandID(id) != nil {
		return nil, bad("the resource must be command/cmd-xxxxxxxx")
	}
	cmd, found := s.commands[id]
	if !found {
		return nil, bad("command " + id + " does not exist")
	}
	return cmd, nil
}

// tagChanges checks ReplaceTags and DeleteTags: at least one of them, at
// most 10 tags each, no key in both, and every key and value within the
// vendor's rules.
func tagChanges(replaceTags []*tagapi.Tag, deleteTags []*tagapi.TagKeyObject) ([]Tag, []string, *apiError) {
	if len(replaceTags) == 0 && len(deleteTags) == 0 {
		return nil, nil, newError(codeTagInvalid, "ReplaceTags or DeleteTags must hold at least one tag.")
	}
	if len(replaceTags) > maxTagsPerRequest || len(deleteTags) > maxTagsPerRequest {
		return nil, nil, newError(codeTagNumPerRequest, "ReplaceTags and DeleteTags take at most %d tags each.", maxTagsPerRequest)
	}
	var replace []Tag
	for i, t := range replaceTags {
		if t == nil || t.TagKey == nil {
			return nil, nil, missingParameter(fieldIndex("ReplaceTags", i, "TagKey"))
		}
		if t.TagValue == nil {
			return nil, nil, missingParameter(fieldIndex("ReplaceTags", i, "TagValue"))
		}
		if err := firstError(checkTagKey(*t.TagKey), checkTagValue(*t.TagValue)); err != nil {
			return nil, nil, err
		}
		if slices.ContainsFunc(replace, func(seen Tag) bool { return seen.Key == *t.TagKey }) {
			return nil, nil, newError(codeTagInvalid, "ReplaceTags names key `%s` more than once.", *t.TagKey)
		}
		replace = append(replace, Tag{Key: *t.TagKey, Value: *t.TagValue})
	}
	var remove []string
	for i, t := range deleteTags {
		if t == nil || t.TagKey == nil {
			return nil, nil, missingParameter(fieldIndex("DeleteTags", i, "TagKey"))
		}
		if *t.TagKey == "" {
			return nil, nil, newError(codeTagKeyEmpty, "DeleteTags.%d.TagKey must not be empty.", i)
		}
		if slices.ContainsFunc(replace, func(r Tag) bool { return r.Key == *t.TagKey }) {
			return nil, nil, newError(codeDeleteTagsParamError, "DeleteTags must not hold a key of ReplaceTags: `%s`.", *t.TagKey)
		}
		remove = append(remove, *t.TagKey)
	}
	return replace, remove, nil
}

func checkTagKey(key string) *apiError {
	switch {
	case key == "":
		return newError(codeTagKeyEmpty, "A tag key must not be empty.")
	case utf8.RuneCountInString(key) > maxTagKeyLength:
		return newError(codeTagKeyLengthExceeded, "A tag key is at most %d characters long.", maxTagKeyLength)
	case !tagTextValid(key):
		return newError(codeTagKeyCharacterIllegal, "The tag key `%s` holds a character tags do not allow.", key)
	case key == "project" || slices.ContainsFunc(reservedTagKeyPrefixes, func(p string) bool { return strings.HasPrefix(key, p) }):
		return newError(codeReservedTagKey, "The tag key `%s` is reserved for Tencent Cloud's own tags.", key)
	}
	return nil
}

func checkTagValue(value string) *apiError {
	switch {
	case utf8.RuneCountInString(value) > maxTagValueLength:
		return newError(codeTagValueLengthExceeded, "A tag value is at most %d characters long.", maxTagValueLength)
	case !tagTextValid(value):
		return newError(codeTagValueCharIllegal, "The tag value `%s` holds a character tags do not allow.", value)
	}
	return nil
}

// tagTextValid applies the character rules of keys and values: letters,
// digits, spaces not at either end, and a few marks.
func tagTextValid(s string) bool {
	if strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune(tagPunctuation, r) {
			return false
		}
	}
	return true
}

// resourceTagWire is one tag of one resource in a DescribeResourceTagsByResourceIds answer.
type resourceTagWire struct {
	TagKey      string `json:"TagKey"`
	TagValue    string `json:"TagValue"`
	ResourceID  string `json:"ResourceId"`
	TagKeyMd5   string `json:"TagKeyMd5"`
	TagValueMd5 string `json:"TagValueMd5"`
	Category    string `json:"Category"`
}

type describeResourceTagsResponse struct {
	TotalCount uint64            `json:"TotalCount"`
	Offset     uint64            `json:"Offset"`
	Limit      uint64            `json:"Limit"`
	Tags       []resourceTagWire `json:"Tags"`
}

// describeResourceTagsByResourceIds lists the tags of up to 50 commands,
// in the order the IDs were given, a page at a time. A well-formed ID of a
// command that does not exist has no tags, as the Tag service knows only
// the tags it holds.
func (s *Service) describeResourceTagsByResourceIds(p *tagapi.DescribeResourceTagsByResourceIdsRequestParams) (any, *apiError) {
	switch {
	case p.ServiceType == nil:
		return nil, missingParameter("ServiceType")
	case *p.ServiceType != tatServiceType:
		return nil, newError(codeServiceTypeInvalid, "The fake tags only TAT resources (ServiceType `tat`), got `%s`.", *p.ServiceType)
	case p.ResourcePrefix == nil:
		return nil, missingParameter("ResourcePrefix")
	case *p.ResourcePrefix != commandResourcePrefix:
		return nil, newError(codeResourcePrefixInvalid, "TAT resources tagged here are commands (ResourcePrefix `command`), got `%s`.", *p.ResourcePrefix)
	case len(p.ResourceIds) == 0:
		return nil, missingParameter("ResourceIds")
	case len(p.ResourceIds) > maxResourcesPerCall:
		return nil, newError(codeResourceNumPerRequest, "ResourceIds holds %d IDs; at most %d are allowed.", len(p.ResourceIds), maxResourcesPerCall)
	case p.ResourceRegion == nil || !regionPattern.MatchString(*p.ResourceRegion):
		return nil, newError(codeRegionInvalid, "ResourceRegion must name the region of the TAT commands, such as ap-guangzhou.")
	}
	limit, offset := valueOr(p.Limit, defaultTagPageSize), valueOr(p.Offset, 0)
	if limit == 0 || limit > maxTagPageSize || offset%limit != 0 {
		return nil, newError(codeInvalidParameterValue, "Limit must be 1 to %d and Offset a multiple of it.", maxTagPageSize)
	}
	var all []resourceTagWire
	for _, id := range p.ResourceIds {
		if id == nil || validateCommandID(*id) != nil {
			return nil, newError(codeResourceIDInvalid, "ResourceIds must hold command IDs such as cmd-xxxxxxxx.")
		}
		if cmd, ok := s.commands[*id]; ok {
			for _, t := range cmd.Tags {
				all = append(all, resourceTagWire{
					TagKey: t.Key, TagValue: t.Value, ResourceID: *id,
					TagKeyMd5: md5Hex(t.Key), TagValueMd5: md5Hex(t.Value), Category: "Custom",
				})
			}
		}
	}
	start, end := min(offset, uint64(len(all))), min(offset+limit, uint64(len(all)))
	return describeResourceTagsResponse{
		TotalCount: uint64(len(all)), Offset: offset, Limit: limit, Tags: append([]resourceTagWire{}, all[start:end]...),
	}, nil
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

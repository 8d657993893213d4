package tencent

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tagapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tag/v20180813"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// tagClient returns a Tag API SDK client for the fake, which serves the Tag
// API on the same listener as TAT.
func (e *testEnv) tagClient(t *testing.T) *tagapi.Client {
	t.Helper()
	c, err := tagapi.NewClient(common.NewCredential(testSecretID, testSecretKey), testRegion, e.profile())
	if err != nil {
		t.Fatalf("tag.NewClient: %v", err)
	}
	return c
}

// taggedCommand creates a command carrying tags and returns its ID.
func taggedCommand(t *testing.T, env *testEnv, tags map[string]string) string {
	t.Helper()
	req := tat.NewCreateCommandRequest()
	req.CommandName = common.StringPtr(fmt.Sprintf("tagged-%d", len(env.svc.commands)))
	req.Content = common.StringPtr("ZWNobyBoaQ==")
	for k, v := range tags {
		req.Tags = append(req.Tags, &tat.Tag{Key: common.StringPtr(k), Value: common.StringPtr(v)})
	}
	resp, err := env.tatClient(t).CreateCommand(req)
	mustSucceed(t, err)
	return *resp.Response.CommandId
}

func commandResource(id string) *string {
	return common.StringPtr("qcs::tat:" + testRegion + ":uin/:command/" + id)
}

func modifyTags(t *testing.T, env *testEnv, resource *string, replace map[string]string, remove ...string) error {
	t.Helper()
	req := tagapi.NewModifyResourceTagsRequest()
	req.Resource = resource
	for k, v := range replace {
		req.ReplaceTags = append(req.ReplaceTags, &tagapi.Tag{TagKey: common.StringPtr(k), TagValue: common.StringPtr(v)})
	}
	for _, k := range remove {
		req.DeleteTags = append(req.DeleteTags, &tagapi.TagKeyObject{TagKey: common.StringPtr(k)})
	}
	_, err := env.tagClient(t).ModifyResourceTags(req)
	return err
}

// describedTags reads a command's tags through DescribeCommands, the TAT
// side of the same storage.
func describedTags(t *testing.T, env *testEnv, id string) map[string]string {
	t.Helper()
	req := tat.NewDescribeCommandsRequest()
	req.CommandIds = []*string{&id}
	resp, err := env.tatClient(t).DescribeCommands(req)
	mustSucceed(t, err)
	got := map[string]string{}
	for _, tag := range resp.Response.CommandSet[0].Tags {
		got[*tag.Key] = *tag.Value
	}
	return got
}

func TestModifyResourceTagsChangesWhatDescribeCommandsReports(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	id := taggedCommand(t, env, map[string]string{"env": "dev", "team": "ops", "old": "x"})

	mustSucceed(t, modifyTags(t, env, commandResource(id), map[string]string{"env": "prod", "new": "环境 (一)"}, "old"))

	got := describedTags(t, env, id)
	want := map[string]string{"env": "prod", "team": "ops", "new": "环境 (一)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DescribeCommands tags = %v, want %v", got, want)
	}

	req := tagapi.NewDescribeResourceTagsByResourceIdsRequest()
	req.ServiceType, req.ResourcePrefix, req.ResourceRegion = common.StringPtr("tat"), common.StringPtr("command"), common.StringPtr(testRegion)
	other := taggedCommand(t, env, nil)
	req.ResourceIds = []*string{&id, &other, common.StringPtr("cmd-00000000")}
	resp, err := env.tagClient(t).DescribeResourceTagsByResourceIds(req)
	mustSucceed(t, err)
	listed := map[string]string{}
	for _, tag := range resp.Response.Tags {
		if *tag.ResourceId != id {
			t.Errorf("tag %s listed for %s, which has none", *tag.TagKey, *tag.ResourceId)
		}
		listed[*tag.TagKey] = *tag.TagValue
	}
	if fmt.Sprint(listed) != fmt.Sprint(want) || *resp.Response.TotalCount != 3 {
		t.Errorf("DescribeResourceTagsByResourceIds = %v (TotalCount %d), want %v", listed, *resp.Response.TotalCount, want)
	}
}

func TestModifyResourceTagsRefusesWhatTheVendorRefuses(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	id := taggedCommand(t, env, map[string]string{"env": "dev"})
	full := taggedCommand(t, env, nil)
	for i := range 5 {
		batch := map[string]string{}
		for j := range 10 {
			batch[fmt.Sprintf("k%d-%d", i, j)] = "v"
		}
		mustSucceed(t, modifyTags(t, env, commandResource(full), batch))
	}
	eleven := map[string]string{}
	for i := range 11 {
		eleven[fmt.Sprintf("k%d", i)] = "v"
	}
	cases := []struct {
		name     string
		resource *string
		replace  map[string]string
		remove   []string
		want     string
	}{
		{"reserved qcloud: key", commandResource(id), map[string]string{"qcloud:owner": "v"}, nil, codeReservedTagKey},
		{"reserved tencent: key", commandResource(id), map[string]string{"tencent:x": "v"}, nil, codeReservedTagKey},
		{"reserved project key", commandResource(id), map[string]string{"project": "v"}, nil, codeReservedTagKey},
		{"key too long", commandResource(id), map[string]string{strings.Repeat("k", 128): "v"}, nil, codeTagKeyLengthExceeded},
		{"value too long", commandResource(id), map[string]string{"k": strings.Repeat("v", 256)}, nil, codeTagValueLengthExceeded},
		{"key with an asterisk", commandResource(id), map[string]string{"a*b": "v"}, nil, codeTagKeyCharacterIllegal},
		{"value with a trailing space", commandResource(id), map[string]string{"k": "v "}, nil, codeTagValueCharIllegal},
		{"empty key", commandResource(id), map[string]string{"": "v"}, nil, codeTagKeyEmpty},
		{"nothing to change", commandResource(id), nil, nil, codeTagInvalid},
		{"key both replaced and deleted", commandResource(id), map[string]string{"env": "v"}, []string{"env"}, codeDeleteTagsParamError},
		{"too many tags in one call", commandResource(id), eleven, nil, codeTagNumPerRequest},
		{"too many tags on the resource", commandResource(full), map[string]string{"one-more": "v"}, nil, codeResourceAttachedTags},
		{"unknown command", commandResource("cmd-00000000"), map[string]string{"k": "v"}, nil, codeResourceDescriptionError},
		{"malformed command ID", commandResource("cmd-1"), map[string]string{"k": "v"}, nil, codeResourceDescriptionError},
		{"another service", common.StringPtr("qcs::cvm:" + testRegion + ":uin/:instance/" + id), map[string]string{"k": "v"}, nil, codeResourceDescriptionError},
		{"five segments", common.StringPtr("qcs::tat:" + testRegion + ":command/" + id), map[string]string{"k": "v"}, nil, codeResourceDescriptionError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assertCode(t, modifyTags(t, env, tc.resource, tc.replace, tc.remove...), tc.want)
		})
	}
	if got := describedTags(t, env, id); fmt.Sprint(got) != "map[env:dev]" {
		t.Errorf("refused requests changed the tags: %v", got)
	}
}

func TestDescribeResourceTagsByResourceIdsRefusesWhatTheVendorRefuses(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	id := taggedCommand(t, env, map[string]string{"env": "dev"})
	tooMany := make([]*string, 51)
	for i := range tooMany {
		tooMany[i] = &id
	}
	cases := []struct {
		name                    string
		service, prefix, region string
		ids                     []*string
		want                    string
	}{
		{"another service", "cvm", "command", testRegion, []*string{&id}, codeServiceTypeInvalid},
		{"another prefix", "tat", "invoker", testRegion, []*string{&id}, codeResourcePrefixInvalid},
		{"no region", "tat", "command", "", []*string{&id}, codeRegionInvalid},
		{"malformed ID", "tat", "command", testRegion, []*string{common.StringPtr("ins-12345678")}, codeResourceIDInvalid},
		{"51 IDs", "tat", "command", testRegion, tooMany, codeResourceNumPerRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := tagapi.NewDescribeResourceTagsByResourceIdsRequest()
			req.ServiceType, req.ResourcePrefix, req.ResourceRegion = &tc.service, &tc.prefix, &tc.region
			req.ResourceIds = tc.ids
			_, err := env.tagClient(t).DescribeResourceTagsByResourceIds(req)
			assertCode(t, err, tc.want)
		})
	}
}

func TestTagAPIIsSignedForItsOwnService(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	// A Tag action signed for TAT is a TAT request, and TAT has no such action.
	err := env.sendCommon(t, tagAPIVersion, "ModifyResourceTags", map[string]any{"Resource": "x"})
	assertCode(t, err, codeNoSuchVersion)
	err = env.sendCommon(t, apiVersion, "ModifyResourceTags", map[string]any{"Resource": "x"})
	assertCode(t, err, codeInvalidAction)
}

func TestCreateCommandRefusesTagsTheTagServiceRefuses(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	for _, key := range []string{"qcloud:owner", "project", "a*b"} {
		req := tat.NewCreateCommandRequest()
		req.CommandName = common.StringPtr("refused")
		req.Content = common.StringPtr("ZWNobyBoaQ==")
		req.Tags = []*tat.Tag{{Key: common.StringPtr(key), Value: common.StringPtr("v")}}
		_, err := env.tatClient(t).CreateCommand(req)
		assertCode(t, err, codeTagOperationFailed)
	}
	for _, cmd := range env.svc.commands {
		if !cmd.isPublic() {
			t.Errorf("command %s was created with refused tags", cmd.ID)
		}
	}
}

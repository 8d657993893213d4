package alicloud

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

func createTaggedCommand(t *testing.T, client *ecs.Client, tags map[string]string) string {
	t.Helper()
	req := validCreateRequest()
	req.Name = tea.String(fmt.Sprintf("tagged-%d", len(tags)))
	for k, v := range tags {
		req.Tag = append(req.Tag, &ecs.CreateCommandRequestTag{Key: tea.String(k), Value: tea.String(v)})
	}
	resp, err := client.CreateCommand(req)
	mustSucceed(t, err)
	return tea.StringValue(resp.Body.CommandId)
}

func tagRequest(resourceType string, ids []string, tags map[string]string) *ecs.TagResourcesRequest {
	req := &ecs.TagResourcesRequest{RegionId: tea.String(testRegion), ResourceType: tea.String(resourceType), ResourceId: tea.StringSlice(ids)}
	for k, v := range tags {
		req.Tag = append(req.Tag, &ecs.TagResourcesRequestTag{Key: tea.String(k), Value: tea.String(v)})
	}
	return req
}

// listedTags reads the tags of resources with ListTagResources, by resource.
func listedTags(t *testing.T, client *ecs.Client, resourceType string, ids ...string) map[string]map[string]string {
	t.Helper()
	resp, err := client.ListTagResources(&ecs.ListTagResourcesRequest{
		RegionId: tea.String(testRegion), ResourceType: tea.String(resourceType), ResourceId: tea.StringSlice(ids),
	})
	mustSucceed(t, err)
	out := map[string]map[string]string{}
	for _, r := range resp.Body.TagResources.TagResource {
		if tea.StringValue(r.ResourceType) != resourceType {
			t.Errorf("ResourceType = %s, want %s", tea.StringValue(r.ResourceType), resourceType)
		}
		id := tea.StringValue(r.ResourceId)
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][tea.StringValue(r.TagKey)] = tea.StringValue(r.TagValue)
	}
	return out
}

func TestTagResourcesChangesCommandTagsThatDescribeCommandsReports(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	id := createTaggedCommand(t, client, map[string]string{"env": "dev", "old": "x"})

	_, err := client.TagResources(tagRequest("command", []string{id}, map[string]string{"env": "prod", "team": "ops"}))
	mustSucceed(t, err)
	_, err = client.UntagResources(&ecs.UntagResourcesRequest{
		RegionId: tea.String(testRegion), ResourceType: tea.String("command"),
		ResourceId: tea.StringSlice([]string{id}), TagKey: tea.StringSlice([]string{"old", "never-there"}),
	})
	mustSucceed(t, err)

	want := "map[env:prod team:ops]"
	if got := fmt.Sprint(listedTags(t, client, "command", id)[id]); got != want {
		t.Errorf("ListTagResources = %s, want %s", got, want)
	}
	resp, err := client.DescribeCommands(&ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id)})
	mustSucceed(t, err)
	described := map[string]string{}
	for _, tag := range resp.Body.Commands.Command[0].Tags.Tag {
		described[tea.StringValue(tag.TagKey)] = tea.StringValue(tag.TagValue)
	}
	if fmt.Sprint(described) != want {
		t.Errorf("DescribeCommands tags = %v, want %s", described, want)
	}

	_, err = client.UntagResources(&ecs.UntagResourcesRequest{
		RegionId: tea.String(testRegion), ResourceType: tea.String("command"), ResourceId: tea.StringSlice([]string{id}), All: tea.Bool(true),
	})
	mustSucceed(t, err)
	if got := listedTags(t, client, "command", id); len(got) != 0 {
		t.Errorf("after All=true: %v, want no tags", got)
	}
}

func TestTagResourcesChangesInvocationTags(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := runRequest("echo hi", "i-tagged01")
	req.Tag = []*ecs.RunCommandRequestTag{{Key: tea.String("run"), Value: tea.String("1")}}
	_, invokeID := runCommand(t, client, req)

	_, err := client.TagResources(tagRequest("invocation", []string{invokeID}, map[string]string{"run": "2"}))
	mustSucceed(t, err)
	if got := fmt.Sprint(listedTags(t, client, "invocation", invokeID)[invokeID]); got != "map[run:2]" {
		t.Errorf("invocation tags = %s, want map[run:2]", got)
	}
	inv := describeInvocation(t, client, invokeID)
	if len(inv.Tags.Tag) != 1 || tea.StringValue(inv.Tags.Tag[0].TagValue) != "2" {
		t.Errorf("DescribeInvocations tags = %v, want run=2", inv.Tags.Tag)
	}
}

func TestTagResourcesRefusesWhatTheVendorRefuses(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	id := createTaggedCommand(t, client, map[string]string{"env": "dev"})
	twenty := map[string]string{}
	for i := range 20 {
		twenty[fmt.Sprintf("k%d", i)] = "v"
	}
	full := createTaggedCommand(t, client, twenty)
	ids51 := make([]string, 51)
	for i := range ids51 {
		ids51[i] = id
	}
	cases := []struct {
		name   string
		req    *ecs.TagResourcesRequest
		code   string
		status int
	}{
		{"key starting aliyun", tagRequest("command", []string{id}, map[string]string{"aliyun-x": "v"}), "InvalidTagKey.Malformed", http.StatusBadRequest},
		{"key starting acs:", tagRequest("command", []string{id}, map[string]string{"ACS:x": "v"}), "InvalidTagKey.Malformed", http.StatusBadRequest},
		{"key over 128 characters", tagRequest("command", []string{id}, map[string]string{strings.Repeat("k", 129): "v"}), "InvalidTagKey.Malformed", http.StatusBadRequest},
		{"value with a URL", tagRequest("command", []string{id}, map[string]string{"k": "http://x"}), "InvalidTagValue.Malformed", http.StatusBadRequest},
		{"21st tag on the resource", tagRequest("command", []string{full}, map[string]string{"one-more": "v"}), "OperationDenied.QuotaExceed", http.StatusBadRequest},
		{"51 resources", tagRequest("command", ids51, map[string]string{"k": "v"}), "NumberExceed.ResourceIds", http.StatusBadRequest},
		{"unknown command", tagRequest("command", []string{"c-nosuchcommand0"}, map[string]string{"k": "v"}), "InvalidResourceId.NotFound", http.StatusNotFound},
		{"a command named as an invocation", tagRequest("invocation", []string{id}, map[string]string{"k": "v"}), "InvalidResourceId.NotFound", http.StatusNotFound},
		{"unknown resource type", tagRequest("commands", []string{id}, map[string]string{"k": "v"}), "InvalidResourceType.NotFound", http.StatusNotFound},
		{"no tags", tagRequest("command", []string{id}, nil), "MissingParameter.Tags", http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.client(t).TagResources(tc.req)
			wantSDKError(t, err, tc.code, tc.status)
		})
	}
	// A key of 65 to 128 characters is too long for CreateCommand but not
	// for TagResources.
	_, err := client.TagResources(tagRequest("command", []string{id}, map[string]string{strings.Repeat("k", 100): "v"}))
	mustSucceed(t, err)
	if got := listedTags(t, client, "command", id)[id]; len(got) != 2 || got["env"] != "dev" {
		t.Errorf("tags after the refused requests = %v, want env=dev and the long key", got)
	}
	_, err = client.UntagResources(&ecs.UntagResourcesRequest{
		RegionId: tea.String(testRegion), ResourceType: tea.String("command"), ResourceId: tea.StringSlice([]string{"c-nosuchcommand0"}), All: tea.Bool(true),
	})
	wantSDKError(t, err, "InvalidResourceId.NotFound", http.StatusNotFound)
}

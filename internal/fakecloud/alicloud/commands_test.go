package alicloud

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

var commandIDPattern = regexp.MustCompile(`^c-[a-z0-9]{14}$`)

func TestCommandLifecycle(t *testing.T) {
	t.Parallel()
	for _, scheme := range signingSchemes {
		t.Run(scheme.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			client := f.client(t, scheme.configure)
			const content = "#!/bin/sh\necho {{greeting}}, {{ name }} on {{ACS::InstanceId}} *~+&= é"

			created, err := client.CreateCommand(&ecs.CreateCommandRequest{
				RegionId:        tea.String(testRegion),
				Name:            tea.String("deploy"),
				Description:     tea.String("ships it"),
				Type:            tea.String("RunShellScript"),
				CommandContent:  tea.String(base64.StdEncoding.EncodeToString([]byte(content))),
				WorkingDir:      tea.String("/opt/app"),
				Timeout:         tea.Int64(120),
				EnableParameter: tea.Bool(true),
				Launcher:        tea.String("bash -e"),
				ResourceGroupId: tea.String("rg-test"),
				Tag: []*ecs.CreateCommandRequestTag{
					{Key: tea.String("env"), Value: tea.String("prod")},
					{Key: tea.String("team"), Value: tea.String("")},
				},
			})
			mustSucceed(t, err)
			id := tea.StringValue(created.Body.CommandId)
			if !commandIDPattern.MatchString(id) {
				t.Fatalf("CommandId = %q, want c- and 14 lower-case letters or digits", id)
			}

			got := describeOne(t, client, id, "PlainText")
			wantCommand(t, got, map[string]any{
				"CommandId": id, "Name": "deploy", "Description": "ships it", "Type": "RunShellScript",
				"CommandContent": content, "WorkingDir": "/opt/app", "Timeout": int64(120),
				"EnableParameter": true, "Launcher": "bash -e", "ResourceGroupId": "rg-test",
				"InvokeTimes": int32(0), "Provider": "", "Category": "", "Version": int32(1), "Latest": true,
			})
			if names := tea.StringSliceValue(got.ParameterNames.ParameterName); !slices.Equal(names, []string{"greeting", "name"}) {
				t.Errorf("ParameterNames = %q", names)
			}
			wantTags(t, got, "env=prod", "team=")
			if _, err := time.Parse(timestampLayout, tea.StringValue(got.CreationTime)); err != nil {
				t.Errorf("CreationTime = %q: %v", tea.StringValue(got.CreationTime), err)
			}

			encoded := describeOne(t, client, id, "")
			if got := tea.StringValue(encoded.CommandContent); got != base64.StdEncoding.EncodeToString([]byte(content)) {
				t.Errorf("default CommandContent = %q, want Base64", got)
			}

			_, err = client.ModifyCommand(&ecs.ModifyCommandRequest{
				RegionId:       tea.String(testRegion),
				CommandId:      tea.String(id),
				Name:           tea.String("deploy-v2"),
				Description:    tea.String(""),
				WorkingDir:     tea.String("/srv"),
				Timeout:        tea.Int64(300),
				CommandContent: tea.String("ZWNobyBpZ25vcmVk"),
			})
			mustSucceed(t, err)
			wantCommand(t, describeOne(t, client, id, "PlainText"), map[string]any{
				"Name": "deploy-v2", "Description": "", "WorkingDir": "/srv", "Timeout": int64(300),
				"CommandContent": content, "Launcher": "bash -e",
			})

			_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id)})
			mustSucceed(t, err)
			if list := describe(t, client, &ecs.DescribeCommandsRequest{}); tea.Int64Value(list.TotalCount) != 0 {
				t.Errorf("TotalCount after delete = %d", tea.Int64Value(list.TotalCount))
			}
			if _, ok := f.svc.Command(id); ok {
				t.Error("deleted command still stored")
			}

			_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id)})
			wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
			_, err = client.ModifyCommand(&ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Name: tea.String("x")})
			wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
		})
	}
}

func TestDescribedCommandFillsEveryField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	req := validCreateRequest()
	req.EnableParameter = tea.Bool(true)
	req.CommandContent = tea.String("echo {{who}}")
	created, err := client.CreateCommand(req)
	mustSucceed(t, err)

	got := describeOne(t, client, tea.StringValue(created.Body.CommandId), "")
	wantAllFieldsSet(t, "Command", reflect.ValueOf(got))
}

// wantAllFieldsSet walks an SDK model and reports every pointer left nil:
// a field the fake forgot to send.
func wantAllFieldsSet(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is not set", path)
			return
		}
		wantAllFieldsSet(t, path, v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				wantAllFieldsSet(t, path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			t.Errorf("%s is not set", path)
		}
		for i := range v.Len() {
			wantAllFieldsSet(t, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	}
}

func TestCreateCommandValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(*ecs.CreateCommandRequest)
		wantCode   string // empty when the request is valid
		wantStatus int
	}{
		{"valid", func(*ecs.CreateCommandRequest) {}, "", 0},
		{"no region", func(r *ecs.CreateCommandRequest) { r.RegionId = nil }, "MissingParameter", 400},
		{"no name", func(r *ecs.CreateCommandRequest) { r.Name = nil }, "MissingParameter", 400},
		{"name of 128 characters", func(r *ecs.CreateCommandRequest) { r.Name = tea.String(strings.Repeat("名", 128)) }, "", 0},
		{"name of 129 characters", func(r *ecs.CreateCommandRequest) { r.Name = tea.String(strings.Repeat("n", 129)) }, "CmdName.ExceedLimit", 403},
		{"no type", func(r *ecs.CreateCommandRequest) { r.Type = nil }, "MissingParameter", 400},
		{"Windows batch type", func(r *ecs.CreateCommandRequest) { r.Type = tea.String("RunBatScript") }, "", 0},
		{"PowerShell type", func(r *ecs.CreateCommandRequest) { r.Type = tea.String("RunPowerShellScript") }, "", 0},
		{"unknown type", func(r *ecs.CreateCommandRequest) { r.Type = tea.String("RunPythonScript") }, "InvalidCmdType.NotFound", 404},
		{"type in the wrong case", func(r *ecs.CreateCommandRequest) { r.Type = tea.String("runshellscript") }, "InvalidCmdType.NotFound", 404},
		{"no content", func(r *ecs.CreateCommandRequest) { r.CommandContent = nil }, "MissingParameter", 400},
		{"content that is not Base64", func(r *ecs.CreateCommandRequest) { r.ContentEncoding = nil }, "CmdContent.DecodeError", 400},
		{"Base64 content, default encoding", func(r *ecs.CreateCommandRequest) {
			r.ContentEncoding, r.CommandContent = nil, tea.String("ZWNobyBoaQ==")
		}, "", 0},
		{"unknown encoding falls back to Base64", func(r *ecs.CreateCommandRequest) {
			r.ContentEncoding = tea.String("Hex")
		}, "CmdContent.DecodeError", 400},
		{"encoding in lower case", func(r *ecs.CreateCommandRequest) { r.ContentEncoding = tea.String("plaintext") }, "", 0},
		{"content of 18 KB once encoded", func(r *ecs.CreateCommandRequest) {
			r.CommandContent = tea.String(strings.Repeat("x", 18*1024/4*3))
		}, "", 0},
		{"content over 18 KB once encoded", func(r *ecs.CreateCommandRequest) {
			r.CommandContent = tea.String(strings.Repeat("x", 18*1024/4*3+1))
		}, "CmdContent.ExceedLimit", 403},
		{"description of 513 characters", func(r *ecs.CreateCommandRequest) {
			r.Description = tea.String(strings.Repeat("d", 513))
		}, "CmdDesc.ExceedLimit", 403},
		{"working directory of 201 characters", func(r *ecs.CreateCommandRequest) {
			r.WorkingDir = tea.String("/" + strings.Repeat("w", 200))
		}, "InvalidParameter.WorkingDir", 400},
		{"launcher of 1 KB", func(r *ecs.CreateCommandRequest) { r.Launcher = tea.String(strings.Repeat("l", 1024)) }, "", 0},
		{"launcher over 1 KB", func(r *ecs.CreateCommandRequest) {
			r.Launcher = tea.String(strings.Repeat("l", 1025))
		}, "InvalidLauncher.LengthLimitExceeded", 403},
		{"timeout of 10 seconds", func(r *ecs.CreateCommandRequest) { r.Timeout = tea.Int64(10) }, "", 0},
		{"timeout of 9 seconds", func(r *ecs.CreateCommandRequest) { r.Timeout = tea.Int64(9) }, "InvalidParameter.Timeout", 400},
		{"timeout of a day", func(r *ecs.CreateCommandRequest) { r.Timeout = tea.Int64(86400) }, "", 0},
		{"timeout over a day", func(r *ecs.CreateCommandRequest) { r.Timeout = tea.Int64(86401) }, "InvalidParameter.Timeout", 400},
		{"empty placeholder", func(r *ecs.CreateCommandRequest) {
			withParameters(r, "echo {{ }}")
		}, "CmdParam.EmptyKey", 400},
		{"empty placeholder without parameters enabled", func(r *ecs.CreateCommandRequest) {
			r.CommandContent = tea.String("echo {{ }}")
		}, "", 0},
		{"placeholder with a dot", func(r *ecs.CreateCommandRequest) {
			withParameters(r, "echo {{user.name}}")
		}, "CmdParam.InvalidParamName", 400},
		{"placeholder of 64 bytes", func(r *ecs.CreateCommandRequest) {
			withParameters(r, "echo {{"+strings.Repeat("p", 64)+"}}")
		}, "", 0},
		{"placeholder of 65 bytes", func(r *ecs.CreateCommandRequest) {
			withParameters(r, "echo {{"+strings.Repeat("p", 65)+"}}")
		}, "CmdParamName.ExceedLimit", 403},
		{"20 placeholders", func(r *ecs.CreateCommandRequest) { withParameters(r, placeholders(20)) }, "", 0},
		{"21 placeholders", func(r *ecs.CreateCommandRequest) {
			withParameters(r, placeholders(21))
		}, "CmdParamCount.ExceedLimit", 403},
		{"20 tags", func(r *ecs.CreateCommandRequest) { r.Tag = tags(20) }, "", 0},
		{"21 tags", func(r *ecs.CreateCommandRequest) { r.Tag = tags(21) }, "NumberExceed.Tags", 400},
		{"tag without a key", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Value: tea.String("v")}}
		}, "MissingParameter.TagKey", 400},
		{"tag key with a reserved prefix", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("aliyun:owner"), Value: tea.String("v")}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag key with the acs: prefix", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("ACS:owner")}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag key with a URL", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("see https://example.com")}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag key of 65 characters", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String(strings.Repeat("k", 65))}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag value of 129 characters", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("k"), Value: tea.String(strings.Repeat("v", 129))}}
		}, "InvalidTagValue.Malformed", 400},
		{"tag value with a URL", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("k"), Value: tea.String("http://example.com")}}
		}, "InvalidTagValue.Malformed", 400},
		{"duplicate tag keys", func(r *ecs.CreateCommandRequest) {
			r.Tag = []*ecs.CreateCommandRequestTag{{Key: tea.String("k")}, {Key: tea.String("k"), Value: tea.String("v")}}
		}, "Duplicate.TagKey", 400},
	}
	f := newFixture(t)
	for _, scheme := range signingSchemes {
		for _, tt := range tests {
			t.Run(scheme.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				req := validCreateRequest()
				tt.edit(req)
				_, err := f.client(t, scheme.configure).CreateCommand(req)
				if tt.wantCode == "" {
					mustSucceed(t, err)
					return
				}
				wantSDKError(t, err, tt.wantCode, tt.wantStatus)
			})
		}
	}
}

func withParameters(r *ecs.CreateCommandRequest, content string) {
	r.EnableParameter = tea.Bool(true)
	r.CommandContent = tea.String(content)
}

func placeholders(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "echo {{p%d}}\n", i)
	}
	return b.String()
}

func tags(n int) []*ecs.CreateCommandRequestTag {
	out := make([]*ecs.CreateCommandRequestTag, n)
	for i := range out {
		out[i] = &ecs.CreateCommandRequestTag{Key: tea.String(fmt.Sprintf("k%d", i)), Value: tea.String("v")}
	}
	return out
}

func TestParameterNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		content  string
		want     []string
		wantCode string
	}{
		{content: "echo hello", want: []string{}},
		{content: "echo {{a}} {{b_c-D9}}", want: []string{"a", "b_c-D9"}},
		{content: "echo {{ \n spaced\t}}", want: []string{"spaced"}},
		{content: "echo {{Name}} {{name}} {{NAME}}", want: []string{"Name"}},
		{content: "echo {{ACS::InstanceId}} {{ACS::RegionId}} {{oos:db-password}}", want: []string{}},
		{content: "echo {{}}", wantCode: "CmdParam.EmptyKey"},
		{content: "echo {{a b}}", wantCode: "CmdParam.InvalidParamName"},
		{content: "echo {{名前}}", wantCode: "CmdParam.InvalidParamName"},
		{content: "echo {{" + strings.Repeat("x", 65) + "}}", wantCode: "CmdParamName.ExceedLimit"},
		{content: placeholders(20) + "{{P0}}", want: nil},
		{content: placeholders(21), wantCode: "CmdParamCount.ExceedLimit"},
	}
	for _, tt := range tests {
		got, err := parameterNames(tt.content)
		wantCode(t, err, tt.wantCode)
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("parameterNames(%q) = %q, want %q", tt.content, got, tt.want)
		}
	}
}

func TestCommandQuota(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.svc.SetCommandQuota(1)
	client := f.client(t)
	_, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	_, err = client.CreateCommand(validCreateRequest())
	wantSDKError(t, err, "CmdCount.ExceedQuota", http.StatusForbidden)

	other := validCreateRequest()
	other.RegionId = tea.String("cn-beijing")
	_, err = client.CreateCommand(other)
	mustSucceed(t, err)
}

func TestCreateCommandClientToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	create := func(token, name string) (string, error) {
		body, err := callAPI(client, "CreateCommand", APIVersion, map[string]string{
			"RegionId": testRegion, "Name": name, "Type": "RunShellScript",
			"CommandContent": "ZWNobyBoaQ==", "ClientToken": token,
		})
		if err != nil {
			return "", err
		}
		id, _ := body["body"].(map[string]any)["CommandId"].(string)
		return id, nil
	}

	first, err := create("token-1", "hello")
	mustSucceed(t, err)
	retry, err := create("token-1", "hello")
	mustSucceed(t, err)
	if retry != first {
		t.Errorf("retry with the same token created %s, want %s", retry, first)
	}
	_, err = create("token-1", "changed")
	wantSDKError(t, err, "IdempotentParameterMismatch", http.StatusForbidden)

	second, err := create("token-2", "hello")
	mustSucceed(t, err)
	if second == first {
		t.Error("a new token returned the earlier command")
	}
	if got := describe(t, client, &ecs.DescribeCommandsRequest{}); tea.Int64Value(got.TotalCount) != 2 {
		t.Errorf("TotalCount = %d, want 2", tea.Int64Value(got.TotalCount))
	}

	_, err = create(strings.Repeat("t", 65), "hello")
	wantSDKError(t, err, "InvalidClientToken.Malformed", http.StatusBadRequest)
	_, err = create("jeton-é", "hello")
	wantSDKError(t, err, "InvalidClientToken.Malformed", http.StatusBadRequest)
}

func TestDescribeCommandsFiltersAndPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	create := func(name, cmdType string, tags ...*ecs.CreateCommandRequestTag) string {
		req := validCreateRequest()
		req.Name, req.Type, req.Tag = tea.String(name), tea.String(cmdType), tags
		resp, err := client.CreateCommand(req)
		mustSucceed(t, err)
		return tea.StringValue(resp.Body.CommandId)
	}
	first := create("alpha", "RunShellScript", &ecs.CreateCommandRequestTag{Key: tea.String("env"), Value: tea.String("prod")})
	second := create("beta", "RunBatScript", &ecs.CreateCommandRequestTag{Key: tea.String("env"), Value: tea.String("dev")})
	third := create("gamma", "RunShellScript")
	// Common commands all date from one moment: they list by ID.
	publicIDs := []string{"ACS-ECS-EchoMessage-linux.sh", "ACS-ECS-ShowDate-windows.ps1", "ACS-ECS-ShowUptime-linux.sh", "ACS-ECS-ShowUptime-v1-linux.sh"}

	tests := []struct {
		name string
		req  *ecs.DescribeCommandsRequest
		want []string
	}{
		{"all, newest first", &ecs.DescribeCommandsRequest{}, []string{third, second, first}},
		{"by ID", &ecs.DescribeCommandsRequest{CommandId: tea.String(second)}, []string{second}},
		{"by unknown ID", &ecs.DescribeCommandsRequest{CommandId: tea.String("c-doesnotexist00")}, []string{}},
		{"by name", &ecs.DescribeCommandsRequest{Name: tea.String("gamma")}, []string{third}},
		{"by name prefix", &ecs.DescribeCommandsRequest{Name: tea.String("gam")}, []string{}},
		{"by type", &ecs.DescribeCommandsRequest{Type: tea.String("RunShellScript")}, []string{third, first}},
		{"by tag key", &ecs.DescribeCommandsRequest{Tag: []*ecs.DescribeCommandsRequestTag{{Key: tea.String("env")}}}, []string{second, first}},
		{"by tag key and value", &ecs.DescribeCommandsRequest{Tag: []*ecs.DescribeCommandsRequestTag{{Key: tea.String("env"), Value: tea.String("prod")}}}, []string{first}},
		{"common commands", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud")}, publicIDs},
		{"common commands of one provider", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud.ECS.Diagnosis")}, []string{"ACS-ECS-ShowDate-windows.ps1"}},
		{"common commands of an unknown provider", &ecs.DescribeCommandsRequest{Provider: tea.String("Someone")}, []string{}},
		{"common commands, latest versions", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud"), Latest: tea.Bool(true)}, slices.Delete(slices.Clone(publicIDs), 3, 4)},
		{"common commands, name in part", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud"), Name: tea.String("ShowUptime")}, publicIDs[2:]},
		{"common commands, by ID and type", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud"), CommandId: tea.String("ACS-ECS-EchoMessage-linux.sh"), Type: tea.String("RunShellScript")}, publicIDs[:1]},
		{"common commands have no tags", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud"), Tag: []*ecs.DescribeCommandsRequestTag{{Key: tea.String("env")}}}, []string{}},
		{"common commands in any region", &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-beijing"), Provider: tea.String("AlibabaCloud.ECS.Diagnosis")}, publicIDs[1:2]},
		{"first page", &ecs.DescribeCommandsRequest{PageSize: tea.Int64(2)}, []string{third, second}},
		{"second page", &ecs.DescribeCommandsRequest{PageSize: tea.Int64(2), PageNumber: tea.Int64(2)}, []string{first}},
		{"page past the end", &ecs.DescribeCommandsRequest{PageSize: tea.Int64(2), PageNumber: tea.Int64(3)}, []string{}},
		{"first page by MaxResults", &ecs.DescribeCommandsRequest{MaxResults: tea.Int32(2)}, []string{third, second}},
		{"next page by NextToken", &ecs.DescribeCommandsRequest{MaxResults: tea.Int32(2), NextToken: tea.String("2")}, []string{first}},
		{"common commands by MaxResults", &ecs.DescribeCommandsRequest{Provider: tea.String("AlibabaCloud"), MaxResults: tea.Int32(3), NextToken: tea.String("3")}, publicIDs[3:]},
		{"largest page number", &ecs.DescribeCommandsRequest{PageSize: tea.Int64(50), PageNumber: tea.Int64(math.MaxInt64)}, []string{}},
		{"other region", &ecs.DescribeCommandsRequest{RegionId: tea.String("cn-beijing")}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := describe(t, f.client(t), tt.req)
			if ids := commandIDs(got); !slices.Equal(ids, tt.want) {
				t.Errorf("commands = %v, want %v", ids, tt.want)
			}
		})
	}

	paged := describe(t, client, &ecs.DescribeCommandsRequest{PageSize: tea.Int64(2), PageNumber: tea.Int64(2)})
	if tea.Int64Value(paged.TotalCount) != 3 || tea.Int64Value(paged.PageNumber) != 2 || tea.Int64Value(paged.PageSize) != 2 {
		t.Errorf("TotalCount/PageNumber/PageSize = %d/%d/%d, want 3/2/2",
			tea.Int64Value(paged.TotalCount), tea.Int64Value(paged.PageNumber), tea.Int64Value(paged.PageSize))
	}
	tokens := describe(t, client, &ecs.DescribeCommandsRequest{MaxResults: tea.Int32(2)})
	if tea.StringValue(tokens.NextToken) != "2" {
		t.Errorf("NextToken after the first 2 of 3 = %q, want one that continues", tea.StringValue(tokens.NextToken))
	}
	if last := describe(t, client, &ecs.DescribeCommandsRequest{MaxResults: tea.Int32(2), NextToken: tokens.NextToken}); tea.StringValue(last.NextToken) != "" {
		t.Errorf("NextToken on the last page = %q, want none", tea.StringValue(last.NextToken))
	}
	defaults := describe(t, client, &ecs.DescribeCommandsRequest{})
	if tea.Int64Value(defaults.PageNumber) != 1 || tea.Int64Value(defaults.PageSize) != 10 {
		t.Errorf("default PageNumber/PageSize = %d/%d, want 1/10", tea.Int64Value(defaults.PageNumber), tea.Int64Value(defaults.PageSize))
	}
}

func TestDescribeCommandsValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name       string
		req        *ecs.DescribeCommandsRequest
		wantCode   string
		wantStatus int
	}{
		{"no region", &ecs.DescribeCommandsRequest{}, "MissingParameter", 400},
		{"page number 0", &ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), PageNumber: tea.Int64(0)}, "InvalidParam.PageNumber", 403},
		{"page size 0", &ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), PageSize: tea.Int64(0)}, "InvalidParam.PageSize", 403},
		{"page size 51", &ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), PageSize: tea.Int64(51)}, "InvalidParam.PageSize", 403},
		{"max results 51", &ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), MaxResults: tea.Int32(51)}, "InvalidParam.MaxResults", 403},
		{"next token not ours", &ecs.DescribeCommandsRequest{RegionId: tea.String(testRegion), NextToken: tea.String("xyz")}, "InvalidParam.NextToken", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := f.client(t).DescribeCommands(tt.req)
			wantSDKError(t, err, tt.wantCode, tt.wantStatus)
		})
	}
}

func TestModifyCommandValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	id := tea.StringValue(created.Body.CommandId)

	tests := []struct {
		name       string
		req        *ecs.ModifyCommandRequest
		wantCode   string
		wantStatus int
	}{
		{"no region", &ecs.ModifyCommandRequest{CommandId: tea.String(id)}, "MissingParameter", 400},
		{"no command", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion)}, "MissingParameter", 400},
		{"command in another region", &ecs.ModifyCommandRequest{RegionId: tea.String("cn-beijing"), CommandId: tea.String(id)}, "InvalidCmdId.NotFound", 404},
		{"long name", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Name: tea.String(strings.Repeat("n", 129))}, "CmdName.ExceedLimit", 403},
		{"long description", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Description: tea.String(strings.Repeat("d", 513))}, "CmdDesc.ExceedLimit", 403},
		{"long working directory", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), WorkingDir: tea.String(strings.Repeat("w", 201))}, "InvalidParameter.WorkingDir", 400},
		{"long launcher", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Launcher: tea.String(strings.Repeat("l", 1025))}, "InvalidLauncher.LengthLimitExceeded", 403},
		{"short timeout", &ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Timeout: tea.Int64(5)}, "InvalidParameter.Timeout", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := f.client(t).ModifyCommand(tt.req)
			wantSDKError(t, err, tt.wantCode, tt.wantStatus)
		})
	}
}

func TestDeleteCommandValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	id := tea.StringValue(created.Body.CommandId)

	_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{CommandId: tea.String(id)})
	wantSDKError(t, err, "MissingParameter", http.StatusBadRequest)
	_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{RegionId: tea.String(testRegion)})
	wantSDKError(t, err, "MissingParameter", http.StatusBadRequest)
	_, err = client.DeleteCommand(&ecs.DeleteCommandRequest{RegionId: tea.String("cn-beijing"), CommandId: tea.String(id)})
	wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
	if _, ok := f.svc.Command(id); !ok {
		t.Error("a delete addressed to another region removed the command")
	}
}

func TestGoAPISimulatesOutsideChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	created, err := client.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	id := tea.StringValue(created.Body.CommandId)

	snapshot, ok := f.svc.Command(id)
	if !ok || snapshot.Name != "hello" || snapshot.Content != "echo hello" || snapshot.RegionID != testRegion || snapshot.Timeout != defaultTimeout {
		t.Fatalf("Command(%s) = %+v, %v", id, snapshot, ok)
	}
	snapshot.Name = "changed in the copy"
	snapshot.Tags = append(snapshot.Tags, Tag{Key: "k"})

	if !f.svc.UpdateCommand(id, func(c *Command) {
		c.Description = "edited in the console"
		c.Tags = []Tag{{Key: "owner", Value: "ops"}}
		c.ID = "c-attemptedmove0"
	}) {
		t.Fatal("UpdateCommand found no command")
	}
	got := describeOne(t, client, id, "")
	wantCommand(t, got, map[string]any{"Name": "hello", "Description": "edited in the console"})
	wantTags(t, got, "owner=ops")

	if f.svc.UpdateCommand("c-doesnotexist00", func(*Command) {}) || f.svc.DeleteCommand("c-doesnotexist00") {
		t.Error("the Go API reported an unknown command as found")
	}
	if !f.svc.DeleteCommand(id) {
		t.Fatal("DeleteCommand found no command")
	}
	_, err = client.ModifyCommand(&ecs.ModifyCommandRequest{RegionId: tea.String(testRegion), CommandId: tea.String(id), Name: tea.String("x")})
	wantSDKError(t, err, "InvalidCmdId.NotFound", http.StatusNotFound)
}

func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const n = 20
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp, err := f.client(t).CreateCommand(validCreateRequest())
			if err != nil {
				t.Errorf("create %d: %v", i, err)
				return
			}
			ids[i] = tea.StringValue(resp.Body.CommandId)
		})
	}
	wg.Wait()
	slices.Sort(ids)
	if len(slices.Compact(ids)) != n {
		t.Errorf("concurrent creates returned duplicate IDs: %v", ids)
	}
	if got := f.svc.RequestCount("CreateCommand"); got != n {
		t.Errorf("RequestCount = %d, want %d", got, n)
	}
}

func describe(t *testing.T, client *ecs.Client, req *ecs.DescribeCommandsRequest) *ecs.DescribeCommandsResponseBody {
	t.Helper()
	if req.RegionId == nil {
		req.RegionId = tea.String(testRegion)
	}
	resp, err := client.DescribeCommands(req)
	mustSucceed(t, err)
	return resp.Body
}

func describeOne(t *testing.T, client *ecs.Client, id, encoding string) *ecs.DescribeCommandsResponseBodyCommandsCommand {
	t.Helper()
	req := &ecs.DescribeCommandsRequest{CommandId: tea.String(id)}
	if encoding != "" {
		req.ContentEncoding = tea.String(encoding)
	}
	body := describe(t, client, req)
	if body.Commands == nil || len(body.Commands.Command) != 1 {
		t.Fatalf("DescribeCommands(%s) = %v, want one command", id, body)
	}
	return body.Commands.Command[0]
}

func commandIDs(body *ecs.DescribeCommandsResponseBody) []string {
	ids := []string{}
	for _, c := range body.Commands.Command {
		ids = append(ids, tea.StringValue(c.CommandId))
	}
	return ids
}

// wantCommand compares the named fields of a described command, by the
// SDK model's field names.
func wantCommand(t *testing.T, got *ecs.DescribeCommandsResponseBodyCommandsCommand, want map[string]any) {
	t.Helper()
	v := reflect.ValueOf(got).Elem()
	for field, wantValue := range want {
		ptr := v.FieldByName(field)
		if !ptr.IsValid() || ptr.IsNil() {
			t.Errorf("%s is not set", field)
			continue
		}
		if gotValue := ptr.Elem().Interface(); gotValue != wantValue {
			t.Errorf("%s = %#v, want %#v", field, gotValue, wantValue)
		}
	}
}

func wantTags(t *testing.T, got *ecs.DescribeCommandsResponseBodyCommandsCommand, want ...string) {
	t.Helper()
	var pairs []string
	for _, tag := range got.Tags.Tag {
		pairs = append(pairs, tea.StringValue(tag.TagKey)+"="+tea.StringValue(tag.TagValue))
	}
	if !slices.Equal(pairs, want) {
		t.Errorf("Tags = %q, want %q", pairs, want)
	}
}

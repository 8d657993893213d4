package tencent

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

func b64(script string) string { return base64.StdEncoding.EncodeToString([]byte(script)) }

// newCreateRequest returns a minimal valid CreateCommand request.
func newCreateRequest(name string) *tat.CreateCommandRequest {
	req := tat.NewCreateCommandRequest()
	req.CommandName = common.StringPtr(name)
	req.Content = common.StringPtr(b64("echo hello"))
	return req
}

func createCommand(t *testing.T, c *tat.Client, req *tat.CreateCommandRequest) string {
	t.Helper()
	resp, err := c.CreateCommand(req)
	mustSucceed(t, err)
	id := *resp.Response.CommandId
	if !commandIDPattern.MatchString(id) {
		t.Fatalf("CommandId %q is not cmd- and 8 lowercase letters or digits", id)
	}
	return id
}

// describeOne returns the command with this ID through DescribeCommands.
func describeOne(t *testing.T, c *tat.Client, id string) *tat.Command {
	t.Helper()
	req := tat.NewDescribeCommandsRequest()
	req.CommandIds = common.StringPtrs([]string{id})
	resp, err := c.DescribeCommands(req)
	mustSucceed(t, err)
	if n := *resp.Response.TotalCount; n != 1 || len(resp.Response.CommandSet) != 1 {
		t.Fatalf("DescribeCommands(%s): TotalCount %d, %d commands; want 1", id, n, len(resp.Response.CommandSet))
	}
	return resp.Response.CommandSet[0]
}

func assertAbsent(t *testing.T, c *tat.Client, id string) {
	t.Helper()
	req := tat.NewDescribeCommandsRequest()
	req.CommandIds = common.StringPtrs([]string{id})
	resp, err := c.DescribeCommands(req)
	mustSucceed(t, err)
	if n := *resp.Response.TotalCount; n != 0 || len(resp.Response.CommandSet) != 0 {
		t.Fatalf("DescribeCommands(%s): TotalCount %d, %d commands; want none", id, n, len(resp.Response.CommandSet))
	}
}

// commandView flattens the SDK's Command model for comparison.
type commandView struct {
	ID                    string
	Name                  string
	Description           string
	Content               string
	Type                  string
	WorkingDirectory      string
	Username              string
	Timeout               uint64
	EnableParameter       bool
	DefaultParameters     string
	DefaultParameterConfs []ParameterConf
	Tags                  []Tag
	Scenes                []string
	FormattedDescription  string
	CreatedBy             string
	COSBucketURL          string
	COSKeyPrefix          string
	CreatedTime           string
	UpdatedTime           string
}

func viewOf(c *tat.Command) commandView {
	v := commandView{
		ID: *c.CommandId, Name: *c.CommandName, Description: *c.Description, Content: *c.Content,
		Type: *c.CommandType, WorkingDirectory: *c.WorkingDirectory, Username: *c.Username,
		Timeout: *c.Timeout, EnableParameter: *c.EnableParameter, DefaultParameters: *c.DefaultParameters,
		DefaultParameterConfs: []ParameterConf{}, Tags: []Tag{}, Scenes: common.StringValues(c.Scenes),
		FormattedDescription: *c.FormattedDescription, CreatedBy: *c.CreatedBy,
		COSBucketURL: *c.OutputCOSBucketUrl, COSKeyPrefix: *c.OutputCOSKeyPrefix,
		CreatedTime: *c.CreatedTime, UpdatedTime: *c.UpdatedTime,
	}
	for _, p := range c.DefaultParameterConfs {
		v.DefaultParameterConfs = append(v.DefaultParameterConfs, ParameterConf{Name: *p.ParameterName, Value: *p.ParameterValue, Description: *p.ParameterDescription})
	}
	for _, tag := range c.Tags {
		v.Tags = append(v.Tags, Tag{Key: *tag.Key, Value: *tag.Value})
	}
	return v
}

func assertView(t *testing.T, got, want commandView) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("command\n got %+v\nwant %+v", got, want)
	}
}

func TestCommandRoundTrip(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	created := formatTime(env.now())

	req := newCreateRequest("deploy-app.v1")
	req.Content = common.StringPtr(b64("echo {{greeting}} > /tmp/out"))
	req.Description = common.StringPtr("deploys the app")
	req.CommandType = common.StringPtr("SHELL")
	req.WorkingDirectory = common.StringPtr("/srv")
	req.Timeout = common.Uint64Ptr(120)
	req.Username = common.StringPtr("deployer")
	req.EnableParameter = common.BoolPtr(true)
	req.DefaultParameters = common.StringPtr(`{"greeting":"hello","target":"prod"}`)
	req.Tags = []*tat.Tag{{Key: common.StringPtr("env"), Value: common.StringPtr("test")}}
	req.OutputCOSBucketUrl = common.StringPtr("https://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
	req.OutputCOSKeyPrefix = common.StringPtr("tat/deploy")
	id := createCommand(t, c, req)

	want := commandView{
		ID: id, Name: "deploy-app.v1", Description: "deploys the app", Content: b64("echo {{greeting}} > /tmp/out"),
		Type: "SHELL", WorkingDirectory: "/srv", Username: "deployer", Timeout: 120, EnableParameter: true,
		DefaultParameters: `{"greeting":"hello","target":"prod"}`,
		DefaultParameterConfs: []ParameterConf{
			{Name: "greeting", Value: "hello"},
			{Name: "target", Value: "prod"},
		},
		Tags: []Tag{{Key: "env", Value: "test"}}, Scenes: []string{}, CreatedBy: "USER",
		COSBucketURL: "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com", COSKeyPrefix: "tat/deploy",
		CreatedTime: created, UpdatedTime: created,
	}
	assertView(t, viewOf(describeOne(t, c, id)), want)

	env.advance(time.Minute)
	modify := tat.NewModifyCommandRequest()
	modify.CommandId = common.StringPtr(id)
	modify.CommandName = common.StringPtr("deploy-app.v2")
	modify.Content = common.StringPtr(b64("echo {{greeting}}"))
	modify.Timeout = common.Uint64Ptr(300)
	modify.DefaultParameterConfs = []*tat.DefaultParameterConf{{
		ParameterName:        common.StringPtr("greeting"),
		ParameterValue:       common.StringPtr("hi"),
		ParameterDescription: common.StringPtr("what to say"),
	}}
	_, err := c.ModifyCommand(modify)
	mustSucceed(t, err)

	want.Name = "deploy-app.v2"
	want.Content = b64("echo {{greeting}}")
	want.Timeout = 300
	want.DefaultParameters = `{"greeting":"hi"}`
	want.DefaultParameterConfs = []ParameterConf{{Name: "greeting", Value: "hi", Description: "what to say"}}
	want.UpdatedTime = formatTime(env.now())
	assertView(t, viewOf(describeOne(t, c, id)), want)

	del := tat.NewDeleteCommandRequest()
	del.CommandId = common.StringPtr(id)
	_, err = c.DeleteCommand(del)
	mustSucceed(t, err)
	assertAbsent(t, c, id)

	_, err = c.ModifyCommand(modify)
	assertCode(t, err, codeCommandNotFound)
	_, err = c.DeleteCommand(del)
	assertCode(t, err, codeCommandNotFound)
}

func TestCreateCommandDefaults(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	created := formatTime(env.now())

	tests := []struct {
		commandType      *string
		wantType         string
		wantWorkingDir   string
		wantUsername     string
		wantTimeoutInSec uint64
	}{
		{commandType: nil, wantType: "SHELL", wantWorkingDir: "/root", wantUsername: "root", wantTimeoutInSec: 60},
		{commandType: common.StringPtr("POWERSHELL"), wantType: "POWERSHELL", wantWorkingDir: `C:\Program Files\qcloud\tat_agent\workdir`, wantUsername: "System", wantTimeoutInSec: 60},
		{commandType: common.StringPtr("BAT"), wantType: "BAT", wantWorkingDir: `C:\Program Files\qcloud\tat_agent\workdir`, wantUsername: "System", wantTimeoutInSec: 60},
	}
	for i, tt := range tests {
		req := newCreateRequest(fmt.Sprintf("defaults-%d", i))
		req.CommandType = tt.commandType
		id := createCommand(t, c, req)
		assertView(t, viewOf(describeOne(t, c, id)), commandView{
			ID: id, Name: fmt.Sprintf("defaults-%d", i), Content: b64("echo hello"), Type: tt.wantType,
			WorkingDirectory: tt.wantWorkingDir, Username: tt.wantUsername, Timeout: tt.wantTimeoutInSec,
			DefaultParameterConfs: []ParameterConf{}, Tags: []Tag{}, Scenes: []string{}, CreatedBy: "USER",
			CreatedTime: created, UpdatedTime: created,
		})
	}
}

func TestCreateCommandAcceptsValuesAtTheLimits(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	for _, name := range []string{
		strings.Repeat("a", 60),
		strings.Repeat("命", 20), // 60 bytes
		"Mixed_name-1.2中文",
	} {
		createCommand(t, c, newCreateRequest(name))
	}

	req := newCreateRequest("largest")
	req.Content = common.StringPtr(b64(strings.Repeat("x", 48*1024))) // 64 KB of Base64
	req.Description = common.StringPtr(strings.Repeat("描", 120))
	req.Timeout = common.Uint64Ptr(86400)
	req.OutputCOSKeyPrefix = common.StringPtr(strings.Repeat("p", 60))
	createCommand(t, c, req)

	req = newCreateRequest("smallest")
	req.Timeout = common.Uint64Ptr(1)
	createCommand(t, c, req)
}

func TestCreateCommandValidation(t *testing.T) {
	t.Parallel()
	tooManyParameters := map[string]string{}
	for i := range 21 {
		tooManyParameters[fmt.Sprintf("p%d", i)] = "v"
	}
	tooManyTags := make([]*tat.Tag, 11)
	for i := range tooManyTags {
		tooManyTags[i] = &tat.Tag{Key: common.StringPtr(fmt.Sprintf("k%d", i)), Value: common.StringPtr("v")}
	}
	withParameters := func(defaults string) func(*tat.CreateCommandRequest) {
		return func(r *tat.CreateCommandRequest) {
			r.EnableParameter = common.BoolPtr(true)
			r.DefaultParameters = common.StringPtr(defaults)
		}
	}

	tests := []struct {
		name     string
		change   func(*tat.CreateCommandRequest)
		wantCode string
	}{
		{"no name", func(r *tat.CreateCommandRequest) { r.CommandName = nil }, codeMissingParameter},
		{"no content", func(r *tat.CreateCommandRequest) { r.Content = nil }, codeMissingParameter},
		{"empty name", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr("") }, codeInvalidCommandName},
		{"name over 60 bytes", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr(strings.Repeat("a", 61)) }, codeInvalidCommandName},
		{"Chinese name over 60 bytes", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr(strings.Repeat("命", 21)) }, codeInvalidCommandName},
		{"name with a space", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr("my command") }, codeInvalidCommandName},
		{"name with a slash", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr("a/b") }, codeInvalidCommandName},
		{"duplicate name", func(r *tat.CreateCommandRequest) { r.CommandName = common.StringPtr("existing") }, codeCommandNameDuplicated},
		{"empty content", func(r *tat.CreateCommandRequest) { r.Content = common.StringPtr("") }, codeInvalidContent},
		{"content not Base64", func(r *tat.CreateCommandRequest) { r.Content = common.StringPtr("echo hello") }, codeInvalidContent},
		{"content over 64 KB", func(r *tat.CreateCommandRequest) {
			r.Content = common.StringPtr(b64(strings.Repeat("x", 48*1024+1)))
		}, codeInvalidContent},
		{"description over 120 characters", func(r *tat.CreateCommandRequest) { r.Description = common.StringPtr(strings.Repeat("描", 121)) }, codeTooLong},
		{"unknown command type", func(r *tat.CreateCommandRequest) { r.CommandType = common.StringPtr("PYTHON") }, codeInvalidParameterValue},
		{"lowercase command type", func(r *tat.CreateCommandRequest) { r.CommandType = common.StringPtr("shell") }, codeInvalidParameterValue},
		{"timeout 0", func(r *tat.CreateCommandRequest) { r.Timeout = common.Uint64Ptr(0) }, codeRange},
		{"timeout over a day", func(r *tat.CreateCommandRequest) { r.Timeout = common.Uint64Ptr(86401) }, codeRange},
		{"username over 256 characters", func(r *tat.CreateCommandRequest) { r.Username = common.StringPtr(strings.Repeat("u", 257)) }, codeInvalidUsername},
		{"default parameters without EnableParameter", func(r *tat.CreateCommandRequest) {
			r.DefaultParameters = common.StringPtr(`{"a":"b"}`)
		}, codeParametersNeedEnableParameter},
		{"default parameter confs without EnableParameter", func(r *tat.CreateCommandRequest) {
			r.DefaultParameterConfs = []*tat.DefaultParameterConf{{ParameterName: common.StringPtr("a"), ParameterValue: common.StringPtr("b")}}
		}, codeParametersNeedEnableParameter},
		{"both forms of defaults", func(r *tat.CreateCommandRequest) {
			withParameters(`{"a":"b"}`)(r)
			r.DefaultParameterConfs = []*tat.DefaultParameterConf{{ParameterName: common.StringPtr("a"), ParameterValue: common.StringPtr("b")}}
		}, codeInvalidParameter},
		{"defaults not JSON", withParameters(`{"a":`), codeParameterInvalidJSONFormat},
		{"defaults not an object", withParameters(`["a","b"]`), codeParameterInvalidJSONFormat},
		{"default value not a string", withParameters(`{"a":1}`), codeParameterValueNotString},
		{"default key too long", withParameters(fmt.Sprintf(`{"%s":"v"}`, strings.Repeat("k", 65))), codeParameterKeyLenExceeded},
		{"default key with a space", withParameters(`{"a b":"v"}`), codeParameterKeyContainsInvalidChar},
		{"default key duplicated", withParameters(`{"a":"1","a":"2"}`), codeParameterKeyDuplicated},
		{"21 defaults", func(r *tat.CreateCommandRequest) {
			withParameters(jsonText(tooManyParameters))(r)
		}, codeParameterNumberExceeded},
		{"conf without a name", func(r *tat.CreateCommandRequest) {
			r.EnableParameter = common.BoolPtr(true)
			r.DefaultParameterConfs = []*tat.DefaultParameterConf{{ParameterValue: common.StringPtr("b")}}
		}, codeMissingParameter},
		{"conf names duplicated", func(r *tat.CreateCommandRequest) {
			r.EnableParameter = common.BoolPtr(true)
			r.DefaultParameterConfs = []*tat.DefaultParameterConf{
				{ParameterName: common.StringPtr("a"), ParameterValue: common.StringPtr("1")},
				{ParameterName: common.StringPtr("a"), ParameterValue: common.StringPtr("2")},
			}
		}, codeParameterKeyDuplicated},
		{"11 tags", func(r *tat.CreateCommandRequest) { r.Tags = tooManyTags }, codeValueLimitExceeded},
		{"tag without a value", func(r *tat.CreateCommandRequest) {
			r.Tags = []*tat.Tag{{Key: common.StringPtr("k")}}
		}, codeMissingParameter},
		{"COS bucket over http", func(r *tat.CreateCommandRequest) {
			r.OutputCOSBucketUrl = common.StringPtr("http://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
		}, codeInvalidCOSBucketURL},
		{"COS bucket without app ID", func(r *tat.CreateCommandRequest) {
			r.OutputCOSBucketUrl = common.StringPtr("https://logs.cos.ap-guangzhou.myqcloud.com")
		}, codeInvalidCOSBucketURL},
		{"COS prefix starting with /", func(r *tat.CreateCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr("/logs") }, codeInvalidCOSKeyPrefix},
		{"COS prefix with //", func(r *tat.CreateCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr("logs//tat") }, codeInvalidCOSKeyPrefix},
		{"COS prefix with a .. directory", func(r *tat.CreateCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr("logs/../tat") }, codeInvalidCOSKeyPrefix},
		{"COS prefix over 60 characters", func(r *tat.CreateCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr(strings.Repeat("p", 61)) }, codeInvalidCOSKeyPrefix},
		{"COS prefix with a space", func(r *tat.CreateCommandRequest) { r.OutputCOSKeyPrefix = common.StringPtr("my logs") }, codeInvalidCOSKeyPrefix},
	}
	env := newTestEnv(t)
	c := env.tatClient(t)
	createCommand(t, c, newCreateRequest("existing"))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newCreateRequest(fmt.Sprintf("candidate-%d", i))
			tt.change(req)
			_, err := c.CreateCommand(req)
			assertCode(t, err, tt.wantCode)
		})
	}
}

// jsonText renders simple ASCII parameters as a JSON object.
func jsonText(params map[string]string) string {
	parts := make([]string, 0, len(params))
	for k, v := range params {
		parts = append(parts, fmt.Sprintf("%q:%q", k, v))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func TestModifyCommandValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	plain := createCommand(t, c, newCreateRequest("plain"))
	createCommand(t, c, newCreateRequest("taken"))
	before, _ := env.svc.Command(plain)

	tests := []struct {
		name     string
		change   func(*tat.ModifyCommandRequest)
		wantCode string
	}{
		{"no command ID", func(r *tat.ModifyCommandRequest) { r.CommandId = nil }, codeMissingParameter},
		{"malformed command ID", func(r *tat.ModifyCommandRequest) { r.CommandId = common.StringPtr("command-1") }, codeInvalidCommandID},
		{"unknown command", func(r *tat.ModifyCommandRequest) { r.CommandId = common.StringPtr("cmd-00000000") }, codeCommandNotFound},
		{"name of another command", func(r *tat.ModifyCommandRequest) { r.CommandName = common.StringPtr("taken") }, codeCommandNameDuplicated},
		{"invalid name", func(r *tat.ModifyCommandRequest) { r.CommandName = common.StringPtr("no spaces") }, codeInvalidCommandName},
		{"content not Base64", func(r *tat.ModifyCommandRequest) { r.Content = common.StringPtr("#!/bin/sh") }, codeInvalidContent},
		{"timeout out of range", func(r *tat.ModifyCommandRequest) { r.Timeout = common.Uint64Ptr(0) }, codeRange},
		{"defaults while parameters are disabled", func(r *tat.ModifyCommandRequest) {
			r.DefaultParameters = common.StringPtr(`{"a":"b"}`)
		}, codeParameterDisabled},
		{"valid change with an invalid one", func(r *tat.ModifyCommandRequest) {
			r.Description = common.StringPtr("changed")
			r.OutputCOSKeyPrefix = common.StringPtr("/root")
		}, codeInvalidCOSKeyPrefix},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewModifyCommandRequest()
			req.CommandId = common.StringPtr(plain)
			tt.change(req)
			_, err := c.ModifyCommand(req)
			assertCode(t, err, tt.wantCode)
		})
	}
	t.Run("EnableParameter cannot be modified", func(t *testing.T) {
		t.Parallel()
		err := env.sendCommon(t, apiVersion, "ModifyCommand", map[string]any{"CommandId": plain, "EnableParameter": true})
		assertCode(t, err, codeUnknownParameter)
	})
	t.Cleanup(func() {
		if after, _ := env.svc.Command(plain); !reflect.DeepEqual(after, before) {
			t.Errorf("rejected modifications changed the command:\n got %+v\nwant %+v", after, before)
		}
	})
}

func TestModifyCommandKeepsItsOwnName(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	id := createCommand(t, c, newCreateRequest("same-name"))
	req := tat.NewModifyCommandRequest()
	req.CommandId = common.StringPtr(id)
	req.CommandName = common.StringPtr("same-name")
	_, err := c.ModifyCommand(req)
	mustSucceed(t, err)
}

func TestModifyCommandClearsDefaults(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	create := newCreateRequest("with-defaults")
	create.EnableParameter = common.BoolPtr(true)
	create.DefaultParameters = common.StringPtr(`{"a":"1"}`)
	id := createCommand(t, c, create)

	req := tat.NewModifyCommandRequest()
	req.CommandId = common.StringPtr(id)
	req.DefaultParameters = common.StringPtr("")
	_, err := c.ModifyCommand(req)
	mustSucceed(t, err)

	got := describeOne(t, c, id)
	if *got.DefaultParameters != "" || len(got.DefaultParameterConfs) != 0 || !*got.EnableParameter {
		t.Errorf("after clearing: DefaultParameters %q, %d confs, EnableParameter %v; want none, still enabled",
			*got.DefaultParameters, len(got.DefaultParameterConfs), *got.EnableParameter)
	}
}

func TestDeleteCommandValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	tests := []struct {
		name     string
		id       *string
		wantCode string
	}{
		{"no command ID", nil, codeMissingParameter},
		{"malformed command ID", common.StringPtr("cmd-ABCDEFGH"), codeInvalidCommandID},
		{"unknown command", common.StringPtr("cmd-00000000"), codeCommandNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDeleteCommandRequest()
			req.CommandId = tt.id
			_, err := c.DeleteCommand(req)
			assertCode(t, err, tt.wantCode)
		})
	}
}

// seedCommands creates three commands, oldest first, and returns their IDs.
func seedCommands(t *testing.T, c *tat.Client) (web, worker, windows string) {
	t.Helper()
	req := newCreateRequest("web")
	req.Tags = []*tat.Tag{{Key: common.StringPtr("env"), Value: common.StringPtr("prod")}}
	web = createCommand(t, c, req)

	req = newCreateRequest("worker")
	req.Tags = []*tat.Tag{
		{Key: common.StringPtr("env"), Value: common.StringPtr("dev")},
		{Key: common.StringPtr("team"), Value: common.StringPtr("ops")},
	}
	worker = createCommand(t, c, req)

	req = newCreateRequest("windows")
	req.CommandType = common.StringPtr("POWERSHELL")
	windows = createCommand(t, c, req)
	return web, worker, windows
}

func filter(name string, values ...string) *tat.Filter {
	return &tat.Filter{Name: common.StringPtr(name), Values: common.StringPtrs(values)}
}

func TestDescribeCommandsSelection(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	web, worker, windows := seedCommands(t, c)
	public := []string{"cmd-tatpub01", "cmd-tatpub02", "cmd-tatpub03"}

	tests := []struct {
		name    string
		ids     []string
		filters []*tat.Filter
		offset  *uint64
		limit   *uint64
		want    []string
		total   uint64
	}{
		{name: "everything, own commands newest first, then the public ones", want: append([]string{windows, worker, web}, public...), total: 6},
		{name: "by IDs", ids: []string{web, "cmd-00000000"}, want: []string{web}, total: 1},
		{name: "a public command by ID", ids: []string{"cmd-tatpub02"}, want: []string{"cmd-tatpub02"}, total: 1},
		{name: "command-id", filters: []*tat.Filter{filter("command-id", worker)}, want: []string{worker}, total: 1},
		{name: "command-name", filters: []*tat.Filter{filter("command-name", "web", "windows")}, want: []string{windows, web}, total: 2},
		{name: "command-name of a public command", filters: []*tat.Filter{filter("command-name", "TAT_EchoMessage")}, want: []string{"cmd-tatpub02"}, total: 1},
		{name: "command-type", filters: []*tat.Filter{filter("command-type", "POWERSHELL")}, want: []string{windows, "cmd-tatpub03"}, total: 2},
		{name: "created-by USER", filters: []*tat.Filter{filter("created-by", "USER")}, want: []string{windows, worker, web}, total: 3},
		{name: "created-by TAT", filters: []*tat.Filter{filter("created-by", "TAT")}, want: public, total: 3},
		{name: "created-by TAT and command-type", filters: []*tat.Filter{filter("created-by", "TAT"), filter("command-type", "SHELL")}, want: public[:2], total: 2},
		{name: "tag-key", filters: []*tat.Filter{filter("tag-key", "team")}, want: []string{worker}, total: 1},
		{name: "tag-value", filters: []*tat.Filter{filter("tag-value", "prod", "dev")}, want: []string{worker, web}, total: 2},
		{name: "tag:key", filters: []*tat.Filter{filter("tag:env", "prod")}, want: []string{web}, total: 1},
		{name: "filters combine with AND", filters: []*tat.Filter{filter("tag-key", "env"), filter("command-name", "worker")}, want: []string{worker}, total: 1},
		{name: "first page", limit: common.Uint64Ptr(2), want: []string{windows, worker}, total: 6},
		{name: "second page", offset: common.Uint64Ptr(2), limit: common.Uint64Ptr(2), want: []string{web, public[0]}, total: 6},
		{name: "past the end", offset: common.Uint64Ptr(6), total: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeCommandsRequest()
			if tt.ids != nil {
				req.CommandIds = common.StringPtrs(tt.ids)
			}
			req.Filters, req.Offset, req.Limit = tt.filters, tt.offset, tt.limit
			resp, err := c.DescribeCommands(req)
			mustSucceed(t, err)
			var got []string
			for _, cmd := range resp.Response.CommandSet {
				got = append(got, *cmd.CommandId)
			}
			if !reflect.DeepEqual(got, tt.want) || *resp.Response.TotalCount != tt.total {
				t.Errorf("got %v (TotalCount %d), want %v (TotalCount %d)", got, *resp.Response.TotalCount, tt.want, tt.total)
			}
		})
	}
}

func TestDescribeCommandsDefaultLimit(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	for i := range 25 {
		createCommand(t, c, newCreateRequest(fmt.Sprintf("cmd%02d", i)))
	}
	resp, err := c.DescribeCommands(tat.NewDescribeCommandsRequest())
	mustSucceed(t, err)
	if n, total := len(resp.Response.CommandSet), *resp.Response.TotalCount; n != 20 || total != 25+uint64(len(PublicCommands)) {
		t.Errorf("got %d commands of %d, want 20 of %d (with the public commands)", n, total, 25+len(PublicCommands))
	}
}

func TestDescribeCommandsValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("cmd-%08d", i)
	}
	elevenFilters := make([]*tat.Filter, 11)
	for i := range elevenFilters {
		elevenFilters[i] = filter("command-name", "x")
	}

	tests := []struct {
		name     string
		change   func(*tat.DescribeCommandsRequest)
		wantCode string
	}{
		{"IDs and filters", func(r *tat.DescribeCommandsRequest) {
			r.CommandIds = common.StringPtrs([]string{"cmd-00000000"})
			r.Filters = []*tat.Filter{filter("command-name", "x")}
		}, codeConflictParameter},
		{"malformed ID", func(r *tat.DescribeCommandsRequest) { r.CommandIds = common.StringPtrs([]string{"cmd-1"}) }, codeInvalidCommandID},
		{"101 IDs", func(r *tat.DescribeCommandsRequest) { r.CommandIds = common.StringPtrs(ids) }, codeValueLimitExceeded},
		{"11 filters", func(r *tat.DescribeCommandsRequest) { r.Filters = elevenFilters }, codeFilterValueExceeded},
		{"6 filter values", func(r *tat.DescribeCommandsRequest) {
			r.Filters = []*tat.Filter{filter("command-name", "a", "b", "c", "d", "e", "f")}
		}, codeFilterValueExceeded},
		{"unknown filter", func(r *tat.DescribeCommandsRequest) { r.Filters = []*tat.Filter{filter("colour", "red")} }, codeInvalidFilter},
		{"filter without values", func(r *tat.DescribeCommandsRequest) { r.Filters = []*tat.Filter{filter("command-name")} }, codeInvalidFilter},
		{"limit over 100", func(r *tat.DescribeCommandsRequest) { r.Limit = common.Uint64Ptr(101) }, codeInvalidParameterValue},
		{"limit 0", func(r *tat.DescribeCommandsRequest) { r.Limit = common.Uint64Ptr(0) }, codeInvalidParameterValue},
		{"created-by not TAT or USER", func(r *tat.DescribeCommandsRequest) { r.Filters = []*tat.Filter{filter("created-by", "tat")} }, codeInvalidFilter},
		{"command-type unknown", func(r *tat.DescribeCommandsRequest) { r.Filters = []*tat.Filter{filter("command-type", "BASH")} }, codeInvalidFilter},
		{"command-id malformed", func(r *tat.DescribeCommandsRequest) { r.Filters = []*tat.Filter{filter("command-id", "cmd-1")} }, codeInvalidCommandID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := tat.NewDescribeCommandsRequest()
			tt.change(req)
			_, err := c.DescribeCommands(req)
			assertCode(t, err, tt.wantCode)
		})
	}
}

// TestGoAPI covers what acceptance tests use to simulate changes made
// outside Terraform.
func TestGoAPI(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	req := newCreateRequest("drifting")
	req.Tags = []*tat.Tag{{Key: common.StringPtr("env"), Value: common.StringPtr("prod")}}
	id := createCommand(t, c, req)

	snapshot, ok := env.svc.Command(id)
	if !ok || snapshot.Name != "drifting" || snapshot.Timeout != 60 || snapshot.CreatedBy != "USER" {
		t.Fatalf("Command(%s) = %+v, %v", id, snapshot, ok)
	}
	snapshot.Tags[0].Value = "changed through the copy"
	if again, _ := env.svc.Command(id); again.Tags[0].Value != "prod" {
		t.Errorf("changing a snapshot changed the stored command")
	}

	if !env.svc.UpdateCommand(id, func(cmd *Command) {
		cmd.Timeout = 600
		cmd.ID = "cmd-hijacked"
	}) {
		t.Fatalf("UpdateCommand(%s) = false", id)
	}
	if got := describeOne(t, c, id); *got.Timeout != 600 {
		t.Errorf("after UpdateCommand, Timeout = %d, want 600", *got.Timeout)
	}

	if !env.svc.DeleteCommand(id) {
		t.Fatalf("DeleteCommand(%s) = false", id)
	}
	assertAbsent(t, c, id)
	if _, ok := env.svc.Command(id); ok {
		t.Errorf("Command(%s) found a deleted command", id)
	}
	if env.svc.DeleteCommand(id) || env.svc.UpdateCommand(id, func(*Command) {}) {
		t.Errorf("DeleteCommand/UpdateCommand of a deleted command reported success")
	}
}

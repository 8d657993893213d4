package tencent

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// farSkew lets the tests move the clock by days while the SDK keeps
// stamping requests with the wall clock.
func farSkew(cfg *Config) { cfg.Skew = 400 * 24 * time.Hour }

func onceAt(at time.Time) *tat.ScheduleSettings {
	return &tat.ScheduleSettings{Policy: common.StringPtr("ONCE"), InvokeTime: common.StringPtr(at.Format(time.RFC3339))}
}

func recurring(expr string) *tat.ScheduleSettings {
	return &tat.ScheduleSettings{Policy: common.StringPtr("RECURRENCE"), Recurrence: common.StringPtr(expr)}
}

// newInvokerRequest returns a valid CreateInvoker request.
func newInvokerRequest(commandID string, schedule *tat.ScheduleSettings, instances ...string) *tat.CreateInvokerRequest {
	req := tat.NewCreateInvokerRequest()
	req.Name = common.StringPtr("nightly")
	req.Type = common.StringPtr("SCHEDULE")
	req.CommandId = common.StringPtr(commandID)
	req.InstanceIds = common.StringPtrs(instances)
	req.ScheduleSettings = schedule
	return req
}

func createInvoker(t *testing.T, c *tat.Client, req *tat.CreateInvokerRequest) string {
	t.Helper()
	resp, err := c.CreateInvoker(req)
	mustSucceed(t, err)
	id := *resp.Response.InvokerId
	if !invokerIDPattern.MatchString(id) {
		t.Fatalf("InvokerId %q is not ivk- and 8 lowercase letters or digits", id)
	}
	return id
}

// describeInvoker returns the invoker through DescribeInvokers.
func describeInvoker(t *testing.T, c *tat.Client, id string) *tat.Invoker {
	t.Helper()
	req := tat.NewDescribeInvokersRequest()
	req.InvokerIds = common.StringPtrs([]string{id})
	resp, err := c.DescribeInvokers(req)
	mustSucceed(t, err)
	if n := *resp.Response.TotalCount; n != 1 || len(resp.Response.InvokerSet) != 1 {
		t.Fatalf("DescribeInvokers(%s): TotalCount %d, %d invokers; want 1", id, n, len(resp.Response.InvokerSet))
	}
	return resp.Response.InvokerSet[0]
}

// invokerView flattens the SDK's Invoker model for comparison.
type invokerView struct {
	ID, Name, Type, CommandID, Username, Parameters string
	InstanceIDs                                     []string
	Enable                                          bool
	Policy, Recurrence, InvokeTime                  string
	CreatedTime, UpdatedTime                        string
	Tags                                            []Tag
}

func invokerViewOf(ivk *tat.Invoker) invokerView {
	v := invokerView{
		ID: *ivk.InvokerId, Name: *ivk.Name, Type: *ivk.Type, CommandID: *ivk.CommandId, Username: *ivk.Username,
		Parameters: *ivk.Parameters, InstanceIDs: common.StringValues(ivk.InstanceIds), Enable: *ivk.Enable,
		Policy: *ivk.ScheduleSettings.Policy, Recurrence: *ivk.ScheduleSettings.Recurrence, InvokeTime: *ivk.ScheduleSettings.InvokeTime,
		CreatedTime: *ivk.CreatedTime, UpdatedTime: *ivk.UpdatedTime, Tags: []Tag{},
	}
	for _, tag := range ivk.Tags {
		v.Tags = append(v.Tags, Tag{Key: *tag.Key, Value: *tag.Value})
	}
	return v
}

func TestInvokerRoundTrip(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "nightly", "echo {{what}}", func(r *tat.CreateCommandRequest) { r.EnableParameter = common.BoolPtr(true) })
	created := formatTime(env.now())
	at := env.now().Add(time.Hour).In(cronZone)

	req := newInvokerRequest(cmd, onceAt(at), "ins-aaaa0001", "ins-aaaa0002")
	req.Username = common.StringPtr("deploy")
	req.Parameters = common.StringPtr(`{"what": "backup"}`)
	req.Tags = []*tat.Tag{{Key: common.StringPtr("team"), Value: common.StringPtr("ops")}}
	id := createInvoker(t, c, req)

	want := invokerView{
		ID: id, Name: "nightly", Type: "SCHEDULE", CommandID: cmd, Username: "deploy", Parameters: `{"what":"backup"}`,
		InstanceIDs: []string{"ins-aaaa0001", "ins-aaaa0002"}, Enable: true,
		Policy: "ONCE", InvokeTime: formatTime(at), CreatedTime: created, UpdatedTime: created,
		Tags: []Tag{{Key: "team", Value: "ops"}},
	}
	if got := invokerViewOf(describeInvoker(t, c, id)); !reflect.DeepEqual(got, want) {
		t.Fatalf("invoker\n got %+v\nwant %+v", got, want)
	}
	if !strings.HasSuffix(want.InvokeTime, "Z") {
		t.Errorf("InvokeTime %s is not in UTC", want.InvokeTime)
	}
}

func TestRecurringInvokerReportsItsNextRun(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, farSkew)
	c := env.tatClient(t)
	cmd := createScript(t, c, "daily", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 3 * * *"), "ins-aaaa0001"))

	next := func() string { return *describeInvoker(t, c, id).ScheduleSettings.InvokeTime }
	// 03:00 in Beijing is 19:00 UTC.
	first := next()
	if !strings.HasSuffix(first, "T19:00:00Z") {
		t.Fatalf("next run %s, want 19:00:00Z", first)
	}
	env.advance(24 * time.Hour)
	if second := next(); second == first || !strings.HasSuffix(second, "T19:00:00Z") {
		t.Errorf("a day later the next run is %s (was %s)", second, first)
	}

	disable := tat.NewDisableInvokerRequest()
	disable.InvokerId = &id
	_, err := c.DisableInvoker(disable)
	mustSucceed(t, err)
	if got := next(); got != "" {
		t.Errorf("a disabled invoker's next run is %q, want none", got)
	}
}

func TestCreateInvokerValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "plain", "true")
	withParams := createScript(t, c, "params", "echo {{a}}", func(r *tat.CreateCommandRequest) { r.EnableParameter = common.BoolPtr(true) })
	env.svc.cfg.Fleet.Set(fleet.Instance{ID: "ins-offline1", State: fleet.AgentOffline})
	env.svc.cfg.Fleet.Set(fleet.Instance{ID: "ins-noagent1", State: fleet.AgentNotInstalled})
	env.svc.cfg.Fleet.Set(fleet.Instance{ID: "ins-missing1", State: fleet.NotFound})
	later := env.now().Add(time.Hour)

	tests := []struct {
		name     string
		change   func(*tat.CreateInvokerRequest)
		wantCode string
	}{
		{"no name", func(r *tat.CreateInvokerRequest) { r.Name = nil }, codeMissingParameter},
		{"empty name", func(r *tat.CreateInvokerRequest) { r.Name = common.StringPtr("") }, codeInvalidParameterValue},
		{"name too long", func(r *tat.CreateInvokerRequest) { r.Name = common.StringPtr(strings.Repeat("名", 121)) }, codeTooLong},
		{"no type", func(r *tat.CreateInvokerRequest) { r.Type = nil }, codeMissingParameter},
		{"other type", func(r *tat.CreateInvokerRequest) { r.Type = common.StringPtr("EVENT") }, codeInvalidParameter},
		{"no command", func(r *tat.CreateInvokerRequest) { r.CommandId = nil }, codeMissingParameter},
		{"malformed command", func(r *tat.CreateInvokerRequest) { r.CommandId = common.StringPtr("cmd-X") }, codeInvalidCommandID},
		{"unknown command", func(r *tat.CreateInvokerRequest) { r.CommandId = common.StringPtr("cmd-00000000") }, codeCommandNotFound},
		{"no instances", func(r *tat.CreateInvokerRequest) { r.InstanceIds = nil }, codeMissingParameter},
		{"malformed instance", func(r *tat.CreateInvokerRequest) { r.InstanceIds = common.StringPtrs([]string{"i-1"}) }, codeInvalidInstanceID},
		{"mixed instances", func(r *tat.CreateInvokerRequest) {
			r.InstanceIds = common.StringPtrs([]string{"ins-aaaa0001", "lhins-aaaa0001"})
		}, codeInconsistentInstance},
		{"101 instances", func(r *tat.CreateInvokerRequest) { r.InstanceIds = common.StringPtrs(instanceIDs(101)) }, codeValueLimitExceeded},
		{"agent offline", func(r *tat.CreateInvokerRequest) { r.InstanceIds = common.StringPtrs([]string{"ins-offline1"}) }, codeAgentNotOnline},
		{"no agent", func(r *tat.CreateInvokerRequest) { r.InstanceIds = common.StringPtrs([]string{"ins-noagent1"}) }, codeAgentNotInstalled},
		{"no instance", func(r *tat.CreateInvokerRequest) { r.InstanceIds = common.StringPtrs([]string{"ins-missing1"}) }, codeInstanceNotFound},
		{"username too long", func(r *tat.CreateInvokerRequest) { r.Username = common.StringPtr(strings.Repeat("u", 257)) }, codeTooLong},
		{"parameters not JSON", func(r *tat.CreateInvokerRequest) {
			r.CommandId = &withParams
			r.Parameters = common.StringPtr("a=1")
		}, codeParameterInvalidJSONFormat},
		{"parameter key", func(r *tat.CreateInvokerRequest) {
			r.CommandId = &withParams
			r.Parameters = common.StringPtr(`{"a b":"1"}`)
		}, codeParameterKeyContainsInvalidChar},
		{"parameters disabled", func(r *tat.CreateInvokerRequest) { r.Parameters = common.StringPtr(`{"a":"1"}`) }, codeParameterDisabled},
		{"no schedule", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = nil }, codeMissingParameter},
		{"no policy", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = &tat.ScheduleSettings{} }, codeMissingParameter},
		{"other policy", func(r *tat.CreateInvokerRequest) {
			r.ScheduleSettings = &tat.ScheduleSettings{Policy: common.StringPtr("DAILY")}
		}, codeInvalidParameter},
		{"recurrence missing", func(r *tat.CreateInvokerRequest) {
			r.ScheduleSettings = &tat.ScheduleSettings{Policy: common.StringPtr("RECURRENCE")}
		}, codeMissingParameter},
		{"cron with seconds", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = recurring("0 0 3 * * *") }, codeInvalidCronExpression},
		{"cron out of range", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = recurring("0 25 * * *") }, codeInvalidCronExpression},
		{"invoke time missing", func(r *tat.CreateInvokerRequest) {
			r.ScheduleSettings = &tat.ScheduleSettings{Policy: common.StringPtr("ONCE")}
		}, codeMissingParameter},
		{"invoke time without offset", func(r *tat.CreateInvokerRequest) {
			r.ScheduleSettings.InvokeTime = common.StringPtr(later.Format("2006-01-02T15:04:05"))
		}, codeInvalidTimeFormat},
		{"invoke time in the past", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = onceAt(env.now().Add(-time.Minute)) }, codeInvokeTimeExpired},
		{"invoke time now", func(r *tat.CreateInvokerRequest) { r.ScheduleSettings = onceAt(env.now()) }, codeInvokeTimeExpired},
		{"11 tags", func(r *tat.CreateInvokerRequest) {
			for i := range 11 {
				r.Tags = append(r.Tags, &tat.Tag{Key: common.StringPtr(strings.Repeat("k", i+1)), Value: common.StringPtr("v")})
			}
		}, codeValueLimitExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newInvokerRequest(cmd, onceAt(later), "ins-aaaa0001")
			tt.change(req)
			_, err := c.CreateInvoker(req)
			assertCode(t, err, tt.wantCode)
		})
	}
	t.Cleanup(func() {
		env.svc.mu.Lock()
		defer env.svc.mu.Unlock()
		if n := len(env.svc.invokers); n != 0 {
			t.Errorf("%d invokers were created by refused requests", n)
		}
	})
}

// instanceIDs returns n distinct CVM instance IDs.
func instanceIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("ins-%08d", i)
	}
	return ids
}

func TestModifyInvoker(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	first := createScript(t, c, "first", "true")
	second := createScript(t, c, "second", "echo {{who}}", func(r *tat.CreateCommandRequest) { r.EnableParameter = common.BoolPtr(true) })
	id := createInvoker(t, c, newInvokerRequest(first, onceAt(env.now().Add(time.Hour)), "ins-aaaa0001"))
	created := describeInvoker(t, c, id)

	env.advance(time.Minute)
	req := tat.NewModifyInvokerRequest()
	req.InvokerId = &id
	req.Name = common.StringPtr("weekly")
	req.CommandId = &second
	req.Username = common.StringPtr("ops")
	req.Parameters = common.StringPtr(`{"who":"me"}`)
	req.InstanceIds = common.StringPtrs([]string{"lhins-aaaa0001"})
	req.ScheduleSettings = recurring("0 4 * * 0")
	_, err := c.ModifyInvoker(req)
	mustSucceed(t, err)

	got := invokerViewOf(describeInvoker(t, c, id))
	want := invokerViewOf(created)
	want.Name, want.CommandID, want.Username, want.Parameters = "weekly", second, "ops", `{"who":"me"}`
	want.InstanceIDs = []string{"lhins-aaaa0001"}
	want.Policy, want.Recurrence, want.InvokeTime = "RECURRENCE", "0 4 * * 0", got.InvokeTime
	want.UpdatedTime = formatTime(env.now())
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after ModifyInvoker\n got %+v\nwant %+v", got, want)
	}

	// Sending an empty object clears the parameters; other fields stay.
	clearing := tat.NewModifyInvokerRequest()
	clearing.InvokerId = &id
	clearing.Parameters = common.StringPtr("{}")
	clearing.Username = common.StringPtr("")
	_, err = c.ModifyInvoker(clearing)
	mustSucceed(t, err)
	if v := invokerViewOf(describeInvoker(t, c, id)); v.Parameters != "" || v.Username != "" || v.Name != "weekly" {
		t.Errorf("after clearing: %+v", v)
	}
}

func TestModifyInvokerValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	plain := createScript(t, c, "plain", "true")
	withParams := createScript(t, c, "params", "echo {{a}}", func(r *tat.CreateCommandRequest) { r.EnableParameter = common.BoolPtr(true) })
	req := newInvokerRequest(withParams, recurring("0 0 * * *"), "ins-aaaa0001")
	req.Parameters = common.StringPtr(`{"a":"1"}`)
	id := createInvoker(t, c, req)
	before := invokerViewOf(describeInvoker(t, c, id))

	tests := []struct {
		name     string
		change   func(*tat.ModifyInvokerRequest)
		wantCode string
	}{
		{"no invoker", func(r *tat.ModifyInvokerRequest) { r.InvokerId = nil }, codeMissingParameter},
		{"malformed invoker", func(r *tat.ModifyInvokerRequest) { r.InvokerId = common.StringPtr("ivk-1") }, codeInvalidInvokerID},
		{"unknown invoker", func(r *tat.ModifyInvokerRequest) { r.InvokerId = common.StringPtr("ivk-00000000") }, codeResourceNotFound},
		{"name too long", func(r *tat.ModifyInvokerRequest) { r.Name = common.StringPtr(strings.Repeat("n", 121)) }, codeTooLong},
		{"other type", func(r *tat.ModifyInvokerRequest) { r.Type = common.StringPtr("EVENT") }, codeInvalidParameter},
		{"unknown command", func(r *tat.ModifyInvokerRequest) { r.CommandId = common.StringPtr("cmd-00000000") }, codeCommandNotFound},
		{"command without parameters", func(r *tat.ModifyInvokerRequest) { r.CommandId = &plain }, codeParameterDisabled},
		{"bad cron", func(r *tat.ModifyInvokerRequest) { r.ScheduleSettings = recurring("every day") }, codeInvalidCronExpression},
		{"expired", func(r *tat.ModifyInvokerRequest) { r.ScheduleSettings = onceAt(env.now().Add(-time.Hour)) }, codeInvokeTimeExpired},
		{"bad time", func(r *tat.ModifyInvokerRequest) {
			r.ScheduleSettings = &tat.ScheduleSettings{Policy: common.StringPtr("ONCE"), InvokeTime: common.StringPtr("tomorrow")}
		}, codeInvalidTimeFormat},
		{"mixed instances", func(r *tat.ModifyInvokerRequest) {
			r.InstanceIds = common.StringPtrs([]string{"ins-aaaa0001", "lhins-aaaa0001"})
		}, codeInconsistentInstance},
		// A request with one bad field changes none of the good ones.
		{"good name, bad username", func(r *tat.ModifyInvokerRequest) {
			r.Name = common.StringPtr("renamed")
			r.Username = common.StringPtr(strings.Repeat("u", 257))
		}, codeTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tat.NewModifyInvokerRequest()
			r.InvokerId = &id
			tt.change(r)
			_, err := c.ModifyInvoker(r)
			assertCode(t, err, tt.wantCode)
			if after := invokerViewOf(describeInvoker(t, c, id)); !reflect.DeepEqual(after, before) {
				t.Errorf("a refused ModifyInvoker changed the invoker:\n got %+v\nwant %+v", after, before)
			}
		})
	}

	// Moving to a command without parameters is fine when they go too.
	r := tat.NewModifyInvokerRequest()
	r.InvokerId = &id
	r.CommandId = &plain
	r.Parameters = common.StringPtr("")
	_, err := c.ModifyInvoker(r)
	mustSucceed(t, err)
}

func TestDeleteEnableDisableInvokerValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	actions := map[string]func(id *string) error{
		"DeleteInvoker": func(id *string) error {
			r := tat.NewDeleteInvokerRequest()
			r.InvokerId = id
			_, err := c.DeleteInvoker(r)
			return err
		},
		"EnableInvoker": func(id *string) error {
			r := tat.NewEnableInvokerRequest()
			r.InvokerId = id
			_, err := c.EnableInvoker(r)
			return err
		},
		"DisableInvoker": func(id *string) error {
			r := tat.NewDisableInvokerRequest()
			r.InvokerId = id
			_, err := c.DisableInvoker(r)
			return err
		},
	}
	for action, call := range actions {
		t.Run(action, func(t *testing.T) {
			assertCode(t, call(nil), codeMissingParameter)
			assertCode(t, call(common.StringPtr("ivk-ABCDEFGH")), codeInvalidInvokerID)
			assertCode(t, call(common.StringPtr("ivk-00000000")), codeResourceNotFound)
		})
	}
}

func TestEnableDisableAndDeleteInvoker(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "toggled", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("*/5 * * * *"), "ins-aaaa0001"))
	if !*describeInvoker(t, c, id).Enable {
		t.Fatal("a new invoker is disabled")
	}

	env.advance(time.Minute)
	disable := tat.NewDisableInvokerRequest()
	disable.InvokerId = &id
	_, err := c.DisableInvoker(disable)
	mustSucceed(t, err)
	got := describeInvoker(t, c, id)
	if *got.Enable || *got.UpdatedTime != formatTime(env.now()) {
		t.Errorf("after DisableInvoker: Enable %v, UpdatedTime %s", *got.Enable, *got.UpdatedTime)
	}
	_, err = c.DisableInvoker(disable) // already disabled: nothing to do
	mustSucceed(t, err)

	enable := tat.NewEnableInvokerRequest()
	enable.InvokerId = &id
	_, err = c.EnableInvoker(enable)
	mustSucceed(t, err)
	if !*describeInvoker(t, c, id).Enable {
		t.Error("EnableInvoker left the invoker disabled")
	}

	del := tat.NewDeleteInvokerRequest()
	del.InvokerId = &id
	_, err = c.DeleteInvoker(del)
	mustSucceed(t, err)
	list := tat.NewDescribeInvokersRequest()
	list.InvokerIds = common.StringPtrs([]string{id})
	resp, err := c.DescribeInvokers(list)
	mustSucceed(t, err)
	if *resp.Response.TotalCount != 0 || len(resp.Response.InvokerSet) != 0 {
		t.Errorf("DescribeInvokers still lists deleted invoker %s", id)
	}
	_, err = c.DeleteInvoker(del)
	assertCode(t, err, codeResourceNotFound)
}

func TestDescribeInvokersSelection(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	web := createScript(t, c, "web", "true")
	db := createScript(t, c, "db", "true")
	a := createInvoker(t, c, newInvokerRequest(web, recurring("0 * * * *"), "ins-aaaa0001"))
	b := createInvoker(t, c, newInvokerRequest(db, recurring("0 * * * *"), "ins-aaaa0001"))
	d := createInvoker(t, c, newInvokerRequest(web, recurring("0 * * * *"), "ins-aaaa0001"))

	ids := func(req *tat.DescribeInvokersRequest) ([]string, uint64) {
		t.Helper()
		resp, err := c.DescribeInvokers(req)
		mustSucceed(t, err)
		var out []string
		for _, ivk := range resp.Response.InvokerSet {
			out = append(out, *ivk.InvokerId)
		}
		return out, *resp.Response.TotalCount
	}
	all := tat.NewDescribeInvokersRequest()
	if got, n := ids(all); !reflect.DeepEqual(got, []string{d, b, a}) || n != 3 {
		t.Errorf("all invokers: %v (%d), want newest first %v", got, n, []string{d, b, a})
	}
	byCommand := tat.NewDescribeInvokersRequest()
	byCommand.Filters = []*tat.Filter{filter("command-id", web)}
	if got, _ := ids(byCommand); !reflect.DeepEqual(got, []string{d, a}) {
		t.Errorf("command-id %s: %v", web, got)
	}
	byType := tat.NewDescribeInvokersRequest()
	byType.Filters = []*tat.Filter{filter("invoker-type", "SCHEDULE"), filter("invoker-id", a, b)}
	if got, _ := ids(byType); !reflect.DeepEqual(got, []string{b, a}) {
		t.Errorf("invoker-type and invoker-id: %v", got)
	}
	paged := tat.NewDescribeInvokersRequest()
	paged.Offset, paged.Limit = common.Uint64Ptr(1), common.Uint64Ptr(1)
	if got, n := ids(paged); !reflect.DeepEqual(got, []string{b}) || n != 3 {
		t.Errorf("offset 1 limit 1: %v (%d)", got, n)
	}
}

func TestDescribeInvokersValidation(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	tests := []struct {
		name     string
		change   func(*tat.DescribeInvokersRequest)
		wantCode string
	}{
		{"ids and filters", func(r *tat.DescribeInvokersRequest) {
			r.InvokerIds = common.StringPtrs([]string{"ivk-aaaa0001"})
			r.Filters = []*tat.Filter{filter("command-id", "cmd-aaaa0001")}
		}, codeConflictParameter},
		{"malformed id", func(r *tat.DescribeInvokersRequest) { r.InvokerIds = common.StringPtrs([]string{"inv-aaaa0001"}) }, codeInvalidInvokerID},
		{"unknown filter", func(r *tat.DescribeInvokersRequest) { r.Filters = []*tat.Filter{filter("name", "x")} }, codeInvalidFilter},
		{"bad type value", func(r *tat.DescribeInvokersRequest) { r.Filters = []*tat.Filter{filter("invoker-type", "EVENT")} }, codeInvalidFilter},
		{"bad command value", func(r *tat.DescribeInvokersRequest) { r.Filters = []*tat.Filter{filter("command-id", "cmd-x")} }, codeInvalidCommandID},
		{"limit 0", func(r *tat.DescribeInvokersRequest) { r.Limit = common.Uint64Ptr(0) }, codeTooSmall},
		{"limit 101", func(r *tat.DescribeInvokersRequest) { r.Limit = common.Uint64Ptr(101) }, codeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := tat.NewDescribeInvokersRequest()
			tt.change(r)
			_, err := c.DescribeInvokers(r)
			assertCode(t, err, tt.wantCode)
		})
	}
}

func TestDeleteCommandOfAnInvoker(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "bound", "true")
	id := createInvoker(t, c, newInvokerRequest(cmd, recurring("0 0 * * *"), "ins-aaaa0001"))

	delCmd := tat.NewDeleteCommandRequest()
	delCmd.CommandId = &cmd
	_, err := c.DeleteCommand(delCmd)
	assertCode(t, err, codeCommandInInvoker)
	if _, ok := env.svc.Command(cmd); !ok {
		t.Fatal("the refused DeleteCommand deleted the command")
	}

	delInvoker := tat.NewDeleteInvokerRequest()
	delInvoker.InvokerId = &id
	_, err = c.DeleteInvoker(delInvoker)
	mustSucceed(t, err)
	_, err = c.DeleteCommand(delCmd)
	mustSucceed(t, err)
}

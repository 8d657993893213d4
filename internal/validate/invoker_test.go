package validate_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func validateString(v validator.String, attribute string, value types.String) diag.Diagnostics {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(attribute), ConfigValue: value}, resp)
	return resp.Diagnostics
}

func TestTATCron(t *testing.T) {
	cases := map[string]struct {
		expr string
		want string // a pattern the error must match; empty for a valid expression
	}{
		"first of the month":      {expr: "0 0 1 * *"},
		"every 15 minutes":        {expr: "*/15 * * * *"},
		"weekdays at 03:30":       {expr: "30 3 * * 1-5"},
		"names":                   {expr: "0 4 * jan,JUL sun"},
		"lists and steps":         {expr: "0,30 8-18/2 * * *"},
		"day of month and week":   {expr: "0 0 1 * MON"},
		"question mark":           {expr: "0 0 ? * MON"},
		"leap day":                {expr: "0 0 29 2 *"},
		"extra blanks":            {expr: " 0  3 * * * "},
		"six fields":              {expr: "0 0 3 * * *", want: `the cron parser says: expected exactly 5 fields, found 6`},
		"four fields":             {expr: "0 3 * *", want: `the cron parser says: expected exactly 5 fields, found 4`},
		"empty":                   {expr: "", want: `the cron parser says: empty spec string`},
		"minute 60":               {expr: "60 * * * *", want: `the cron parser says: end of range \(60\) above maximum \(59\): 60`},
		"hour 24":                 {expr: "0 24 * * *", want: `above maximum \(23\)`},
		"day of month 0":          {expr: "0 0 0 * *", want: `beginning of range \(0\) below minimum \(1\)`},
		"month 13":                {expr: "0 0 1 13 *", want: `above maximum \(12\)`},
		"day of week 7":           {expr: "0 0 * * 7", want: `end of range \(7\) above maximum \(6\)`},
		"descending range":        {expr: "5-1 * * * *", want: `beginning of range \(5\) beyond end of range \(1\)`},
		"step of zero":            {expr: "*/0 * * * *", want: `step of range should be a positive number`},
		"words":                   {expr: "at noon on every day", want: `the cron parser says: failed to parse int from at`},
		"descriptor":              {expr: "@daily", want: `the cron parser says: parser does not accept descriptors: @daily`},
		"time zone prefix":        {expr: "TZ=Asia/Shanghai 0 3 * * *", want: `a time zone prefix is not allowed, TAT always reads the expression in UTC\+8`},
		"time zone prefix alone":  {expr: "CRON_TZ=UTC", want: `a time zone prefix is not allowed`},
		"never: 31 February":      {expr: "0 0 31 2 *", want: `it matches no date, so the invoker would never run, got: "0 0 31 2 \*"`},
		"never: 30 February only": {expr: "0 0 30 2 *", want: `it matches no date`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checkDiagnostics(t, validateString(validate.TATCron(), "recurrence", types.StringValue(tc.expr)), tc.want)
		})
	}
}

func TestTATCron_messageNamesTheAttributeAndTheForm(t *testing.T) {
	diags := validateString(validate.TATCron(), "recurrence", types.StringValue("0 0 0 3 * *"))
	checkDiagnostics(t, diags, `^Attribute recurrence must be a cron expression of 5 fields, <minute> <hour> <day-of-month> <month> <day-of-week>, read in UTC\+8 \(Beijing time\)`)
	if got := diags.Errors()[0].Summary(); got != "Invalid Cron Expression" {
		t.Errorf("summary %q, want Invalid Cron Expression", got)
	}
}

func TestRFC3339WithOffset(t *testing.T) {
	cases := map[string]struct {
		value string
		want  string
	}{
		"UTC":                  {value: "2026-09-01T00:00:00Z"},
		"Beijing":              {value: "2026-09-01T08:00:00+08:00"},
		"negative offset":      {value: "2026-09-01T00:00:00-05:30"},
		"no offset":            {value: "2026-09-01T00:00:00", want: `it is not of the form YYYY-MM-DDThh:mm:ss followed by Z or an offset such as \+08:00, got: "2026-09-01T00:00:00"`},
		"date only":            {value: "2026-09-01", want: `it is not of the form`},
		"space for T":          {value: "2026-09-01 00:00:00+08:00", want: `it is not of the form`},
		"lower case z":         {value: "2026-09-01T00:00:00z", want: `it is not of the form`},
		"fraction of second":   {value: "2026-09-01T00:00:00.5Z", want: `it is not of the form`},
		"offset without colon": {value: "2026-09-01T00:00:00+0800", want: `it is not of the form`},
		"invalid day":          {value: "2026-02-30T00:00:00Z", want: `it is not a valid date and time: .*day out of range`},
		"invalid hour":         {value: "2026-09-01T25:00:00Z", want: `it is not a valid date and time: .*hour out of range`},
		"empty":                {value: "", want: `it is not of the form`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checkDiagnostics(t, validateString(validate.RFC3339WithOffset(), "invoke_time", types.StringValue(tc.value)), tc.want)
		})
	}
}

func TestParseRFC3339WithOffset(t *testing.T) {
	beijing, err := validate.ParseRFC3339WithOffset("2026-09-01T08:00:00+08:00")
	if err != nil {
		t.Fatal(err)
	}
	utc, err := validate.ParseRFC3339WithOffset("2026-09-01T00:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	if !beijing.Equal(utc) {
		t.Errorf("%s and %s are the same instant", beijing, utc)
	}
	if _, err := validate.ParseRFC3339WithOffset("tomorrow"); err == nil {
		t.Error("tomorrow parsed")
	}
}

func TestTATInvokerID(t *testing.T) {
	cases := map[string]struct {
		id   string
		want string
	}{
		"valid":      {id: "ivk-n0t6rxtv"},
		"upper case": {id: "ivk-N0T6RXTV", want: `Attribute invoker_id must be a TAT invoker ID: ivk- followed by 8 lowercase letters or digits, got: ivk-N0T6RXTV`},
		"too short":  {id: "ivk-1234", want: `must be a TAT invoker ID`},
		"command":    {id: "cmd-12345678", want: `must be a TAT invoker ID`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checkDiagnostics(t, validateString(validate.TATInvokerID(), "invoker_id", types.StringValue(tc.id)), tc.want)
		})
	}
}

func TestInvokerValidators_nullAndUnknownPass(t *testing.T) {
	for name, v := range map[string]validator.String{
		"cron": validate.TATCron(), "time": validate.RFC3339WithOffset(), "id": validate.TATInvokerID(),
	} {
		for _, value := range []types.String{types.StringNull(), types.StringUnknown()} {
			if diags := validateString(v, "x", value); diags.HasError() {
				t.Errorf("%s(%s): unexpected errors %v", name, value, diags)
			}
		}
	}
}

// scheduleSchema is a block with a policy and two settings that depend on
// it, the shape the sibling rules are made for.
var scheduleSchema = schema.Schema{Blocks: map[string]schema.Block{
	"schedule": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
		"policy":     schema.StringAttribute{Optional: true},
		"recurrence": schema.StringAttribute{Optional: true},
	}},
}}

// scheduleConfig is a configuration of scheduleSchema; nil is null and
// unknownValue unknown.
func scheduleConfig(policy, recurrence any) tfsdk.Config {
	objectType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"policy": tftypes.String, "recurrence": tftypes.String}}
	value := func(v any) tftypes.Value {
		if v == unknownValue {
			return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		}
		return tftypes.NewValue(tftypes.String, v)
	}
	schedule := tftypes.NewValue(objectType, map[string]tftypes.Value{"policy": value(policy), "recurrence": value(recurrence)})
	root := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"schedule": objectType}},
		map[string]tftypes.Value{"schedule": schedule})
	return tfsdk.Config{Schema: scheduleSchema, Raw: root}
}

// unknownValue marks an unknown value for scheduleConfig.
const unknownValue = "<unknown>"

func TestSiblingRules(t *testing.T) {
	recurrencePath := path.Root("schedule").AtName("recurrence")
	required := validate.RequiredWhenSiblingIs("policy", "RECURRENCE")
	forbidden := validate.ForbiddenWhenSiblingIs("policy", "ONCE")
	cases := map[string]struct {
		rule       validator.String
		policy     any
		recurrence any
		want       string
	}{
		"required and set":           {rule: required, policy: "RECURRENCE", recurrence: "0 0 * * *"},
		"required and missing":       {rule: required, policy: "RECURRENCE", want: `^Attribute schedule.recurrence is required when policy is "RECURRENCE".$`},
		"required for another value": {rule: required, policy: "ONCE"},
		"required, sibling unknown":  {rule: required, policy: unknownValue},
		"required, sibling null":     {rule: required},
		"required, value unknown":    {rule: required, policy: "RECURRENCE", recurrence: unknownValue},
		"forbidden and set":          {rule: forbidden, policy: "ONCE", recurrence: "0 0 * * *", want: `^Attribute schedule.recurrence must not be set when policy is "ONCE".$`},
		"forbidden and missing":      {rule: forbidden, policy: "ONCE"},
		"forbidden for another":      {rule: forbidden, policy: "RECURRENCE", recurrence: "0 0 * * *"},
		"forbidden, sibling unknown": {rule: forbidden, policy: unknownValue, recurrence: "0 0 * * *"},
		"forbidden, value unknown":   {rule: forbidden, policy: "ONCE", recurrence: unknownValue},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			config := scheduleConfig(tc.policy, tc.recurrence)
			var value types.String
			if d := config.GetAttribute(context.Background(), recurrencePath, &value); d.HasError() {
				t.Fatal(d)
			}
			resp := &validator.StringResponse{}
			tc.rule.ValidateString(context.Background(), validator.StringRequest{Path: recurrencePath, ConfigValue: value, Config: config}, resp)
			checkDiagnostics(t, resp.Diagnostics, tc.want)
		})
	}
}

func TestSiblingRules_describeTheRule(t *testing.T) {
	ctx := context.Background()
	if got := validate.RequiredWhenSiblingIs("policy", "RECURRENCE").MarkdownDescription(ctx); got != "required when `policy` is `RECURRENCE`" {
		t.Errorf("markdown description %q", got)
	}
	if got := validate.ForbiddenWhenSiblingIs("policy", "ONCE").Description(ctx); got != `must not be set when policy is "ONCE"` {
		t.Errorf("description %q", got)
	}
}

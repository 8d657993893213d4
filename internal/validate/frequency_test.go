package validate_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

func TestECSFrequency(t *testing.T) {
	cases := map[string]struct {
		frequency string
		want      string // a pattern the error must match; empty for a valid schedule
	}{
		"rate minutes":             {frequency: "rate(5m)"},
		"rate 60 seconds":          {frequency: "rate(60s)"},
		"rate 7 days":              {frequency: "rate(7d)"},
		"rate 168 hours":           {frequency: "rate(168h)"},
		"rate 59 seconds":          {frequency: "rate(59s)", want: `the interval is 59s, shorter than 60 seconds, got: "rate\(59s\)"`},
		"rate 8 days":              {frequency: "rate(8d)", want: `the interval is longer than 7 days, got: "rate\(8d\)"`},
		"rate huge":                {frequency: "rate(99999999999999999999d)", want: `the interval is longer than 7 days`},
		"rate without unit":        {frequency: "rate(5)", want: `a rate is a whole number and one unit, s, m, h or d, such as rate\(5m\)`},
		"rate with a space":        {frequency: "rate(5 m)", want: `a rate is a whole number and one unit`},
		"rate weeks":               {frequency: "rate(1w)", want: `a rate is a whole number and one unit`},
		"at without zone":          {frequency: "at(2026-06-06 13:15:30)"},
		"at IANA zone":             {frequency: "at(2026-06-06 13:15:30 Asia/Shanghai)"},
		"at GMT offset":            {frequency: "at(2026-06-06 13:15:30 GMT-7:00)"},
		"at GMT half hour":         {frequency: "at(2026-06-06 13:15:30 GMT+5:30)"},
		"at UTC":                   {frequency: "at(2026-06-06 13:15:30 UTC)"},
		"at bad date":              {frequency: "at(2026-02-30 13:15:30)", want: `2026-02-30 13:15:30 is not a valid date and time`},
		"at ISO form":              {frequency: "at(2026-06-06T13:15:30Z)", want: `a single run is at\(yyyy-MM-dd HH:mm:ss\) with an optional time zone`},
		"at unknown zone":          {frequency: "at(2026-06-06 13:15:30 Mars/Olympus)", want: `unknown time zone Mars/Olympus: a time zone is UTC, GMT\+H:MM such as GMT\+8:00, or an IANA name such as Asia/Shanghai`},
		"at Local":                 {frequency: "at(2026-06-06 13:15:30 Local)", want: `unknown time zone Local`},
		"at GMT without offset":    {frequency: "at(2026-06-06 13:15:30 GMT+8)", want: `unknown time zone GMT\+8`},
		"at GMT offset too wide":   {frequency: "at(2026-06-06 13:15:30 GMT+15:00)", want: `GMT\+15:00 is not a UTC offset`},
		"cron every 20 minutes":    {frequency: "0 */20 * * * ?"},
		"cron with year":           {frequency: "0 15 10 ? * * 2026"},
		"cron with year and IANA":  {frequency: "0 15 10 ? * * 2026 Asia/Shanghai"},
		"cron nightly, IANA zone":  {frequency: "0 0 3 * * ? Asia/Shanghai"},
		"cron with GMT offset":     {frequency: "0 0/30 10-11 * * ? GMT+8:00"},
		"cron year step and UTC":   {frequency: "0 0/5 14 * 10 ? 2026/2 UTC"},
		"cron last day":            {frequency: "0 0 12 L * ?"},
		"cron nth weekday":         {frequency: "0 0 12 ? * 6#3"},
		"cron weekend by name":     {frequency: "0 0 9 ? * SAT-SUN"},
		"cron weekdays by name":    {frequency: "0 0 9 ? * mon-fri"},
		"cron every 10 seconds":    {frequency: "*/10 * * * * ?"},
		"cron every 5 seconds":     {frequency: "*/5 * * * * ?", want: `two runs are only 5s apart, and Cloud Assistant needs at least 10s between runs, got: "\*/5 \* \* \* \* \?"`},
		"cron seconds 0 and 3":     {frequency: "0,3 * * * * ?", want: `two runs are only 3s apart`},
		"cron every second":        {frequency: "* * * * * ? UTC", want: `two runs are only 1s apart`},
		"cron five fields":         {frequency: "*/5 * * * *", want: `a cron expression has 6 or 7 fields before the time zone, this one has 5`},
		"cron second out of range": {frequency: "61 0 0 * * ?", want: `invalid cron expression: parse cron expression: invalid numeric field 61`},
		"cron both days":           {frequency: "0 0 12 1 * MON", want: `invalid cron expression: parse cron expression: day field set twice`},
		"cron weekday 8":           {frequency: "0 0 12 ? * 8", want: `invalid cron expression`},
		"cron descending days":     {frequency: "0 0 9 ? * SUN-MON", want: `invalid cron expression`},
		"cron unknown zone":        {frequency: "0 0 12 * * ? 2026 Nowhere/City", want: `unknown time zone Nowhere/City`},
		"cron descriptor":          {frequency: "@daily", want: `a cron expression has 6 or 7 fields before the time zone, this one has 1`},
		"empty":                    {frequency: "", want: `a cron expression has 6 or 7 fields before the time zone, this one has 0`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resp := &validator.StringResponse{}
			validate.ECSFrequency().ValidateString(context.Background(), validator.StringRequest{
				Path:        path.Root("frequency"),
				ConfigValue: types.StringValue(tc.frequency),
			}, resp)
			checkDiagnostics(t, resp.Diagnostics, tc.want)
		})
	}
}

func TestECSFrequency_messageNamesTheAttributeAndTheForms(t *testing.T) {
	resp := &validator.StringResponse{}
	validate.ECSFrequency().ValidateString(context.Background(), validator.StringRequest{
		Path:        path.Root("frequency"),
		ConfigValue: types.StringValue("rate(1s)"),
	}, resp)
	checkDiagnostics(t, resp.Diagnostics,
		`^Attribute frequency must be rate\(<n><s\|m\|h\|d>\) with an interval between 60 seconds and 7 days, at\(yyyy-MM-dd HH:mm:ss \[time zone\]\), or a cron expression`)
}

func TestECSFrequency_nullAndUnknownPass(t *testing.T) {
	for _, value := range []types.String{types.StringNull(), types.StringUnknown()} {
		resp := &validator.StringResponse{}
		validate.ECSFrequency().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("frequency"), ConfigValue: value}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s: unexpected errors %v", value, resp.Diagnostics)
		}
	}
}

func TestECSContainerID(t *testing.T) {
	hex64 := "ab141ddfbacfe02d9dbc25966ed971536124527097398d419a6746873fea0123"
	cases := map[string]struct {
		id   string
		want string
	}{
		"bare":       {id: hex64},
		"docker":     {id: "docker://" + hex64},
		"containerd": {id: "containerd://" + hex64},
		"cri-o":      {id: "cri-o://" + hex64},
		"short":      {id: hex64[:12], want: `Attribute container_id must be 64 lowercase hexadecimal digits, optionally prefixed by docker://, containerd:// or cri-o://`},
		"upper case": {id: "AB" + hex64[2:], want: `must be 64 lowercase hexadecimal digits`},
		"podman":     {id: "podman://" + hex64, want: `must be 64 lowercase hexadecimal digits`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resp := &validator.StringResponse{}
			validate.ECSContainerID().ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("container_id"), ConfigValue: types.StringValue(tc.id),
			}, resp)
			checkDiagnostics(t, resp.Diagnostics, tc.want)
		})
	}
}

func TestECSScheduleGap(t *testing.T) {
	cases := map[string]struct {
		frequency string
		gap       time.Duration
		isRate    bool
		ok        bool
	}{
		"rate":                  {frequency: "rate(5m)", gap: 5 * time.Minute, isRate: true, ok: true},
		"cron every 20 minutes": {frequency: "0 */20 * * * ?", gap: 20 * time.Minute, ok: true},
		"cron twice a minute":   {frequency: "0,15 * * * * ? Asia/Shanghai", gap: 15 * time.Second, ok: true},
		"cron nightly":          {frequency: "0 0 3 * * ?", gap: 24 * time.Hour, ok: true},
		"cron in a past year":   {frequency: "0 15 10 ? * * 2001"},
		"one run at a time":     {frequency: "at(2026-06-06 13:15:30)"},
		"not a valid schedule":  {frequency: "rate(5)"},
		"cron runs too often":   {frequency: "*/5 * * * * ?"},
		"cron weekdays by name": {frequency: "0 0 9 ? * MON-FRI", gap: 24 * time.Hour, ok: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			gap, isRate, ok := validate.ECSScheduleGap(tc.frequency)
			if gap != tc.gap || isRate != tc.isRate || ok != tc.ok {
				t.Errorf("ECSScheduleGap(%q) = %s, %t, %t; want %s, %t, %t", tc.frequency, gap, isRate, ok, tc.gap, tc.isRate, tc.ok)
			}
		})
	}
}

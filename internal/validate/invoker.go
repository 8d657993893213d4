package validate

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/robfig/cron/v3"
)

// TATInvokerIDPattern is the form of a TAT invoker ID.
var TATInvokerIDPattern = regexp.MustCompile(`^ivk-[a-z0-9]{8}$`)

// TATInvokerID checks the form of a TAT invoker ID.
func TATInvokerID() validator.String {
	return stringvalidator.RegexMatches(TATInvokerIDPattern, "must be a TAT invoker ID: ivk- followed by 8 lowercase letters or digits")
}

// tatCronParser reads the classic five-field crontab that TAT invokers take
// (TAT ScheduleSettings: Recurrence): no seconds field and no @-descriptors,
// which the service does not document.
var tatCronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// tatCronZone is the zone TAT reads invoker cron expressions in.
var tatCronZone = time.FixedZone("UTC+8", 8*60*60)

// cronZonePrefixes are the cron library's own time zone prefixes. TAT has no
// such syntax, and the library cuts the zone at the first space, so a
// prefix without one would not even parse safely.
var cronZonePrefixes = []string{"TZ=", "CRON_TZ="}

type tatCron struct{}

// TATCron checks a TAT invoker's recurrence: a five-field cron expression
// (minute, hour, day of month, month, day of week) that fires at least once
// in the coming years. The parser's own message is part of the error.
func TATCron() validator.String { return tatCron{} }

func (tatCron) Description(_ context.Context) string {
	return "must be a cron expression of 5 fields, <minute> <hour> <day-of-month> <month> <day-of-week>, " +
		`read in UTC+8 (Beijing time), such as "0 3 * * *" for 03:00 every day`
}

func (v tatCron) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tatCron) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if problem := tatCronProblem(value, time.Now()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Cron Expression",
			fmt.Sprintf("Attribute %s %s: %s, got: %q", req.Path, v.Description(ctx), problem, value))
	}
}

// tatCronProblem says what is wrong with a TAT cron expression, or "".
func tatCronProblem(expr string, now time.Time) string {
	for _, prefix := range cronZonePrefixes {
		if strings.HasPrefix(strings.TrimSpace(expr), prefix) {
			return "a time zone prefix is not allowed, TAT always reads the expression in UTC+8"
		}
	}
	schedule, err := tatCronParser.Parse(expr)
	if err != nil {
		return "the cron parser says: " + err.Error()
	}
	// The library gives up after five years without a match, which only an
	// impossible date such as 31 February reaches.
	if schedule.Next(now.In(tatCronZone)).IsZero() {
		return "it matches no date, so the invoker would never run"
	}
	return ""
}

// invokeTimePattern is RFC 3339 to the second with an explicit offset, the
// form TAT documents for ScheduleSettings.InvokeTime: no fractions of a
// second, and "T" and "Z" in upper case.
var invokeTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$`)

// ParseRFC3339WithOffset reads a time such as 2026-09-01T00:00:00+08:00 or
// 2026-08-31T16:00:00Z, with the reason when it is not one.
func ParseRFC3339WithOffset(s string) (time.Time, error) {
	if !invokeTimePattern.MatchString(s) {
		return time.Time{}, fmt.Errorf("it is not of the form YYYY-MM-DDThh:mm:ss followed by Z or an offset such as +08:00")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("it is not a valid date and time: %w", err)
	}
	return t, nil
}

type rfc3339WithOffset struct{}

// RFC3339WithOffset checks a point in time written as RFC 3339 to the
// second with an explicit offset (Z or ±hh:mm), so it never depends on the
// zone of the machine that runs Terraform.
func RFC3339WithOffset() validator.String { return rfc3339WithOffset{} }

func (rfc3339WithOffset) Description(_ context.Context) string {
	return "must be an RFC 3339 time to the second with an offset, such as 2026-09-01T00:00:00+08:00 or 2026-08-31T16:00:00Z"
}

func (v rfc3339WithOffset) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v rfc3339WithOffset) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := ParseRFC3339WithOffset(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Time",
			fmt.Sprintf("Attribute %s %s: %s, got: %q", req.Path, v.Description(ctx), err, req.ConfigValue.ValueString()))
	}
}

// siblingRule ties whether a string attribute may be set to the value of a
// sibling attribute in the same object, such as a schedule's policy.
type siblingRule struct {
	sibling  string
	value    string
	required bool // true: must be set when sibling == value; false: must not be
}

// RequiredWhenSiblingIs requires the attribute when its sibling attribute
// (in the same block or object) has the given value.
func RequiredWhenSiblingIs(sibling, value string) validator.String {
	return siblingRule{sibling: sibling, value: value, required: true}
}

// ForbiddenWhenSiblingIs rejects the attribute when its sibling attribute
// (in the same block or object) has the given value.
func ForbiddenWhenSiblingIs(sibling, value string) validator.String {
	return siblingRule{sibling: sibling, value: value}
}

func (v siblingRule) Description(_ context.Context) string {
	if v.required {
		return fmt.Sprintf("is required when %s is %q", v.sibling, v.value)
	}
	return fmt.Sprintf("must not be set when %s is %q", v.sibling, v.value)
}

func (v siblingRule) MarkdownDescription(_ context.Context) string {
	if v.required {
		return fmt.Sprintf("required when `%s` is `%s`", v.sibling, v.value)
	}
	return fmt.Sprintf("must not be set when `%s` is `%s`", v.sibling, v.value)
}

func (v siblingRule) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsUnknown() {
		return
	}
	var sibling types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName(v.sibling), &sibling)...)
	// An unknown sibling is decided once it is known.
	if resp.Diagnostics.HasError() || sibling.IsUnknown() || sibling.ValueString() != v.value {
		return
	}
	if set := !req.ConfigValue.IsNull(); set != v.required {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Combination",
			fmt.Sprintf("Attribute %s %s.", req.Path, v.Description(ctx)))
	}
}

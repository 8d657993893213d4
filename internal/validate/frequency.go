package validate

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	// The provider may run where the system has no zoneinfo (Windows,
	// minimal containers); the IANA names in a schedule must still check.
	_ "time/tzdata"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/reugn/go-quartz/quartz"
)

// Bounds of a Cloud Assistant rate(...) schedule (ECS RunCommand and
// InvokeCommand: Frequency, a rate interval of 60 seconds to 7 days).
const (
	rateIntervalMin = 60 * time.Second
	rateIntervalMax = 7 * 24 * time.Hour
)

var (
	ratePattern = regexp.MustCompile(`^rate\((\d+)([smhd])\)$`)
	atPattern   = regexp.MustCompile(`^at\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: (\S+))?\)$`)
	// gmtOffsetPattern is the vendor's offset form: GMT+8:00, GMT-7:00,
	// GMT+5:30.
	gmtOffsetPattern = regexp.MustCompile(`^GMT[+-](\d{1,2}):(\d{2})$`)
	// cronYearPattern tells a cron year field from a time zone: a year
	// holds only digits and cron's list, range and step characters.
	cronYearPattern = regexp.MustCompile(`^[0-9*,/-]+$`)
	weekdayNames    = regexp.MustCompile(`(?i)MON|TUE|WED|THU|FRI|SAT|SUN`)
)

// vendorWeekdayOrder is Cloud Assistant's day-of-week numbering, from 1.
var vendorWeekdayOrder = []string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}

// rateUnits maps a rate(...) unit to its length.
var rateUnits = map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}

type ecsFrequency struct{}

// ECSFrequency checks a Cloud Assistant schedule (the Frequency of
// RunCommand and InvokeCommand) in one of its three forms: rate(<n><unit>)
// between 60 seconds and 7 days; at(yyyy-MM-dd HH:mm:ss [time zone]); or a
// Quartz-style cron expression of 6 or 7 fields (seconds first, the year
// optional) followed by an optional time zone. A time zone is UTC, GMT±H:MM
// or an IANA name.
func ECSFrequency() validator.String { return ecsFrequency{} }

func (ecsFrequency) Description(_ context.Context) string {
	return "must be rate(<n><s|m|h|d>) with an interval between 60 seconds and 7 days, " +
		"at(yyyy-MM-dd HH:mm:ss [time zone]), or a cron expression " +
		"<second> <minute> <hour> <day-of-month> <month> <day-of-week> [<year>] [<time zone>]; " +
		"a time zone is UTC, GMT+H:MM (such as GMT+8:00) or an IANA name (such as Asia/Shanghai)"
}

func (v ecsFrequency) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v ecsFrequency) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if problem := frequencyProblem(value); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Schedule",
			fmt.Sprintf("Attribute %s %s: %s, got: %q", req.Path, v.Description(ctx), problem, value))
	}
}

// frequencyProblem says what is wrong with a schedule, or "" when nothing
// is. The form is told by its opening word, so the message speaks of the
// form the user meant.
func frequencyProblem(s string) string {
	switch {
	case strings.HasPrefix(s, "rate("):
		return rateProblem(s)
	case strings.HasPrefix(s, "at("):
		return atProblem(s)
	default:
		return cronProblem(s)
	}
}

func rateProblem(s string) string {
	m := ratePattern.FindStringSubmatch(s)
	if m == nil {
		return "a rate is a whole number and one unit, s, m, h or d, such as rate(5m)"
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	unit := rateUnits[m[2]]
	if err != nil || n > int64(rateIntervalMax/unit) {
		return "the interval is longer than 7 days"
	}
	if interval := time.Duration(n) * unit; interval < rateIntervalMin {
		return fmt.Sprintf("the interval is %s, shorter than 60 seconds", interval)
	}
	return ""
}

func atProblem(s string) string {
	m := atPattern.FindStringSubmatch(s)
	if m == nil {
		return "a single run is at(yyyy-MM-dd HH:mm:ss) with an optional time zone, such as at(2026-06-06 13:15:30 Asia/Shanghai)"
	}
	if _, err := time.Parse(time.DateTime, m[1]); err != nil {
		return fmt.Sprintf("%s is not a valid date and time", m[1])
	}
	if m[2] != "" {
		return timeZoneProblem(m[2])
	}
	return ""
}

// cronProblem checks a cron expression with the Quartz parser, after
// taking off a trailing time zone and writing day-of-week names as the
// vendor numbers them, and checks that its runs are far enough apart.
func cronProblem(s string) string {
	expr, problem := quartzExpression(s)
	if problem != "" {
		return problem
	}
	if err := quartz.ValidateCronExpression(expr); err != nil {
		return "invalid cron expression: " + err.Error()
	}
	if gap, ok := cronGap(expr); ok && gap < cronGapMin {
		return fmt.Sprintf("two runs are only %s apart, and Cloud Assistant needs at least %s between runs", gap, cronGapMin)
	}
	return ""
}

// quartzExpression is the cron expression s as the Quartz parser reads it:
// without its time zone, with day-of-week names as the vendor numbers them.
func quartzExpression(s string) (string, string) {
	fields := strings.Fields(s)
	if n := len(fields); n == 8 || (n == 7 && !cronYearPattern.MatchString(fields[6])) {
		if problem := timeZoneProblem(fields[n-1]); problem != "" {
			return "", problem
		}
		fields = fields[:n-1]
	}
	if len(fields) != 6 && len(fields) != 7 {
		return "", fmt.Sprintf("a cron expression has 6 or 7 fields before the time zone, this one has %d", len(fields))
	}
	fields[5] = vendorWeekdays(fields[5])
	return strings.Join(fields, " "), ""
}

// Cloud Assistant runs a cron schedule at most once every 10 seconds
// (ECS RunCommand and InvokeCommand: Frequency). A schedule's shortest gap is looked for among its next
// cronGapSample runs: enough for any pattern that repeats within a day
// (every few seconds, a list of seconds or minutes), without walking a
// whole year of runs at plan time.
const (
	cronGapMin    = 10 * time.Second
	cronGapSample = 64
)

// cronGap is the shortest gap between two of the next runs of a Quartz
// expression, in UTC; ok is false when it has fewer than two runs to come.
func cronGap(expr string) (gap time.Duration, ok bool) {
	trigger, err := quartz.NewCronTrigger(expr)
	if err != nil {
		return 0, false
	}
	prev, err := trigger.NextFireTime(time.Now().UnixNano())
	if err != nil {
		return 0, false
	}
	for range cronGapSample {
		next, err := trigger.NextFireTime(prev)
		if err != nil {
			break
		}
		if d := time.Duration(next - prev); !ok || d < gap {
			gap, ok = d, true
		}
		prev = next
	}
	return gap, ok
}

// ECSScheduleGap is the time between two runs of a valid periodic Cloud
// Assistant schedule: the interval of rate(...), or the shortest gap among
// the next runs of a cron expression. ok is false for at(...), for a
// schedule with fewer than two runs to come, and for one that is not valid
// (ECSFrequency reports that). isRate tells the rate form, whose interval
// must be longer than the timeout, from cron, whose gaps must not be
// shorter than it.
func ECSScheduleGap(frequency string) (gap time.Duration, isRate, ok bool) {
	if frequencyProblem(frequency) != "" {
		return 0, false, false
	}
	switch {
	case strings.HasPrefix(frequency, "rate("):
		m := ratePattern.FindStringSubmatch(frequency)
		n, _ := strconv.ParseInt(m[1], 10, 64) // rateProblem checked it
		return time.Duration(n) * rateUnits[m[2]], true, true
	case strings.HasPrefix(frequency, "at("):
		return 0, false, false
	default:
		expr, _ := quartzExpression(frequency) // cronProblem checked it
		gap, ok := cronGap(expr)
		return gap, false, ok
	}
}

// vendorWeekdays rewrites day-of-week names as numbers the way Cloud
// Assistant counts (1 = Monday ... 7 = Sunday). Quartz counts from Sunday,
// so it would refuse ranges such as SAT-SUN that the vendor accepts; both
// take the numbers 1 to 7, so numbers can be checked as they are.
func vendorWeekdays(field string) string {
	return weekdayNames.ReplaceAllStringFunc(field, func(name string) string {
		for i, d := range vendorWeekdayOrder {
			if strings.EqualFold(d, name) {
				return strconv.Itoa(i + 1)
			}
		}
		return name
	})
}

// timeZoneProblem checks a schedule's time zone: UTC, GMT±H:MM, or an IANA
// name the Go time zone database knows.
func timeZoneProblem(tz string) string {
	const forms = "a time zone is UTC, GMT+H:MM such as GMT+8:00, or an IANA name such as Asia/Shanghai"
	if tz == "UTC" {
		return ""
	}
	if m := gmtOffsetPattern.FindStringSubmatch(tz); m != nil {
		hours, _ := strconv.Atoi(m[1])   // the pattern allows digits only
		minutes, _ := strconv.Atoi(m[2]) // the pattern allows digits only
		if hours > 14 || minutes > 59 {
			return fmt.Sprintf("%s is not a UTC offset: %s", tz, forms)
		}
		return ""
	}
	// "Local" would be the provider's own zone, not one the agent knows.
	if strings.HasPrefix(tz, "GMT") || tz == "Local" {
		return fmt.Sprintf("unknown time zone %s: %s", tz, forms)
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return fmt.Sprintf("unknown time zone %s: %s", tz, forms)
	}
	return ""
}

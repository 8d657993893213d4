package tencent

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The fake reads invoker schedules with its own crontab code rather than the
// library the provider checks them with: a bug shared by both sides of the
// wire would otherwise pass every test.

// cronZone is where TAT reads an invoker's cron expression: Beijing time,
// which has no daylight saving.
var cronZone = time.FixedZone("UTC+8", 8*60*60)

// cronSearchYears bounds the search for the next firing: an expression that
// matches nothing in that time (31 February) never fires.
const cronSearchYears = 5

// cronSchedule is a five-field crontab expression: minute, hour, day of
// month, month and day of week.
type cronSchedule struct {
	minutes, hours, days, months, weekdays uint64 // bit n set: value n matches
	// Classic cron matches a day when either day field matches, if both are
	// restricted; a field written as * (or ?) leaves the choice to the other.
	anyDay, anyWeekday bool
}

// cronField describes one field's range and the names it accepts, which
// stand for min, min+1, ... in order.
type cronField struct {
	name     string
	min, max int
	names    []string
}

var (
	minuteField  = cronField{name: "minute", min: 0, max: 59}
	hourField    = cronField{name: "hour", min: 0, max: 23}
	dayField     = cronField{name: "day-of-month", min: 1, max: 31}
	monthField   = cronField{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}}
	weekdayField = cronField{name: "day-of-week", min: 0, max: 7, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}}
)

// parseCron reads a crontab expression of exactly five fields. Each field
// is a comma-separated list of *, a value or a range a-b, each optionally
// followed by /step; ? means * in the day fields; months and days of the
// week may be named (JAN, MON, in any case); 0 and 7 are both Sunday.
func parseCron(expr string) (*cronSchedule, error) {
	fields := strings.Fields(expr)
	if len(fields) != 5 {
		return nil, fmt.Errorf("a cron expression has 5 fields (minute hour day-of-month month day-of-week), got %d", len(fields))
	}
	var c cronSchedule
	var err error
	parse := func(text string, f cronField) uint64 {
		if err != nil {
			return 0
		}
		var bits uint64
		bits, err = f.parse(text)
		return bits
	}
	c.minutes = parse(fields[0], minuteField)
	c.hours = parse(fields[1], hourField)
	c.days = parse(fields[2], dayField)
	c.months = parse(fields[3], monthField)
	c.weekdays = parse(fields[4], weekdayField)
	if err != nil {
		return nil, err
	}
	if c.weekdays&(1<<7) != 0 {
		c.weekdays |= 1 // 7 is another name for Sunday
	}
	c.anyDay = isWildcard(fields[2])
	c.anyWeekday = isWildcard(fields[4])
	return &c, nil
}

func isWildcard(field string) bool {
	return strings.HasPrefix(field, "*") || field == "?"
}

func (f cronField) parse(text string) (uint64, error) {
	var bits uint64
	for item := range strings.SplitSeq(text, ",") {
		b, err := f.parseItem(item)
		if err != nil {
			return 0, fmt.Errorf("%s field %q: %w", f.name, text, err)
		}
		bits |= b
	}
	return bits, nil
}

// parseItem reads one element of a list: a range with an optional step.
func (f cronField) parseItem(item string) (uint64, error) {
	rangeText, stepText, hasStep := strings.Cut(item, "/")
	step := 1
	if hasStep {
		n, err := strconv.Atoi(stepText)
		if err != nil || n < 1 {
			return 0, fmt.Errorf("the step %q is not a positive number", stepText)
		}
		step = n
	}
	low, high, err := f.parseRange(rangeText, hasStep)
	if err != nil {
		return 0, err
	}
	var bits uint64
	for v := low; v <= high; v += step {
		bits |= 1 << v
	}
	return bits, nil
}

// parseRange reads *, a value or a-b. A single value with a step runs to
// the end of the field, as in 5/15.
func (f cronField) parseRange(text string, stepped bool) (int, int, error) {
	if text == "*" || (text == "?" && (f.name == dayField.name || f.name == weekdayField.name)) {
		return f.min, f.max, nil
	}
	lowText, highText, isRange := strings.Cut(text, "-")
	low, err := f.value(lowText)
	if err != nil {
		return 0, 0, err
	}
	high := low
	switch {
	case isRange:
		if high, err = f.value(highText); err != nil {
			return 0, 0, err
		}
	case stepped:
		high = f.max
	}
	if low > high {
		return 0, 0, fmt.Errorf("the range %s runs backwards", text)
	}
	return low, high, nil
}

// value reads a number or a name of the field, within its bounds.
func (f cronField) value(text string) (int, error) {
	for i, name := range f.names {
		if strings.EqualFold(text, name) {
			return f.min + i, nil
		}
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", text)
	}
	if n < f.min || n > f.max {
		return 0, fmt.Errorf("%d is outside %d-%d", n, f.min, f.max)
	}
	return n, nil
}

func has(bits uint64, v int) bool { return bits&(1<<v) != 0 }

// dayMatches applies the day-of-month and day-of-week fields to a date.
func (c *cronSchedule) dayMatches(t time.Time) bool {
	day, weekday := has(c.days, t.Day()), has(c.weekdays, int(t.Weekday()))
	if c.anyDay || c.anyWeekday {
		return day && weekday
	}
	return day || weekday
}

// next returns the first firing strictly after after, and false when there
// is none within cronSearchYears. It skips a whole month, day or hour at a
// time when that cannot match, so even a rare date is found quickly.
func (c *cronSchedule) next(after time.Time) (time.Time, bool) {
	t := after.In(cronZone).Truncate(time.Minute).Add(time.Minute)
	limit := t.AddDate(cronSearchYears, 0, 0)
	for t.Before(limit) {
		y, m, d := t.Date()
		switch {
		case !has(c.months, int(m)):
			t = time.Date(y, m+1, 1, 0, 0, 0, 0, cronZone)
		case !c.dayMatches(t):
			t = time.Date(y, m, d+1, 0, 0, 0, 0, cronZone)
		case !has(c.hours, t.Hour()):
			t = time.Date(y, m, d, t.Hour()+1, 0, 0, 0, cronZone)
		case !has(c.minutes, t.Minute()):
			t = t.Add(time.Minute)
		default:
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

package alicloud

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// schedule is when an invocation's runs happen: its RepeatMode and, for
// Period, its Frequency in one of the three documented forms (ECS
// RunCommand and InvokeCommand: Frequency).
type schedule struct {
	mode      string
	frequency string
	rate      time.Duration // rate(...): the pause between runs
	at        time.Time     // at(...): the one run's time
	cron      bool          // a cron expression: not simulated
}

// Bounds of a rate expression.
const (
	minRate = time.Minute
	maxRate = 7 * 24 * time.Hour
)

var (
	ratePattern = regexp.MustCompile(`^rate\(([0-9]+)([smhd])\)$`)
	atPattern   = regexp.MustCompile(`^at\(([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})(?: (\S+))?\)$`)
	gmtPattern  = regexp.MustCompile(`^GMT([+-])([0-9]{1,2}):([0-9]{2})$`)
	yearPattern = regexp.MustCompile(`^[0-9*,/-]+$`)
)

var rateUnits = map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}

// scheduleFromParams reads RepeatMode and Frequency. RepeatMode defaults
// to Period when a Frequency is given and Once otherwise; a Frequency is
// checked whenever it is given but only kept for Period.
func scheduleFromParams(p params, timeout int64) (schedule, error) {
	frequency := p.get("Frequency")
	mode := p.get("RepeatMode")
	switch {
	case mode == "" && frequency != "":
		mode = repeatPeriod
	case mode == "":
		mode = repeatOnce
	}
	if !slices.Contains(repeatModes, mode) {
		return schedule{}, errRepeatModeNotFound
	}
	if mode == repeatPeriod && frequency == "" {
		return schedule{}, errMissingFrequency
	}
	sch := schedule{mode: mode}
	if frequency == "" {
		return sch, nil
	}
	parsed, err := parseFrequency(frequency, time.Duration(timeout)*time.Second)
	if err != nil {
		return schedule{}, err
	}
	if mode == repeatPeriod {
		parsed.mode = mode
		return parsed, nil
	}
	return sch, nil
}

// parseFrequency checks a Frequency in its three forms.
func parseFrequency(frequency string, timeout time.Duration) (schedule, error) {
	sch := schedule{frequency: frequency}
	if m := ratePattern.FindStringSubmatch(frequency); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || n > int64(maxRate/rateUnits[m[2]]) {
			return schedule{}, errInvalidFrequency
		}
		sch.rate = time.Duration(n) * rateUnits[m[2]]
		// The vendor requires the interval to be longer than the timeout,
		// so that one run ends before the next is due.
		if sch.rate < minRate || sch.rate <= timeout {
			return schedule{}, errInvalidFrequency
		}
		return sch, nil
	}
	if m := atPattern.FindStringSubmatch(frequency); m != nil {
		loc, ok := timeZone(cmp.Or(m[2], "UTC"))
		if !ok {
			return schedule{}, errInvalidFrequency
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", m[1], loc)
		if err != nil {
			return schedule{}, errInvalidFrequency
		}
		sch.at = at.UTC()
		return sch, nil
	}
	if !validCron(strings.Fields(frequency)) {
		return schedule{}, errInvalidFrequency
	}
	sch.cron = true
	return sch, nil
}

// firstRun says when the first run of a task delivered at delivered
// starts, how long to pause between runs (0: one run only) and whether the
// task waits Scheduled until then. Runs waiting for a reboot or a cron
// schedule are not simulated: they never start.
func (sch schedule) firstRun(delivered time.Time) (time.Time, time.Duration, bool) {
	switch {
	case sch.mode == repeatOnce:
		return delivered, 0, false
	case sch.mode != repeatPeriod || sch.cron:
		return never, 0, true
	case sch.rate > 0:
		// The first run comes one interval after the task is created.
		return delivered.Add(sch.rate), sch.rate, true
	}
	return vendorkit.Later(sch.at, delivered), 0, true
}

// timeZone reads the time zones Frequency accepts: UTC, GMT±H:MM and IANA
// names.
func timeZone(name string) (*time.Location, bool) {
	if name == "UTC" {
		return time.UTC, true
	}
	if m := gmtPattern.FindStringSubmatch(name); m != nil {
		hours, _ := strconv.Atoi(m[2])
		minutes, _ := strconv.Atoi(m[3])
		if hours > 14 || minutes > 59 {
			return nil, false
		}
		offset := hours*3600 + minutes*60
		if m[1] == "-" {
			offset = -offset
		}
		return time.FixedZone(name, offset), true
	}
	if !strings.Contains(name, "/") {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}

// cronField is the range and the extra characters of one cron field.
type cronField struct {
	low, high int
	names     []string // names for low, low+1, ... (months, week days)
	special   string   // characters beyond "* , - /": ? L W #
}

var weekDays = []string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}

var months = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// cronFields are second, minute, hour, day, month and week (1 is Monday).
var cronFields = []cronField{
	{low: 0, high: 59},
	{low: 0, high: 59},
	{low: 0, high: 23},
	{low: 1, high: 31, special: "?LW"},
	{low: 1, high: 12, names: months},
	{low: 1, high: 7, names: weekDays, special: "?L#"},
}

// validCron checks a Quartz-style expression: six fields, an optional
// year, and an optional time zone.
func validCron(fields []string) bool {
	if n := len(fields); n > 6 && !yearPattern.MatchString(fields[n-1]) {
		if _, ok := timeZone(fields[n-1]); !ok {
			return false
		}
		fields = fields[:n-1]
	}
	if len(fields) == 7 {
		if !validCronYear(fields[6]) {
			return false
		}
		fields = fields[:6]
	}
	if len(fields) != 6 {
		return false
	}
	for i, f := range fields {
		if !cronFields[i].valid(f) {
			return false
		}
	}
	return true
}

func validCronYear(field string) bool {
	return (cronField{low: 1970, high: 2099}).valid(field)
}

// valid checks one field: a list of *, ?, values, ranges and steps.
func (cf cronField) valid(field string) bool {
	if field == "?" {
		return strings.Contains(cf.special, "?")
	}
	for _, item := range strings.Split(field, ",") {
		if !cf.validItem(item) {
			return false
		}
	}
	return true
}

func (cf cronField) validItem(item string) bool {
	base, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		if n, err := strconv.Atoi(step); err != nil || n < 1 {
			return false
		}
	}
	switch {
	case base == "*":
		return true
	case strings.ContainsAny(cf.special, "LW#") && cf.validSpecial(base) && !hasStep:
		return true
	}
	low, high, isRange := strings.Cut(base, "-")
	if !cf.validValue(low) {
		return false
	}
	return !isRange || cf.validValue(high)
}

// validSpecial accepts L, W and # forms: L, 5L, 15W, LW for days; L, 5L
// and 2#3 for week days.
func (cf cronField) validSpecial(item string) bool {
	if item == "L" || (item == "LW" && strings.Contains(cf.special, "W")) {
		return true
	}
	if v, ok := strings.CutSuffix(item, "L"); ok {
		return cf.validValue(v)
	}
	if v, ok := strings.CutSuffix(item, "W"); ok && strings.Contains(cf.special, "W") {
		return cf.validValue(v)
	}
	day, nth, ok := strings.Cut(item, "#")
	if !ok || !strings.Contains(cf.special, "#") {
		return false
	}
	n, err := strconv.Atoi(nth)
	return err == nil && n >= 1 && n <= 5 && cf.validValue(day)
}

func (cf cronField) validValue(v string) bool {
	for _, name := range cf.names {
		if strings.EqualFold(v, name) {
			return true
		}
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= cf.low && n <= cf.high
}

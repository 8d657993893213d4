package tencent

import (
	"strings"
	"testing"
	"time"
)

// beijing parses a wall-clock time in UTC+8, where TAT reads cron.
func beijing(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, cronZone)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestCronNext(t *testing.T) {
	t.Parallel()
	cases := []struct {
		expr, after string
		want        []string // the next firings, in Beijing time
	}{
		{"0 0 1 * *", "2026-01-15 00:00", []string{"2026-02-01 00:00", "2026-03-01 00:00"}},
		{"*/15 * * * *", "2026-03-02 10:07", []string{"2026-03-02 10:15", "2026-03-02 10:30", "2026-03-02 10:45", "2026-03-02 11:00"}},
		{"*/15 * * * *", "2026-03-02 10:15", []string{"2026-03-02 10:30"}},                                        // strictly after
		{"30 3 * * 1-5", "2026-03-06 04:00", []string{"2026-03-09 03:30", "2026-03-10 03:30"}},                    // Friday to Monday
		{"0 12 13 * 5", "2026-03-01 00:00", []string{"2026-03-06 12:00", "2026-03-13 12:00", "2026-03-20 12:00"}}, // the 13th or a Friday
		{"0 12 */10 * 5", "2026-03-01 00:00", []string{"2026-05-01 12:00", "2026-07-31 12:00"}},                   // a starred day field: both must match
		{"0 0 * * 7", "2026-03-02 00:00", []string{"2026-03-08 00:00"}},                                           // 7 is Sunday
		{"0 0 * * SUN", "2026-03-02 00:00", []string{"2026-03-08 00:00"}},
		{"0 9 1 jan,Jul *", "2026-02-01 00:00", []string{"2026-07-01 09:00", "2027-01-01 09:00"}},
		{"5/20 8 * * *", "2026-03-02 00:00", []string{"2026-03-02 08:05", "2026-03-02 08:25", "2026-03-02 08:45", "2026-03-03 08:05"}},
		{"0 0 29 2 ?", "2026-03-01 00:00", []string{"2028-02-29 00:00"}},
		{"0,30 22-23 31 12 *", "2026-12-31 22:10", []string{"2026-12-31 22:30", "2026-12-31 23:00", "2026-12-31 23:30", "2027-12-31 22:00"}},
	}
	for _, tc := range cases {
		t.Run(tc.expr+" after "+tc.after, func(t *testing.T) {
			c, err := parseCron(tc.expr)
			if err != nil {
				t.Fatal(err)
			}
			at := beijing(t, tc.after)
			for _, w := range tc.want {
				next, ok := c.next(at)
				if !ok || !next.Equal(beijing(t, w)) {
					t.Fatalf("next after %s = %s, %v; want %s (Beijing)", at.In(cronZone), next.In(cronZone), ok, w)
				}
				if next.Location() != time.UTC {
					t.Errorf("next returns %s; firings are kept in UTC", next.Location())
				}
				at = next
			}
		})
	}
}

func TestCronNextNever(t *testing.T) {
	t.Parallel()
	c, err := parseCron("0 0 31 2 *")
	if err != nil {
		t.Fatal(err)
	}
	if next, ok := c.next(time.Now()); ok {
		t.Errorf("31 February came on %s", next)
	}
}

func TestParseCronErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"0 0 * *":       "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got 4",
		"0 0 0 * * *":   "got 6",
		"@daily":        "got 1",
		"60 * * * *":    `minute field "60": 60 is outside 0-59`,
		"0 24 * * *":    `hour field "24": 24 is outside 0-23`,
		"0 0 0 * *":     `day-of-month field "0": 0 is outside 1-31`,
		"0 0 1 13 *":    `month field "13": 13 is outside 1-12`,
		"0 0 * * 8":     `day-of-week field "8": 8 is outside 0-7`,
		"5-1 * * * *":   `minute field "5-1": the range 5-1 runs backwards`,
		"*/0 * * * *":   `the step "0" is not a positive number`,
		"x * * * *":     `minute field "x": "x" is not a number`,
		"? * * * *":     `minute field "?": "?" is not a number`,
		"0 0 * FOO *":   `month field "FOO": "FOO" is not a number`,
		"1,,2 * * * *":  `minute field "1,,2": "" is not a number`,
		"0 0 * * MON-":  `day-of-week field "MON-": "" is not a number`,
		"*/-5 * * * *":  `the step "-5" is not a positive number`,
		"0 0 1-40 * *":  `40 is outside 1-31`,
		"0 0 * jan-x *": `"x" is not a number`,
	}
	for expr, want := range cases {
		t.Run(expr, func(t *testing.T) {
			_, err := parseCron(expr)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("parseCron(%q) = %v, want an error containing %q", expr, err, want)
			}
		})
	}
}

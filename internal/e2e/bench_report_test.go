package e2e

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// The benchmarks record one row per measured terraform command; TestMain
// prints them as a markdown table once every benchmark has run, and writes
// it to the file BENCH_TABLE names, if any.

// benchRow is one measured terraform command.
type benchRow struct {
	scenario   string
	run        string // the command, as the table shows it
	m          measurement
	callTarget int // the most API calls it may make; 0 for none
	// callActions, when set, are the only actions callTarget counts: the
	// reads of the runs, without the command's own refresh.
	callActions []string
	ratios      []benchRatio
}

// benchRatio compares a row's wall time with a floor.
type benchRatio struct {
	floor     string
	floorWall time.Duration
	target    float64 // the highest ratio met; 0 for none
}

var benchRows struct {
	sync.Mutex
	rows []benchRow
	// setups are the unmeasured commands that prepared the scenarios.
	setups []string
	// terraform is the CLI the benchmarks drove.
	terraform string
}

func recordSetup(line string) {
	benchRows.Lock()
	defer benchRows.Unlock()
	benchRows.setups = append(benchRows.setups, line)
}

func recordRow(r benchRow) {
	if r.m.runs == 0 {
		return // filtered out by -bench
	}
	benchRows.Lock()
	defer benchRows.Unlock()
	benchRows.rows = append(benchRows.rows, r)
}

// reportBenchmarks prints the table, if any benchmark ran.
func reportBenchmarks(out io.Writer) error {
	benchRows.Lock()
	defer benchRows.Unlock()
	if len(benchRows.rows) == 0 {
		return nil
	}
	table := benchTable(benchRows.rows, benchRows.setups, benchRows.terraform)
	fmt.Fprint(out, "\n"+table)
	if name := os.Getenv("BENCH_TABLE"); name != "" {
		return appendTable(name, table)
	}
	return nil
}

// appendTable adds table to the file name: `make bench` empties it first,
// then each of its runs (the actions run under a newer terraform) adds its
// own table.
func appendTable(name, table string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("writing the benchmark table: %w", err)
	}
	if _, err := f.WriteString(table); err != nil {
		f.Close()
		return fmt.Errorf("writing the benchmark table: %w", err)
	}
	return f.Close()
}

// benchTable renders the rows. A command compared with several floors
// takes one line per floor.
func benchTable(rows []benchRow, setups []string, terraform string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Benchmark results\n\n%s\n\n", benchEnvironment(terraform))
	b.WriteString("| Scenario | Measured | Wall | API calls | Compared with | Ratio | Target | Met |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	last := ""
	for _, r := range rows {
		scenario := r.scenario
		if scenario == last {
			scenario = ""
		}
		last = r.scenario
		run := r.run
		if r.m.changes {
			run += " (proposed changes)"
		}
		ratios := r.ratios
		if len(ratios) == 0 {
			ratios = []benchRatio{{}}
		}
		for i, ratio := range ratios {
			var targets, met []string
			if i == 0 && r.callTarget > 0 {
				counted := r.m.totalCalls()
				target := fmt.Sprintf("≤%d calls", r.callTarget)
				if len(r.callActions) > 0 {
					counted = r.m.callsOf(r.callActions)
					target = fmt.Sprintf("≤%d calls of %s", r.callTarget, strings.Join(r.callActions, " and "))
				}
				targets = append(targets, target)
				met = append(met, yesNo(counted <= r.callTarget))
			}
			compared, value := "", ""
			if ratio.floorWall > 0 {
				v := r.m.wall().Seconds() / ratio.floorWall.Seconds()
				compared = fmt.Sprintf("%s (%s)", ratio.floor, seconds(ratio.floorWall))
				value = fmt.Sprintf("%.2fx", v)
				if ratio.target > 0 {
					targets = append(targets, fmt.Sprintf("≤%.1fx", ratio.target))
					met = append(met, yesNo(v <= ratio.target))
				}
			}
			if i == 0 {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
					scenario, run, seconds(r.m.wall()), callsCell(r.m), compared, value,
					strings.Join(targets, ", "), strings.Join(met, ", "))
				continue
			}
			fmt.Fprintf(&b, "| | | | | %s | %s | %s | %s |\n", compared, value, strings.Join(targets, ", "), strings.Join(met, ", "))
		}
	}
	b.WriteString("\nAPI calls are the requests the fake received during the measured command, mean per run.\n")
	if len(setups) > 0 {
		b.WriteString("\nSetup commands, not measured (the plans' setups run with instant statuses and no rate limits enforced by the fake):\n\n")
		for _, line := range setups {
			fmt.Fprintf(&b, "- %s\n", line)
		}
	}
	return b.String()
}

// benchEnvironment says what the figures were measured with.
func benchEnvironment(terraform string) string {
	version := "terraform"
	if terraform != "" {
		if out, err := exec.Command(terraform, "version").Output(); err == nil {
			version = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
		}
	}
	sizes := "full sizes"
	if v := os.Getenv(envQuick); v != "" && v != "0" {
		sizes = "quick sizes (" + envQuick + ")"
	}
	for _, env := range benchSizeEnvs {
		if v := os.Getenv(env); v != "" {
			sizes += fmt.Sprintf(", %s=%s", env, v)
		}
	}
	return fmt.Sprintf("%s, %s, %s/%s, %d CPUs; %s; %s.",
		version, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), sizes, time.Now().UTC().Format("2006-01-02"))
}

// callsCell is the total of a command's API calls, then the calls by
// action, most first; the vendor is named only when both were called.
func callsCell(m measurement) string {
	if !m.used {
		return "—"
	}
	vendors := map[string]bool{}
	type entry struct {
		name string
		n    int
	}
	var entries []entry
	for key, n := range m.calls {
		vendor, _, _ := strings.Cut(key, " ")
		vendors[vendor] = true
		entries = append(entries, entry{key, m.perRun(n)})
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].n != entries[j].n {
			return entries[i].n > entries[j].n
		}
		return entries[i].name < entries[j].name
	})
	parts := make([]string, 0, len(entries))
	for _, e := range entries {
		name := e.name
		if len(vendors) == 1 {
			_, name, _ = strings.Cut(name, " ")
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, e.n))
	}
	cell := fmt.Sprintf("%d", m.totalCalls())
	if len(parts) > 0 {
		cell += ": " + strings.Join(parts, ", ")
	}
	if limited := m.perRun(m.rateLimited); limited > 0 {
		cell += fmt.Sprintf(" (%d refused by the rate limit)", limited)
	}
	return cell
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// Package script is the part of the fake clouds' command execution that
// does not depend on the vendor: a small interpreter that works out what a
// script prints, how it exits and how long it takes, and the executors that
// run scripts for real. Each vendor keeps its own parameter substitution,
// statuses and timing, and hands this package the script once its
// parameters are filled in.
//
// Unless an Executor is configured, the fakes do not run scripts: they
// interpret a small subset of shell, one line at a time, so runs are
// deterministic. The subset is documented for users in the vendors'
// EXECUTION.md; in short:
//
//	echo [-n] ARGS            prints ARGS joined by one space, then "\n"
//	printf FORMAT [ARGS]      prints FORMAT with \n \t \\ %% and %s / %d
//	hostname                  prints the instance ID
//	seq N                     prints 1 to N, one number a line
//	sleep N[s|m|h|d]...       N of simulated time passes
//	exit [N]                  stops with exit code N (default: last status)
//	true / false              status 0 / status 1
//	fail-on INSTANCE [CODE]   stops with CODE (default 1) on that instance only
//	# comment, blank line     ignored
//	anything else             succeeds and prints nothing
//
// Words are split as sh splits them (quotes removed, backslash escapes),
// and a redirection of standard output to a file makes the command print
// nothing. Expansions, pipes, ";" and "&&" are not interpreted.
package script

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxOutputBytes is how much output both vendors' agents keep per instance
// run. The fake keeps the first bytes and counts the rest as dropped.
const MaxOutputBytes = 24 << 10

// maxSeq bounds seq, so its output size can be counted without overflow.
const maxSeq = 1_000_000_000_000

// ExitKilled is the exit code the agents report for a process they killed,
// on timeout or cancellation: a process ended by a signal has no exit status.
const ExitKilled = -1

// Event is output a command printed, at a moment of the run.
type Event struct {
	At   time.Duration // since the script started
	Kept []byte        // the part of it within the first MaxOutputBytes of the run
	Size int64         // every byte printed, kept or not
}

// Run is the whole run of a script on one instance, simulated or recorded
// from a real process.
type Run struct {
	Events     []Event
	Duration   time.Duration // time the run took, never past the timeout
	ExitCode   int64
	TimedOut   bool
	StartError string // set when the script could not start: why not
}

// OutputUntil returns the output printed up to offset into the run, and how
// many bytes of it were dropped.
func (r Run) OutputUntil(offset time.Duration) ([]byte, uint64) {
	var out []byte
	var dropped int64
	for _, e := range r.Events {
		if e.At > offset {
			break
		}
		out = append(out, e.Kept...)
		dropped += e.Size - int64(len(e.Kept))
	}
	return out, uint64(dropped)
}

// Ended is a run that printed output (beyond which dropped more bytes were
// printed) at its start and ended after duration with exitCode, unless
// duration passes the timeout: then it is killed at the timeout. Outcomes
// set by tests and results of real runs both take this shape.
func Ended(output []byte, dropped uint64, exitCode int64, duration, timeout time.Duration) Run {
	run := Run{Duration: duration, ExitCode: exitCode}
	if len(output) > 0 || dropped > 0 {
		kept := output[:min(len(output), MaxOutputBytes)]
		size := int64(len(output)) + int64(dropped)
		run.Events = []Event{{At: 0, Kept: kept, Size: size}}
	}
	if duration > timeout {
		run.Duration, run.ExitCode, run.TimedOut = timeout, ExitKilled, true
	}
	return run
}

// interpreter runs one script for one instance.
type interpreter struct {
	instanceID string
	timeout    time.Duration
	elapsed    time.Duration
	kept       int   // output bytes kept so far
	status     int64 // exit status of the last command
	run        Run
}

// Interpret interprets script as it would run on instanceID, stopping when
// the simulated time would pass timeout.
func Interpret(script, instanceID string, timeout time.Duration) Run {
	in := &interpreter{instanceID: instanceID, timeout: timeout}
	for line := range strings.SplitSeq(script, "\n") {
		if in.execLine(strings.TrimSuffix(line, "\r")) {
			return in.finish()
		}
	}
	in.run.ExitCode = in.status
	return in.finish()
}

func (in *interpreter) finish() Run {
	in.run.Duration = in.elapsed
	if in.run.TimedOut {
		in.run.ExitCode = ExitKilled
	}
	return in.run
}

// execLine runs one line and reports whether the script stops there.
func (in *interpreter) execLine(line string) (stop bool) {
	args, shown := commandLine(line)
	if len(args) == 0 {
		return false
	}
	name, args := args[0], args[1:]
	switch name {
	case "exit":
		return in.exit(exitStatus(args, in.status))
	case "fail-on":
		if len(args) > 0 && args[0] == in.instanceID {
			return in.exit(exitStatus(args[1:], 1))
		}
		in.status = 0
	case "sleep":
		return in.sleep(args)
	case "seq":
		in.seq(args, shown)
	case "false":
		in.status = 1
	default:
		in.print(commandText(name, args, in.instanceID), shown)
		in.status = 0
	}
	return false
}

func (in *interpreter) exit(code int64) bool {
	in.run.ExitCode = code
	return true
}

// commandText is what echo, printf and hostname print; every other command
// prints nothing.
func commandText(name string, args []string, instanceID string) string {
	switch name {
	case "echo":
		return echoText(args)
	case "printf":
		return printfText(args)
	case "hostname":
		return instanceID + "\n"
	}
	return ""
}

func echoText(args []string) string {
	if len(args) > 0 && args[0] == "-n" {
		return strings.Join(args[1:], " ")
	}
	return strings.Join(args, " ") + "\n"
}

// printfText renders FORMAT once: \n, \t, \\ and %% are escapes, %s and %d
// take the next argument. Other sequences are printed as they are.
func printfText(args []string) string {
	if len(args) == 0 {
		return ""
	}
	format, rest := args[0], args[1:]
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if (c != '\\' && c != '%') || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		switch next := format[i]; {
		case c == '\\' && next == 'n':
			b.WriteByte('\n')
		case c == '\\' && next == 't':
			b.WriteByte('\t')
		case next == c:
			b.WriteByte(c)
		case c == '%' && (next == 's' || next == 'd'):
			if len(rest) > 0 {
				b.WriteString(rest[0])
				rest = rest[1:]
			}
		default:
			b.WriteByte(c)
			b.WriteByte(next)
		}
	}
	return b.String()
}

// exitStatus reads exit's argument the way sh does: modulo 256, 2 when it is
// not a number, fallback when there is none.
func exitStatus(args []string, fallback int64) int64 {
	if len(args) == 0 {
		return fallback
	}
	n, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return 2
	}
	return (n%256 + 256) % 256
}

// sleep lets time pass. A sleep that would run past the timeout ends the run
// at the timeout instead.
func (in *interpreter) sleep(args []string) (stop bool) {
	seconds, ok := sleepSeconds(args)
	if !ok {
		in.status = 1
		return false
	}
	remaining := in.timeout - in.elapsed
	if seconds > remaining.Seconds() {
		in.elapsed = in.timeout
		in.run.TimedOut = true
		return true
	}
	in.elapsed += time.Duration(seconds * float64(time.Second))
	in.status = 0
	return false
}

// sleepSeconds adds up sleep's arguments, each a non-negative number with an
// optional unit suffix (s, m, h, d), as GNU sleep does.
func sleepSeconds(args []string) (float64, bool) {
	if len(args) == 0 {
		return 0, false
	}
	units := map[byte]float64{'s': 1, 'm': 60, 'h': 3600, 'd': 86400}
	total := 0.0
	for _, arg := range args {
		if arg == "" {
			return 0, false
		}
		scale := 1.0
		if unit, ok := units[arg[len(arg)-1]]; ok {
			scale, arg = unit, arg[:len(arg)-1]
		}
		n, err := strconv.ParseFloat(arg, 64)
		if err != nil || n < 0 || math.IsNaN(n) {
			return 0, false
		}
		total += n * scale
	}
	return total, true
}

// seq prints 1..N. Only what fits in the kept output is built; the size of
// the rest is counted.
func (in *interpreter) seq(args []string, shown bool) {
	if len(args) != 1 {
		in.status = 1
		return
	}
	n, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || n < 0 || n > maxSeq {
		in.status = 1
		return
	}
	in.status = 0
	if !shown {
		return
	}
	var b strings.Builder
	i := int64(1)
	for ; i <= n && b.Len() < MaxOutputBytes-in.kept; i++ {
		b.WriteString(strconv.FormatInt(i, 10))
		b.WriteByte('\n')
	}
	in.emit([]byte(b.String()), int64(b.Len())+linesBytes(i, n))
}

// linesBytes is the size of the lines "from\n" to "to\n".
func linesBytes(from, to int64) int64 {
	var total int64
	low, digits := int64(1), int64(1)
	for low <= to {
		high := low*10 - 1
		if first, last := max(from, low), min(to, high); first <= last {
			total += (last - first + 1) * (digits + 1)
		}
		low, digits = low*10, digits+1
	}
	return total
}

func (in *interpreter) print(text string, shown bool) {
	if shown && text != "" {
		in.emit([]byte(text), int64(len(text)))
	}
}

// emit records output, keeping it only while the run's output is under
// MaxOutputBytes.
func (in *interpreter) emit(text []byte, size int64) {
	room := max(0, MaxOutputBytes-in.kept)
	kept := text[:min(len(text), room)]
	in.kept += len(kept)
	in.run.Events = append(in.run.Events, Event{At: in.elapsed, Kept: kept, Size: size})
}

// word is one shell word, and whether any of it was quoted or escaped (a
// quoted ">" is an argument, not a redirection).
type word struct {
	text   string
	quoted bool
}

// commandLine splits a line into the command's arguments, leaving out
// redirections. shown is false when standard output goes to a file.
func commandLine(line string) (args []string, shown bool) {
	shown = true
	words := splitWords(line)
	for i := 0; i < len(words); i++ {
		w := words[i]
		m := redirectPattern.FindStringSubmatch(w.text)
		if w.quoted || m == nil {
			args = append(args, w.text)
			continue
		}
		fd, op, target := m[1], m[2], m[3]
		if target == "" && i+1 < len(words) {
			i++
			target = words[i].text
		}
		if op != "<" && (fd == "" || fd == "1" || fd == "&") && !strings.HasPrefix(target, "&") {
			shown = false
		}
	}
	return args, shown
}

// redirectPattern matches a redirection word: [fd|&] (> | >> | <) [target].
var redirectPattern = regexp.MustCompile(`^([0-9]*|&)(>>|>|<)(.*)$`)

// splitWords splits a line as sh does for plain words: blanks separate
// words, '...' is literal, "..." is literal but for \" \\ \$ and \`, a
// backslash outside quotes escapes the next character, and a word starting
// with # begins a comment. An unterminated quote runs to the end of the line.
func splitWords(line string) []word {
	var words []word
	var cur strings.Builder
	inWord, quoted := false, false
	flush := func() {
		if inWord {
			words = append(words, word{text: cur.String(), quoted: quoted})
		}
		cur.Reset()
		inWord, quoted = false, false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '#' && !inWord:
			flush()
			return words
		case c == '\'' || c == '"' || c == '\\':
			i = quotedPart(line, i, &cur)
			inWord, quoted = true, true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words
}

// quotedPart copies the quoted or escaped text starting at line[i] into cur,
// without its quotes, and returns the index of its last byte.
func quotedPart(line string, i int, cur *strings.Builder) int {
	switch line[i] {
	case '\\':
		if i+1 < len(line) {
			cur.WriteByte(line[i+1])
			return i + 1
		}
		return i
	case '\'':
		end := strings.IndexByte(line[i+1:], '\'')
		if end < 0 {
			cur.WriteString(line[i+1:])
			return len(line)
		}
		cur.WriteString(line[i+1 : i+1+end])
		return i + 1 + end
	}
	for i++; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			return i
		case c == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0:
			i++
			cur.WriteByte(line[i])
		default:
			cur.WriteByte(c)
		}
	}
	return i
}

package script

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// The line interpreter reads the Windows command types (PowerShell, BAT),
// which no shell can run: one command a line, split into words as sh
// splits them (quotes removed, backslash escapes), with $env:NAME
// (PowerShell) or %NAME% (BAT) taken from the instance's environment.
// Each type has the common cmdlets or commands of a stock Windows Server
// image (see windowsDialect); echo, printf, hostname, seq, sleep, exit,
// true, false and fail-on work in both. Any other command fails as on
// Windows: PowerShell's "is not recognized" error, status 1; cmd's,
// status 9009. A redirection of standard output to a file makes the
// command print nothing. Pipes, ";" and "&&" are not interpreted.

// interpreter runs one script for one instance.
type interpreter struct {
	instanceID string
	timeout    time.Duration
	elapsed    time.Duration
	kept       int   // output bytes kept so far
	status     int64 // exit status of the last command
	run        Run
	dialect    *windowsDialect
	programs   fleet.Programs
}

// interpretWindows interprets a Windows script as it would run on its
// instance.
func interpretWindows(req ExecRequest) Run {
	d := &powerShell
	if req.CommandType == "BAT" || req.CommandType == "RunBatScript" {
		d = &batch
	}
	return interpretLinesAs(d, programChanges(req.Programs), req.Script, req.InstanceID, req.Timeout)
}

// interpretLinesAs interprets script in dialect d on instanceID, stopping
// when the simulated time would pass timeout.
func interpretLinesAs(d *windowsDialect, programs fleet.Programs, script, instanceID string, timeout time.Duration) Run {
	in := &interpreter{instanceID: instanceID, timeout: timeout, dialect: d, programs: programs}
	for line := range strings.SplitSeq(script, "\n") {
		if in.execLine(in.dialect.expand(strings.TrimSuffix(line, "\r"), instanceID)) {
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
	args, shown := commandLine(splitWindowsWords(in.dialect.trimLine(line)))
	if len(args) == 0 {
		return false
	}
	name, args := strings.ToLower(args[0]), args[1:]
	if rule, changed := in.programs[name]; changed {
		if rule.Missing {
			return in.notFound(args0(name, line))
		}
		in.print(rule.Output, shown)
		in.status = int64(rule.ExitCode)
		return false
	}
	switch name {
	case "exit":
		return in.exit(exitStatus(in.dialect.exitArgs(args), in.status))
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
	case "echo", "printf", "hostname", "true":
		in.print(commandText(name, args, in.instanceID), shown)
		in.status = 0
	default:
		command, ok := in.dialect.commands[name]
		if !ok {
			return in.notFound(args0(name, line))
		}
		return command(in, args, shown)
	}
	return false
}

// args0 is the command's name as the line wrote it, for error messages.
func args0(name, line string) string {
	for _, w := range strings.Fields(line) {
		if strings.EqualFold(strings.TrimPrefix(w, "@"), name) {
			return strings.TrimPrefix(w, "@")
		}
	}
	return name
}

// notFound reports a command the instance does not have.
func (in *interpreter) notFound(name string) bool {
	text, status := in.dialect.notFound(name)
	in.print(text, true)
	in.status = status
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

// commandLine takes the command's arguments from a line's words, leaving
// out redirections. shown is false when standard output goes to a file.
func commandLine(words []word) (args []string, shown bool) {
	shown = true
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
func splitWords(line string) []word { return splitWordsEscaping(line, true) }

// splitWindowsWords splits as splitWords does but for backslashes, which
// are path separators on Windows, not escapes.
func splitWindowsWords(line string) []word { return splitWordsEscaping(line, false) }

func splitWordsEscaping(line string, escapes bool) []word {
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
		case c == '\'' || c == '"' || c == '\\' && escapes:
			i = quotedPart(line, i, &cur, escapes)
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
func quotedPart(line string, i int, cur *strings.Builder, escapes bool) int {
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
		case escapes && c == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0:
			i++
			cur.WriteByte(line[i])
		default:
			cur.WriteByte(c)
		}
	}
	return i
}

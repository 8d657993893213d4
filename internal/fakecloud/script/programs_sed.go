package script

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// sed edits lines: the commands s, d, p, q, =, a, i, c and y, each with an
// optional address (N, $, /RE/) or range (ADDR,ADDR) and !; -n, -e, -E / -r
// and -i (the run's files, edited in place).

type sedAddress struct {
	line int            // 1 and up; 0 when not a line number
	last bool           // $
	re   *regexp.Regexp // /RE/
}

type sedCommand struct {
	from, to *sedAddress
	negate   bool
	name     byte
	re       *regexp.Regexp // s
	repl     string         // s
	global   bool           // s///g
	nth      int            // s///N
	print    bool           // s///p
	text     string         // a, i, c; y's source; q's exit code
	to2      string         // y's target
	inRange  bool
}

// sedState is one input's edit: its line, and what the commands asked.
type sedState struct {
	number int
	last   bool
	space  string
	before []string // i
	after  []string // a
	quit   bool
	status int
}

func (p *progCall) sed() error {
	var scripts, files []string
	var quiet, extended, inPlace bool
	for i := 0; i < len(p.args); i++ {
		arg := p.args[i]
		switch {
		case arg == "-n" || arg == "--quiet" || arg == "--silent":
			quiet = true
		case arg == "-E" || arg == "-r" || arg == "--regexp-extended":
			extended = true
		case strings.HasPrefix(arg, "-i") || strings.HasPrefix(arg, "--in-place"):
			inPlace = true
		case arg == "-e" || arg == "--expression":
			if i+1 == len(p.args) {
				return p.failWith(1, "option requires an argument -- 'e'")
			}
			i++
			scripts = append(scripts, p.args[i])
		case arg == "-s" || arg == "-u":
		case len(arg) > 1 && arg[0] == '-' && arg != "-":
			if strings.ContainsAny(arg[1:], "nEr") && strings.Trim(arg[1:], "nEr") == "" {
				quiet = quiet || strings.Contains(arg, "n")
				extended = extended || strings.ContainsAny(arg, "Er")
				continue
			}
			return p.failWith(1, "invalid option -- '%s'", arg[1:])
		default:
			files = append(files, arg)
		}
	}
	if len(scripts) == 0 {
		if len(files) == 0 {
			return p.failWith(1, "no script specified")
		}
		scripts, files = files[:1], files[1:]
	}
	commands, err := parseSed(strings.Join(scripts, "\n"), extended)
	if err != nil {
		return p.failWith(1, "-e expression #1: %v", err)
	}
	if !inPlace {
		text, err := p.input(files)
		status := p.runSed(commands, quiet, text)
		return firstError(status, err)
	}
	failed := false
	for _, file := range files {
		text, err := p.s.readFile(p.hc, file)
		if err != nil {
			failed = p.fail("can't read %s: %s", file, errorText(err)) != nil
			continue
		}
		var edited strings.Builder
		saved := p.out
		p.out = &edited
		_ = p.runSed(commands, quiet, text)
		p.out = saved
		if err := p.s.files.writeFile(p.abs(file), []byte(edited.String())); err != nil {
			failed = p.fail("couldn't write %s: %s", file, errorText(err)) != nil
		}
	}
	return status(failed)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// runSed runs commands on every line of text and prints the result.
func (p *progCall) runSed(commands []*sedCommand, quiet bool, text []byte) error {
	all := lines(text)
	st := &sedState{}
	for i, line := range all {
		st.number, st.last, st.space = i+1, i == len(all)-1, line
		st.before, st.after = nil, nil
		deleted := p.sedLine(commands, st)
		for _, t := range st.before {
			p.printf("%s\n", t)
		}
		if !deleted && !quiet {
			p.printf("%s\n", st.space)
		}
		for _, t := range st.after {
			p.printf("%s\n", t)
		}
		if st.quit {
			break
		}
	}
	if st.status != 0 {
		return interp.ExitStatus(uint8(st.status))
	}
	return nil
}

// sedLine runs the commands on the line in st, and reports whether it was
// deleted.
func (p *progCall) sedLine(commands []*sedCommand, st *sedState) bool {
	for _, c := range commands {
		if c.selects(st) == c.negate {
			continue
		}
		switch c.name {
		case 'd':
			return true
		case 'p':
			p.printf("%s\n", st.space)
		case '=':
			p.printf("%d\n", st.number)
		case 'q':
			st.quit = true
			st.status, _ = strconv.Atoi(c.text)
			return false
		case 'a':
			st.after = append(st.after, c.text)
		case 'i':
			st.before = append(st.before, c.text)
		case 'c':
			st.before = append(st.before, c.text)
			return true
		case 'y':
			st.space = strings.Map(func(r rune) rune {
				if i := strings.IndexRune(c.text, r); i >= 0 && i < len(c.to2) {
					return rune(c.to2[i])
				}
				return r
			}, st.space)
		case 's':
			var changed bool
			st.space, changed = c.substitute(st.space)
			if changed && c.print {
				p.printf("%s\n", st.space)
			}
		}
	}
	return false
}

// selects reports whether the command's address takes the line.
func (c *sedCommand) selects(st *sedState) bool {
	switch {
	case c.from == nil:
		return true
	case c.to == nil:
		return c.from.matches(st)
	case c.inRange:
		if c.to.matches(st) || c.to.line > 0 && st.number >= c.to.line {
			c.inRange = false
		}
		return true
	case c.from.matches(st):
		c.inRange = c.to.line <= 0 || c.to.line > st.number
		return true
	}
	return false
}

func (a *sedAddress) matches(st *sedState) bool {
	switch {
	case a.last:
		return st.last
	case a.re != nil:
		return a.re.MatchString(st.space)
	}
	return a.line == st.number
}

// substitute applies s to line: & is the match, \1 to \9 its groups.
func (c *sedCommand) substitute(line string) (string, bool) {
	matches := c.re.FindAllStringSubmatchIndex(line, -1)
	if len(matches) == 0 {
		return line, false
	}
	var b strings.Builder
	prev, changed := 0, false
	for i, m := range matches {
		if !c.global && i+1 != max(c.nth, 1) {
			continue
		}
		b.WriteString(line[prev:m[0]])
		b.WriteString(sedReplacement(c.repl, line, m))
		prev, changed = m[1], true
		if !c.global {
			break
		}
	}
	b.WriteString(line[prev:])
	return b.String(), changed
}

func sedReplacement(repl, line string, m []int) string {
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch {
		case c == '&':
			b.WriteString(line[m[0]:m[1]])
		case c == '\\' && i+1 < len(repl):
			i++
			switch d := repl[i]; {
			case d >= '1' && d <= '9':
				if g := int(d - '0'); 2*g+1 < len(m) && m[2*g] >= 0 {
					b.WriteString(line[m[2*g]:m[2*g+1]])
				}
			case d == 'n':
				b.WriteByte('\n')
			case d == 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(d)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// sedParser reads a sed script.
type sedParser struct {
	src      string
	pos      int
	extended bool
}

func parseSed(src string, extended bool) ([]*sedCommand, error) {
	ps := &sedParser{src: src, extended: extended}
	var commands []*sedCommand
	for {
		ps.skip(" \t\n;")
		if ps.pos >= len(ps.src) {
			return commands, nil
		}
		c, err := ps.command()
		if err != nil {
			return nil, err
		}
		commands = append(commands, c)
	}
}

func (ps *sedParser) skip(chars string) {
	for ps.pos < len(ps.src) && strings.IndexByte(chars, ps.src[ps.pos]) >= 0 {
		ps.pos++
	}
}

func (ps *sedParser) command() (*sedCommand, error) {
	c := &sedCommand{}
	var err error
	if c.from, err = ps.address(); err != nil {
		return nil, err
	}
	if c.from != nil && ps.peek() == ',' {
		ps.pos++
		if c.to, err = ps.address(); err != nil || c.to == nil {
			return nil, cmpErr(err, "unexpected `,'")
		}
	}
	ps.skip(" \t")
	if ps.peek() == '!' {
		c.negate = true
		ps.pos++
		ps.skip(" \t")
	}
	if ps.pos >= len(ps.src) {
		return nil, errorf("missing command")
	}
	c.name = ps.src[ps.pos]
	ps.pos++
	switch c.name {
	case 'd', 'p', '=':
	case 'q':
		ps.skip(" \t")
		start := ps.pos
		for ps.pos < len(ps.src) && ps.src[ps.pos] >= '0' && ps.src[ps.pos] <= '9' {
			ps.pos++
		}
		c.text = ps.src[start:ps.pos]
	case 'a', 'i', 'c':
		ps.skip(" \t")
		if ps.peek() == '\\' {
			ps.pos++
			ps.skip("\n")
		}
		end := strings.IndexByte(ps.src[ps.pos:], '\n')
		if end < 0 {
			end = len(ps.src) - ps.pos
		}
		c.text = ps.src[ps.pos : ps.pos+end]
		ps.pos += end
	case 's':
		return c, ps.substitution(c)
	case 'y':
		delim := ps.peek()
		ps.pos++
		from, err1 := ps.until(delim)
		to, err2 := ps.until(delim)
		if err := firstError(err1, err2); err != nil {
			return nil, err
		}
		if len(from) != len(to) {
			return nil, errorf("strings for `y' command are different lengths")
		}
		c.text, c.to2 = from, to
	default:
		return nil, errorf("unknown command: `%c'", c.name)
	}
	return c, nil
}

func (ps *sedParser) substitution(c *sedCommand) error {
	if ps.pos >= len(ps.src) {
		return errorf("unterminated `s' command")
	}
	delim := ps.src[ps.pos]
	ps.pos++
	pattern, err := ps.until(delim)
	if err != nil {
		return err
	}
	if c.repl, err = ps.until(delim); err != nil {
		return err
	}
	ignoreCase := false
	for ps.pos < len(ps.src) && strings.IndexByte(" \t\n;}", ps.src[ps.pos]) < 0 {
		switch f := ps.src[ps.pos]; {
		case f == 'g':
			c.global = true
		case f == 'p':
			c.print = true
		case f == 'i' || f == 'I':
			ignoreCase = true
		case f >= '1' && f <= '9':
			c.nth = int(f - '0')
		default:
			return errorf("unknown option to `s'")
		}
		ps.pos++
	}
	c.re, err = compileRegexp(pattern, ps.extended, false, ignoreCase, false)
	if err != nil {
		return errorf("invalid regular expression: %v", err)
	}
	return nil
}

// until reads up to the unescaped delim, which it consumes; an escaped
// delim stands for itself.
func (ps *sedParser) until(delim byte) (string, error) {
	var b strings.Builder
	for ; ps.pos < len(ps.src); ps.pos++ {
		c := ps.src[ps.pos]
		switch {
		case c == delim:
			ps.pos++
			return b.String(), nil
		case c == '\\' && ps.pos+1 < len(ps.src) && ps.src[ps.pos+1] == delim:
			b.WriteByte(delim)
			ps.pos++
		case c == '\\' && ps.pos+1 < len(ps.src):
			b.WriteByte(c)
			b.WriteByte(ps.src[ps.pos+1])
			ps.pos++
		default:
			b.WriteByte(c)
		}
	}
	return "", errorf("unterminated `s' command")
}

func (ps *sedParser) peek() byte {
	if ps.pos < len(ps.src) {
		return ps.src[ps.pos]
	}
	return 0
}

func (ps *sedParser) address() (*sedAddress, error) {
	switch c := ps.peek(); {
	case c == '$':
		ps.pos++
		return &sedAddress{last: true}, nil
	case c >= '0' && c <= '9':
		start := ps.pos
		for ps.pos < len(ps.src) && ps.src[ps.pos] >= '0' && ps.src[ps.pos] <= '9' {
			ps.pos++
		}
		n, _ := strconv.Atoi(ps.src[start:ps.pos])
		return &sedAddress{line: n}, nil
	case c == '/' || c == '\\':
		if c == '\\' {
			ps.pos++
			c = ps.peek()
		}
		ps.pos++
		pattern, err := ps.until(c)
		if err != nil {
			return nil, errorf("unterminated address regex")
		}
		re, err := compileRegexp(pattern, ps.extended, false, false, false)
		if err != nil {
			return nil, errorf("invalid regular expression: %v", err)
		}
		return &sedAddress{re: re}, nil
	}
	return nil, nil
}

type sedError string

func (e sedError) Error() string { return string(e) }

func errorf(format string, args ...any) error {
	return sedError(strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func cmpErr(err error, fallback string) error {
	if err != nil {
		return err
	}
	return errorf("%s", fallback)
}

package script

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// The text programs, on their files or their standard input.

// basicToExtended turns a POSIX basic regular expression into the
// extended form Go reads: in a basic one, \( \) \{ \} \| \+ \? are the
// operators and the bare characters are literal.
func basicToExtended(re string) string {
	var b strings.Builder
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c == '\\' && i+1 < len(re) && strings.IndexByte("(){}|+?", re[i+1]) >= 0:
			b.WriteByte(re[i+1])
			i++
		case c == '\\' && i+1 < len(re):
			b.WriteByte(c)
			b.WriteByte(re[i+1])
			i++
		case strings.IndexByte("(){}|+?", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// compileRegexp compiles a grep or sed expression.
func compileRegexp(re string, extended, fixed, ignoreCase, word bool) (*regexp.Regexp, error) {
	switch {
	case fixed:
		re = regexp.QuoteMeta(re)
	case !extended:
		re = basicToExtended(re)
	}
	if word {
		re = `\b(?:` + re + `)\b`
	}
	if ignoreCase {
		re = "(?i)" + re
	}
	return regexp.Compile(re)
}

// grep prints the lines that match: -i -v -c -n -q -l -o -w -E -F -e, -r
// on the run's files.
func (p *progCall) grep() error {
	o, err := p.options("ivcnqloswEFHhrR", "e", map[string]byte{
		"ignore-case": 'i', "invert-match": 'v', "count": 'c', "quiet": 'q', "silent": 'q',
		"files-with-matches": 'l', "only-matching": 'o', "extended-regexp": 'E', "fixed-strings": 'F', "regexp": 'e',
	})
	if err != nil {
		return err
	}
	pattern, files := o.values['e'], o.rest
	if !o.set['e'] {
		if len(files) == 0 {
			return p.failWith(2, "usage: grep [OPTION]... PATTERNS [FILE]...")
		}
		pattern, files = files[0], files[1:]
	}
	re, err := compileRegexp(pattern, o.set['E'] || p.name == "egrep", o.set['F'] || p.name == "fgrep", o.set['i'], o.set['w'])
	if err != nil {
		return p.failWith(2, "invalid regular expression: %v", err)
	}
	if o.set['r'] || o.set['R'] {
		files = p.expandTrees(files)
	}
	named := (len(files) > 1 || o.set['r'] || o.set['R'] || o.set['H']) && !o.set['h']
	if len(files) == 0 {
		files = []string{"-"}
	}
	matched, failed := false, false
	for _, file := range files {
		text, err := p.input([]string{file})
		if err != nil {
			failed = true
			continue
		}
		prefix := ""
		if named {
			prefix = file + ":"
			if file == "-" {
				prefix = "(standard input):"
			}
		}
		count := 0
		for i, line := range lines(text) {
			if re.MatchString(line) == o.set['v'] {
				continue
			}
			count++
			matched = true
			switch {
			case o.set['q'] || o.set['c'] || o.set['l']:
			case o.set['o']:
				for _, m := range re.FindAllString(line, -1) {
					p.printf("%s%s\n", prefix, m)
				}
			case o.set['n']:
				p.printf("%s%d:%s\n", prefix, i+1, line)
			default:
				p.printf("%s%s\n", prefix, line)
			}
		}
		switch {
		case o.set['q']:
		case o.set['l'] && count > 0:
			p.printf("%s\n", file)
		case o.set['c']:
			p.printf("%s%d\n", prefix, count)
		}
	}
	switch {
	case matched && (o.set['q'] || !failed):
		return nil
	case failed:
		return interp.ExitStatus(2)
	}
	return interp.ExitStatus(1)
}

// expandTrees lists the files below each operand, for grep -r.
func (p *progCall) expandTrees(operands []string) []string {
	if len(operands) == 0 {
		operands = []string{"."}
	}
	var files []string
	for _, operand := range operands {
		abs := p.abs(operand)
		for _, found := range p.s.files.walk(abs) {
			if info, err := p.s.files.stat(found); err == nil && !info.IsDir() {
				files = append(files, operand+strings.TrimPrefix(found, abs))
			}
		}
	}
	return files
}

// head prints the first lines (-n N) or bytes (-c N).
func (p *progCall) head() error { return p.ends(false) }

// tail prints the last lines (-n N, or -n +N from line N on) or bytes.
func (p *progCall) tail() error { return p.ends(true) }

func (p *progCall) ends(last bool) error {
	args := p.args
	// The old form: head -5.
	if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && isNumber(args[0][1:]) {
		p.args = append([]string{"-n", args[0][1:]}, args[1:]...)
	}
	o, err := p.options("qvfF", "nc", map[string]byte{"lines": 'n', "bytes": 'c', "follow": 'f'})
	if err != nil {
		return err
	}
	text, err := p.input(o.rest)
	if o.set['c'] {
		n, _ := strconv.Atoi(strings.TrimPrefix(o.values['c'], "+"))
		switch {
		case !last:
			text = text[:min(n, len(text))]
		case strings.HasPrefix(o.values['c'], "+"):
			text = text[min(max(n-1, 0), len(text)):]
		default:
			text = text[len(text)-min(n, len(text)):]
		}
		p.printf("%s", text)
		return err
	}
	count := cmpOr(o.values['n'], "10")
	n, convErr := strconv.Atoi(strings.TrimPrefix(count, "+"))
	if convErr != nil || n < 0 {
		return p.fail("invalid number of lines: '%s'", count)
	}
	all := lines(text)
	switch {
	case !last:
		all = all[:min(n, len(all))]
	case strings.HasPrefix(count, "+"):
		all = all[min(max(n-1, 0), len(all)):]
	default:
		all = all[len(all)-min(n, len(all)):]
	}
	p.writeLines(all)
	return err
}

func cmpOr(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

// wc counts lines, words and bytes.
func (p *progCall) wc() error {
	o, err := p.options("lwcm", "", map[string]byte{"lines": 'l', "words": 'w', "bytes": 'c', "chars": 'm'})
	if err != nil {
		return err
	}
	if !o.set['l'] && !o.set['w'] && !o.set['c'] && !o.set['m'] {
		o.set['l'], o.set['w'], o.set['c'] = true, true, true
	}
	files := o.rest
	if len(files) == 0 {
		files = []string{"-"}
	}
	failed := false
	for _, file := range files {
		text, err := p.input([]string{file})
		if err != nil {
			failed = true
			continue
		}
		var counts []string
		if o.set['l'] {
			counts = append(counts, strconv.Itoa(strings.Count(string(text), "\n")))
		}
		if o.set['w'] {
			counts = append(counts, strconv.Itoa(len(strings.Fields(string(text)))))
		}
		if o.set['c'] || o.set['m'] {
			counts = append(counts, strconv.Itoa(len(text)))
		}
		if len(counts) > 1 || file != "-" {
			for i := range counts {
				counts[i] = fmt.Sprintf("%7s", counts[i])
			}
		}
		if file != "-" {
			counts = append(counts, file)
		}
		p.printf("%s\n", strings.Join(counts, " "))
	}
	return status(failed)
}

// sort sorts lines: -r reverses, -n compares numbers, -u drops repeats,
// -k N and -t SEP sort on a field.
func (p *progCall) sort() error {
	o, err := p.options("rnufbh", "kt", map[string]byte{"reverse": 'r', "numeric-sort": 'n', "unique": 'u'})
	if err != nil {
		return err
	}
	text, err := p.input(o.rest)
	all := lines(text)
	field, _ := strconv.Atoi(strings.SplitN(o.values['k'], ",", 2)[0])
	key := func(line string) string {
		if field < 1 {
			return line
		}
		var parts []string
		if o.set['t'] {
			parts = strings.Split(line, o.values['t'])
		} else {
			parts = strings.Fields(line)
		}
		if field > len(parts) {
			return ""
		}
		return parts[field-1]
	}
	compare := func(a, b string) int {
		ka, kb := key(a), key(b)
		if o.set['f'] {
			ka, kb = strings.ToLower(ka), strings.ToLower(kb)
		}
		if o.set['n'] {
			na, _ := strconv.ParseFloat(leadingNumber(ka), 64)
			nb, _ := strconv.ParseFloat(leadingNumber(kb), 64)
			if na != nb {
				return compareFloats(na, nb)
			}
			return 0
		}
		return strings.Compare(ka, kb)
	}
	slices.SortStableFunc(all, func(a, b string) int {
		if o.set['r'] {
			return compare(b, a)
		}
		return compare(a, b)
	})
	if o.set['u'] {
		all = slices.CompactFunc(all, func(a, b string) bool { return compare(a, b) == 0 })
	}
	p.writeLines(all)
	return err
}

func compareFloats(a, b float64) int {
	if a < b {
		return -1
	}
	return 1
}

func leadingNumber(s string) string {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.' || end == 0 && s[end] == '-') {
		end++
	}
	return s[:end]
}

// uniq drops adjacent repeated lines: -c counts them, -d keeps only
// repeated ones, -u only unique ones.
func (p *progCall) uniq() error {
	o, err := p.options("cdui", "", map[string]byte{"count": 'c'})
	if err != nil {
		return err
	}
	text, err := p.input(o.rest[:min(1, len(o.rest))])
	all := lines(text)
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && (all[j] == all[i] || o.set['i'] && strings.EqualFold(all[j], all[i])) {
			j++
		}
		n := j - i
		switch {
		case o.set['d'] && n == 1, o.set['u'] && n > 1:
		case o.set['c']:
			p.printf("%7d %s\n", n, all[i])
		default:
			p.printf("%s\n", all[i])
		}
		i = j
	}
	return err
}

// cut prints fields (-f LIST with -d SEP, tab by default) or characters
// (-c LIST) of each line.
func (p *progCall) cut() error {
	o, err := p.options("s", "dfcb", map[string]byte{"delimiter": 'd', "fields": 'f', "characters": 'c', "bytes": 'b'})
	if err != nil {
		return err
	}
	list := cmpOr(o.values['f'], cmpOr(o.values['c'], o.values['b']))
	if list == "" {
		return p.fail("you must specify a list of bytes, characters, or fields")
	}
	selected, ok := parseList(list)
	if !ok {
		return p.fail("invalid field value '%s'", list)
	}
	sep := cmpOr(o.values['d'], "\t")
	text, err := p.input(o.rest)
	for _, line := range lines(text) {
		if !o.set['f'] {
			var b strings.Builder
			for i := range len(line) {
				if selected(i + 1) {
					b.WriteByte(line[i])
				}
			}
			p.printf("%s\n", b.String())
			continue
		}
		if !strings.Contains(line, sep) {
			if !o.set['s'] {
				p.printf("%s\n", line)
			}
			continue
		}
		var kept []string
		for i, f := range strings.Split(line, sep) {
			if selected(i + 1) {
				kept = append(kept, f)
			}
		}
		p.printf("%s\n", strings.Join(kept, sep))
	}
	return err
}

// parseList reads cut's LIST: N, N-M, N-, -M, separated by commas.
func parseList(list string) (func(int) bool, bool) {
	type span struct{ from, to int }
	var spans []span
	for part := range strings.SplitSeq(list, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, errA := strconv.Atoi(cmpOr(from, "1"))
		b, errB := strconv.Atoi(cmpOr(to, strconv.Itoa(1<<30)))
		if !isRange {
			b, errB = a, errA
		}
		if errA != nil || errB != nil || a < 1 {
			return nil, false
		}
		spans = append(spans, span{a, b})
	}
	return func(n int) bool {
		for _, s := range spans {
			if n >= s.from && n <= s.to {
				return true
			}
		}
		return false
	}, true
}

// tr translates characters of SET1 to SET2, deletes them (-d) or squeezes
// their repeats (-s); ranges (a-z), escapes (\n) and classes
// ([:upper:]) are read.
func (p *progCall) tr() error {
	o, err := p.options("dsc", "", nil)
	if err != nil {
		return err
	}
	if len(o.rest) == 0 {
		return p.fail("missing operand")
	}
	from := trSet(o.rest[0])
	var to []byte
	if len(o.rest) > 1 {
		to = trSet(o.rest[1])
	}
	text, _ := p.input(nil)
	var b strings.Builder
	var last byte
	for i, c := range text {
		idx := slices.Index(from, c)
		switch {
		case o.set['d'] && idx >= 0:
			continue
		case idx >= 0 && len(to) > 0:
			c = to[min(idx, len(to)-1)]
		}
		if o.set['s'] && i > 0 && c == last && b.Len() > 0 && (slices.Contains(to, c) || len(to) == 0 && idx >= 0) {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	p.printf("%s", b.String())
	return nil
}

func trSet(set string) []byte {
	classes := map[string]string{
		"[:upper:]": "A-Z", "[:lower:]": "a-z", "[:digit:]": "0-9", "[:space:]": " \\t\\n\\r\\v\\f",
		"[:alpha:]": "a-zA-Z", "[:alnum:]": "a-zA-Z0-9", "[:blank:]": " \\t", "[:punct:]": "!-/:-@[-`{-~",
	}
	for class, expansion := range classes {
		set = strings.ReplaceAll(set, class, expansion)
	}
	escapes := map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'v': '\v', 'f': '\f', '\\': '\\'}
	var chars []byte
	for i := 0; i < len(set); i++ {
		c := set[i]
		if c == '\\' && i+1 < len(set) {
			i++
			if e, ok := escapes[set[i]]; ok {
				c = e
			} else {
				c = set[i]
			}
		}
		if i+2 < len(set) && set[i+1] == '-' {
			for r := int(c); r <= int(set[i+2]); r++ {
				chars = append(chars, byte(r))
			}
			i += 2
			continue
		}
		chars = append(chars, c)
	}
	return chars
}

// xargs runs a simulated program with the words of its input as
// arguments: all at once, or -n N at a time, or one line at a time with
// -I REPLACE.
func (p *progCall) xargs() error {
	o, err := p.options("rt0", "nI", nil)
	if err != nil {
		return err
	}
	command := o.rest
	if len(command) == 0 {
		command = []string{"echo"}
	}
	text, _ := p.input(nil)
	var batches [][]string
	switch {
	case o.set['I']:
		for _, line := range lines(text) {
			var args []string
			for _, a := range command {
				args = append(args, strings.ReplaceAll(a, o.values['I'], line))
			}
			batches = append(batches, args)
		}
	default:
		words := strings.Fields(string(text))
		size, _ := strconv.Atoi(o.values['n'])
		if size < 1 {
			size = max(len(words), 1)
		}
		for i := 0; i < len(words) || i == 0; i += size {
			if len(words) == 0 && o.set['r'] {
				break
			}
			batches = append(batches, append(slices.Clone(command), words[i:min(i+size, len(words))]...))
		}
	}
	failed := false
	for _, args := range batches {
		if err := p.runCommand(args); err != nil {
			if status, ok := errors.AsType[interp.ExitStatus](err); ok && status == 127 {
				return err
			}
			failed = true
		}
	}
	if failed {
		return interp.ExitStatus(123)
	}
	return nil
}

// runCommand runs a program of the instance, or echo, for xargs.
func (p *progCall) runCommand(args []string) error {
	if args[0] == "echo" {
		p.printf("%s\n", strings.Join(args[1:], " "))
		return nil
	}
	return p.runProgram(args[0], args[1:]...)
}

package script

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// The evaluator of the simulated awk. Its work and memory are bounded as
// the shell's are: at most maxAwkSteps statements and expressions a call,
// strings within maxVariableBytes, arrays within maxAwkElements.

const (
	maxAwkSteps    = 2_000_000
	maxAwkElements = 100_000
)

var (
	errAwkNext     = errors.New("next")
	errAwkExit     = errors.New("exit")
	errAwkBreak    = errors.New("break")
	errAwkContinue = errors.New("continue")
)

// awkValue is a string, a number, or a string from input that looks like
// a number (compared as one).
type awkValue struct {
	s       string
	n       float64
	isNum   bool
	strnum  bool
	hasText bool
}

func awkNumber(n float64) awkValue { return awkValue{n: n, isNum: true} }
func awkString(s string) awkValue  { return awkValue{s: s, hasText: true} }

// awkInput is a value read from input: a number if it looks like one.
func awkInput(s string) awkValue {
	v := awkString(s)
	if n, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && strings.TrimSpace(s) != "" {
		v.n, v.strnum = n, true
	}
	return v
}

func (v awkValue) num() float64 {
	if v.isNum || v.strnum {
		return v.n
	}
	n, _ := strconv.ParseFloat(leadingNumber(v.s), 64)
	return n
}

func (v awkValue) str() string {
	if !v.isNum {
		return v.s
	}
	return awkFormatNumber(v.n)
}

func awkFormatNumber(n float64) string {
	if n == math.Trunc(n) && math.Abs(n) < 1e16 {
		return strconv.FormatInt(int64(n), 10)
	}
	return strconv.FormatFloat(n, 'g', 6, 64)
}

func (v awkValue) truth() bool {
	if v.isNum || v.strnum {
		return v.n != 0
	}
	return v.s != ""
}

type awkMachine struct {
	p       *progCall
	vars    map[string]awkValue
	arrays  map[string]map[string]awkValue
	fields  []string // $1..$NF
	record  string
	steps   int
	elems   int
	exit    int
	outputs map[string]io.WriteCloser
}

func (m *awkMachine) step() {
	m.steps++
	if m.steps > maxAwkSteps || m.steps%4096 == 0 && m.p.ctx.Err() != nil {
		panic(awkRuntimeError("program ran too long"))
	}
}

type awkRuntimeError string

func (e awkRuntimeError) Error() string { return string(e) }

func (m *awkMachine) checkSize(s string) string {
	if len(s) > maxVariableBytes {
		panic(awkRuntimeError("out of memory"))
	}
	return s
}

func (m *awkMachine) setRecord(text string) {
	m.record = text
	m.fields = m.split(text, m.vars["FS"].str())
	m.vars["NF"] = awkNumber(float64(len(m.fields)))
}

// split splits text by fs as awk does: " " on runs of blanks, one other
// character on itself, anything longer as a regular expression.
func (m *awkMachine) split(text, fs string) []string {
	switch {
	case fs == " ":
		return strings.Fields(text)
	case text == "":
		return nil
	case len(fs) == 1 && fs != "\\":
		return strings.Split(text, fs)
	}
	re, err := regexp.Compile(fs)
	if err != nil {
		return strings.Split(text, fs)
	}
	return re.Split(text, -1)
}

func (m *awkMachine) rebuild() {
	m.record = m.checkSize(strings.Join(m.fields, m.vars["OFS"].str()))
	m.vars["NF"] = awkNumber(float64(len(m.fields)))
}

func (m *awkMachine) field(i int) awkValue {
	switch {
	case i < 0:
		panic(awkRuntimeError(fmt.Sprintf("trying to access out of range field %d", i)))
	case i == 0:
		return awkInput(m.record)
	case i <= len(m.fields):
		return awkInput(m.fields[i-1])
	}
	return awkValue{}
}

func (m *awkMachine) setField(i int, v string) {
	switch {
	case i < 0 || i > maxAwkElements:
		panic(awkRuntimeError(fmt.Sprintf("trying to access out of range field %d", i)))
	case i == 0:
		m.setRecord(v)
		return
	}
	for len(m.fields) < i {
		m.fields = append(m.fields, "")
	}
	m.fields[i-1] = v
	m.rebuild()
}

func (m *awkMachine) array(name string) map[string]awkValue {
	a, ok := m.arrays[name]
	if !ok {
		a = map[string]awkValue{}
		m.arrays[name] = a
	}
	return a
}

func (m *awkMachine) key(keys []awkExpr) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = m.eval(k).str()
	}
	return strings.Join(parts, "\x1c")
}

func (m *awkMachine) get(e awkExpr) awkValue {
	switch x := e.(type) {
	case *awkVar:
		if x.name == "NF" {
			return awkNumber(float64(len(m.fields)))
		}
		return m.vars[x.name]
	case *awkIndex:
		a := m.array(x.name)
		k := m.key(x.keys)
		if _, ok := a[k]; !ok {
			m.elems++
			if m.elems > maxAwkElements {
				panic(awkRuntimeError("out of memory"))
			}
		}
		v := a[k]
		a[k] = v
		return v
	case *awkField:
		return m.field(int(m.eval(x.index).num()))
	}
	return awkValue{}
}

func (m *awkMachine) set(e awkExpr, v awkValue) awkValue {
	if !v.isNum {
		m.checkSize(v.s)
	}
	switch x := e.(type) {
	case *awkVar:
		if x.name == "NF" {
			n := int(v.num())
			if n < 0 || n > maxAwkElements {
				panic(awkRuntimeError("NF out of range"))
			}
			for len(m.fields) < n {
				m.fields = append(m.fields, "")
			}
			m.fields = m.fields[:n]
			m.rebuild()
			return v
		}
		m.vars[x.name] = v
	case *awkIndex:
		a := m.array(x.name)
		k := m.key(x.keys)
		if _, ok := a[k]; !ok {
			m.elems++
			if m.elems > maxAwkElements {
				panic(awkRuntimeError("out of memory"))
			}
		}
		a[k] = v
	case *awkField:
		m.setField(int(m.eval(x.index).num()), v.str())
	}
	return v
}

func awkCompare(l, r awkValue) int {
	if (l.isNum || l.strnum || !l.hasText) && (r.isNum || r.strnum || !r.hasText) {
		a, b := l.num(), r.num()
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	return strings.Compare(l.str(), r.str())
}

func boolValue(b bool) awkValue {
	if b {
		return awkNumber(1)
	}
	return awkNumber(0)
}

// regexpOf is the regular expression e stands for: a literal, or a
// dynamic one from its string value.
func (m *awkMachine) regexpOf(e awkExpr) *regexp.Regexp {
	if r, ok := e.(*awkRegexp); ok {
		return r.re
	}
	re, err := compileRegexp(m.eval(e).str(), true, false, false, false)
	if err != nil {
		panic(awkRuntimeError(fmt.Sprintf("invalid regular expression: %v", err)))
	}
	return re
}

func (m *awkMachine) eval(e awkExpr) awkValue {
	m.step()
	switch x := e.(type) {
	case *awkNum:
		return awkNumber(x.n)
	case *awkStr:
		return awkString(x.s)
	case *awkRegexp:
		return boolValue(x.re.MatchString(m.record))
	case *awkVar, *awkIndex, *awkField:
		return m.get(e)
	case *awkUnary:
		v := m.eval(x.x)
		switch x.op {
		case "!":
			return boolValue(!v.truth())
		case "-":
			return awkNumber(-v.num())
		}
		return awkNumber(v.num())
	case *awkAssign:
		return m.assign(x)
	case *awkIncDec:
		old := m.get(x.lhs).num()
		updated := old + 1
		if x.op == "--" {
			updated = old - 1
		}
		m.set(x.lhs, awkNumber(updated))
		if x.prefix {
			return awkNumber(updated)
		}
		return awkNumber(old)
	case *awkCond:
		if m.eval(x.cond).truth() {
			return m.eval(x.yes)
		}
		return m.eval(x.no)
	case *awkIn:
		_, ok := m.array(x.array)[m.key(x.keys)]
		return boolValue(ok)
	case *awkCall:
		return m.call(x)
	case *awkBinary:
		return m.binary(x)
	}
	panic(awkRuntimeError("unknown expression"))
}

func (m *awkMachine) assign(x *awkAssign) awkValue {
	r := m.eval(x.rhs)
	if x.op == "=" {
		if r.strnum {
			r = awkInput(r.s)
		}
		return m.set(x.lhs, r)
	}
	l := m.get(x.lhs).num()
	return m.set(x.lhs, awkNumber(arith(x.op[:1], l, r.num())))
}

func arith(op string, a, b float64) float64 {
	switch op {
	case "+":
		return a + b
	case "-":
		return a - b
	case "*":
		return a * b
	case "/":
		if b == 0 {
			panic(awkRuntimeError("division by zero"))
		}
		return a / b
	case "%":
		if b == 0 {
			panic(awkRuntimeError("division by zero in %"))
		}
		return math.Mod(a, b)
	}
	return math.Pow(a, b)
}

func (m *awkMachine) binary(x *awkBinary) awkValue {
	switch x.op {
	case "&&":
		return boolValue(m.eval(x.l).truth() && m.eval(x.r).truth())
	case "||":
		return boolValue(m.eval(x.l).truth() || m.eval(x.r).truth())
	case "~", "!~":
		matched := m.regexpOf(x.r).MatchString(m.eval(x.l).str())
		return boolValue(matched == (x.op == "~"))
	case " ":
		l, r := m.eval(x.l).str(), m.eval(x.r).str()
		if len(l)+len(r) > maxVariableBytes {
			panic(awkRuntimeError("out of memory"))
		}
		return awkString(l + r)
	}
	l, r := m.eval(x.l), m.eval(x.r)
	switch x.op {
	case "<":
		return boolValue(awkCompare(l, r) < 0)
	case "<=":
		return boolValue(awkCompare(l, r) <= 0)
	case ">":
		return boolValue(awkCompare(l, r) > 0)
	case ">=":
		return boolValue(awkCompare(l, r) >= 0)
	case "==":
		return boolValue(awkCompare(l, r) == 0)
	case "!=":
		return boolValue(awkCompare(l, r) != 0)
	}
	return awkNumber(arith(x.op, l.num(), r.num()))
}

func (m *awkMachine) arg(args []awkExpr, i int) awkValue {
	if i < len(args) {
		return m.eval(args[i])
	}
	return awkValue{}
}

func (m *awkMachine) call(x *awkCall) awkValue {
	args := x.args
	switch x.name {
	case "length":
		if len(args) == 0 {
			return awkNumber(float64(len(m.record)))
		}
		if v, ok := args[0].(*awkVar); ok {
			if a, isArray := m.arrays[v.name]; isArray {
				return awkNumber(float64(len(a)))
			}
		}
		return awkNumber(float64(len(m.eval(args[0]).str())))
	case "substr":
		s := m.arg(args, 0).str()
		start := int(math.Round(m.arg(args, 1).num()))
		end := len(s) + 1
		if len(args) > 2 {
			end = start + int(math.Round(m.arg(args, 2).num()))
		}
		start, end = max(start, 1), min(end, len(s)+1)
		if start >= end {
			return awkString("")
		}
		return awkString(s[start-1 : end-1])
	case "index":
		return awkNumber(float64(strings.Index(m.arg(args, 0).str(), m.arg(args, 1).str()) + 1))
	case "tolower":
		return awkString(strings.ToLower(m.arg(args, 0).str()))
	case "toupper":
		return awkString(strings.ToUpper(m.arg(args, 0).str()))
	case "int":
		return awkNumber(math.Trunc(m.arg(args, 0).num()))
	case "sqrt":
		return awkNumber(math.Sqrt(m.arg(args, 0).num()))
	case "sprintf":
		return awkString(m.checkSize(m.sprintf(args)))
	case "split":
		return m.splitCall(args)
	case "sub", "gsub":
		return m.substitute(args, x.name == "gsub")
	case "match":
		loc := m.regexpOf(args[1]).FindStringIndex(m.arg(args, 0).str())
		if loc == nil {
			m.vars["RSTART"], m.vars["RLENGTH"] = awkNumber(0), awkNumber(-1)
			return awkNumber(0)
		}
		m.vars["RSTART"], m.vars["RLENGTH"] = awkNumber(float64(loc[0]+1)), awkNumber(float64(loc[1]-loc[0]))
		return awkNumber(float64(loc[0] + 1))
	case "system":
		panic(awkRuntimeError("system() is not simulated"))
	}
	panic(awkRuntimeError(fmt.Sprintf("function %s never defined", x.name)))
}

func (m *awkMachine) splitCall(args []awkExpr) awkValue {
	if len(args) < 2 {
		panic(awkRuntimeError("split needs two arguments"))
	}
	target, ok := args[1].(*awkVar)
	if !ok {
		panic(awkRuntimeError("split's second argument is an array"))
	}
	fs := m.vars["FS"].str()
	if len(args) > 2 {
		fs = m.eval(args[2]).str()
	}
	parts := m.split(m.eval(args[0]).str(), fs)
	m.elems += len(parts)
	if m.elems > maxAwkElements {
		panic(awkRuntimeError("out of memory"))
	}
	a := map[string]awkValue{}
	for i, part := range parts {
		a[strconv.Itoa(i+1)] = awkInput(part)
	}
	m.arrays[target.name] = a
	return awkNumber(float64(len(parts)))
}

func (m *awkMachine) substitute(args []awkExpr, global bool) awkValue {
	if len(args) < 2 {
		panic(awkRuntimeError("sub needs two arguments"))
	}
	re := m.regexpOf(args[0])
	repl := m.eval(args[1]).str()
	var target awkExpr = &awkField{index: &awkNum{n: 0}}
	if len(args) > 2 {
		target = args[2]
	}
	text := m.get(target).str()
	count := 0
	var b strings.Builder
	prev := 0
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if !global && count == 1 {
			break
		}
		b.WriteString(text[prev:loc[0]])
		for i := 0; i < len(repl); i++ {
			switch {
			case repl[i] == '\\' && i+1 < len(repl) && (repl[i+1] == '&' || repl[i+1] == '\\'):
				i++
				b.WriteByte(repl[i])
			case repl[i] == '&':
				b.WriteString(text[loc[0]:loc[1]])
			default:
				b.WriteByte(repl[i])
			}
			if b.Len() > maxVariableBytes {
				panic(awkRuntimeError("out of memory"))
			}
		}
		prev = loc[1]
		count++
	}
	if count > 0 {
		b.WriteString(text[prev:])
		m.set(target, awkString(b.String()))
	}
	return awkNumber(float64(count))
}

// sprintf formats as awk's printf: %c %d %i %o %x %X %u %e %E %f %g %G
// %s and %%, with flags, width and precision, * taking an argument.
func (m *awkMachine) sprintf(args []awkExpr) string {
	if len(args) == 0 {
		return ""
	}
	format := m.eval(args[0]).str()
	values := args[1:]
	next := func() awkValue {
		if len(values) == 0 {
			return awkValue{}
		}
		v := m.eval(values[0])
		values = values[1:]
		return v
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		start, j := i, i+1
		var spec strings.Builder
		spec.WriteByte('%')
		for j < len(format) && strings.IndexByte("-+ #0123456789.*", format[j]) >= 0 {
			if format[j] == '*' {
				spec.WriteString(strconv.Itoa(int(next().num())))
			} else {
				spec.WriteByte(format[j])
			}
			j++
		}
		if j == len(format) {
			b.WriteString(format[i:])
			break
		}
		verb := format[j]
		i = j
		switch verb {
		case '%':
			b.WriteByte('%')
		case 'd', 'i', 'u':
			fmt.Fprintf(&b, spec.String()+"d", int64(next().num()))
		case 'o', 'x', 'X':
			fmt.Fprintf(&b, spec.String()+string(verb), int64(next().num()))
		case 'e', 'E', 'f', 'g', 'G':
			fmt.Fprintf(&b, spec.String()+string(verb), next().num())
		case 'c':
			v := next()
			text := v.str()
			if v.isNum {
				text = string(rune(int(v.n)))
			}
			fmt.Fprintf(&b, spec.String()+"s", text[:min(1, len(text))])
		case 's':
			fmt.Fprintf(&b, spec.String()+"s", next().str())
		default:
			b.WriteString(format[start : j+1])
		}
		if b.Len() > maxVariableBytes {
			panic(awkRuntimeError("out of memory"))
		}
	}
	return b.String()
}

func (m *awkMachine) exec(s awkStmt) error {
	m.step()
	switch x := s.(type) {
	case *awkBlock:
		for _, st := range x.stmts {
			if err := m.exec(st); err != nil {
				return err
			}
		}
	case *awkExprStmt:
		m.eval(x.e)
	case *awkPrint:
		return m.print(x)
	case *awkIf:
		if m.eval(x.cond).truth() {
			return m.exec(x.then)
		} else if x.els != nil {
			return m.exec(x.els)
		}
	case *awkWhile:
		return m.loop(func() bool { return m.eval(x.cond).truth() }, x.body, nil, x.do)
	case *awkFor:
		if x.init != nil {
			_ = m.exec(x.init)
		}
		return m.loop(func() bool { return x.cond == nil || m.eval(x.cond).truth() }, x.body, x.post, false)
	case *awkForIn:
		keys := make([]string, 0, len(m.array(x.array)))
		for k := range m.array(x.array) {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			m.vars[x.name] = awkInput(k)
			err := m.exec(x.body)
			if errors.Is(err, errAwkBreak) {
				break
			}
			if err != nil && !errors.Is(err, errAwkContinue) {
				return err
			}
		}
	case *awkNext:
		return errAwkNext
	case *awkBreak:
		return errAwkBreak
	case *awkCont:
		return errAwkContinue
	case *awkExit:
		if x.code != nil {
			m.exit = int(m.eval(x.code).num())
		}
		return errAwkExit
	case *awkDelete:
		if x.keys == nil {
			m.elems -= len(m.array(x.name))
			m.arrays[x.name] = map[string]awkValue{}
		} else if a := m.array(x.name); a != nil {
			k := m.key(x.keys)
			if _, ok := a[k]; ok {
				m.elems--
				delete(a, k)
			}
		}
	}
	return nil
}

func (m *awkMachine) loop(cond func() bool, body, post awkStmt, do bool) error {
	for first := true; (first && do) || cond(); first = false {
		err := m.exec(body)
		if errors.Is(err, errAwkBreak) {
			return nil
		}
		if err != nil && !errors.Is(err, errAwkContinue) {
			return err
		}
		if post != nil {
			_ = m.exec(post)
		}
	}
	return nil
}

func (m *awkMachine) print(x *awkPrint) error {
	var text string
	if x.printf {
		text = m.sprintf(x.args)
	} else {
		parts := make([]string, len(x.args))
		for i, a := range x.args {
			v := m.eval(a)
			if v.isNum {
				parts[i] = awkFormatNumber(v.n)
			} else {
				parts[i] = v.s
			}
		}
		if len(x.args) == 0 {
			parts = []string{m.record}
		}
		text = strings.Join(parts, m.vars["OFS"].str()) + m.vars["ORS"].str()
	}
	out := m.p.out
	if x.redirect != "" {
		name := m.eval(x.target).str()
		f, ok := m.outputs[name]
		if !ok {
			flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			if x.redirect == ">>" {
				flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
			}
			opened, err := m.p.s.openFile(m.p.hc, name, flag)
			if err != nil {
				panic(awkRuntimeError(fmt.Sprintf("can't redirect to `%s' (%s)", name, errorText(err))))
			}
			f = opened
			m.outputs[name] = f
		}
		out = f
	}
	if _, err := io.WriteString(out, text); err != nil {
		panic(awkRuntimeError(fmt.Sprintf("write failure (%s)", errorText(err))))
	}
	return nil
}

// awk runs an awk program: -F FS, -v NAME=VALUE, the program, then its
// files or standard input.
func (p *progCall) awk() error {
	m := &awkMachine{p: p, vars: map[string]awkValue{
		"FS": awkString(" "), "OFS": awkString(" "), "ORS": awkString("\n"), "SUBSEP": awkString("\x1c"),
	}, arrays: map[string]map[string]awkValue{}, outputs: map[string]io.WriteCloser{}}
	args := p.args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		switch opt := args[0]; {
		case opt == "--":
			args = args[1:]
		case strings.HasPrefix(opt, "-F") || opt == "-v":
			value := opt[2:]
			if value == "" {
				if len(args) < 2 {
					return p.failWith(2, "option requires an argument -- %c", opt[1])
				}
				value, args = args[1], args[1:]
			}
			if opt[1] == 'F' {
				if value == "t" || value == `\t` {
					value = "\t"
				}
				m.vars["FS"] = awkString(value)
			} else {
				name, val, ok := strings.Cut(value, "=")
				if !ok {
					return p.failWith(2, "`%s' argument to `-v' not in `var=value' form", value)
				}
				m.vars[name] = awkInput(val)
			}
			args = args[1:]
			continue
		default:
			return p.failWith(2, "unknown option %s", opt)
		}
		break
	}
	if len(args) == 0 {
		return p.failWith(2, "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]")
	}
	rules, err := parseAwk(args[0])
	if err != nil {
		return p.failWith(2, "cmd. line: %v", err)
	}
	return m.run(rules, args[1:])
}

func (m *awkMachine) run(rules []*awkRule, files []string) (err error) {
	defer func() {
		for _, f := range m.outputs {
			_ = f.Close()
		}
		if r := recover(); r != nil {
			e, ok := r.(awkRuntimeError)
			if !ok {
				panic(r)
			}
			err = m.p.failWith(2, "%s", string(e))
		}
	}()
	exited := m.runKind(rules, "BEGIN")
	hasMain := slices.ContainsFunc(rules, func(r *awkRule) bool { return r.kind == "" }) ||
		slices.ContainsFunc(rules, func(r *awkRule) bool { return r.kind == "END" })
	if !exited && hasMain {
		text, inputErr := m.p.input(files)
		for i, line := range lines(text) {
			m.vars["NR"], m.vars["FNR"] = awkNumber(float64(i+1)), awkNumber(float64(i+1))
			m.setRecord(line)
			if m.record2(rules) {
				break
			}
		}
		if inputErr != nil {
			m.exit = 2
		}
	}
	// END runs even after exit, as in awk.
	m.runKind(rules, "END")
	if m.exit != 0 {
		return interp.ExitStatus(uint8(m.exit))
	}
	return nil
}

// runKind runs the BEGIN or END rules, and reports whether one exited.
func (m *awkMachine) runKind(rules []*awkRule, kind string) bool {
	for _, r := range rules {
		if r.kind != kind {
			continue
		}
		if err := m.exec(r.action); errors.Is(err, errAwkExit) {
			return true
		}
	}
	return false
}

// record2 runs the main rules on the present record, and reports whether
// one exited.
func (m *awkMachine) record2(rules []*awkRule) bool {
	for _, r := range rules {
		if r.kind != "" || !m.selects(r) {
			continue
		}
		if r.action == nil {
			_ = m.print(&awkPrint{})
			continue
		}
		err := m.exec(r.action)
		if errors.Is(err, errAwkNext) {
			return false
		}
		if errors.Is(err, errAwkExit) {
			return true
		}
	}
	return false
}

func (m *awkMachine) selects(r *awkRule) bool {
	switch {
	case r.pattern == nil:
		return true
	case r.range2 == nil:
		return m.eval(r.pattern).truth()
	case r.inRange:
		r.inRange = !m.eval(r.range2).truth()
		return true
	case m.eval(r.pattern).truth():
		r.inRange = !m.eval(r.range2).truth()
		return true
	}
	return false
}

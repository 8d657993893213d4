package script

import (
	"fmt"
	"regexp"
)

// The parser of the simulated awk: a program of pattern-action rules,
// BEGIN and END, with the usual expressions and statements (print,
// printf, if, while, for, for-in, next, exit, delete, break, continue).
// User-defined functions and getline are not simulated.

type (
	awkExpr any
	awkStmt any
)

type (
	awkNum    struct{ n float64 }
	awkStr    struct{ s string }
	awkRegexp struct{ re *regexp.Regexp } // matches $0 when used alone
	awkVar    struct{ name string }
	awkIndex  struct {
		name string
		keys []awkExpr
	}
	awkField struct{ index awkExpr }
	awkUnary struct {
		op string
		x  awkExpr
	}
	awkBinary struct {
		op   string
		l, r awkExpr
	}
	awkAssign struct {
		op       string
		lhs, rhs awkExpr
	}
	awkIncDec struct {
		op     string
		lhs    awkExpr
		prefix bool
	}
	awkCall struct {
		name string
		args []awkExpr
	}
	awkCond struct{ cond, yes, no awkExpr }
	awkIn   struct {
		keys  []awkExpr
		array string
	}
)

type (
	awkPrint struct {
		args     []awkExpr
		printf   bool
		redirect string // ">" or ">>", or ""
		target   awkExpr
	}
	awkExprStmt struct{ e awkExpr }
	awkIf       struct {
		cond      awkExpr
		then, els awkStmt
	}
	awkWhile struct {
		cond awkExpr
		body awkStmt
		do   bool
	}
	awkFor struct {
		init, post awkStmt
		cond       awkExpr
		body       awkStmt
	}
	awkForIn struct {
		name, array string
		body        awkStmt
	}
	awkBlock  struct{ stmts []awkStmt }
	awkNext   struct{}
	awkBreak  struct{}
	awkCont   struct{}
	awkExit   struct{ code awkExpr }
	awkDelete struct {
		name string
		keys []awkExpr
	}
)

type awkRule struct {
	kind    string  // "BEGIN", "END" or ""
	pattern awkExpr // nil: every record
	range2  awkExpr // the end of a range pattern, or nil
	action  *awkBlock
	inRange bool
}

type awkParser struct {
	tokens []awkToken
	pos    int
	noGT   bool // inside print's arguments: > redirects
	noIn   bool // in a for's first clause
}

func parseAwk(program string) (rules []*awkRule, err error) {
	tokens, err := lexAwk(program)
	if err != nil {
		return nil, err
	}
	ps := &awkParser{tokens: tokens}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(awkSyntaxError); ok {
				rules, err = nil, e
				return
			}
			panic(r)
		}
	}()
	for {
		ps.skipTerminators()
		if ps.peek().kind == awkEOF {
			return rules, nil
		}
		rules = append(rules, ps.rule())
	}
}

type awkSyntaxError string

func (e awkSyntaxError) Error() string { return string(e) }

func (ps *awkParser) fail(format string, args ...any) {
	panic(awkSyntaxError("syntax error: " + fmt.Sprintf(format, args...)))
}

func (ps *awkParser) peek() awkToken { return ps.tokens[ps.pos] }

func (ps *awkParser) next() awkToken {
	t := ps.tokens[ps.pos]
	if t.kind != awkEOF {
		ps.pos++
	}
	return t
}

func (ps *awkParser) is(text string) bool {
	t := ps.peek()
	return (t.kind == awkPunct || t.kind == awkName) && t.text == text
}

func (ps *awkParser) accept(text string) bool {
	if ps.is(text) {
		ps.pos++
		return true
	}
	return false
}

func (ps *awkParser) expect(text string) {
	if !ps.accept(text) {
		ps.fail("expected %q near %q", text, ps.peek().text)
	}
}

func (ps *awkParser) skipTerminators() {
	for ps.peek().kind == awkNewline || ps.is(";") {
		ps.pos++
	}
}

func (ps *awkParser) skipNewlines() {
	for ps.peek().kind == awkNewline {
		ps.pos++
	}
}

func (ps *awkParser) rule() *awkRule {
	r := &awkRule{}
	switch {
	case ps.accept("BEGIN"):
		r.kind = "BEGIN"
	case ps.accept("END"):
		r.kind = "END"
	case ps.is("function") || ps.is("func"):
		ps.fail("user-defined functions are not simulated")
	case !ps.is("{"):
		r.pattern = ps.expr()
		if ps.accept(",") {
			ps.skipNewlines()
			r.range2 = ps.expr()
		}
	}
	if ps.is("{") {
		r.action = ps.block()
	} else if r.kind != "" {
		ps.fail("%s needs an action", r.kind)
	}
	return r
}

func (ps *awkParser) block() *awkBlock {
	ps.expect("{")
	b := &awkBlock{}
	for {
		ps.skipTerminators()
		if ps.accept("}") {
			return b
		}
		if ps.peek().kind == awkEOF {
			ps.fail("unexpected end of program, missing }")
		}
		b.stmts = append(b.stmts, ps.stmt())
	}
}

// simpleEnd ends a simple statement: ; newline } or the end.
func (ps *awkParser) simpleEnd() {
	switch {
	case ps.accept(";"), ps.peek().kind == awkNewline, ps.is("}"), ps.peek().kind == awkEOF:
	default:
		ps.fail("unexpected %q", ps.peek().text)
	}
}

func (ps *awkParser) body() awkStmt {
	ps.skipNewlines()
	if ps.accept(";") {
		return &awkBlock{}
	}
	return ps.stmt()
}

func (ps *awkParser) stmt() awkStmt {
	switch {
	case ps.is("{"):
		return ps.block()
	case ps.accept("if"):
		ps.expect("(")
		s := &awkIf{cond: ps.expr()}
		ps.expect(")")
		s.then = ps.body()
		save := ps.pos
		ps.skipTerminators()
		if ps.accept("else") {
			s.els = ps.body()
		} else {
			ps.pos = save
		}
		return s
	case ps.accept("while"):
		ps.expect("(")
		s := &awkWhile{cond: ps.expr()}
		ps.expect(")")
		s.body = ps.body()
		return s
	case ps.accept("do"):
		s := &awkWhile{do: true}
		s.body = ps.body()
		ps.skipTerminators()
		ps.expect("while")
		ps.expect("(")
		s.cond = ps.expr()
		ps.expect(")")
		ps.simpleEnd()
		return s
	case ps.accept("for"):
		return ps.forStmt()
	case ps.accept("next"):
		ps.simpleEnd()
		return &awkNext{}
	case ps.accept("break"):
		ps.simpleEnd()
		return &awkBreak{}
	case ps.accept("continue"):
		ps.simpleEnd()
		return &awkCont{}
	case ps.accept("exit"):
		s := &awkExit{}
		if !ps.is(";") && !ps.is("}") && ps.peek().kind != awkNewline && ps.peek().kind != awkEOF {
			s.code = ps.expr()
		}
		ps.simpleEnd()
		return s
	case ps.accept("delete"):
		name := ps.next()
		if name.kind != awkName {
			ps.fail("delete needs an array")
		}
		s := &awkDelete{name: name.text}
		if ps.accept("[") {
			s.keys = ps.exprList("]")
		}
		ps.simpleEnd()
		return s
	case ps.is("print") || ps.is("printf"):
		s := ps.printStmt()
		ps.simpleEnd()
		return s
	case ps.is("getline"):
		ps.fail("getline is not simulated")
	}
	s := &awkExprStmt{e: ps.expr()}
	ps.simpleEnd()
	return s
}

func (ps *awkParser) forStmt() awkStmt {
	ps.expect("(")
	if t, t2, t3 := ps.peek(), ps.tokens[ps.pos+1], ps.tokens[min(ps.pos+3, len(ps.tokens)-1)]; t.kind == awkName && t2.text == "in" && t3.text == ")" {
		ps.pos += 2
		array := ps.next().text
		ps.expect(")")
		return &awkForIn{name: t.text, array: array, body: ps.body()}
	}
	s := &awkFor{}
	if !ps.is(";") {
		s.init = &awkExprStmt{e: ps.expr()}
	}
	ps.expect(";")
	ps.skipNewlines()
	if !ps.is(";") {
		s.cond = ps.expr()
	}
	ps.expect(";")
	ps.skipNewlines()
	if !ps.is(")") {
		s.post = &awkExprStmt{e: ps.expr()}
	}
	ps.expect(")")
	s.body = ps.body()
	return s
}

func (ps *awkParser) printStmt() awkStmt {
	s := &awkPrint{printf: ps.next().text == "printf"}
	ps.noGT = true
	defer func() { ps.noGT = false }()
	switch {
	case ps.is(";") || ps.is("}") || ps.is(">") || ps.is(">>") || ps.peek().kind == awkNewline || ps.peek().kind == awkEOF:
	case ps.is("("):
		// print (a, b) or print (a) b: try a parenthesized list first.
		save := ps.pos
		ps.pos++
		ps.noGT = false
		list := ps.exprList(")")
		ps.noGT = true
		if ps.is(";") || ps.is("}") || ps.is(">") || ps.is(">>") || ps.peek().kind == awkNewline || ps.peek().kind == awkEOF {
			s.args = list
		} else {
			ps.pos = save
			s.args = ps.exprListUntilEnd()
		}
	default:
		s.args = ps.exprListUntilEnd()
	}
	if ps.is(">") || ps.is(">>") || ps.is("|") {
		s.redirect = ps.next().text
		if s.redirect == "|" {
			ps.fail("output to a command is not simulated")
		}
		s.target = ps.concat()
	}
	return s
}

func (ps *awkParser) exprListUntilEnd() []awkExpr {
	list := []awkExpr{ps.expr()}
	for ps.accept(",") {
		ps.skipNewlines()
		list = append(list, ps.expr())
	}
	return list
}

func (ps *awkParser) exprList(end string) []awkExpr {
	var list []awkExpr
	ps.skipNewlines()
	if ps.accept(end) {
		return list
	}
	for {
		list = append(list, ps.expr())
		ps.skipNewlines()
		if ps.accept(end) {
			return list
		}
		ps.expect(",")
		ps.skipNewlines()
	}
}

var awkAssignOps = map[string]bool{"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "^=": true}

func isLvalue(e awkExpr) bool {
	switch e.(type) {
	case *awkVar, *awkIndex, *awkField:
		return true
	}
	return false
}

func (ps *awkParser) expr() awkExpr {
	lhs := ps.ternary()
	if t := ps.peek(); t.kind == awkPunct && awkAssignOps[t.text] && isLvalue(lhs) {
		ps.pos++
		ps.skipNewlines()
		return &awkAssign{op: t.text, lhs: lhs, rhs: ps.expr()}
	}
	return lhs
}

func (ps *awkParser) ternary() awkExpr {
	cond := ps.or()
	if ps.accept("?") {
		ps.skipNewlines()
		yes := ps.ternary()
		ps.skipNewlines()
		ps.expect(":")
		ps.skipNewlines()
		return &awkCond{cond: cond, yes: yes, no: ps.ternary()}
	}
	return cond
}

func (ps *awkParser) or() awkExpr {
	l := ps.and()
	for ps.accept("||") {
		ps.skipNewlines()
		l = &awkBinary{op: "||", l: l, r: ps.and()}
	}
	return l
}

func (ps *awkParser) and() awkExpr {
	l := ps.in()
	for ps.accept("&&") {
		ps.skipNewlines()
		l = &awkBinary{op: "&&", l: l, r: ps.in()}
	}
	return l
}

func (ps *awkParser) in() awkExpr {
	l := ps.match()
	for !ps.noIn && ps.accept("in") {
		l = &awkIn{keys: []awkExpr{l}, array: ps.next().text}
	}
	return l
}

func (ps *awkParser) match() awkExpr {
	l := ps.comparison()
	for ps.is("~") || ps.is("!~") {
		op := ps.next().text
		l = &awkBinary{op: op, l: l, r: ps.comparison()}
	}
	return l
}

func (ps *awkParser) comparison() awkExpr {
	l := ps.concat()
	for _, op := range []string{"<", "<=", "==", "!=", ">=", ">"} {
		if op == ">" && ps.noGT {
			continue
		}
		if ps.accept(op) {
			return &awkBinary{op: op, l: l, r: ps.concat()}
		}
	}
	return l
}

// startsOperand reports whether the next token can begin an operand of a
// concatenation.
func (ps *awkParser) startsOperand() bool {
	t := ps.peek()
	switch t.kind {
	case awkNumberToken, awkStringToken, awkRegex, awkFuncName:
		return true
	case awkName:
		return t.text != "in" && t.text != "getline"
	case awkPunct:
		return t.text == "$" || t.text == "(" || t.text == "!" || t.text == "-" || t.text == "++" || t.text == "--"
	}
	return false
}

func (ps *awkParser) concat() awkExpr {
	l := ps.additive()
	for ps.startsOperand() && !ps.is("-") && !ps.is("!") {
		l = &awkBinary{op: " ", l: l, r: ps.additive()}
	}
	return l
}

func (ps *awkParser) additive() awkExpr {
	l := ps.multiplicative()
	for ps.is("+") || ps.is("-") {
		op := ps.next().text
		l = &awkBinary{op: op, l: l, r: ps.multiplicative()}
	}
	return l
}

func (ps *awkParser) multiplicative() awkExpr {
	l := ps.unary()
	for ps.is("*") || ps.is("/") || ps.is("%") {
		op := ps.next().text
		l = &awkBinary{op: op, l: l, r: ps.unary()}
	}
	return l
}

func (ps *awkParser) unary() awkExpr {
	switch {
	case ps.accept("!"):
		return &awkUnary{op: "!", x: ps.unary()}
	case ps.accept("-"):
		return &awkUnary{op: "-", x: ps.unary()}
	case ps.accept("+"):
		return &awkUnary{op: "+", x: ps.unary()}
	}
	return ps.power()
}

func (ps *awkParser) power() awkExpr {
	base := ps.postfix()
	if ps.accept("^") {
		return &awkBinary{op: "^", l: base, r: ps.unary()}
	}
	return base
}

func (ps *awkParser) postfix() awkExpr {
	if ps.is("++") || ps.is("--") {
		op := ps.next().text
		lhs := ps.postfix()
		if !isLvalue(lhs) {
			ps.fail("%s needs a variable", op)
		}
		return &awkIncDec{op: op, lhs: lhs, prefix: true}
	}
	e := ps.primary()
	if isLvalue(e) && (ps.is("++") || ps.is("--")) {
		return &awkIncDec{op: ps.next().text, lhs: e}
	}
	return e
}

func (ps *awkParser) primary() awkExpr {
	t := ps.next()
	switch t.kind {
	case awkNumberToken:
		return &awkNum{n: t.num}
	case awkStringToken:
		return &awkStr{s: t.text}
	case awkRegex:
		re, err := compileRegexp(t.text, true, false, false, false)
		if err != nil {
			ps.fail("invalid regular expression /%s/", t.text)
		}
		return &awkRegexp{re: re}
	case awkFuncName:
		ps.expect("(")
		return &awkCall{name: t.text, args: ps.exprList(")")}
	case awkName:
		if ps.accept("[") {
			return &awkIndex{name: t.text, keys: ps.exprList("]")}
		}
		if t.text == "length" {
			return &awkCall{name: "length"}
		}
		return &awkVar{name: t.text}
	case awkPunct:
		switch t.text {
		case "$":
			return &awkField{index: ps.postfixOperand()}
		case "(":
			noGT, noIn := ps.noGT, ps.noIn
			ps.noGT, ps.noIn = false, false
			list := ps.exprList(")")
			ps.noGT, ps.noIn = noGT, noIn
			if len(list) > 1 && ps.accept("in") {
				return &awkIn{keys: list, array: ps.next().text}
			}
			if len(list) != 1 {
				ps.fail("unexpected ,")
			}
			return list[0]
		}
	}
	ps.fail("unexpected %q", t.text)
	return nil
}

// postfixOperand is what $ applies to: $NF, $(i+1), $i++ is ($i)++.
func (ps *awkParser) postfixOperand() awkExpr {
	if ps.is("++") || ps.is("--") || ps.is("-") {
		op := ps.next().text
		if op == "-" {
			return &awkUnary{op: "-", x: ps.primary()}
		}
		return &awkIncDec{op: op, lhs: ps.primary(), prefix: true}
	}
	return ps.primary()
}

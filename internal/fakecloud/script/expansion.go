package script

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// The bound of one statement's expansions. The interpreter expands the
// words of a statement whole before anything of it runs, and one word can
// allocate far more than the variables it reads: ${x//?/$y} holds a copy
// of y for every character of x, and $x$x$x... as many copies of x as the
// script names it. Nor does an assignment alone (x=$x$x) reach the call
// handler, where the variables are checked.
//
// So every statement that expands a parameter gets a guard: a redirection
// put first among its own, which the interpreter opens before it expands
// anything else of the statement. Opening it checks the variables, then
// works out from the sizes of the variables the statement reads an upper
// bound of what its expansions allocate, and ends the run as out of memory
// when that passes maxExpansionBytes. A redirection, unlike a command, is
// neither traced by set -x nor changes $?; it writes to the standard error
// the statement had.
const (
	// maxExpansionBytes bounds what the expansions of one statement may
	// allocate, beyond the variables themselves.
	maxExpansionBytes = 64 << 20
	// maxArgumentBytes bounds the arguments of one command, and so the
	// positional parameters of a function or of set --, as the kernel's
	// ARG_MAX bounds those of a program.
	maxArgumentBytes = 2 << 20
	// maxFunctionDepth bounds how deep functions call each other, as the
	// shell's stack does.
	maxFunctionDepth = 500
	// maxFrameBytes bounds the arguments the functions running one inside
	// the other hold together.
	maxFrameBytes = 4 << 20
	// guardPrefix is the path of a guard; its statement's number follows.
	guardPrefix = "/dev/cloudcmd/bound/"
	// framePrefix is the path a function's body opens each time it runs,
	// so that the depth of calls is known; the line of the function and
	// its name follow.
	framePrefix = "/dev/cloudcmd/frame/"
	// maxListedBytes bounds the directory entries the glob patterns of
	// one statement list, each counted as entryCost.
	maxListedBytes = 4 << 20
	// maxCodeBytes bounds the code a run brings in as it runs, which the
	// shell keeps: what eval, source, trap and sh -c parse, and the values
	// of aliases. Code run again is not counted again.
	maxCodeBytes = 1 << 20
	// maxGuards bounds the statements a run keeps guards for, counting
	// the code eval, source, trap and sh -c parse as the script runs; a
	// statement past it fails as out of memory.
	maxGuards = 100_000
	// saturated stands for any size past every bound, so that sums and
	// products of sizes cannot overflow.
	saturated = int64(1) << 50
)

// guardStatements gives a guard to every statement of file that expands
// a parameter.
func (s *simShell) guardStatements(file *syntax.File) {
	syntax.Walk(file, func(node syntax.Node) bool {
		if st, ok := node.(*syntax.Stmt); ok && expandsParameters(st) {
			st.Redirs = append([]*syntax.Redirect{stderrTo(st.Pos(), s.guardPath(st))}, st.Redirs...)
		}
		return true
	})
}

// guardPath registers st and returns the path of its guard.
func (s *simShell) guardPath(st *syntax.Stmt) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.guards) >= maxGuards {
		return guardPrefix + "full"
	}
	s.guards = append(s.guards, st)
	return guardPrefix + strconv.Itoa(len(s.guards)-1)
}

// guardFrames has the body of every function of file open its frame as it
// starts and close it as it ends, however it ends.
func guardFrames(file *syntax.File) {
	syntax.Walk(file, func(node syntax.Node) bool {
		if fn, ok := node.(*syntax.FuncDecl); ok && fn.Body != nil && fn.Name != nil {
			pos := fn.Body.Pos()
			frame := framePrefix + strconv.Itoa(int(fn.Pos().Line())) + "/" + fn.Name.Value
			fn.Body.Redirs = append([]*syntax.Redirect{stderrTo(pos, frame)}, fn.Body.Redirs...)
		}
		return true
	})
}

// stderrTo is the redirection 2>>PATH, which leaves the standard error as
// it was when PATH is a guard's.
func stderrTo(pos syntax.Pos, path string) *syntax.Redirect {
	return &syntax.Redirect{
		OpPos: pos, Op: syntax.AppOut, N: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "2"},
		Word: &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: path}}},
	}
}

// expandsParameters reports whether the statement's own words, not those
// of the statements it holds, expand a parameter.
func expandsParameters(st *syntax.Stmt) bool {
	found := false
	ownWords(st, func(w *syntax.Word) {
		syntax.Walk(w, func(node syntax.Node) bool {
			switch node.(type) {
			case *syntax.ParamExp:
				found = true
			case *syntax.CmdSubst:
				return false // its statements have guards of their own
			}
			return !found
		})
	})
	return found
}

// ownWords calls fn with each word the statement itself expands, in the
// order the interpreter expands them: the words of the statements it
// holds (a loop's body, a pipeline's sides) are theirs.
func ownWords(st *syntax.Stmt, fn func(*syntax.Word)) {
	for _, rd := range st.Redirs {
		if rd.Word != nil {
			fn(rd.Word)
		}
		if rd.Hdoc != nil {
			fn(rd.Hdoc)
		}
	}
	switch cmd := st.Cmd.(type) {
	case *syntax.CallExpr:
		assignWords(cmd.Assigns, fn)
		for _, w := range cmd.Args {
			fn(w)
		}
	case *syntax.DeclClause:
		assignWords(cmd.Args, fn)
	case *syntax.ForClause:
		if iter, ok := cmd.Loop.(*syntax.WordIter); ok {
			for _, w := range iter.Items {
				fn(w)
			}
		} else {
			arithmWords(cmd.Loop, fn)
		}
	case *syntax.CaseClause:
		fn(cmd.Word)
		for _, item := range cmd.Items {
			for _, w := range item.Patterns {
				fn(w)
			}
		}
	case *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		arithmWords(cmd, fn)
	}
}

func assignWords(assigns []*syntax.Assign, fn func(*syntax.Word)) {
	for _, as := range assigns {
		if as.Index != nil {
			arithmWords(as.Index, fn)
		}
		if as.Value != nil {
			fn(as.Value)
		}
		if as.Array != nil {
			for _, elem := range as.Array.Elems {
				if elem.Index != nil {
					arithmWords(elem.Index, fn)
				}
				if elem.Value != nil {
					fn(elem.Value)
				}
			}
		}
	}
}

// arithmWords calls fn with the outermost words of an arithmetic or test
// expression.
func arithmWords(node syntax.Node, fn func(*syntax.Word)) {
	syntax.Walk(node, func(n syntax.Node) bool {
		if w, ok := n.(*syntax.Word); ok {
			fn(w)
			return false
		}
		return true
	})
}

// openGuard is the guard numbered by the path opened: the statement is
// let run, with its standard error as it was, only when its expansions fit
// in memory.
func (s *simShell) openGuard(hc interp.HandlerContext, name string) (io.ReadWriteCloser, error) {
	number := strings.TrimPrefix(name, guardPrefix)
	if number == "full" {
		return nil, s.outOfMemory(hc.Pos.Line(), maxGuards)
	}
	id, err := strconv.Atoi(number)
	s.mu.Lock()
	valid := err == nil && id >= 0 && id < len(s.guards)
	var st *syntax.Stmt
	if valid {
		st = s.guards[id]
	}
	s.mu.Unlock()
	if !valid {
		return nil, fmt.Errorf("%s: no such file or directory", name)
	}
	s.newStatement(st.Pos().Line())
	if err := s.checkMemoryAt(hc, st.Pos().Line()); err != nil {
		return nil, err
	}
	used := int64(variableBytes(hc.Env))
	if bound := statementBound(hc.Env, st); used+bound > maxVariableBytes+maxExpansionBytes {
		return nil, s.outOfMemory(st.Pos().Line(), used+bound)
	}
	return writerFile{hc.Stderr}, nil
}

// errOutOfMemory is what a directory listing answers once the run is out
// of memory, without listing anything.
var errOutOfMemory = errors.New("cannot allocate memory")

// outOfMemory stops the run as the shell dies when it cannot allocate.
func (s *simShell) outOfMemory(line uint, bytes int64) error {
	err := outOfMemory{line: line, bytes: int(min(bytes, int64(1)<<40))}
	s.mu.Lock()
	if s.oom == nil {
		s.oom = &err
	}
	s.mu.Unlock()
	s.cancel()
	return err
}

// listDir lists a directory for a glob pattern, counting the entries
// against maxListedBytes: ${x//?/* } or a variable of many * can list the
// whole directory a million times over within one statement.
func (s *simShell) listDir(dir string) ([]fs.DirEntry, error) {
	s.mu.Lock()
	stopped, line := s.oom != nil, s.line
	s.mu.Unlock()
	if stopped {
		return nil, errOutOfMemory
	}
	entries, err := s.files.readDir(dir)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, entry := range entries {
		n += entryCost(entry.Name())
	}
	s.mu.Lock()
	s.listed += n
	listed := s.listed
	s.mu.Unlock()
	if listed <= maxListedBytes {
		return entries, nil
	}
	return nil, s.outOfMemory(line, int64(listed))
}

// newStatement starts counting what the statement at line lists.
func (s *simShell) newStatement(line uint) {
	s.mu.Lock()
	s.listed, s.line = 0, line
	s.mu.Unlock()
}

// openFrame counts a function's body as it starts: calls nest at most
// maxFunctionDepth deep, and the arguments they hold, at most
// maxFrameBytes. Closing the frame, as the body ends, uncounts it.
// The path names the function and its line.
func (s *simShell) openFrame(hc interp.HandlerContext, path string) (io.ReadWriteCloser, error) {
	lineText, name, _ := strings.Cut(strings.TrimPrefix(path, framePrefix), "/")
	line, _ := strconv.Atoi(lineText)
	s.mu.Lock()
	frame := &frameFile{writerFile: writerFile{hc.Stderr}, s: s, args: s.calledArgs}
	s.calledArgs = 0
	s.frames++
	s.frameArgs += frame.args
	depth, held := s.frames, s.frameArgs
	s.mu.Unlock()
	if depth > maxFunctionDepth {
		frame.Close()
		// The interpreter ends the run on an error that is not a file's.
		fmt.Fprintf(hc.Stderr, "sh: line %d: %s: maximum function nesting level exceeded (%d)\n", line, name, maxFunctionDepth)
		return nil, interp.ExitStatus(1)
	}
	if held > maxFrameBytes {
		frame.Close()
		return nil, s.outOfMemory(uint(line), int64(held))
	}
	return frame, nil
}

// frameFile is a running function's frame.
type frameFile struct {
	writerFile
	s    *simShell
	args int
}

func (f *frameFile) Close() error {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	f.s.frames--
	f.s.frameArgs -= f.args
	return nil
}

// checkArguments stops a command whose arguments pass maxArgumentBytes:
// they are what a function holds as its positional parameters while it
// runs, and what set -- keeps.
func (s *simShell) checkArguments(hc interp.HandlerContext, args []string) error {
	total := 0
	for _, arg := range args {
		total += len(arg) + 1
	}
	if len(args) > 0 && s.isFunction(args[0]) {
		s.mu.Lock()
		s.calledArgs = total
		s.mu.Unlock()
	}
	if total <= maxArgumentBytes {
		return nil
	}
	return s.outOfMemory(hc.Pos.Line(), int64(total))
}

// checkCode counts the code a builtin call brings in (see maxCodeBytes):
// eval's, source's and trap's code, alias values.
func (s *simShell) checkCode(hc interp.HandlerContext, args []string) error {
	code := 0
	switch args[0] {
	case "eval":
		code = s.newCode(strings.Join(args[1:], " "))
	case "trap":
		if len(args) > 2 {
			code = s.newCode(args[1])
		}
	case "source", ".":
		if len(args) > 1 {
			if content, err := s.readFile(hc, args[1]); err == nil {
				code = s.newCode(string(content))
			}
		}
	case "alias":
		for _, arg := range args[1:] {
			code += len(arg)
		}
	}
	return s.retainCode(hc.Pos.Line(), code)
}

// newCode is the size of code, or 0 when the run has guarded it already.
func (s *simShell) newCode(code string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, seen := s.evaluated[code]; seen {
		return 0
	}
	return len(code)
}

// retainCode counts n more bytes of code kept by the shell, and stops the
// run as out of memory past maxCodeBytes.
func (s *simShell) retainCode(line uint, n int) error {
	s.mu.Lock()
	s.code += n
	total := s.code
	s.mu.Unlock()
	if total <= maxCodeBytes {
		return nil
	}
	return s.outOfMemory(line, int64(total))
}

// sizes works out an upper bound of what the expansions of one statement
// allocate, from the variables as they are when it starts and as its own
// assignments leave them.
type sizes struct {
	env      expand.Environ
	assigned map[string]int64
	total    int64
}

// statementBound is an upper bound of what expanding st allocates.
func statementBound(env expand.Environ, st *syntax.Stmt) int64 {
	z := &sizes{env: env, assigned: map[string]int64{}}
	if call, ok := st.Cmd.(*syntax.CallExpr); ok {
		// Assignments take effect one after another: x=$x$x y=$x reads
		// the doubled x.
		for _, as := range call.Assigns {
			z.assign(as)
		}
		for _, w := range call.Args {
			z.word(w)
		}
		for _, rd := range st.Redirs {
			z.redirect(rd)
		}
		return z.total
	}
	if decl, ok := st.Cmd.(*syntax.DeclClause); ok {
		for _, as := range decl.Args {
			z.assign(as)
		}
		for _, rd := range st.Redirs {
			z.redirect(rd)
		}
		return z.total
	}
	ownWords(st, func(w *syntax.Word) { z.word(w) })
	return z.total
}

func (z *sizes) redirect(rd *syntax.Redirect) {
	if rd.Word != nil {
		z.word(rd.Word)
	}
	if rd.Hdoc != nil {
		z.word(rd.Hdoc)
	}
}

func (z *sizes) assign(as *syntax.Assign) {
	if as.Index != nil {
		arithmWords(as.Index, func(w *syntax.Word) { z.word(w) })
	}
	var size int64
	if as.Value != nil {
		size = z.word(as.Value)
	}
	if as.Array != nil {
		for _, elem := range as.Array.Elems {
			if elem.Index != nil {
				arithmWords(elem.Index, func(w *syntax.Word) { z.word(w) })
			}
			if elem.Value != nil {
				size = add(size, z.word(elem.Value)+1)
			}
		}
	}
	if as.Append || as.Index != nil {
		size = add(size, z.variable(as.Name.Value))
	}
	z.assigned[as.Name.Value] = size
}

// word is an upper bound of the expansion of w, added to the total.
func (z *sizes) word(w *syntax.Word) int64 {
	var size int64
	for _, part := range w.Parts {
		size = add(size, z.part(part))
	}
	size = mul(size, braceCopies(w))
	z.total = add(z.total, size)
	return size
}

func (z *sizes) part(part syntax.WordPart) int64 {
	switch p := part.(type) {
	case *syntax.Lit:
		return int64(len(p.Value))
	case *syntax.SglQuoted:
		return int64(len(p.Value))
	case *syntax.DblQuoted:
		var size int64
		for _, inner := range p.Parts {
			size = add(size, z.part(inner))
		}
		return size
	case *syntax.ParamExp:
		return z.param(p)
	case *syntax.CmdSubst:
		return maxCapturedBytes
	case *syntax.ArithmExp:
		arithmWords(p.X, func(w *syntax.Word) { z.word(w) })
		return 20
	case *syntax.ExtGlob:
		return int64(len(p.Pattern.Value))
	case *syntax.BraceExp:
		var size int64
		for _, elem := range p.Elems {
			size = add(size, z.word(elem))
		}
		return size
	default:
		return 0
	}
}

// param is an upper bound of a parameter expansion, with the expansions
// of its own words (index, pattern, replacement, default) added to the
// total.
func (z *sizes) param(pe *syntax.ParamExp) int64 {
	if pe.Index != nil {
		arithmWords(pe.Index, func(w *syntax.Word) { z.word(w) })
	}
	if pe.Slice != nil {
		for _, expr := range []syntax.ArithmExpr{pe.Slice.Offset, pe.Slice.Length} {
			if expr != nil {
				arithmWords(expr, func(w *syntax.Word) { z.word(w) })
			}
		}
	}
	value := z.value(pe)
	var size int64
	switch {
	case pe.Length:
		size = 20
	case pe.Repl != nil:
		z.word(pe.Repl.Orig)
		// Every character, and the empty string at the end, may match.
		size = add(value, mul(value+1, z.word(pe.Repl.With)))
	case pe.Exp != nil:
		var arg int64
		if pe.Exp.Word != nil {
			arg = z.word(pe.Exp.Word)
		}
		switch pe.Exp.Op {
		case syntax.RemSmallSuffix, syntax.RemLargeSuffix, syntax.RemSmallPrefix, syntax.RemLargePrefix:
			size = value
		case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll:
			size = mul(value, 2) // a character may change its UTF-8 length
		case syntax.OtherParamOps:
			size = add(mul(value, 4), 2) // quoting
		case syntax.AssignUnset, syntax.AssignUnsetOrNull:
			size = add(value, arg)
			if pe.Param != nil {
				z.assigned[pe.Param.Value] = size
			}
		default:
			size = add(value, arg)
		}
	default:
		size = value
	}
	return size
}

// value is an upper bound of what the parameter of pe holds.
func (z *sizes) value(pe *syntax.ParamExp) int64 {
	if pe.Param == nil {
		return saturated
	}
	name := pe.Param.Value
	if pe.Excl || pe.Names != 0 {
		// ${!ref} and ${!prefix*} may name any variable.
		return z.allVariables()
	}
	switch {
	case name == "@" || name == "*" || name == "_" || isDigits(name):
		return maxArgumentBytes
	case len(name) == 1 && strings.Contains("#?$!-", name):
		return 20
	}
	return z.variable(name)
}

func (z *sizes) variable(name string) int64 {
	if size, ok := z.assigned[name]; ok {
		return size
	}
	_, vr := z.env.Get(name).Resolve(z.env)
	size := int64(len(vr.Str))
	for _, item := range vr.List {
		size += int64(len(item)) + 1
	}
	for key, value := range vr.Map {
		size += int64(len(key)+len(value)) + 2
	}
	return size
}

func (z *sizes) allVariables() int64 {
	total := int64(variableBytes(z.env))
	for _, size := range z.assigned {
		total = add(total, size)
	}
	return total
}

// braceCopies is how many words the brace expansion of w makes; the
// interpreter stops at 16384.
func braceCopies(w *syntax.Word) int64 {
	hasBrace := false
	for _, part := range w.Parts {
		if lit, ok := part.(*syntax.Lit); ok && strings.Contains(lit.Value, "{") {
			hasBrace = true
		}
	}
	if !hasBrace {
		return 1
	}
	split := &syntax.Word{Parts: append([]syntax.WordPart(nil), w.Parts...)}
	if !syntax.SplitBraces(split) {
		return 1
	}
	var copies int64
	for _, err := range expand.BracesSeq(nil, split) {
		if err != nil {
			break
		}
		copies++
	}
	return max(copies, 1)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func add(a, b int64) int64 { return min(a+b, saturated) }

func mul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= saturated/b {
		return saturated
	}
	return a * b
}

package script

import (
	"fmt"
	"io"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// The bounds of one simulated run in memory. The interpreter keeps the
// script's variables and the output of command substitutions in memory,
// so both are checked: the variables at every command and every turn of a
// loop, the captured output at every write of a simulated program.
const (
	// maxVariableBytes bounds the script's variables, all together.
	maxVariableBytes = 1 << 20
	// maxCapturedBytes bounds the output one command substitution holds.
	maxCapturedBytes = 1 << 20
	// maxPipedBytes bounds what the simulated programs of one run write
	// into pipes, which builtins such as read and mapfile may hold.
	maxPipedBytes = 64 << 20
	// maxInputBytes bounds what one text program reads of its standard
	// input, which it holds whole (sort must); the rest is left unread.
	maxInputBytes = 16 << 20
)

// outOfMemory ends a run whose variables or captured output passed their
// bound, worded as the shell's own failure to allocate. The interpreter
// prints it when a command substitution fails with it; a failure of the
// script itself is printed by exitCode.
type outOfMemory struct {
	line  uint
	bytes int
}

func (e outOfMemory) Error() string {
	return fmt.Sprintf("sh: line %d: xmalloc: cannot allocate %d bytes", e.line, e.bytes)
}

// loopTick is the command put at the top of every loop's body, so that a
// loop whose body runs no command, such as `while ((1)); do ((1)); done`,
// still reaches the call handler once a turn and is counted.
const loopTick = ":"

// countLoops puts loopTick at the top of every loop body of file.
func countLoops(file *syntax.File) {
	syntax.Walk(file, func(node syntax.Node) bool {
		switch loop := node.(type) {
		case *syntax.WhileClause:
			loop.Do = withTick(loop.Do, loop.DoPos)
		case *syntax.ForClause:
			loop.Do = withTick(loop.Do, loop.DoPos)
		}
		return true
	})
}

func withTick(body []*syntax.Stmt, pos syntax.Pos) []*syntax.Stmt {
	tick := &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: []*syntax.Word{{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: loopTick}}}}}}
	return append([]*syntax.Stmt{tick}, body...)
}

// guardedCode is code that eval, trap or source are about to run, parsed,
// checked and with its loops counted, printed back for the builtin; false
// when it uses process substitution (see sandboxed). Code that does not
// parse is left to the builtin, which reports the syntax error.
func (s *simShell) guardedCode(code string) (string, bool) {
	s.mu.Lock()
	checked, cached := s.evaluated[code]
	s.mu.Unlock()
	if cached {
		return checked, true
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(code), "")
	if err != nil {
		return code, true
	}
	if _, found := processSubstitution(file); found {
		return "", false
	}
	countLoops(file)
	s.guardStatements(file)
	guardFrames(file)
	var b strings.Builder
	if err := syntax.NewPrinter().Print(&b, file); err != nil {
		return code, true
	}
	s.remember(code, b.String())
	return b.String(), true
}

// remember keeps the guarded form of code that eval, source or trap run,
// so that a loop running the same code registers its guards once. What it
// keeps is bounded with the code itself (see maxCodeBytes).
func (s *simShell) remember(code, checked string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.evaluated == nil {
		s.evaluated = map[string]string{}
	}
	s.evaluated[code] = checked
}

// aliasRefusal is why the definitions of an alias builtin call
// (NAME=VALUE...) cannot be simulated, or "": an alias is expanded when the
// script runs, past the checks and guards given to the parsed script, so
// its value may neither use process substitution nor expand anything.
func aliasRefusal(args []string) string {
	for _, arg := range args {
		_, value, ok := strings.Cut(arg, "=")
		if !ok {
			continue
		}
		for word, err := range syntax.NewParser(syntax.Variant(syntax.LangBash)).WordsSeq(strings.NewReader(value)) {
			if err != nil {
				break // the builtin reports it
			}
			if _, found := processSubstitution(&syntax.File{Stmts: []*syntax.Stmt{{Cmd: &syntax.CallExpr{Args: []*syntax.Word{word}}}}}); found {
				return "process substitution is not simulated"
			}
			if expands(word) {
				return "expansions in an alias are not simulated"
			}
		}
	}
	return ""
}

// expands reports whether a word expands a parameter, a command or an
// arithmetic expression.
func expands(word *syntax.Word) bool {
	found := false
	syntax.Walk(word, func(node syntax.Node) bool {
		switch node.(type) {
		case *syntax.ParamExp, *syntax.CmdSubst, *syntax.ArithmExp:
			found = true
		}
		return !found
	})
	return found
}

// variableBytes is how much the variables of env hold. A subshell sees
// its parent's variables through its own, so each name counts once; the
// names are only told apart when the plain sum is over the bound, which
// keeps the check cheap for the many scripts far below it.
func variableBytes(env expand.Environ) int {
	if total := sumVariables(env, nil); total <= maxVariableBytes {
		return total
	}
	return sumVariables(env, map[string]bool{})
}

func sumVariables(env expand.Environ, seen map[string]bool) int {
	total := 0
	env.Each(func(name string, vr expand.Variable) bool {
		if seen != nil {
			if seen[name] {
				return true
			}
			seen[name] = true
		}
		total += len(name) + len(vr.Str)
		for _, item := range vr.List {
			total += len(item)
		}
		for key, value := range vr.Map {
			total += len(key) + len(value)
		}
		return true
	})
	return total
}

// checkMemory stops the run when its variables, or the output a command
// substitution is capturing, hold more than the simulated instance lets
// them, as the shell dies when it cannot allocate.
func (s *simShell) checkMemory(hc interp.HandlerContext) error {
	return s.checkMemoryAt(hc, hc.Pos.Line())
}

// checkMemoryAt is checkMemory for the statement at line.
func (s *simShell) checkMemoryAt(hc interp.HandlerContext, line uint) error {
	used := variableBytes(hc.Env)
	if capture, ok := hc.Stdout.(lengthReporter); ok && capture.Len() > maxCapturedBytes {
		used += capture.Len()
	} else if used <= maxVariableBytes {
		return nil
	}
	return s.outOfMemory(line, int64(used))
}

// boundedWriter is where a simulated program writes. The run's output is
// kept within MaxOutputBytes already; a command substitution's capture is
// held within maxCapturedBytes; what goes into pipes counts against the
// run's maxPipedBytes. A write past a bound fails as on a full disk.
type boundedWriter struct {
	s   *simShell
	dst io.Writer
}

// lengthReporter is a buffer that says how much it holds, as the
// interpreter's capture of a command substitution does.
type lengthReporter interface{ Len() int }

func (w boundedWriter) Write(p []byte) (int, error) {
	if _, direct := w.dst.(outputWriter); direct {
		return w.dst.Write(p)
	}
	if buffer, ok := w.dst.(lengthReporter); ok && buffer.Len()+len(p) > maxCapturedBytes {
		return 0, syscall.ENOMEM
	}
	if !w.s.pipe(len(p)) {
		return 0, syscall.ENOSPC
	}
	return w.dst.Write(p)
}

// pipe counts n bytes written by a program, and reports whether they fit
// in the run's maxPipedBytes.
func (s *simShell) pipe(n int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.piped+n > maxPipedBytes {
		return false
	}
	s.piped += n
	return true
}

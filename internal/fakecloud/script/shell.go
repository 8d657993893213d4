package script

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// DefaultShellDirectory is where a shell script starts when its command
// names no working directory: root's home, as both vendors' Linux agents
// run scripts as root by default.
const DefaultShellDirectory = "/root"

// The bounds of one simulated run in real time and work. A script that
// still runs past either (a loop that never sleeps) is taken to run until
// its timeout, as a busy loop on an instance would; the bounds keep one
// invocation from holding the fake.
const (
	maxShellCommands = 50_000
	maxShellRealTime = 2 * time.Second
	// abandonAfter is how long past maxShellRealTime the fake waits for an
	// interpreter that did not stop when told to, before it gives up on it
	// and takes the run as one that never ends by itself.
	abandonAfter = time.Second
)

// shellPath is the PATH of a simulated script, as on a stock Linux image.
// No command is ever looked up in it: the simulated commands are answered
// by name, and reported by `command -v` as if they lived in /usr/bin.
const shellPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// binDirectories are where the simulated commands may also be named by
// path (/bin/sleep 5).
var binDirectories = map[string]bool{"/bin/": true, "/sbin/": true, "/usr/bin/": true, "/usr/sbin/": true, "/usr/local/bin/": true}

var (
	errTimedOut = errors.New("the script ran past its timeout")
	errBusy     = errors.New("the script ran too long without sleeping")
)

// simShell is one simulated run of a shell script: its clock, its output
// and its files. The interpreter may run parts of a script at once (the
// stages of a pipeline, jobs started with &), so every field below mu is
// guarded by it; those parts share the one clock.
type simShell struct {
	instanceID string
	timeout    time.Duration
	realTime   time.Duration // maxShellRealTime, but in tests of other bounds
	programs   fleet.Programs
	files      *memFS
	cancel     context.CancelFunc

	mu        sync.Mutex
	functions map[string]bool // names of the functions the scripts declare
	elapsed   time.Duration
	kept      int
	events    []Event
	calls     int
	piped     int               // bytes the simulated programs wrote into pipes
	depth     int               // shells started by the script and still running
	temps     int               // files and directories mktemp made
	guards    []*syntax.Stmt    // the statements with a guard, by number: see guardStatements
	evaluated map[string]string // code eval, source and trap ran, and its guarded form
	frames    int               // functions running, one inside the other
	frameArgs int               // bytes of the arguments the running functions hold
	// calledArgs is the bytes of the arguments of the function just
	// called, which its frame takes when its body starts.
	calledArgs int
	code       int          // bytes of code brought in as the script runs: see maxCodeBytes
	listed     int          // bytes of the entries globs listed since the statement began
	line       uint         // the line of the statement that began last
	oom        *outOfMemory // why the run ran out of memory, if it did
	timedOut   bool         // the run reached its timeout, by sleeping or busy
	ended      bool         // the script has finished: later output is lost
}

// interpretShell runs a shell script in the simulated shell.
func interpretShell(req ExecRequest) Run {
	return interpretShellWithin(req, maxShellRealTime)
}

// interpretShellWithin runs a shell script with realTime in place of
// maxShellRealTime: tests of the other bounds give a run more, so that the
// bound under test ends it however loaded the machine is.
func interpretShellWithin(req ExecRequest, realTime time.Duration) Run {
	dir := DefaultShellDirectory
	if path.IsAbs(req.WorkingDirectory) {
		dir = path.Clean(req.WorkingDirectory)
	}
	s := &simShell{
		instanceID: req.InstanceID,
		timeout:    req.Timeout,
		realTime:   realTime,
		programs:   programChanges(req.Programs),
		files:      newMemFS(dir, map[string]string{"/etc/hostname": req.InstanceID + "\n", "/etc/os-release": osRelease}),
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(req.Script), "")
	if err != nil {
		s.emit([]byte(fmt.Sprintf("sh: %v\n", err)))
		return s.finish(2)
	}
	if pos, found := processSubstitution(file); found {
		s.emit([]byte(fmt.Sprintf("sh: line %d: process substitution is not simulated\n", pos.Line())))
		return s.finish(2)
	}
	s.prepare(file)

	ctx, cancel := context.WithTimeout(context.Background(), s.realTime)
	defer cancel()
	s.cancel = cancel
	out := outputWriter{s}
	runner, err := s.newRunner(homes{expand.ListEnviron(shellEnvironment(req.InstanceID)...)}, dir, nil, out, out)
	if err != nil {
		s.emit([]byte(fmt.Sprintf("sh: %v\n", err)))
		return s.finish(2)
	}
	err = s.runBounded(ctx, runner, file)
	cancel() // stops jobs still running in the background
	return s.finish(s.exitCode(ctx, err))
}

// prepare readies a parsed script, checked for process substitution, to
// run in the simulated shell: its functions are known to type and command
// -v, ownership tests become existence tests, and its loops are counted.
func (s *simShell) prepare(file *syntax.File) {
	s.mu.Lock()
	if s.functions == nil {
		s.functions = map[string]bool{}
	}
	for name := range functionNames(file) {
		s.functions[name] = true
	}
	s.mu.Unlock()
	ownershipIsExistence(file)
	countLoops(file)
	s.guardStatements(file)
	guardFrames(file)
}

func (s *simShell) isFunction(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.functions[name]
}

// newRunner is an interpreter for the run: the simulated programs, the
// run's files, and nothing of this machine.
func (s *simShell) newRunner(env expand.Environ, dir string, stdin io.Reader, stdout, stderr io.Writer, options ...interp.RunnerOption) (*interp.Runner, error) {
	return interp.New(append([]interp.RunnerOption{
		interp.Env(env),
		startIn(dir),
		interp.StdIO(stdin, stdout, stderr),
		interp.CallHandler(s.call),
		interp.ExecHandlers(s.exec),
		interp.OpenHandler(s.open),
		interp.StatHandler(s.stat),
		interp.AccessHandler(s.access),
		interp.ReadDirHandler2(s.readDir),
	}, options...)...)
}

// runBounded runs the script, and returns at the latest abandonAfter past
// the real-time bound whatever the interpreter is blocked on: the run is
// then taken as one that never ends, and the interpreter left to stop.
func (s *simShell) runBounded(ctx context.Context, runner *interp.Runner, file *syntax.File) error {
	done := make(chan error, 1)
	go func() { done <- runner.Run(ctx, file) }()
	select {
	case err := <-done:
		return err
	case <-time.After(s.realTime + abandonAfter):
		return errBusy
	}
}

func programChanges(p *fleet.Programs) fleet.Programs {
	if p == nil {
		return nil
	}
	return *p
}

// shellEnvironment is the whole environment of a simulated script: root's,
// on an instance named after its ID. Nothing of the fake's own environment
// reaches the script.
func shellEnvironment(instanceID string) []string {
	return []string{
		"HOME=/root", "HOSTNAME=" + instanceID, "LANG=C.UTF-8", "LOGNAME=root", "PATH=" + shellPath,
		"SHELL=/bin/sh", "USER=root", "UID=0", "EUID=0", "GID=0",
	}
}

// homes answers the home directory of ~NAME, which the interpreter would
// otherwise look up among the users of this machine: /root for root,
// /home/NAME for anyone else.
type homes struct{ expand.Environ }

func (h homes) Get(name string) expand.Variable {
	user, ok := strings.CutPrefix(name, "HOME ")
	if !ok {
		return h.Environ.Get(name)
	}
	home := "/home/" + user
	if user == "root" {
		home = "/root"
	}
	return expand.Variable{Set: true, Kind: expand.String, Str: home}
}

// startIn sets the shell's starting directory. interp.Dir would look for
// it on this machine; the simulated one exists in the run's files.
func startIn(dir string) interp.RunnerOption {
	return func(r *interp.Runner) error {
		r.Dir = dir
		return nil
	}
}

// exitCode reads how the runner ended: an exit status, or a stop.
func (s *simShell) exitCode(ctx context.Context, err error) int64 {
	var status interp.ExitStatus
	s.mu.Lock()
	oom := s.oom
	s.mu.Unlock()
	switch {
	case oom != nil:
		if !s.printedLast(oom.Error() + "\n") {
			s.emit([]byte(oom.Error() + "\n"))
		}
		return 1
	case err == nil:
		return 0
	case errors.As(err, &status):
		return int64(status)
	case errors.Is(err, errTimedOut):
		return ExitKilled
	case errors.Is(err, errBusy) || ctx.Err() != nil:
		s.busyUntilTimeout()
		return ExitKilled
	}
	s.emit([]byte(fmt.Sprintf("sh: %v\n", err)))
	return 1
}

// finish ends the run with exitCode, or at its timeout if it reached it.
func (s *simShell) finish(exitCode int64) Run {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended = true
	run := Run{Events: s.events, Duration: s.elapsed, ExitCode: exitCode, TimedOut: s.timedOut}
	if s.timedOut {
		run.Duration, run.ExitCode = s.timeout, ExitKilled
	}
	return run
}

// printedLast reports whether text is the last output of the run.
func (s *simShell) printedLast(text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	last := len(s.events) - 1
	return last >= 0 && strings.HasSuffix(string(s.events[last].Kept), text)
}

// busyUntilTimeout marks the run as one that never ends by itself.
func (s *simShell) busyUntilTimeout() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timedOut = true
	s.elapsed = s.timeout
}

// outputWriter is the script's standard output and standard error: what
// it writes is output at the present moment of the run.
type outputWriter struct{ s *simShell }

func (w outputWriter) Write(p []byte) (int, error) {
	w.s.emit(p)
	return len(p), nil
}

func (s *simShell) emit(p []byte) { s.emitCounted(p, int64(len(p))) }

// emitCounted records output of size bytes, of which text is the start,
// keeping it while the run's output is under MaxOutputBytes. Output written
// at the same moment as the previous is added to it.
func (s *simShell) emitCounted(text []byte, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended || s.timedOut || size == 0 {
		return
	}
	kept := text[:min(len(text), max(0, MaxOutputBytes-s.kept))]
	s.kept += len(kept)
	if last := len(s.events) - 1; last >= 0 && s.events[last].At == s.elapsed {
		s.events[last].Kept = append(s.events[last].Kept, kept...)
		s.events[last].Size += size
		return
	}
	s.events = append(s.events, Event{At: s.elapsed, Kept: append([]byte(nil), kept...), Size: size})
}

// call sees every command before it runs, builtins included: it counts
// them, and answers itself the few that would otherwise look at this
// machine or run a command the run cannot see (see sandboxed).
func (s *simShell) call(ctx context.Context, args []string) ([]string, error) {
	s.mu.Lock()
	s.calls++
	busy := s.calls > maxShellCommands
	s.mu.Unlock()
	if busy {
		s.cancel()
		return nil, errBusy
	}
	hc := interp.HandlerCtx(ctx)
	s.newStatement(hc.Pos.Line())
	if err := s.checkMemory(hc); err != nil {
		return nil, err
	}
	if err := s.checkArguments(hc, args); err != nil {
		return nil, err
	}
	if err := s.checkCode(hc, args); err != nil {
		return nil, err
	}
	return s.sandboxed(hc, args), nil
}

// sandboxed returns the command to run in place of args:
//
//   - fail-on becomes exit on its instance, and nothing elsewhere;
//   - type and command -v / -V are answered from what the script can run,
//     since the interpreter would look for programs on this machine;
//   - pwd -P becomes pwd: the simulated files have no symbolic links to
//     resolve, and the interpreter would resolve them here;
//   - source reads the run's own files;
//   - test -O and -G ask whether the script's user owns a file: the
//     interpreter would look that user up on this machine; root owns
//     every file of the run, so they ask whether it exists;
//   - code that eval, trap or source would run may not use process
//     substitution, which the interpreter implements with named pipes in
//     this machine's temporary directory.
func (s *simShell) sandboxed(hc interp.HandlerContext, args []string) []string {
	switch name := args[0]; name {
	case "builtin", "command":
		if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
			return append([]string{name}, s.sandboxed(hc, args[1:])...)
		}
		if name == "command" && len(args) > 1 {
			return s.commandLookup(hc, args[1:])
		}
	case "fail-on":
		return s.failOn(args[1:])
	case "type":
		return s.typeLookup(hc, args[1:])
	case "pwd":
		return []string{"pwd"}
	case "test", "[":
		if isOwnershipTest(args) {
			return append([]string{name, "-e"}, args[2:]...)
		}
	case "source", ".":
		return s.source(hc, args)
	case "eval":
		return s.guarded(hc, name, strings.Join(args[1:], " "), nil)
	case "trap":
		if len(args) > 2 {
			return s.guarded(hc, name, args[1], args[2:])
		}
	case "alias":
		if refusal := aliasRefusal(args[1:]); refusal != "" {
			fmt.Fprintf(hc.Stderr, "sh: line %d: alias: %s\n", hc.Pos.Line(), refusal)
			return []string{"false"}
		}
	}
	return args
}

// failOn is fail-on INSTANCE [CODE]: exit CODE (1 by default) on that
// instance, nothing elsewhere.
func (s *simShell) failOn(args []string) []string {
	if len(args) == 0 || args[0] != s.instanceID {
		return []string{"true"}
	}
	if len(args) > 1 {
		return []string{"exit", args[1]}
	}
	return []string{"exit", "1"}
}

// source runs a file of the run's files, as eval of its content.
func (s *simShell) source(hc interp.HandlerContext, args []string) []string {
	if len(args) < 2 {
		return args // the builtin reports the usage error
	}
	f, err := s.files.open(absolute(hc.Dir, args[1]), os.O_RDONLY)
	if err != nil {
		fmt.Fprintf(hc.Stderr, "sh: line %d: %s: %s\n", hc.Pos.Line(), args[1], errorText(err))
		return []string{"false"}
	}
	content, _ := io.ReadAll(f)
	return s.guarded(hc, "eval", string(content), nil)
}

// guarded is the builtin call name CODE REST... with code checked and its
// loops counted (see guardedCode), or false when code uses process
// substitution.
func (s *simShell) guarded(hc interp.HandlerContext, name, code string, rest []string) []string {
	checked, ok := s.guardedCode(code)
	if !ok {
		fmt.Fprintf(hc.Stderr, "sh: line %d: process substitution is not simulated\n", hc.Pos.Line())
		return []string{"false"}
	}
	return append([]string{name, checked}, rest...)
}

// typeLookup is `type [-t|-p|-P] NAME...`.
func (s *simShell) typeLookup(hc interp.HandlerContext, args []string) []string {
	mode := ""
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		mode, args = args[0], args[1:]
	}
	found := true
	for _, name := range args {
		kind, where := s.kindOf(name)
		switch {
		case kind == "":
			found = false
			if mode == "" {
				fmt.Fprintf(hc.Stderr, "sh: type: %s: not found\n", name)
			}
		case mode == "-t":
			fmt.Fprintln(hc.Stdout, kind)
		case mode == "-p" || mode == "-P":
			if kind == "file" {
				fmt.Fprintln(hc.Stdout, where)
			}
		case kind == "file":
			fmt.Fprintf(hc.Stdout, "%s is %s\n", name, where)
		default:
			fmt.Fprintf(hc.Stdout, "%s is a shell %s\n", name, kind)
		}
	}
	return statusCommand(found)
}

// commandLookup is `command -v NAME...` and `command -V NAME...`; other
// options go to the builtin.
func (s *simShell) commandLookup(hc interp.HandlerContext, args []string) []string {
	if args[0] != "-v" && args[0] != "-V" {
		return append([]string{"command"}, args...)
	}
	if args[0] == "-V" {
		return s.typeLookup(hc, args[1:])
	}
	found := true
	for _, name := range args[1:] {
		switch kind, where := s.kindOf(name); kind {
		case "":
			found = false
		case "file":
			fmt.Fprintln(hc.Stdout, where)
		default:
			fmt.Fprintln(hc.Stdout, name)
		}
	}
	return statusCommand(found)
}

// kindOf says what name would run, as type -t does, and for a program
// where it is.
func (s *simShell) kindOf(name string) (kind, where string) {
	switch {
	case syntax.IsKeyword(name):
		return "keyword", ""
	case s.isFunction(name):
		return "function", ""
	case interp.IsBuiltin(name):
		return "builtin", ""
	case s.hasProgram(simulatedName(name)):
		if strings.Contains(name, "/") {
			return "file", name
		}
		return "file", "/usr/bin/" + name
	}
	return "", ""
}

func statusCommand(ok bool) []string {
	if ok {
		return []string{"true"}
	}
	return []string{"false"}
}

// errorText is how the shell and coreutils word a file error.
func errorText(err error) string {
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	text := err.Error()
	return strings.ToUpper(text[:1]) + text[1:]
}

// open serves the shell's redirections from the run's files.
func (s *simShell) open(ctx context.Context, name string, flag int, _ os.FileMode) (io.ReadWriteCloser, error) {
	return s.openFile(interp.HandlerCtx(ctx), name, flag)
}

func (s *simShell) openFile(hc interp.HandlerContext, name string, flag int) (io.ReadWriteCloser, error) {
	switch abs := absolute(hc.Dir, name); {
	case strings.HasPrefix(abs, guardPrefix):
		return s.openGuard(hc, abs)
	case strings.HasPrefix(abs, framePrefix):
		return s.openFrame(hc, abs)
	case abs == devNull:
		return nullFile{}, nil
	case abs == "/dev/stdout":
		return writerFile{hc.Stdout}, nil
	case abs == "/dev/stderr":
		return writerFile{hc.Stderr}, nil
	default:
		return s.files.open(abs, flag)
	}
}

func (s *simShell) stat(ctx context.Context, name string, _ bool) (fs.FileInfo, error) {
	return s.files.stat(absolute(interp.HandlerCtx(ctx).Dir, name))
}

// access grants everything on files that exist: the script runs as root.
func (s *simShell) access(ctx context.Context, name string, _ interp.AccessMode) error {
	_, err := s.stat(ctx, name, true)
	return err
}

func (s *simShell) readDir(ctx context.Context, name string) ([]fs.DirEntry, error) {
	return s.listDir(absolute(interp.HandlerCtx(ctx).Dir, name))
}

// absolute resolves name against the shell's directory dir.
func absolute(dir, name string) string {
	if path.IsAbs(name) {
		return path.Clean(name)
	}
	return path.Join(dir, name)
}

// processSubstitution finds the first <(...) or >(...) in file.
func processSubstitution(file *syntax.File) (syntax.Pos, bool) {
	var pos syntax.Pos
	found := false
	syntax.Walk(file, func(node syntax.Node) bool {
		if ps, ok := node.(*syntax.ProcSubst); ok && !found {
			pos, found = ps.Pos(), true
		}
		return !found
	})
	return pos, found
}

// ownershipIsExistence turns [[ -O FILE ]] and [[ -G FILE ]] into
// [[ -e FILE ]]; see sandboxed.
func ownershipIsExistence(file *syntax.File) {
	syntax.Walk(file, func(node syntax.Node) bool {
		if test, ok := node.(*syntax.UnaryTest); ok && (test.Op == syntax.TsUsrOwn || test.Op == syntax.TsGrpOwn) {
			test.Op = syntax.TsExists
		}
		return true
	})
}

// isOwnershipTest reports whether args are `test -O FILE`, `[ -G FILE ]`
// and the like.
func isOwnershipTest(args []string) bool {
	length := 3
	if args[0] == "[" {
		length = 4 // the closing ]
	}
	return len(args) == length && (args[1] == "-O" || args[1] == "-G")
}

// functionNames lists the functions file declares, wherever it does.
func functionNames(file *syntax.File) map[string]bool {
	names := map[string]bool{}
	syntax.Walk(file, func(node syntax.Node) bool {
		if fn, ok := node.(*syntax.FuncDecl); ok {
			names[fn.Name.Value] = true
		}
		return true
	})
	return names
}

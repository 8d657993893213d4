package script

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

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
	maxShellRealTime = 5 * time.Second
)

// shellPath is the PATH of a simulated script, as on a stock Linux image.
// No command is ever looked up in it: the simulated commands are answered
// by name, and reported by `command -v` as if they lived in /usr/bin.
const shellPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// simulatedCommands are the programs a simulated script can run; the shell
// itself provides its builtins (echo, printf, test, read, true, false,
// exit, cd, pwd...). Everything else is "command not found".
var simulatedCommands = map[string]bool{"cat": true, "fail-on": true, "hostname": true, "seq": true, "sleep": true}

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
	functions  map[string]bool // names of the functions the script declares
	files      *memFS
	cancel     context.CancelFunc

	mu       sync.Mutex
	elapsed  time.Duration
	kept     int
	events   []Event
	calls    int
	timedOut bool // the run reached its timeout, by sleeping or busy
	ended    bool // the script has finished: later output is lost
}

// interpretShell runs a shell script in the simulated shell.
func interpretShell(req ExecRequest) Run {
	dir := DefaultShellDirectory
	if path.IsAbs(req.WorkingDirectory) {
		dir = path.Clean(req.WorkingDirectory)
	}
	s := &simShell{
		instanceID: req.InstanceID,
		timeout:    req.Timeout,
		files:      newMemFS(dir, map[string]string{"/etc/hostname": req.InstanceID + "\n"}),
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
	s.functions = functionNames(file)
	ownershipIsExistence(file)

	ctx, cancel := context.WithTimeout(context.Background(), maxShellRealTime)
	defer cancel()
	s.cancel = cancel
	out := outputWriter{s}
	runner, err := interp.New(
		interp.Env(homes{expand.ListEnviron(shellEnvironment(req.InstanceID)...)}),
		startIn(dir),
		interp.StdIO(nil, out, out),
		interp.CallHandler(s.call),
		interp.ExecHandlers(s.exec),
		interp.OpenHandler(s.open),
		interp.StatHandler(s.stat),
		interp.AccessHandler(s.access),
		interp.ReadDirHandler2(s.readDir),
	)
	if err != nil {
		s.emit([]byte(fmt.Sprintf("sh: %v\n", err)))
		return s.finish(2)
	}
	err = runner.Run(ctx, file)
	cancel() // stops jobs still running in the background
	return s.finish(s.exitCode(ctx, err))
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
	switch {
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
	return s.sandboxed(interp.HandlerCtx(ctx), args), nil
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
		return refuseProcessSubstitution(hc, args, strings.Join(args[1:], " "))
	case "trap":
		if len(args) > 2 {
			return refuseProcessSubstitution(hc, args, args[1])
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
	return refuseProcessSubstitution(hc, []string{"eval", string(content)}, string(content))
}

// refuseProcessSubstitution returns args unless code uses process
// substitution.
func refuseProcessSubstitution(hc interp.HandlerContext, args []string, code string) []string {
	file, err := syntax.NewParser().Parse(strings.NewReader(code), "")
	if err != nil {
		return args // the builtin reports the syntax error
	}
	if _, found := processSubstitution(file); found {
		fmt.Fprintf(hc.Stderr, "sh: line %d: process substitution is not simulated\n", hc.Pos.Line())
		return []string{"false"}
	}
	return args
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
	case s.functions[name]:
		return "function", ""
	case interp.IsBuiltin(name):
		return "builtin", ""
	case simulatedCommands[simulatedName(name)]:
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

// exec runs the programs of the script: the simulated ones, and for every
// other "command not found". It never calls next, the interpreter's own
// handler, which would run programs of this machine.
func (s *simShell) exec(interp.ExecHandlerFunc) interp.ExecHandlerFunc {
	return func(ctx context.Context, args []string) error {
		hc := interp.HandlerCtx(ctx)
		switch simulatedName(args[0]) {
		case "hostname":
			return writeStatus(io.WriteString(hc.Stdout, s.instanceID+"\n"))
		case "sleep":
			return s.sleep(hc, args[1:])
		case "seq":
			return s.seq(ctx, hc, args[1:])
		case "cat":
			return s.cat(hc, args[1:])
		case "fail-on": // reached through `command fail-on`: a status, not an exit
			if failed := s.failOn(args[1:]); failed[0] == "exit" {
				return interp.ExitStatus(exitStatus(failed[1:], 1))
			}
			return nil
		}
		fmt.Fprintf(hc.Stderr, "sh: line %d: %s: command not found\n", hc.Pos.Line(), args[0])
		return interp.ExitStatus(127)
	}
}

// simulatedName is the simulated command name stands for, by name or by
// path in a bin directory, or name itself.
func simulatedName(name string) string {
	dir, base := path.Split(name)
	if dir != "" && binDirectories[dir] && simulatedCommands[base] {
		return base
	}
	return name
}

func writeStatus(_ int, err error) error {
	if err != nil {
		return interp.ExitStatus(1)
	}
	return nil
}

// sleep lets simulated time pass. A sleep that would run past the timeout
// ends the run at the timeout instead.
func (s *simShell) sleep(hc interp.HandlerContext, args []string) error {
	seconds, ok := sleepSeconds(args)
	if !ok {
		fmt.Fprintf(hc.Stderr, "sleep: invalid time interval %q\n", strings.Join(args, " "))
		return interp.ExitStatus(1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended || s.timedOut {
		return errTimedOut
	}
	if seconds > (s.timeout - s.elapsed).Seconds() {
		s.elapsed, s.timedOut = s.timeout, true
		s.cancel()
		return errTimedOut
	}
	s.elapsed += time.Duration(seconds * float64(time.Second))
	return nil
}

// seq prints 1 to N. Printed as the script's output, only what fits in the
// kept output is built and the size of the rest counted; into a pipe or a
// file, it is written for real, until the reader stops or the run does.
func (s *simShell) seq(ctx context.Context, hc interp.HandlerContext, args []string) error {
	n, err := strconv.ParseInt(strings.Join(args, " "), 10, 64)
	if len(args) != 1 || err != nil || n < 0 || n > maxSeq {
		fmt.Fprintf(hc.Stderr, "seq: invalid argument %q\n", strings.Join(args, " "))
		return interp.ExitStatus(1)
	}
	if _, direct := hc.Stdout.(outputWriter); direct {
		s.mu.Lock()
		room := MaxOutputBytes - s.kept
		s.mu.Unlock()
		var b strings.Builder
		i := int64(1)
		for ; i <= n && b.Len() < room; i++ {
			b.WriteString(strconv.FormatInt(i, 10) + "\n")
		}
		s.emitCounted([]byte(b.String()), int64(b.Len())+linesBytes(i, n))
		return nil
	}
	var b []byte
	for i := int64(1); i <= n; i++ {
		b = strconv.AppendInt(b, i, 10)
		b = append(b, '\n')
		if len(b) >= 4096 || i == n {
			if _, err := hc.Stdout.Write(b); err != nil || ctx.Err() != nil {
				return interp.ExitStatus(1)
			}
			b = b[:0]
		}
	}
	return nil
}

// cat prints files of the run, or its standard input ("-" or no argument).
func (s *simShell) cat(hc interp.HandlerContext, args []string) error {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var failed bool
	for _, name := range args {
		if name == "-" {
			if hc.Stdin != nil {
				_, _ = io.Copy(hc.Stdout, hc.Stdin)
			}
			continue
		}
		if strings.HasPrefix(name, "-") {
			fmt.Fprintf(hc.Stderr, "cat: invalid option -- '%s'\n", strings.TrimPrefix(name, "-"))
			return interp.ExitStatus(1)
		}
		f, err := s.openFile(hc, name, os.O_RDONLY)
		if err != nil {
			fmt.Fprintf(hc.Stderr, "cat: %s: %s\n", name, errorText(err))
			failed = true
			continue
		}
		_, _ = io.Copy(hc.Stdout, f)
		_ = f.Close()
	}
	if failed {
		return interp.ExitStatus(1)
	}
	return nil
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
	switch abs := absolute(hc.Dir, name); abs {
	case devNull:
		return nullFile{}, nil
	case "/dev/stdout":
		return writerFile{hc.Stdout}, nil
	case "/dev/stderr":
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
	return s.files.readDir(absolute(interp.HandlerCtx(ctx).Dir, name))
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

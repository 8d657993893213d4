package script

import (
	"fmt"
	"io"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// maxShellDepth bounds shells started by shells (bash -c 'bash -c ...').
const maxShellDepth = 16

// shell is sh and bash: a child shell of the simulated instance, running
// a command (-c), a file of the run, or its standard input, with the
// options set takes (-e, -u, -x, -o pipefail...). It shares the run's
// clock, files and bounds, and sees the exported variables.
func (p *progCall) shell() error {
	command, script, params, options, err := p.shellArguments()
	if err != nil {
		return err
	}
	name := p.name // $0
	if script != "" {
		name = script
	}
	if command != "" && len(params) > 0 {
		name, params = params[0], params[1:]
	}
	source := command
	switch {
	case script != "":
		data, err := p.s.readFile(p.hc, script)
		if err != nil {
			return p.failWith(127, "%s: %s", script, errorText(err))
		}
		source = string(data)
	case command == "" && script == "":
		data, _ := io.ReadAll(io.LimitReader(p.stdin(), maxFileBytes))
		source = string(data)
	}
	if err := p.s.retainCode(p.hc.Pos.Line(), len(source)); err != nil {
		return err
	}
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(source), name)
	if err != nil {
		return p.failWith(2, "%v", err)
	}
	if pos, found := processSubstitution(file); found {
		return p.failWith(2, "line %d: process substitution is not simulated", pos.Line())
	}
	p.s.prepare(file)
	if !p.s.enterShell() {
		return p.failWith(1, "too many nested shells")
	}
	defer p.s.leaveShell()

	var stdin io.Reader
	if command != "" || script != "" {
		stdin = p.hc.Stdin
	}
	runner, err := p.s.newRunner(homes{expand.ListEnviron(exportedVariables(p.hc.Env)...)}, p.hc.Dir, stdin, p.out, p.hc.Stderr,
		interp.Params(append(options, append([]string{"--"}, params...)...)...))
	if err != nil {
		return p.failWith(2, "%v", err)
	}
	// An exit status is the child's; any other error is the run's own end
	// (its timeout, a busy loop, no memory), which stops the parent too.
	return runner.Run(p.ctx, file)
}

// shellArguments reads sh's command line: the options, then -c COMMAND
// [NAME [ARGS]] (params then start with NAME), or FILE [ARGS], or nothing
// (the script on standard input).
func (p *progCall) shellArguments() (command, script string, params, options []string, err error) {
	args := p.args
	wantCommand := false
	for len(args) > 0 && len(args[0]) > 1 && (args[0][0] == '-' || args[0][0] == '+') && args[0] != "--" {
		arg := args[0]
		args = args[1:]
		if arg == "-o" || arg == "+o" {
			if len(args) == 0 {
				return "", "", nil, nil, p.failWith(2, "%s: option requires an argument", arg)
			}
			options, args = append(options, arg, args[0]), args[1:]
			continue
		}
		letters := strings.ReplaceAll(arg[1:], "c", "")
		if len(letters) < len(arg)-1 {
			wantCommand = true
		}
		letters = strings.NewReplacer("l", "", "i", "", "s", "").Replace(letters)
		if strings.Trim(letters, "euxvnfa") != "" {
			return "", "", nil, nil, p.failWith(2, "%s: invalid option", arg)
		}
		if letters != "" {
			options = append(options, arg[:1]+letters)
		}
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	switch {
	case wantCommand && len(args) == 0:
		return "", "", nil, nil, p.failWith(2, "-c: option requires an argument")
	case wantCommand:
		command, args = args[0], args[1:] // args start with $0
		if command == "" {
			command = ":"
		}
	case len(args) > 0:
		script, args = args[0], args[1:]
	}
	return command, script, args, options, nil
}

// exportedVariables are the variables a child process sees.
func exportedVariables(env expand.Environ) []string {
	var list []string
	seen := map[string]bool{}
	env.Each(func(name string, vr expand.Variable) bool {
		if !seen[name] {
			seen[name] = true
			if vr.Exported && vr.IsSet() {
				list = append(list, name+"="+vr.String())
			}
		}
		return true
	})
	return list
}

func (s *simShell) enterShell() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.depth >= maxShellDepth {
		return false
	}
	s.depth++
	return true
}

func (s *simShell) leaveShell() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.depth--
}

// sudo, nohup and timeout run the program after their options: scripts
// run as root already, nothing hangs up, and the run's own timeout bounds
// every program.
func (p *progCall) sudo() error {
	args := p.args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if args[0] == "-u" || args[0] == "-g" {
			args = args[1:]
		}
		args = args[1:]
	}
	if p.name == "timeout" && len(args) > 0 {
		args = args[1:] // the duration
	}
	if len(args) == 0 {
		return p.failWith(1, "usage: %s COMMAND", p.name)
	}
	if args[0] == "echo" {
		p.printf("%s\n", strings.Join(args[1:], " "))
		return nil
	}
	return p.runProgram(args[0], args[1:]...)
}

// which prints where the programs are; a missing one fails silently.
func (p *progCall) which() error {
	found := true
	for _, name := range p.args {
		if strings.HasPrefix(name, "-") {
			continue
		}
		if p.s.hasProgram(simulatedName(name)) {
			p.printf("/usr/bin/%s\n", simulatedName(name))
			continue
		}
		fmt.Fprintf(p.hc.Stderr, "which: no %s in (%s)\n", name, shellPath)
		found = false
	}
	return status(!found)
}

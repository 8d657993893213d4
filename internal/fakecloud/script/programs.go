package script

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// The programs of the simulated instance: those of a stock Linux image
// that scripts use most, answered in Go on the run's own files and
// streams. Nothing here runs a program of this machine or touches its
// files. A program not in the table is "command not found", status 127,
// and the fleet may take one away or make it fail (fleet.Program).

// program runs one simulated program call and returns its status.
type program func(p *progCall) error

// programs is filled in init, since some programs (xargs) run others.
var programs map[string]program

func init() {
	programs = map[string]program{
		// The fake's own.
		"fail-on": (*progCall).failOn, "seq": (*progCall).seq, "sleep": (*progCall).sleep,
		// Files.
		"cat": (*progCall).cat, "ls": (*progCall).ls, "mkdir": (*progCall).mkdir, "rm": (*progCall).rm,
		"rmdir": (*progCall).rmdir, "cp": (*progCall).cp, "mv": (*progCall).mv, "touch": (*progCall).touch,
		"chmod": (*progCall).chmod, "chown": (*progCall).chmod, "find": (*progCall).find, "tee": (*progCall).tee,
		"basename": (*progCall).basename, "dirname": (*progCall).dirname,
		// Text.
		"grep": (*progCall).grep, "egrep": (*progCall).grep, "fgrep": (*progCall).grep, "sed": (*progCall).sed,
		"awk": (*progCall).awk, "head": (*progCall).head, "tail": (*progCall).tail, "wc": (*progCall).wc,
		"sort": (*progCall).sort, "uniq": (*progCall).uniq, "cut": (*progCall).cut, "tr": (*progCall).tr,
		"xargs": (*progCall).xargs,
		// The system.
		"hostname": (*progCall).hostname, "ps": (*progCall).ps, "uptime": (*progCall).uptime,
		"uname": (*progCall).uname, "id": (*progCall).id, "whoami": (*progCall).whoami, "date": (*progCall).date,
		"df": (*progCall).df, "free": (*progCall).free, "env": (*progCall).env, "printenv": (*progCall).printenv,
		// Services and packages: simulated successes.
		"systemctl": (*progCall).systemctl, "service": (*progCall).service, "yum": (*progCall).packages,
		"dnf": (*progCall).packages, "apt-get": (*progCall).packages, "apt": (*progCall).packages,
		"rpm": (*progCall).rpm,
		// Shells and the programs that run others.
		"sh": (*progCall).shell, "bash": (*progCall).shell, "sudo": (*progCall).sudo, "nohup": (*progCall).sudo,
		"timeout": (*progCall).sudo, "which": (*progCall).which,
		// More of a stock image.
		"base64": (*progCall).base64, "mktemp": (*progCall).mktemp, "ln": (*progCall).ln, "nproc": (*progCall).nproc,
		"crontab": (*progCall).crontab, "getenforce": (*progCall).getenforce,
		"useradd": silent, "userdel": silent, "usermod": silent, "groupadd": silent, "passwd": silent, "chpasswd": silent,
		"logger": silent, "sync": silent, "sysctl": silent, "modprobe": silent, "setenforce": silent,
		"firewall-cmd": silent, "ufw": silent, "iptables": silent, "hostnamectl": silent, "timedatectl": silent,
		// The network: no route out.
		"curl": (*progCall).curl, "wget": (*progCall).wget,
	}
}

// silent is an administration command that succeeds and prints nothing,
// as root's do.
func silent(*progCall) error { return nil }

// progCall is one call of a simulated program.
type progCall struct {
	s    *simShell
	ctx  context.Context
	hc   interp.HandlerContext
	name string
	args []string
	out  io.Writer // bounded: see boundedWriter
}

func (p *progCall) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// fail prints "NAME: message" on standard error and returns status 1.
func (p *progCall) fail(format string, args ...any) error {
	return p.failWith(1, format, args...)
}

func (p *progCall) failWith(status uint8, format string, args ...any) error {
	fmt.Fprintf(p.hc.Stderr, p.name+": "+format+"\n", args...)
	return interp.ExitStatus(status)
}

// abs resolves a path against the shell's directory.
func (p *progCall) abs(name string) string { return absolute(p.hc.Dir, name) }

// stdin is the program's standard input, empty when it has none.
func (p *progCall) stdin() io.Reader {
	if p.hc.Stdin == nil {
		return strings.NewReader("")
	}
	return p.hc.Stdin
}

// input is the content of the files named, or standard input when none
// is or for "-"; a missing file is reported and skipped.
func (p *progCall) input(files []string) ([]byte, error) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	var all []byte
	var failed error
	for _, name := range files {
		if name == "-" {
			data, _ := io.ReadAll(io.LimitReader(p.stdin(), maxInputBytes))
			all = append(all, data...)
			continue
		}
		data, err := p.s.readFile(p.hc, name)
		if err != nil {
			failed = p.fail("%s: %s", name, errorText(err))
			continue
		}
		all = append(all, data...)
	}
	return all, failed
}

// readFile reads a file of the run, or a device file.
func (s *simShell) readFile(hc interp.HandlerContext, name string) ([]byte, error) {
	f, err := s.openFile(hc, name, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxFileBytes))
}

// lines splits text into lines without their newlines.
func lines(text []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(nil, maxFileBytes+1)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

func (p *progCall) writeLines(list []string) {
	var b strings.Builder
	for _, l := range list {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, _ = io.WriteString(p.out, b.String())
}

// options splits args into flags and operands, getopt style: boolean
// flags are letters of bools, flags taking a value letters of valued
// (which may be glued, -n5, or separate, -n 5). Long options are looked
// up in long, as their short letter; "--" ends the flags.
type options struct {
	set    map[byte]bool
	values map[byte]string
	rest   []string
}

func (p *progCall) options(bools, valued string, long map[string]byte) (options, error) {
	o := options{set: map[byte]bool{}, values: map[byte]string{}}
	args := p.args
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			o.rest = append(o.rest, args[i+1:]...)
			return o, nil
		case strings.HasPrefix(arg, "--"):
			name, value, hasValue := strings.Cut(arg[2:], "=")
			letter, ok := long[name]
			if !ok {
				return o, p.failWith(2, "unrecognized option '%s'", arg)
			}
			if strings.IndexByte(valued, letter) >= 0 {
				if !hasValue {
					if i+1 == len(args) {
						return o, p.failWith(2, "option '%s' requires an argument", arg)
					}
					i++
					value = args[i]
				}
				o.values[letter] = value
			}
			o.set[letter] = true
		case len(arg) > 1 && arg[0] == '-' && !isNumber(arg):
			for j := 1; j < len(arg); j++ {
				c := arg[j]
				switch {
				case strings.IndexByte(valued, c) >= 0:
					value := arg[j+1:]
					if value == "" {
						if i+1 == len(args) {
							return o, p.failWith(2, "option requires an argument -- '%c'", c)
						}
						i++
						value = args[i]
					}
					o.values[c], o.set[c] = value, true
					j = len(arg)
				case strings.IndexByte(bools, c) >= 0:
					o.set[c] = true
				default:
					return o, p.failWith(2, "invalid option -- '%c'", c)
				}
			}
		default:
			o.rest = append(o.rest, arg)
		}
	}
	return o, nil
}

func isNumber(arg string) bool {
	_, err := fmt.Sscanf(arg, "%d", new(int))
	return err == nil && strings.Trim(arg, "-0123456789") == ""
}

// exec runs the programs of the script: the simulated ones, and for every
// other "command not found". It never calls next, the interpreter's own
// handler, which would run programs of this machine.
func (s *simShell) exec(interp.ExecHandlerFunc) interp.ExecHandlerFunc {
	return func(ctx context.Context, args []string) error {
		hc := interp.HandlerCtx(ctx)
		name := simulatedName(args[0])
		run, ok := s.program(name)
		if !ok {
			fmt.Fprintf(hc.Stderr, "sh: line %d: %s: command not found\n", hc.Pos.Line(), args[0])
			return interp.ExitStatus(127)
		}
		p := &progCall{s: s, ctx: ctx, hc: hc, name: name, args: args[1:], out: boundedWriter{s: s, dst: hc.Stdout}}
		return p.start(run)
	}
}

// start runs the program p calls, or fails as the fleet says it does.
func (p *progCall) start(run program) error {
	if rule, changed := p.s.programs[p.name]; changed && rule.ExitCode != 0 {
		_, _ = io.WriteString(p.out, rule.Output)
		return interp.ExitStatus(uint8(rule.ExitCode))
	}
	return run(p)
}

// runProgram runs another program of the instance with args, as xargs,
// env and service do; a missing one fails with status 127.
func (p *progCall) runProgram(command string, args ...string) error {
	name := simulatedName(command)
	run, ok := p.s.program(name)
	if !ok {
		return p.failWith(127, "%s: No such file or directory", command)
	}
	return (&progCall{s: p.s, ctx: p.ctx, hc: p.hc, name: name, args: args, out: p.out}).start(run)
}

// program is the simulated program named name on this instance.
func (s *simShell) program(name string) (program, bool) {
	if rule, changed := s.programs[name]; changed && rule.Missing {
		return nil, false
	}
	run, ok := programs[name]
	return run, ok
}

// simulatedName is the program name stands for, by name or by path in a
// bin directory, or name itself.
func simulatedName(name string) string {
	dir, base := path.Split(name)
	if dir != "" && binDirectories[dir] && programs[base] != nil {
		return base
	}
	return name
}

// programNames lists the simulated programs, for the documentation's
// check.
func programNames() []string {
	names := make([]string, 0, len(programs))
	for name := range programs {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// hasProgram reports whether name is a program of this instance.
func (s *simShell) hasProgram(name string) bool {
	_, ok := s.program(name)
	return ok
}

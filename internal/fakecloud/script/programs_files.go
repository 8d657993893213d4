package script

import (
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"mvdan.cc/sh/v3/interp"
)

// The file programs, on the run's in-memory files.

// status is 1 when any operand failed.
func status(failed bool) error {
	if failed {
		return interp.ExitStatus(1)
	}
	return nil
}

// ls lists directories and files: -a shows dot files, -l the long form,
// -1 one a line (always, as into a pipe), -d directories themselves.
func (p *progCall) ls() error {
	o, err := p.options("aAlh1dtrRFS", "", map[string]byte{"all": 'a', "human-readable": 'h'})
	if err != nil {
		return err
	}
	operands := o.rest
	if len(operands) == 0 {
		operands = []string{"."}
	}
	failed := false
	for i, name := range operands {
		info, err := p.s.files.stat(p.abs(name))
		if err != nil {
			failed = p.failWith(2, "cannot access '%s': %s", name, errorText(err)) != nil
			continue
		}
		if !info.IsDir() || o.set['d'] {
			p.lsEntry(o, name, info)
			continue
		}
		if len(operands) > 1 {
			if i > 0 {
				p.printf("\n")
			}
			p.printf("%s:\n", name)
		}
		entries, _ := p.s.files.readDir(p.abs(name))
		if o.set['l'] {
			p.printf("total %d\n", 4*len(entries))
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") && !o.set['a'] && !o.set['A'] {
				continue
			}
			info, _ := e.Info()
			p.lsEntry(o, e.Name(), info)
		}
	}
	if failed {
		return interp.ExitStatus(2)
	}
	return nil
}

func (p *progCall) lsEntry(o options, name string, info fs.FileInfo) {
	if !o.set['l'] {
		p.printf("%s\n", name)
		return
	}
	size := info.Size()
	if info.IsDir() {
		size = 4096
	}
	p.printf("%s 1 root root %6d %s %s\n", info.Mode().String(), size, bootTime.Format("Jan _2 15:04"), name)
}

// mkdir makes directories; -p their parents too, and no error if they
// exist.
func (p *progCall) mkdir() error {
	o, err := p.options("pv", "m", map[string]byte{"parents": 'p', "mode": 'm'})
	if err != nil {
		return err
	}
	if len(o.rest) == 0 {
		return p.fail("missing operand")
	}
	failed := false
	for _, name := range o.rest {
		if err := p.s.files.mkdir(p.abs(name), o.set['p']); err != nil {
			failed = p.fail("cannot create directory '%s': %s", name, errorText(err)) != nil
		}
	}
	return status(failed)
}

// rm removes files; -r directories with what they hold; -f ignores
// missing files.
func (p *progCall) rm() error {
	o, err := p.options("rRfvid", "", map[string]byte{"recursive": 'r', "force": 'f'})
	if err != nil {
		return err
	}
	if len(o.rest) == 0 && !o.set['f'] {
		return p.fail("missing operand")
	}
	failed := false
	for _, name := range o.rest {
		err := p.s.files.remove(p.abs(name), o.set['r'] || o.set['R'], o.set['d'])
		switch {
		case err == nil:
		case os.IsNotExist(err) && o.set['f']:
		default:
			failed = p.fail("cannot remove '%s': %s", name, errorText(err)) != nil
		}
	}
	return status(failed)
}

func (p *progCall) rmdir() error {
	o, err := p.options("pv", "", nil)
	if err != nil {
		return err
	}
	failed := false
	for _, name := range o.rest {
		if info, err := p.s.files.stat(p.abs(name)); err == nil && !info.IsDir() {
			failed = p.fail("failed to remove '%s': Not a directory", name) != nil
			continue
		}
		if err := p.s.files.remove(p.abs(name), false, true); err != nil {
			failed = p.fail("failed to remove '%s': %s", name, errorText(err)) != nil
		}
	}
	return status(failed)
}

// destination is where SOURCE goes for cp and mv: into TARGET when it is
// a directory.
func (p *progCall) destination(source, target string) string {
	if info, err := p.s.files.stat(target); err == nil && info.IsDir() {
		return path.Join(target, path.Base(source))
	}
	return target
}

// cp copies files; -r directories too.
func (p *progCall) cp() error {
	o, err := p.options("rRafpvn", "", map[string]byte{"recursive": 'r', "archive": 'a', "force": 'f'})
	if err != nil {
		return err
	}
	if len(o.rest) < 2 {
		return p.fail("missing destination file operand")
	}
	target := p.abs(o.rest[len(o.rest)-1])
	failed := false
	for _, name := range o.rest[:len(o.rest)-1] {
		source := p.abs(name)
		info, err := p.s.files.stat(source)
		switch {
		case err != nil:
			failed = p.fail("cannot stat '%s': %s", name, errorText(err)) != nil
		case info.IsDir() && !o.set['r'] && !o.set['R'] && !o.set['a']:
			failed = p.fail("-r not specified; omitting directory '%s'", name) != nil
		default:
			if err := p.s.files.copyTree(source, p.destination(source, target)); err != nil {
				failed = p.fail("cannot copy '%s': %s", name, errorText(err)) != nil
			}
		}
	}
	return status(failed)
}

// mv moves files and directories.
func (p *progCall) mv() error {
	o, err := p.options("fvni", "", map[string]byte{"force": 'f'})
	if err != nil {
		return err
	}
	if len(o.rest) < 2 {
		return p.fail("missing destination file operand")
	}
	target := p.abs(o.rest[len(o.rest)-1])
	failed := false
	for _, name := range o.rest[:len(o.rest)-1] {
		source := p.abs(name)
		to := p.destination(source, target)
		if _, err := p.s.files.stat(source); err != nil {
			failed = p.fail("cannot stat '%s': %s", name, errorText(err)) != nil
			continue
		}
		if to == source {
			continue
		}
		if err := p.s.files.copyTree(source, to); err != nil {
			failed = p.fail("cannot move '%s': %s", name, errorText(err)) != nil
			continue
		}
		_ = p.s.files.remove(source, true, true)
	}
	return status(failed)
}

// touch creates the files that do not exist.
func (p *progCall) touch() error {
	o, err := p.options("acm", "dt", nil)
	if err != nil {
		return err
	}
	failed := false
	for _, name := range o.rest {
		f, err := p.s.files.open(p.abs(name), os.O_WRONLY|os.O_CREATE)
		if err != nil {
			if os.IsExist(err) || strings.Contains(errorText(err), "directory") {
				continue
			}
			failed = p.fail("cannot touch '%s': %s", name, errorText(err)) != nil
			continue
		}
		_ = f.Close()
	}
	return status(failed)
}

// chmod and chown check that their files exist: every file of the run
// belongs to root, who may do anything with it.
func (p *progCall) chmod() error {
	o, err := p.options("Rvfch", "", map[string]byte{"recursive": 'R'})
	if err != nil {
		return err
	}
	if len(o.rest) < 2 {
		return p.fail("missing operand")
	}
	failed := false
	for _, name := range o.rest[1:] {
		if _, err := p.s.files.stat(p.abs(name)); err != nil {
			failed = p.fail("cannot access '%s': %s", name, errorText(err)) != nil
		}
	}
	return status(failed)
}

// find lists the paths below its starting points: -name, -type f|d and
// -maxdepth select them.
func (p *progCall) find() error {
	var roots []string
	args := p.args
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		roots, args = append(roots, args[0]), args[1:]
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	var namePattern, kind string
	maxDepth := -1
	for i := 0; i < len(args); i++ {
		if i+1 == len(args) {
			return p.fail("missing argument to `%s'", args[i])
		}
		switch args[i] {
		case "-name", "-iname":
			i++
			namePattern = args[i]
		case "-type":
			i++
			kind = args[i]
		case "-maxdepth":
			i++
			if _, err := fmtSscan(args[i], &maxDepth); err != nil {
				return p.fail("invalid argument to -maxdepth")
			}
		default:
			return p.fail("unknown predicate `%s'", args[i])
		}
	}
	failed := false
	for _, root := range roots {
		abs := p.abs(root)
		if _, err := p.s.files.stat(abs); err != nil {
			failed = p.fail("'%s': %s", root, errorText(err)) != nil
			continue
		}
		for _, found := range p.s.files.walk(abs) {
			shown := root + strings.TrimPrefix(found, abs)
			if abs == "/" && found != "/" {
				shown = strings.TrimSuffix(root, "/") + found
			}
			depth := strings.Count(strings.TrimPrefix(found, abs), "/")
			if abs == "/" && found != "/" {
				depth = strings.Count(found, "/")
			}
			if maxDepth >= 0 && depth > maxDepth {
				continue
			}
			info, _ := p.s.files.stat(found)
			if kind == "f" && (info == nil || info.IsDir()) || kind == "d" && (info == nil || !info.IsDir()) {
				continue
			}
			if namePattern != "" {
				if ok, _ := path.Match(namePattern, path.Base(found)); !ok {
					continue
				}
			}
			p.printf("%s\n", shown)
		}
	}
	return status(failed)
}

// tee copies standard input to its output and to files; -a appends.
func (p *progCall) tee() error {
	o, err := p.options("ai", "", map[string]byte{"append": 'a'})
	if err != nil {
		return err
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if o.set['a'] {
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	writers := []io.Writer{p.out}
	failed := false
	for _, name := range o.rest {
		f, err := p.s.openFile(p.hc, name, flag)
		if err != nil {
			failed = p.fail("%s: %s", name, errorText(err)) != nil
			continue
		}
		defer f.Close()
		writers = append(writers, f)
	}
	if _, err := io.Copy(io.MultiWriter(writers...), p.stdin()); err != nil {
		failed = p.fail("write error: %s", errorText(err)) != nil
	}
	return status(failed)
}

func (p *progCall) basename() error {
	if len(p.args) == 0 {
		return p.fail("missing operand")
	}
	base := path.Base(p.args[0])
	if len(p.args) > 1 {
		base = strings.TrimSuffix(base, p.args[1])
	}
	p.printf("%s\n", base)
	return nil
}

func (p *progCall) dirname() error {
	if len(p.args) == 0 {
		return p.fail("missing operand")
	}
	for _, name := range p.args {
		p.printf("%s\n", path.Dir(name))
	}
	return nil
}

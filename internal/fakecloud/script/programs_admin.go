package script

import (
	"encoding/base64"
	"fmt"
	"path"
	"strings"
)

// More programs of a stock image: base64, mktemp, ln, nproc, and the
// administration commands, which succeed silently as root's do.

// osRelease is the simulated instance's /etc/os-release: an EL9 image,
// which the kernel uname reports and yum, dnf and rpm match.
const osRelease = `NAME="CentOS Stream"
VERSION="9"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="9"
PLATFORM_ID="platform:el9"
PRETTY_NAME="CentOS Stream 9"
`

func (p *progCall) nproc() error {
	p.printf("2\n")
	return nil
}

// base64 encodes its input, wrapped at 76 columns (-w N, 0: no wrap), or
// decodes it (-d).
func (p *progCall) base64() error {
	o, err := p.options("di", "w", map[string]byte{"decode": 'd', "wrap": 'w', "ignore-garbage": 'i'})
	if err != nil {
		return err
	}
	text, err := p.input(o.rest)
	if err != nil {
		return err
	}
	if o.set['d'] {
		decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(text)), ""))
		if err != nil {
			return p.fail("invalid input")
		}
		_, _ = p.out.Write(decoded)
		return nil
	}
	encoded := base64.StdEncoding.EncodeToString(text)
	width := 76
	if o.set['w'] {
		if _, err := fmtSscan(o.values['w'], &width); err != nil {
			return p.fail("invalid wrap size: '%s'", o.values['w'])
		}
	}
	for width > 0 && len(encoded) > width {
		p.printf("%s\n", encoded[:width])
		encoded = encoded[width:]
	}
	p.printf("%s\n", encoded)
	return nil
}

// mktemp makes a file (or with -d a directory) under /tmp with a name of
// its own, and prints it.
func (p *progCall) mktemp() error {
	o, err := p.options("dqu", "p", map[string]byte{"directory": 'd', "tmpdir": 'p'})
	if err != nil {
		return err
	}
	p.s.mu.Lock()
	p.s.temps++
	n := p.s.temps
	p.s.mu.Unlock()
	name := path.Join(cmpOr(o.values['p'], "/tmp"), fmt.Sprintf("tmp.%010d", n))
	if len(o.rest) > 0 {
		template := o.rest[0]
		name = strings.TrimRight(template, "X") + fmt.Sprintf("%0*d", len(template)-len(strings.TrimRight(template, "X")), n)
		if !strings.HasPrefix(name, "/") {
			name = path.Join(cmpOr(o.values['p'], "/tmp"), name)
		}
	}
	if o.set['d'] {
		err = p.s.files.mkdir(name, true)
	} else {
		err = p.s.files.writeFile(name, nil)
	}
	if err != nil {
		return p.fail("failed to create '%s': %s", name, errorText(err))
	}
	p.printf("%s\n", name)
	return nil
}

// ln links TARGET as LINK: the run's files have no links, so the link is
// a copy of what it points to when that exists, an empty file otherwise.
func (p *progCall) ln() error {
	o, err := p.options("sfnvT", "", map[string]byte{"symbolic": 's', "force": 'f'})
	if err != nil {
		return err
	}
	if len(o.rest) != 2 {
		return p.fail("missing file operand")
	}
	target, link := p.abs(o.rest[0]), p.destination(o.rest[0], p.abs(o.rest[1]))
	if _, err := p.s.files.stat(link); err == nil && !o.set['f'] {
		return p.fail("failed to create symbolic link '%s': File exists", o.rest[1])
	}
	if _, err := p.s.files.stat(target); err == nil {
		if err := p.s.files.copyTree(target, link); err != nil {
			return p.fail("failed to create link '%s': %s", o.rest[1], errorText(err))
		}
		return nil
	}
	if err := p.s.files.writeFile(link, nil); err != nil {
		return p.fail("failed to create link '%s': %s", o.rest[1], errorText(err))
	}
	return nil
}

// crontab -l finds no crontab, as on a fresh instance; installing one
// succeeds.
func (p *progCall) crontab() error {
	for _, arg := range p.args {
		if arg == "-l" {
			return p.fail("no crontab for root")
		}
	}
	return nil // what is installed is not kept
}

// getenforce reports SELinux off, as the vendors' images ship it.
func (p *progCall) getenforce() error {
	p.printf("Disabled\n")
	return nil
}

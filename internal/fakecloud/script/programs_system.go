package script

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
)

// The system programs, answering as a small stock Linux instance whose
// name is its instance ID: 2 vCPUs, 4 GiB of memory, a 40 GiB disk, up
// for a few days, the agents' and the script's processes running.

// simulatedUptime is how long every simulated instance has been up when
// the fake starts.
const simulatedUptime = 3*24*time.Hour + 4*time.Hour + 5*time.Minute

var bootTime = time.Now().UTC().Add(-simulatedUptime).Truncate(time.Minute)

func fmtSscan(text string, n *int) (int, error) { return fmt.Sscan(text, n) }

// ps lists the instance's processes, in the BSD form for aux and in the
// full form for -ef or -f, otherwise as plain ps does.
func (p *progCall) ps() error {
	started := bootTime.Format("Jan02")
	type proc struct {
		pid, ppid int
		user, cmd string
	}
	procs := []proc{
		{1, 0, "root", "/usr/lib/systemd/systemd --switched-root --system"},
		{2, 0, "root", "[kthreadd]"},
		{512, 1, "root", "/usr/lib/systemd/systemd-journald"},
		{640, 1, "root", "/usr/sbin/sshd -D"},
		{655, 1, "root", "/usr/sbin/crond -n"},
		{701, 1, "root", "/usr/local/qcloud/tat_agent/tat_agent"},
		{702, 1, "root", "/usr/local/share/aliyun-assist/aliyun-service"},
		{1203, 701, "root", "/bin/sh -c script"},
		{1204, 1203, "root", "ps " + strings.Join(p.args, " ")},
	}
	all := strings.Join(p.args, " ")
	switch {
	case strings.Contains(all, "aux") || strings.Contains(all, "-aux"):
		p.printf("USER         PID %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n")
		for _, pr := range procs {
			p.printf("%-8s %6d  0.0  0.1 123456  5120 ?        Ss   %s   0:00 %s\n", pr.user, pr.pid, started, pr.cmd)
		}
	case strings.Contains(all, "e") || strings.Contains(all, "f") || strings.Contains(all, "A"):
		p.printf("UID          PID    PPID  C STIME TTY          TIME CMD\n")
		for _, pr := range procs {
			p.printf("%-8s %7d %7d  0 %s ?        00:00:00 %s\n", pr.user, pr.pid, pr.ppid, started, pr.cmd)
		}
	default:
		p.printf("    PID TTY          TIME CMD\n")
		p.printf("   1203 ?        00:00:00 sh\n   1204 ?        00:00:00 ps\n")
	}
	return nil
}

func (p *progCall) uptime() error {
	up := simulatedUptime + time.Since(bootTime.Add(simulatedUptime))
	if len(p.args) > 0 && (p.args[0] == "-p" || p.args[0] == "--pretty") {
		p.printf("up %d days, %d hours, %d minutes\n", int(up.Hours())/24, int(up.Hours())%24, int(up.Minutes())%60)
		return nil
	}
	if len(p.args) > 0 && (p.args[0] == "-s" || p.args[0] == "--since") {
		p.printf("%s\n", bootTime.Format(time.DateTime))
		return nil
	}
	p.printf(" %s up %d days, %2d:%02d,  0 users,  load average: 0.00, 0.01, 0.05\n",
		time.Now().UTC().Format(time.TimeOnly), int(up.Hours())/24, int(up.Hours())%24, int(up.Minutes())%60)
	return nil
}

// uname answers as the x86_64 Linux kernel of a stock image.
func (p *progCall) uname() error {
	fields := map[byte]string{
		's': "Linux", 'n': p.s.instanceID, 'r': "5.14.0-427.el9.x86_64",
		'v': "#1 SMP PREEMPT_DYNAMIC Fri Jan 12 00:00:00 UTC 2024", 'm': "x86_64",
		'p': "x86_64", 'i': "x86_64", 'o': "GNU/Linux",
	}
	o, err := p.options("asnrvmpio", "", map[string]byte{
		"all": 'a', "kernel-name": 's', "nodename": 'n', "kernel-release": 'r', "machine": 'm', "operating-system": 'o',
	})
	if err != nil {
		return err
	}
	order := "snrvmpio"
	if !o.set['a'] && len(o.set) == 0 {
		o.set['s'] = true
	}
	var parts []string
	for i := range len(order) {
		if o.set['a'] || o.set[order[i]] {
			parts = append(parts, fields[order[i]])
		}
	}
	p.printf("%s\n", strings.Join(parts, " "))
	return nil
}

// id and whoami answer for root, who runs the agents' scripts.
func (p *progCall) id() error {
	o, err := p.options("ugnr", "", nil)
	if err != nil {
		return err
	}
	switch {
	case o.set['n'] && (o.set['u'] || o.set['g']):
		p.printf("root\n")
	case o.set['u'] || o.set['g']:
		p.printf("0\n")
	default:
		p.printf("uid=0(root) gid=0(root) groups=0(root)\n")
	}
	return nil
}

func (p *progCall) whoami() error {
	p.printf("root\n")
	return nil
}

// date prints the present time in UTC, the instances' zone, in the
// default form or +FORMAT (the common strftime sequences).
func (p *progCall) date() error {
	now := time.Now().UTC()
	for _, arg := range p.args {
		if format, ok := strings.CutPrefix(arg, "+"); ok {
			p.printf("%s\n", strftime(now, format))
			return nil
		}
		if arg != "-u" && arg != "--utc" {
			return p.fail("invalid date '%s'", arg)
		}
	}
	p.printf("%s\n", now.Format("Mon Jan _2 15:04:05 MST 2006"))
	return nil
}

func strftime(t time.Time, format string) string {
	layouts := map[byte]string{
		'Y': "2006", 'm': "01", 'd': "02", 'H': "15", 'M': "04", 'S': "05", 'y': "06",
		'b': "Jan", 'B': "January", 'a': "Mon", 'A': "Monday", 'Z': "MST", 'z': "-0700", 'e': "_2",
		'F': "2006-01-02", 'T': "15:04:05", 'D': "01/02/06", 'R': "15:04",
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		switch c := format[i]; {
		case c == 's':
			fmt.Fprintf(&b, "%d", t.Unix())
		case c == 'N':
			fmt.Fprintf(&b, "%09d", t.Nanosecond())
		case c == 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case c == '%':
			b.WriteByte('%')
		case layouts[c] != "":
			b.WriteString(t.Format(layouts[c]))
		default:
			b.WriteByte('%')
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (p *progCall) df() error {
	o, err := p.options("hTkPl", "", map[string]byte{"human-readable": 'h'})
	if err != nil {
		return err
	}
	if o.set['h'] {
		p.printf("Filesystem      Size  Used Avail Use%% Mounted on\n")
		p.printf("devtmpfs        1.8G     0  1.8G   0%% /dev\ntmpfs           1.8G     0  1.8G   0%% /dev/shm\n/dev/vda1        40G  4.1G   36G  11%% /\n")
		return nil
	}
	p.printf("Filesystem     1K-blocks    Used Available Use%% Mounted on\n")
	p.printf("devtmpfs         1878016       0   1878016   0%% /dev\ntmpfs            1899112       0   1899112   0%% /dev/shm\n/dev/vda1       41152736 4299040  36853696  11%% /\n")
	return nil
}

func (p *progCall) free() error {
	o, err := p.options("hmgkbtw", "", map[string]byte{"human": 'h', "mega": 'm', "giga": 'g'})
	if err != nil {
		return err
	}
	header := "               total        used        free      shared  buff/cache   available\n"
	switch {
	case o.set['h']:
		p.printf("%sMem:           3.6Gi       512Mi       2.5Gi       2.0Mi       612Mi       3.0Gi\nSwap:             0B          0B          0B\n", header)
	case o.set['m']:
		p.printf("%sMem:            3709         512        2585           2         612        3083\nSwap:              0           0           0\n", header)
	case o.set['g']:
		p.printf("%sMem:               3           0           2           0           0           3\nSwap:              0           0           0\n", header)
	default:
		p.printf("%sMem:         3798224      524288     2647120        2048      626816     3157464\nSwap:              0           0           0\n", header)
	}
	return nil
}

// exported lists the script's exported variables as NAME=VALUE, sorted.
func (p *progCall) exported() []string {
	var list []string
	p.hc.Env.Each(func(name string, vr expand.Variable) bool {
		if vr.Exported && vr.IsSet() && !slices.ContainsFunc(list, func(s string) bool { return strings.HasPrefix(s, name+"=") }) {
			list = append(list, name+"="+vr.String())
		}
		return true
	})
	slices.Sort(list)
	return list
}

// env prints the environment; with NAME=VALUE... COMMAND it runs a
// simulated program with those variables shown to it.
func (p *progCall) env() error {
	args := p.args
	for len(args) > 0 && strings.Contains(args[0], "=") {
		args = args[1:]
	}
	if len(args) > 0 {
		return p.runProgram(args[0], args[1:]...)
	}
	p.writeLines(p.exported())
	return nil
}

func (p *progCall) printenv() error {
	if len(p.args) == 0 {
		p.writeLines(p.exported())
		return nil
	}
	found := true
	for _, name := range p.args {
		vr := p.hc.Env.Get(name)
		if !vr.Exported || !vr.IsSet() {
			found = false
			continue
		}
		p.printf("%s\n", vr.String())
	}
	if !found {
		return interp.ExitStatus(1)
	}
	return nil
}

// systemctl succeeds at whatever it is asked, as on an instance whose
// units all exist and start; status and is-active say they are running.
func (p *progCall) systemctl() error {
	var verb string
	var units []string
	for _, arg := range p.args {
		switch {
		case strings.HasPrefix(arg, "-"):
		case verb == "":
			verb = arg
		default:
			units = append(units, arg)
		}
	}
	switch verb {
	case "status":
		for _, unit := range units {
			name := strings.TrimSuffix(unit, ".service")
			p.printf("● %s.service - %s\n     Loaded: loaded (/usr/lib/systemd/system/%s.service; enabled; preset: disabled)\n     Active: active (running) since %s; 3 days ago\n",
				name, name, name, bootTime.Format("Mon 2006-01-02 15:04:05 MST"))
		}
	case "is-active":
		for range units {
			p.printf("active\n")
		}
	case "is-enabled":
		for range units {
			p.printf("enabled\n")
		}
	case "list-units":
		p.printf("  UNIT           LOAD   ACTIVE SUB     DESCRIPTION\n  sshd.service   loaded active running OpenSSH server daemon\n")
	}
	return nil
}

// service NAME VERB is systemctl VERB NAME, as on a systemd image.
func (p *progCall) service() error {
	if len(p.args) < 2 {
		return p.fail("usage: service NAME COMMAND")
	}
	name := strings.TrimSuffix(p.args[0], ".service")
	p.printf("Redirecting to /bin/systemctl %s %s.service\n", p.args[1], name)
	return p.runProgram("systemctl", p.args[1], name)
}

// packages is yum, dnf, apt and apt-get: installs, updates and removals
// succeed as from a reachable mirror; other verbs succeed silently.
func (p *progCall) packages() error {
	var verb string
	var names []string
	for _, arg := range p.args {
		switch {
		case strings.HasPrefix(arg, "-"):
		case verb == "":
			verb = arg
		default:
			names = append(names, arg)
		}
	}
	switch verb {
	case "install", "reinstall", "update", "upgrade", "remove", "erase", "purge":
		for _, name := range names {
			p.printf("%s: %s %s\n", p.name, verbPast(verb), name)
		}
		p.printf("Complete!\n")
	case "":
		return p.failWith(1, "no command given")
	}
	return nil
}

func verbPast(verb string) string {
	switch verb {
	case "install", "reinstall":
		return "Installed:"
	case "remove", "erase", "purge":
		return "Removed:"
	}
	return "Upgraded:"
}

// rpm -q answers that the packages asked about are installed.
func (p *progCall) rpm() error {
	for _, arg := range p.args {
		if !strings.HasPrefix(arg, "-") {
			p.printf("%s-1.0-1.el9.x86_64\n", arg)
		}
	}
	return nil
}

// curl and wget fail as on an instance with no route out.
func (p *progCall) curl() error {
	host := firstURLHost(p.args)
	if host == "" {
		return p.failWith(2, "try 'curl --help' or 'curl --manual' for more information")
	}
	return p.failWith(7, "(7) Failed to connect to %s port 80 after 0 ms: Couldn't connect to server", host)
}

func (p *progCall) wget() error {
	host := firstURLHost(p.args)
	if host == "" {
		return p.failWith(1, "missing URL")
	}
	fmt.Fprintf(p.hc.Stderr, "Connecting to %s... failed: Network is unreachable.\n", host)
	return interp.ExitStatus(4)
}

func firstURLHost(args []string) string {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") {
			continue
		}
		rest := arg
		if _, after, ok := strings.Cut(arg, "://"); ok {
			rest = after
		}
		if host, _, _ := strings.Cut(rest, "/"); host != "" {
			return host
		}
	}
	return ""
}

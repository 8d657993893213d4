package script

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"mvdan.cc/sh/v3/interp"
)

// The fake's own programs, and cat, which the run's output is read with.

// failOn is reached through `command fail-on`: a status, not an exit.
func (p *progCall) failOn() error {
	if failed := p.s.failOn(p.args); failed[0] == "exit" {
		return interp.ExitStatus(exitStatus(failed[1:], 1))
	}
	return nil
}

func (p *progCall) hostname() error {
	p.printf("%s\n", p.s.instanceID)
	return nil
}

// sleep lets simulated time pass. A sleep that would run past the timeout
// ends the run at the timeout instead.
func (p *progCall) sleep() error {
	seconds, ok := sleepSeconds(p.args)
	if !ok {
		return p.fail("invalid time interval %q", strings.Join(p.args, " "))
	}
	s := p.s
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
// capture, it is written for real, until the reader stops, a bound is
// reached or the run ends.
func (p *progCall) seq() error {
	n, err := strconv.ParseInt(strings.Join(p.args, " "), 10, 64)
	if len(p.args) != 1 || err != nil || n < 0 || n > maxSeq {
		return p.fail("invalid argument %q", strings.Join(p.args, " "))
	}
	s := p.s
	if _, direct := p.hc.Stdout.(outputWriter); direct {
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
			if _, err := p.out.Write(b); err != nil || p.ctx.Err() != nil {
				return interp.ExitStatus(1)
			}
			b = b[:0]
		}
	}
	return nil
}

// cat prints files of the run, or its standard input ("-" or no argument).
func (p *progCall) cat() error {
	args := p.args
	if len(args) == 0 {
		args = []string{"-"}
	}
	var failed bool
	for _, name := range args {
		if name == "-" {
			_, _ = io.Copy(p.out, p.stdin())
			continue
		}
		if strings.HasPrefix(name, "-") {
			return p.fail("invalid option -- '%s'", strings.TrimPrefix(name, "-"))
		}
		f, err := p.s.openFile(p.hc, name, os.O_RDONLY)
		if err != nil {
			_ = p.fail("%s: %s", name, errorText(err))
			failed = true
			continue
		}
		_, _ = io.Copy(p.out, f)
		_ = f.Close()
	}
	if failed {
		return interp.ExitStatus(1)
	}
	return nil
}

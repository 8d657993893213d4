// Package script is the part of the fake clouds' command execution that
// does not depend on the vendor: the interpreter that works out what a
// script prints, how it exits and how long it takes, and the executors that
// run scripts for real. Each vendor keeps its own parameter substitution,
// statuses and timing, and hands this package the script once its
// parameters are filled in.
//
// Unless an Executor is configured, the fakes do not run scripts. Shell
// scripts (Tencent Cloud's SHELL, Alibaba Cloud's RunShellScript) are
// parsed and run by a shell interpreter written in Go (mvdan.cc/sh), with
// the whole sh grammar (";", "&&", "||", if, loops, variables, functions,
// pipes, command substitution) and bash's builtins, in a sandbox whose
// programs are those of a stock Linux image, answered in Go on the run's
// own files (see programs); anything else is "command not found", status
// 127, and the fleet may take a program away or make it fail. A run is
// bounded in work, memory and real time whatever the script does (see
// bounds.go).
//
// No program of this machine ever runs, files live in memory for the run
// alone, and the environment is a fixed one, so runs are deterministic but
// for the clock the system programs read. The Windows types (PowerShell,
// BAT) are read line by line, with their own common commands. The
// vendors' EXECUTION.md documents both for users.
package script

import (
	"math"
	"strconv"
	"time"
)

// MaxOutputBytes is how much output both vendors' agents keep per instance
// run. The fake keeps the first bytes and counts the rest as dropped.
const MaxOutputBytes = 24 << 10

// maxSeq bounds seq, so its output size can be counted without overflow.
const maxSeq = 1_000_000_000_000

// ExitKilled is the exit code the agents report for a process they killed,
// on timeout or cancellation: a process ended by a signal has no exit status.
const ExitKilled = -1

// Event is output a command printed, at a moment of the run.
type Event struct {
	At   time.Duration // since the script started
	Kept []byte        // the part of it within the first MaxOutputBytes of the run
	Size int64         // every byte printed, kept or not
}

// Run is the whole run of a script on one instance, simulated or recorded
// from a real process.
type Run struct {
	Events     []Event
	Duration   time.Duration // time the run took, never past the timeout
	ExitCode   int64
	TimedOut   bool
	StartError string // set when the script could not start: why not
}

// OutputUntil returns the output printed up to offset into the run, and how
// many bytes of it were dropped.
func (r Run) OutputUntil(offset time.Duration) ([]byte, uint64) {
	var out []byte
	var dropped int64
	for _, e := range r.Events {
		if e.At > offset {
			break
		}
		out = append(out, e.Kept...)
		dropped += e.Size - int64(len(e.Kept))
	}
	return out, uint64(dropped)
}

// Ended is a run that printed output (beyond which dropped more bytes were
// printed) at its start and ended after duration with exitCode, unless
// duration passes the timeout: then it is killed at the timeout. Outcomes
// set by tests and results of real runs both take this shape.
func Ended(output []byte, dropped uint64, exitCode int64, duration, timeout time.Duration) Run {
	run := Run{Duration: duration, ExitCode: exitCode}
	if len(output) > 0 || dropped > 0 {
		kept := output[:min(len(output), MaxOutputBytes)]
		size := int64(len(output)) + int64(dropped)
		run.Events = []Event{{At: 0, Kept: kept, Size: size}}
	}
	if duration > timeout {
		run.Duration, run.ExitCode, run.TimedOut = timeout, ExitKilled, true
	}
	return run
}

// Interpret works out how req's script would run on its instance, in
// simulated time, stopping when that time would pass req.Timeout: shell
// scripts in the simulated shell, the Windows types line by line.
func Interpret(req ExecRequest) Run {
	if shellCommandTypes[req.CommandType] {
		return interpretShell(req)
	}
	return interpretWindows(req)
}

// exitStatus reads exit's argument the way sh does: modulo 256, 2 when it is
// not a number, fallback when there is none.
func exitStatus(args []string, fallback int64) int64 {
	if len(args) == 0 {
		return fallback
	}
	n, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return 2
	}
	return (n%256 + 256) % 256
}

// sleepSeconds adds up sleep's arguments, each a non-negative number with an
// optional unit suffix (s, m, h, d), as GNU sleep does.
func sleepSeconds(args []string) (float64, bool) {
	if len(args) == 0 {
		return 0, false
	}
	units := map[byte]float64{'s': 1, 'm': 60, 'h': 3600, 'd': 86400}
	total := 0.0
	for _, arg := range args {
		if arg == "" {
			return 0, false
		}
		scale := 1.0
		if unit, ok := units[arg[len(arg)-1]]; ok {
			scale, arg = unit, arg[:len(arg)-1]
		}
		n, err := strconv.ParseFloat(arg, 64)
		if err != nil || n < 0 || math.IsNaN(n) {
			return 0, false
		}
		total += n * scale
	}
	return total, true
}

// linesBytes is the size of the lines "from\n" to "to\n".
func linesBytes(from, to int64) int64 {
	var total int64
	low, digits := int64(1), int64(1)
	for low <= to {
		high := low*10 - 1
		if first, last := max(from, low), min(to, high); first <= last {
			total += (last - first + 1) * (digits + 1)
		}
		low, digits = low*10, digits+1
	}
	return total
}

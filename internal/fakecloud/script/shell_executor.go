package script

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ShellPath is the shell ShellExecutor runs scripts with.
const ShellPath = "/bin/sh"

// shellWaitDelay bounds how long a killed script may keep its output open
// (through a child that escaped the kill) before the run is recorded anyway.
const shellWaitDelay = time.Second

// ShellExecutor is an Executor that runs shell scripts (Tencent Cloud's
// SHELL, Alibaba Cloud's RunShellScript) on this machine with /bin/sh -c, so that a demonstration shows a real command's output. Scripts
// run as the fake's own user, with its environment: use it only with
// scripts you would run yourself. The script runs in its working directory
// when that exists here, and otherwise in a temporary directory removed
// afterwards. Standard output and standard error are captured together. At
// the timeout, or when the task is cancelled, the script and the processes
// it started are killed. Other command types fail to start, as they would
// on a Linux agent. As in the simulated shell, hostname prints the
// instance ID: a hostname program that does so comes first in the script's
// PATH (a script that names /bin/hostname by path still reaches the real
// one).
type ShellExecutor struct{}

// shellCommandTypes are the vendors' names for a shell script.
var shellCommandTypes = map[string]bool{"SHELL": true, "RunShellScript": true}

// Execute runs req.Script and reports how it ended.
func (ShellExecutor) Execute(ctx context.Context, req ExecRequest) ExecResult {
	if !shellCommandTypes[req.CommandType] {
		return ExecResult{StartError: "invalid cmd_type: " + req.CommandType}
	}
	dir, cleanup, err := shellWorkingDirectory(req.WorkingDirectory)
	if err != nil {
		return ExecResult{StartError: err.Error()}
	}
	defer cleanup()
	shim, err := hostnameShim(req.InstanceID)
	if err != nil {
		return ExecResult{StartError: err.Error()}
	}
	defer func() { _ = os.RemoveAll(shim) }()

	// The clock starts before the deadline is set, so a run killed at the
	// timeout always lasts longer than the timeout.
	start := time.Now()
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	var out cappedOutput
	cmd := exec.CommandContext(ctx, ShellPath, "-c", req.Script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+shim+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.Stdout, cmd.Stderr = &out, &out // one writer: written by one goroutine, in order
	cmd.WaitDelay = shellWaitDelay
	killGroupOnCancel(cmd)
	if err := cmd.Start(); err != nil {
		return ExecResult{StartError: err.Error()}
	}
	// Wait's error tells no more than the process state: a non-zero status,
	// a kill, or output still held open after the kill.
	_ = cmd.Wait()
	return ExecResult{
		ExitCode: shellExitCode(cmd.ProcessState),
		Output:   out.kept,
		Dropped:  out.dropped,
		Duration: time.Since(start),
	}
}

// hostnameShim writes, in a new temporary directory, a hostname program
// that prints instanceID, and returns the directory.
func hostnameShim(instanceID string) (string, error) {
	dir, err := os.MkdirTemp("", "cloudcmd-hostname-")
	if err != nil {
		return "", err
	}
	program := "#!/bin/sh\nprintf '%s\\n' '" + strings.ReplaceAll(instanceID, "'", `'\''`) + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "hostname"), []byte(program), 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// shellWorkingDirectory returns dir when it is a directory here, or else a
// new temporary directory, with what to do once the script has run.
func shellWorkingDirectory(dir string) (string, func(), error) {
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "cloudcmd-run-")
	if err != nil {
		return "", nil, err
	}
	return tmp, func() { _ = os.RemoveAll(tmp) }, nil
}

// shellExitCode is the script's exit status, or -1, as the agents report it,
// when a signal ended it.
func shellExitCode(state *os.ProcessState) int64 {
	if state == nil {
		return ExitKilled
	}
	return int64(state.ExitCode())
}

// cappedOutput keeps the first MaxOutputBytes written to it, the most a
// task keeps, and only counts the rest, so a chatty script costs no memory.
type cappedOutput struct {
	kept    []byte
	dropped uint64
}

func (c *cappedOutput) Write(p []byte) (int, error) {
	room := max(0, MaxOutputBytes-len(c.kept))
	n := min(room, len(p))
	c.kept = append(c.kept, p[:n]...)
	c.dropped += uint64(len(p) - n)
	return len(p), nil
}

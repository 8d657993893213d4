//go:build unix

package script

import (
	"os/exec"
	"syscall"
)

// killGroupOnCancel starts the script in a process group of its own and
// kills the whole group when the run is stopped, as the agents do, so
// that a child such as a backgrounded sleep does not outlive the script.
func killGroupOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// rootOwned is what a simulated file's FileInfo.Sys returns: the file
// belongs to root (uid and gid 0), which `test -O` and `-G` read.
func rootOwned() any { return &syscall.Stat_t{} }

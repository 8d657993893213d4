//go:build !unix

package script

import "os/exec"

// killGroupOnCancel leaves exec's default, which kills the shell alone;
// cmd.WaitDelay bounds the wait for children still holding the output.
func killGroupOnCancel(*exec.Cmd) {}

// rootOwned is what a simulated file's FileInfo.Sys returns.
func rootOwned() any { return nil }

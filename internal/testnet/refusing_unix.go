//go:build unix

package testnet

import (
	"fmt"
	"syscall"
	"testing"
)

// RefusingAddr is a loopback address, host:port, that refuses connections
// until the test ends. Its port is held by a socket that is bound but never
// listens: connections to it are refused, and no server the test or a
// parallel test starts on port 0 can be given it, as it could a port that
// was listened on and closed.
func RefusingAddr(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("bind: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatalf("getsockname: %v", err)
	}
	inet, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		t.Fatalf("getsockname: unexpected address %T", sa)
	}
	return fmt.Sprintf("127.0.0.1:%d", inet.Port)
}

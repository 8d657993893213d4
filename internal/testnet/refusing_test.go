//go:build unix

package testnet

import (
	"errors"
	"net"
	"syscall"
	"testing"
	"time"
)

// The address refuses connections, and while the test runs no listener
// can take its port.
func TestRefusingAddr_refusesAndKeepsItsPort(t *testing.T) {
	addr := RefusingAddr(t)
	_, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial %s: %v, want connection refused", addr, err)
	}
	if l, err := net.Listen("tcp", addr); err == nil {
		_ = l.Close()
		t.Fatalf("a listener was given %s, which should stay held", addr)
	}
}

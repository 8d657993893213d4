//go:build !unix

package testnet

import (
	"net"
	"testing"
)

// RefusingAddr is a loopback address, host:port, that nothing listens on:
// a port listened on and closed at once. Unlike the Unix version, it does
// not hold the port, so a server started later may be given it.
func RefusingAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

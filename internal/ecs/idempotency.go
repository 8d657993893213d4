package ecs

import (
	"crypto/rand"
	"fmt"
)

// newClientToken is a random UUID (version 4) for ClientToken: one per
// create, so the API can tell a retry from a new request. The client layer
// (internal/conns) sends a create that carries one again after any failure
// that leaves its outcome unknown, and the service answers the repeat with
// the first request's result instead of running the command twice.
func newClientToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

package tat

// Test-only access to the finders, so CheckDestroy uses the same lookup the
// resources do.
var (
	FindCommand = findCommand
	ErrNotFound = errNotFound
)

// FindInvocation exposes the invocation finder to the tests.
var FindInvocation = findInvocation

package ecs

// Test-only access to the finders, so CheckDestroy uses the same lookup the
// resources do.
var (
	FindCommand = findCommand
	ErrNotFound = errNotFound
)

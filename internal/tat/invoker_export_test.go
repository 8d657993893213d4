package tat

// FindInvoker exposes the invoker finder, so CheckDestroy uses the lookup
// the resource does.
var FindInvoker = findInvoker

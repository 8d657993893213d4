package vendorkit

// CountOf counts the statuses for which pred holds, as both clouds do to
// make an invocation's status of its tasks' (TAT Invocation:
// InvocationStatus; ECS DescribeInvocations: InvocationStatus).
func CountOf(statuses []string, pred func(string) bool) int {
	n := 0
	for _, s := range statuses {
		if pred(s) {
			n++
		}
	}
	return n
}

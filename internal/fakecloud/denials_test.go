package fakecloud

import (
	"net/http"
	"testing"
)

// A denied action is refused with the vendor's own error on every call,
// and served again once allowed; other actions are not touched.
func TestDenyRefusesTheActionUntilAllowed(t *testing.T) {
	t.Parallel()
	fake := startFake(t, Options{})
	fake.Deny(VendorTencent, "DescribeCommands")
	fake.Deny(VendorAlicloud, "DescribeCommands")
	for range 2 {
		tc := mustReply(t)(rawTencent(t, fake, "DescribeCommands"))
		if code := tencentErrorCode(t, tc.body); code != "UnauthorizedOperation" {
			t.Errorf("TAT answered %s, want UnauthorizedOperation", code)
		}
		ecs := mustReply(t)(rawAlicloud(t, fake, "DescribeCommands"))
		if e := decodeAlicloudError(t, ecs.body); ecs.status != http.StatusForbidden || e.Code != "Forbidden.RAM" {
			t.Errorf("ECS answered %d %s, want 403 Forbidden.RAM", ecs.status, e.Code)
		}
	}
	// The service itself answers what is not denied: an unsigned request
	// is refused for its signature, not for a policy.
	if code := tencentErrorCode(t, mustReply(t)(rawTencent(t, fake, "DescribeInvocations")).body); code == "UnauthorizedOperation" {
		t.Errorf("an action not denied was refused by policy")
	}
	fake.Allow(VendorTencent, "DescribeCommands")
	if code := tencentErrorCode(t, mustReply(t)(rawTencent(t, fake, "DescribeCommands")).body); code == "UnauthorizedOperation" {
		t.Errorf("an allowed action was still refused by policy")
	}
}

package tat

import (
	"testing"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// runRequest is a RunCommand of echo {{who}} on the given instances.
func runRequest(instances ...string) *tat.RunCommandRequest {
	in := tat.NewRunCommandRequest()
	in.Content = flex.EncodeContent("echo {{who}}")
	in.CommandType = flex.StringPtr("SHELL")
	in.Timeout = uint64Ptr(60)
	in.EnableParameter = flex.BoolPtr(true)
	in.Parameters = flex.StringPtr(`{"who":"x"}`)
	in.InstanceIds = stringPointers(instances)
	return in
}

func TestRunMatches(t *testing.T) {
	t.Parallel()
	base := func() *tat.Invocation {
		return &tat.Invocation{
			InvocationId: flex.StringPtr("inv-1"), CommandId: flex.StringPtr("cmd-12345678"), InvocationSource: flex.StringPtr("USER"),
			InvocationTaskBasicInfoSet: []*tat.InvocationTaskBasicInfo{{InstanceId: flex.StringPtr("ins-2")}, {InstanceId: flex.StringPtr("ins-1")}},
			CommandContent:             flex.EncodeContent("echo {{who}}"), CommandType: flex.StringPtr("SHELL"),
			CommandName: flex.StringPtr("some-name"), Parameters: flex.StringPtr(`{"who": "x"}`),
			Username: flex.StringPtr("root"), WorkingDirectory: flex.StringPtr("/root"), Timeout: uint64Ptr(60),
		}
	}
	in := runRequest("ins-1", "ins-2")
	cases := map[string]struct {
		change func(*tat.Invocation)
		want   bool
	}{
		"same request, instances in another order": {func(*tat.Invocation) {}, true},
		"another script":         {func(i *tat.Invocation) { i.CommandContent = flex.EncodeContent("echo {{who}}!") }, false},
		"another kind of script": {func(i *tat.Invocation) { i.CommandType = flex.StringPtr("POWERSHELL") }, false},
		"run by an invoker":      {func(i *tat.Invocation) { i.InvocationSource = flex.StringPtr("INVOKER") }, false},
		"fewer instances":        {func(i *tat.Invocation) { i.InvocationTaskBasicInfoSet = i.InvocationTaskBasicInfoSet[:1] }, false},
		"other parameters":       {func(i *tat.Invocation) { i.Parameters = flex.StringPtr(`{"who":"y"}`) }, false},
		"another timeout":        {func(i *tat.Invocation) { i.Timeout = uint64Ptr(30) }, false},
		"no ID":                  {func(i *tat.Invocation) { i.InvocationId = nil }, false},
	}
	for name, tc := range cases {
		inv := base()
		tc.change(inv)
		if got := runMatches(inv, in); got != tc.want {
			t.Errorf("%s: runMatches = %t, want %t", name, got, tc.want)
		}
	}
	named := runRequest("ins-1", "ins-2")
	named.CommandName = flex.StringPtr("other-name")
	if runMatches(base(), named) {
		t.Error("an invocation of a command with another name than the request set matched")
	}
	inDir := runRequest("ins-1", "ins-2")
	inDir.WorkingDirectory = flex.StringPtr("/root")
	if !runMatches(base(), inDir) {
		t.Error("an invocation in the working directory the request set did not match")
	}
}

// Runs of one script on one set of instances take turns, whatever the
// order of the instances; another script or another instance does not wait.
func TestRunKey(t *testing.T) {
	t.Parallel()
	other := runRequest("ins-1", "ins-2")
	other.Content = flex.EncodeContent("echo other")
	switch {
	case runKey(runRequest("ins-1", "ins-2")) != runKey(runRequest("ins-2", "ins-1")):
		t.Error("the order of the instances changed the key")
	case runKey(runRequest("ins-1", "ins-2")) == runKey(other):
		t.Error("two scripts share a key")
	case runKey(runRequest("ins-1")) == runKey(runRequest("ins-1", "ins-2")):
		t.Error("two sets of instances share a key")
	}
}

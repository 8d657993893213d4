package tat

import (
	"context"
	"strings"
	"testing"
	"time"

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

// RunCommandWithContext makes an invocation of a new, unsaved command, and
// loses its answer as lossyTAT's other creates do; it counts in invokes.
func (f *lossyTAT) RunCommandWithContext(_ context.Context, in *tat.RunCommandRequest) (*tat.RunCommandResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invokes++
	lost := f.lose > 0
	if lost {
		f.lose--
		if f.loseEffect {
			return nil, errLost
		}
	}
	id := "inv-" + strings.Repeat(string(rune('a'+f.invokes)), 8)
	commandID := "cmd-" + strings.Repeat(string(rune('a'+f.invokes)), 8)
	var tasks []*tat.InvocationTaskBasicInfo
	for _, instance := range in.InstanceIds {
		tasks = append(tasks, &tat.InvocationTaskBasicInfo{InstanceId: instance})
	}
	f.invocations = append([]*tat.Invocation{{
		InvocationId: &id, CommandId: &commandID, InvocationSource: flex.StringPtr("USER"),
		CommandContent: in.Content, CommandType: in.CommandType, Timeout: in.Timeout,
		InvocationTaskBasicInfoSet: tasks, Parameters: in.Parameters, CreatedTime: nowText(),
	}}, f.invocations...)
	if lost {
		return nil, errLost
	}
	resp := tat.NewRunCommandResponse()
	resp.Response = &tat.RunCommandResponseParams{InvocationId: &id, CommandId: &commandID}
	return resp, nil
}

// withSavedTwin is a stand-in that holds a command saved an hour ago with
// runRequest's script, just run (by InvokeCommand) on the same instances:
// a run that matches the request in every way but is not RunCommand's.
func withSavedTwin(api *lossyTAT) *lossyTAT {
	api.commands = []*tat.Command{{CommandId: flex.StringPtr("cmd-saved000"), Content: flex.EncodeContent("echo {{who}}"), CreatedTime: agoText(time.Hour)}}
	api.invocations = []*tat.Invocation{{
		InvocationId: flex.StringPtr("inv-twin0000"), CommandId: flex.StringPtr("cmd-saved000"), InvocationSource: flex.StringPtr("USER"),
		CommandContent: flex.EncodeContent("echo {{who}}"), CommandType: flex.StringPtr("SHELL"), Timeout: uint64Ptr(60),
		InvocationTaskBasicInfoSet: []*tat.InvocationTaskBasicInfo{{InstanceId: flex.StringPtr("ins-1")}},
		Parameters:                 flex.StringPtr(`{"who":"x"}`), CreatedTime: nowText(),
	}}
	return api
}

// RunCommand's answer is lost after it ran: the run it made is adopted,
// and the run of an older saved command with the same script is passed
// over, since RunCommand makes its command anew.
func TestRunOrAdoptAdoptsTheRunALostAnswerMade(t *testing.T) {
	t.Parallel()
	api := withSavedTwin(&lossyTAT{lose: 1})
	id, commandID, adopted, err := runOrAdopt(quickSearch(), standInClient(api), runRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if runs, _ := api.counts(); !adopted || id != "inv-bbbbbbbb" || commandID != "" || runs != 1 {
		t.Errorf("got %s of command %q (adopted %t) after %d RunCommand, want inv-bbbbbbbb adopted, its command left to its record, after 1", id, commandID, adopted, runs)
	}
}

// RunCommand's request is lost before it ran: the run of the older saved
// command is not taken for it, and the request is sent again.
func TestRunOrAdoptSendsAgainWhenNothingRan(t *testing.T) {
	t.Parallel()
	api := withSavedTwin(&lossyTAT{lose: 1, loseEffect: true})
	id, commandID, adopted, err := runOrAdopt(quickSearch(), standInClient(api), runRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if runs, _ := api.counts(); adopted || id != "inv-cccccccc" || commandID != "cmd-cccccccc" || runs != 2 {
		t.Errorf("got %s of command %q (adopted %t) after %d RunCommand, want inv-cccccccc of cmd-cccccccc sent anew, 2 calls", id, commandID, adopted, runs)
	}
}

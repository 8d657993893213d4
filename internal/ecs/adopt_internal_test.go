package ecs

import (
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// A listed command is the one a CreateCommand made only when every
// argument the request set is the command's; contents are compared
// decoded.
func TestCommandMatches(t *testing.T) {
	timeout, enabled := int64(120), true
	in := &ecs.CreateCommandRequest{
		Name: flex.StringPtr("deploy"), Type: flex.StringPtr("RunShellScript"),
		CommandContent: flex.EncodeContent("echo hi"), Description: flex.StringPtr("d"),
		WorkingDir: flex.StringPtr("/srv"), Timeout: &timeout, EnableParameter: &enabled,
	}
	made := func() *listedCommand {
		return &listedCommand{
			CommandId: flex.StringPtr("c-1"), Name: flex.StringPtr("deploy"), Type: flex.StringPtr("RunShellScript"),
			CommandContent: flex.EncodeContent("echo hi"), Description: flex.StringPtr("d"),
			WorkingDir: flex.StringPtr("/srv"), Timeout: &timeout, EnableParameter: &enabled,
		}
	}
	if !commandMatches(made(), in) {
		t.Fatal("the command the request made does not match it")
	}
	for name, change := range map[string]func(*listedCommand){
		"no ID":               func(c *listedCommand) { c.CommandId = nil },
		"another name":        func(c *listedCommand) { c.Name = flex.StringPtr("deploy2") },
		"another type":        func(c *listedCommand) { c.Type = flex.StringPtr("RunBatScript") },
		"another content":     func(c *listedCommand) { c.CommandContent = flex.EncodeContent("echo ho") },
		"another description": func(c *listedCommand) { c.Description = flex.StringPtr("e") },
		"another directory":   func(c *listedCommand) { c.WorkingDir = flex.StringPtr("/tmp") },
		"another timeout":     func(c *listedCommand) { other := int64(60); c.Timeout = &other },
		"parameters off":      func(c *listedCommand) { off := false; c.EnableParameter = &off },
	} {
		c := made()
		change(c)
		if commandMatches(c, in) {
			t.Errorf("a command with %s matches the request", name)
		}
	}
	// What the request leaves out is the service's to choose.
	bare := &ecs.CreateCommandRequest{Name: in.Name, Type: in.Type, CommandContent: in.CommandContent}
	if !commandMatches(made(), bare) {
		t.Error("a command does not match a request that leaves its optional arguments out")
	}
}

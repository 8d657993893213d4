package alicloud

import (
	"slices"
	"time"
)

// Command is a Cloud Assistant command as the fake stores it. Tests receive
// copies from Service.Command and may change the stored one through
// Service.UpdateCommand.
type Command struct {
	ID              string // c- followed by 14 lower-case letters and digits
	RegionID        string
	Name            string
	Description     string
	Type            string // RunShellScript, RunBatScript or RunPowerShellScript
	Content         string // decoded: the script itself, never Base64
	WorkingDir      string
	Timeout         int64 // seconds
	EnableParameter bool
	ParameterNames  []string // the {{name}} placeholders of Content, when EnableParameter is set
	Launcher        string
	ResourceGroupID string
	Tags            []Tag
	CreationTime    time.Time
	InvokeTimes     int

	// Provider, Category, Version and Latest describe the vendor's common
	// commands (public_commands.go); a private command has no provider and
	// is the single, latest version 1.
	Provider string
	Category string
	Version  int
	Latest   bool

	// seq orders commands created within the same clock tick, which is
	// every command when tests freeze the clock.
	seq int64
}

func (c *Command) clone() Command {
	out := *c
	out.ParameterNames = slices.Clone(c.ParameterNames)
	out.Tags = slices.Clone(c.Tags)
	return out
}

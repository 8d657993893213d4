package alicloud

import (
	"strings"
	"time"
)

// providerAlibabaCloud, as DescribeCommands' Provider, selects every common
// command Alibaba Cloud provides, whichever of its providers published it.
const providerAlibabaCloud = "AlibabaCloud"

// publicCommandsPublished is when the fake's common commands were "made":
// older than any command a test creates.
var publicCommandsPublished = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// PublicCommands is the fake's small library of Cloud Assistant common
// commands (public commands), the same in every region of every fake:
// DescribeCommands lists them when asked for a Provider, InvokeCommand runs
// them, and ModifyCommand and DeleteCommand do not find them. Two share a
// name: versions 1 and 2 of one command, of which only 2 is Latest.
// EXECUTION.md lists them.
var PublicCommands = []Command{
	{
		ID: "ACS-ECS-ShowUptime-linux.sh", Name: "ACS-ECS-ShowUptime-linux.sh",
		Description: "Show how long the instance has been running.",
		Type:        "RunShellScript", Content: "uptime\necho uptime-checked",
		Provider: "AlibabaCloud.ECS.GuestOS", Category: "GuestOS", Version: 2, Latest: true,
	},
	{
		ID: "ACS-ECS-ShowUptime-v1-linux.sh", Name: "ACS-ECS-ShowUptime-linux.sh",
		Description: "Show how long the instance has been running.",
		Type:        "RunShellScript", Content: "uptime",
		Provider: "AlibabaCloud.ECS.GuestOS", Category: "GuestOS", Version: 1, Latest: false,
	},
	{
		ID: "ACS-ECS-EchoMessage-linux.sh", Name: "ACS-ECS-EchoMessage-linux.sh",
		Description: "Print the message given as the parameter message.",
		Type:        "RunShellScript", Content: "echo {{message}}",
		EnableParameter: true, ParameterNames: []string{"message"},
		Provider: "AlibabaCloud.ECS.GuestOS", Category: "GuestOS", Version: 1, Latest: true,
	},
	{
		ID: "ACS-ECS-ShowDate-windows.ps1", Name: "ACS-ECS-ShowDate-windows.ps1",
		Description: "Show the date and time on a Windows instance.",
		Type:        "RunPowerShellScript", Content: "Get-Date",
		Provider: "AlibabaCloud.ECS.Diagnosis", Category: "Diagnosis", Version: 1, Latest: true,
	},
}

// newPublicCommands returns a store's own copies of the common commands,
// whose InvokeTimes count that store's runs.
func newPublicCommands() map[string]*Command {
	out := make(map[string]*Command, len(PublicCommands))
	for _, pc := range PublicCommands {
		cmd := pc.clone()
		cmd.Timeout = defaultTimeout
		cmd.CreationTime = publicCommandsPublished
		if cmd.ParameterNames == nil {
			cmd.ParameterNames = []string{}
		}
		out[cmd.ID] = &cmd
	}
	return out
}

// publicCommandFilter selects common commands for DescribeCommands:
// Provider AlibabaCloud means all of them, any other value one provider's;
// Name and Description match any part of the command's, as the vendor's
// fuzzy search does; Latest keeps only the newest version of each.
func publicCommandFilter(p params) func(*Command) bool {
	provider, name, description := p.get("Provider"), p.get("Name"), p.get("Description")
	id, cmdType := p.get("CommandId"), p.get("Type")
	latestOnly := strings.EqualFold(p.get("Latest"), "true")
	return func(cmd *Command) bool {
		return (provider == providerAlibabaCloud || provider == cmd.Provider) &&
			strings.Contains(cmd.Name, name) && strings.Contains(cmd.Description, description) &&
			(id == "" || id == cmd.ID) && (cmdType == "" || cmdType == cmd.Type) &&
			(!latestOnly || cmd.Latest)
	}
}

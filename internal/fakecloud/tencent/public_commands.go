package tencent

import (
	"encoding/base64"
	"time"
)

// createdByTAT marks TAT's public commands, which every account can list
// with DescribeCommands (filter created-by=TAT) and run with InvokeCommand
// or CreateInvoker, but not change or delete.
const createdByTAT = "TAT"

// publicCommandsPublished is when the fake's public commands were "made":
// older than any command a test creates, so they list after them.
var publicCommandsPublished = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// PublicCommand describes one of the fake's built-in public commands.
type PublicCommand struct {
	ID, Name, Description, Script, Type string
	// DefaultParameters is the JSON object of parameter defaults; when set,
	// the command takes {{name}} parameters.
	DefaultParameters string
	Parameters        []ParameterConf
}

// PublicCommands is the fake's small library of TAT public commands, the
// same in every fake. EXECUTION.md lists them.
var PublicCommands = []PublicCommand{
	{
		ID: "cmd-tatpub01", Name: "TAT_ShowUptime", Type: commandTypeShell,
		Description: "Show how long the instance has been running.",
		Script:      "uptime\necho uptime-checked",
	},
	{
		ID: "cmd-tatpub02", Name: "TAT_EchoMessage", Type: commandTypeShell,
		Description:       "Print a message given as the parameter message.",
		Script:            "echo {{message}}",
		DefaultParameters: `{"message":"hello from TAT"}`,
		Parameters:        []ParameterConf{{Name: "message", Value: "hello from TAT", Description: "The text to print."}},
	},
	{
		ID: "cmd-tatpub03", Name: "TAT_ShowDateWindows", Type: commandTypePowerShell,
		Description: "Show the date and time on a Windows instance.",
		Script:      "Get-Date",
	},
}

// addPublicCommands stores the public commands in a new service. They are
// ordinary entries of s.commands, told apart by CreatedBy.
func (s *Service) addPublicCommands() {
	for _, pc := range PublicCommands {
		s.issuedIDs[pc.ID] = true
		s.commands[pc.ID] = &Command{
			ID:                    pc.ID,
			Name:                  pc.Name,
			Description:           pc.Description,
			Content:               base64.StdEncoding.EncodeToString([]byte(pc.Script)),
			Type:                  pc.Type,
			WorkingDirectory:      defaultWorkingDirectory(pc.Type),
			Timeout:               defaultTimeout,
			Username:              defaultUsername(pc.Type),
			EnableParameter:       pc.DefaultParameters != "",
			DefaultParameters:     pc.DefaultParameters,
			DefaultParameterConfs: append([]ParameterConf(nil), pc.Parameters...),
			Tags:                  []Tag{},
			CreatedBy:             createdByTAT,
			CreatedTime:           publicCommandsPublished,
			UpdatedTime:           publicCommandsPublished,
		}
	}
}

// isPublic reports whether c is one of TAT's public commands.
func (c *Command) isPublic() bool { return c.CreatedBy == createdByTAT }

package tencent

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// createdByUser marks commands made through the API, as opposed to TAT's
// public commands (createdByTAT).
const createdByUser = "USER"

// commandFields are the settable fields CreateCommand and ModifyCommand
// share. A nil field was not sent.
type commandFields struct {
	Name             *string
	Content          *string
	Description      *string
	Type             *string
	WorkingDirectory *string
	Timeout          *uint64
	Username         *string
	COSBucketURL     *string
	COSKeyPrefix     *string
}

// validate checks the fields that were sent. commandType is the type the
// command will have, which the working directory must suit; an invalid Type
// is reported before the working directory is looked at.
func (f commandFields) validate(commandType string) *apiError {
	return firstError(
		optional(f.Name, validateCommandName),
		optional(f.Content, validateContent),
		optional(f.Description, validateDescription),
		optional(f.Type, validateCommandType),
		optional(f.WorkingDirectory, workingDirectoryFor(commandType)),
		optional(f.Timeout, validateTimeout),
		optional(f.Username, validateUsername),
		optional(f.COSBucketURL, validateCOSBucketURL),
		optional(f.COSKeyPrefix, validateCOSKeyPrefix),
	)
}

// parameterDefaults are a command's default parameter values in both the
// forms TAT returns them: the JSON object text and the list of confs.
type parameterDefaults struct {
	text  string
	confs []ParameterConf
}

// requestedDefaults reads the default parameter values a request sets, from
// DefaultParameters or DefaultParameterConfs, which exclude each other.
// present reports whether the request sent either field at all: sending an
// empty one clears the defaults, since ModifyCommand replaces them whole.
func requestedDefaults(text *string, confs []*tat.DefaultParameterConf) (defaults parameterDefaults, present bool, err *apiError) {
	hasText := text != nil && *text != ""
	hasConfs := len(confs) > 0
	switch {
	case hasText && hasConfs:
		return defaults, true, newError(codeInvalidParameter, "DefaultParameters and DefaultParameterConfs cannot be specified at the same time.")
	case hasText:
		entries, err := parseParameterObject("DefaultParameters", *text)
		return parameterDefaults{text: *text, confs: entries}, true, err
	case hasConfs:
		entries, err := parameterConfs(confs)
		return parameterDefaults{text: parameterObjectText(entries), confs: entries}, true, err
	}
	return defaults, text != nil || confs != nil, nil
}

func (d parameterDefaults) empty() bool { return len(d.confs) == 0 }

func (s *Service) createCommand(p *tat.CreateCommandRequestParams) (any, *apiError) {
	defaults, tagList, err := s.checkCreateCommand(p)
	if err != nil {
		return nil, err
	}
	cmd := s.newCommand(p, defaults, tagList)
	s.commands[cmd.ID] = cmd
	return createCommandResponse{CommandID: cmd.ID}, nil
}

// checkCreateCommand applies CreateCommand's rules and returns the default
// parameters and tags the request sets.
func (s *Service) checkCreateCommand(p *tat.CreateCommandRequestParams) (parameterDefaults, []Tag, *apiError) {
	if p.CommandName == nil {
		return parameterDefaults{}, nil, missingParameter("CommandName")
	}
	if p.Content == nil {
		return parameterDefaults{}, nil, missingParameter("Content")
	}
	defaults, tagList, err := checkCommandSettings(p)
	if err != nil {
		return parameterDefaults{}, nil, err
	}
	if err := s.checkCommandNameFree(*p.CommandName, ""); err != nil {
		return parameterDefaults{}, nil, err
	}
	return defaults, tagList, nil
}

// checkCommandSettings applies the rules on the form of a new command's
// fields, which CreateCommand and RunCommand share, and returns the default
// parameters and tags the request sets.
func checkCommandSettings(p *tat.CreateCommandRequestParams) (parameterDefaults, []Tag, *apiError) {
	fields := commandFields{
		Name: p.CommandName, Content: p.Content, Description: p.Description, Type: p.CommandType,
		WorkingDirectory: p.WorkingDirectory, Timeout: p.Timeout, Username: p.Username,
		COSBucketURL: p.OutputCOSBucketUrl, COSKeyPrefix: p.OutputCOSKeyPrefix,
	}
	if err := fields.validate(valueOr(p.CommandType, commandTypeShell)); err != nil {
		return parameterDefaults{}, nil, err
	}
	defaults, _, err := requestedDefaults(p.DefaultParameters, p.DefaultParameterConfs)
	if err != nil {
		return parameterDefaults{}, nil, err
	}
	if !valueOr(p.EnableParameter, false) && !defaults.empty() {
		return parameterDefaults{}, nil, newError(codeParametersNeedEnableParameter, "Default parameters can be set only when EnableParameter is true.")
	}
	tagList, err := tags(p.Tags)
	if err != nil {
		return parameterDefaults{}, nil, err
	}
	return defaults, tagList, nil
}

// newCommand builds a command from a checked request, filling in the
// defaults that depend on the command type.
func (s *Service) newCommand(p *tat.CreateCommandRequestParams, defaults parameterDefaults, tagList []Tag) *Command {
	commandType := valueOr(p.CommandType, commandTypeShell)
	now := s.now()
	return &Command{
		ID:                    s.newID("cmd-"),
		Region:                s.region,
		Name:                  deref(p.CommandName),
		Description:           deref(p.Description),
		Content:               *p.Content,
		Type:                  commandType,
		WorkingDirectory:      nonEmptyOr(p.WorkingDirectory, defaultWorkingDirectory(commandType)),
		Timeout:               valueOr(p.Timeout, defaultTimeout),
		Username:              nonEmptyOr(p.Username, defaultUsername(commandType)),
		EnableParameter:       valueOr(p.EnableParameter, false),
		DefaultParameters:     defaults.text,
		DefaultParameterConfs: defaults.confs,
		Tags:                  tagList,
		OutputCOSBucketURL:    deref(p.OutputCOSBucketUrl),
		OutputCOSKeyPrefix:    deref(p.OutputCOSKeyPrefix),
		CreatedBy:             createdByUser,
		CreatedTime:           now,
		UpdatedTime:           now,
		sequence:              s.nextSequence(),
	}
}

// modifyCommand validates the whole request before changing anything, so a
// rejected request leaves the command as it was. EnableParameter and Tags
// are not ModifyCommand parameters: sending them is an unknown parameter.
func (s *Service) modifyCommand(p *tat.ModifyCommandRequestParams) (any, *apiError) {
	cmd, err := s.findOwnCommand(p.CommandId)
	if err != nil {
		return nil, err
	}
	fields := commandFields{
		Name: p.CommandName, Content: p.Content, Description: p.Description, Type: p.CommandType,
		WorkingDirectory: p.WorkingDirectory, Timeout: p.Timeout, Username: p.Username,
		COSBucketURL: p.OutputCOSBucketUrl, COSKeyPrefix: p.OutputCOSKeyPrefix,
	}
	if err := fields.validate(valueOr(p.CommandType, cmd.Type)); err != nil {
		return nil, err
	}
	defaults, defaultsPresent, err := requestedDefaults(p.DefaultParameters, p.DefaultParameterConfs)
	if err != nil {
		return nil, err
	}
	if !cmd.EnableParameter && !defaults.empty() {
		return nil, newError(codeParameterDisabled, "Command %s was created with EnableParameter false; its default parameters cannot be set.", cmd.ID)
	}
	if p.CommandName != nil {
		if err := s.checkCommandNameFree(*p.CommandName, cmd.ID); err != nil {
			return nil, err
		}
	}

	fields.applyTo(cmd)
	if defaultsPresent && cmd.EnableParameter {
		cmd.DefaultParameters = defaults.text
		cmd.DefaultParameterConfs = defaults.confs
	}
	cmd.UpdatedTime = s.now()
	return struct{}{}, nil
}

// applyTo copies the fields that were sent onto cmd. An empty working
// directory or username means the default for the command's type.
func (f commandFields) applyTo(cmd *Command) {
	setIfSent(&cmd.Name, f.Name)
	setIfSent(&cmd.Content, f.Content)
	setIfSent(&cmd.Description, f.Description)
	setIfSent(&cmd.Type, f.Type)
	setIfSent(&cmd.Timeout, f.Timeout)
	setIfSent(&cmd.OutputCOSBucketURL, f.COSBucketURL)
	setIfSent(&cmd.OutputCOSKeyPrefix, f.COSKeyPrefix)
	if f.WorkingDirectory != nil {
		cmd.WorkingDirectory = nonEmptyOr(f.WorkingDirectory, defaultWorkingDirectory(cmd.Type))
	}
	if f.Username != nil {
		cmd.Username = nonEmptyOr(f.Username, defaultUsername(cmd.Type))
	}
}

func (s *Service) deleteCommand(p *tat.DeleteCommandRequestParams) (any, *apiError) {
	cmd, err := s.findOwnCommand(p.CommandId)
	if err != nil {
		return nil, err
	}
	if invokerID, ok := s.commandInInvoker(cmd.ID); ok {
		return nil, newError(codeCommandInInvoker, "Command %s is run by invoker %s; delete the invoker first.", cmd.ID, invokerID)
	}
	if s.commandExecuting(cmd.ID) {
		return nil, newError(codeCommandInExecuting, "Command %s has an invocation that has not finished yet.", cmd.ID)
	}
	delete(s.commands, cmd.ID)
	return struct{}{}, nil
}

func (s *Service) describeCommands(p *tat.DescribeCommandsRequestParams) (any, *apiError) {
	match, err := idsOrFilters(p.CommandIds, validateCommandID, func(c *Command) string { return c.ID }, p.Filters, commandFilter, commandFilterValues)
	if err != nil {
		return nil, err
	}
	offset, limit, err := pageBounds(p.Offset, p.Limit)
	if err != nil {
		return nil, err
	}
	total, set := listed(s.commandsNewestFirst(), match, offset, limit, (*Command).wire)
	return describeCommandsResponse{TotalCount: total, CommandSet: set}, nil
}

// commandFilter returns the predicate for a DescribeCommands filter name.
func commandFilter(name string) (filterFunc[*Command], bool) {
	switch name {
	case "command-id":
		return func(c *Command, values []string) bool { return slices.Contains(values, c.ID) }, true
	case "command-name":
		return func(c *Command, values []string) bool { return slices.Contains(values, c.Name) }, true
	case "command-type":
		return func(c *Command, values []string) bool { return slices.Contains(values, c.Type) }, true
	case "created-by":
		return func(c *Command, values []string) bool { return slices.Contains(values, c.CreatedBy) }, true
	case "scene-id":
		// Only TAT's public commands belong to scenes.
		return func(*Command, []string) bool { return false }, true
	case "tag-key":
		return func(c *Command, values []string) bool {
			return slices.ContainsFunc(c.Tags, func(t Tag) bool { return slices.Contains(values, t.Key) })
		}, true
	case "tag-value":
		return func(c *Command, values []string) bool {
			return slices.ContainsFunc(c.Tags, func(t Tag) bool { return slices.Contains(values, t.Value) })
		}, true
	}
	if key, ok := strings.CutPrefix(name, "tag:"); ok && key != "" {
		return func(c *Command, values []string) bool {
			return slices.ContainsFunc(c.Tags, func(t Tag) bool { return t.Key == key && slices.Contains(values, t.Value) })
		}, true
	}
	return nil, false
}

// commandFilterValues check the values of DescribeCommands filters whose
// values are IDs or enumerations.
var commandFilterValues = map[string]func(string) *apiError{
	"command-id":   validateCommandID,
	"command-type": oneOf("command-type", commandTypeShell, commandTypePowerShell, commandTypeBat),
	"created-by":   oneOf("created-by", createdByUser, createdByTAT),
}

// findOwnCommand is findCommand for the actions that change a command:
// TAT's public commands can be run by anyone but changed by no one.
func (s *Service) findOwnCommand(id *string) (*Command, *apiError) {
	cmd, err := s.findCommand(id)
	if err == nil && cmd.isPublic() {
		return nil, newError(codeCommandNotFound, "The command `%s` is a public command of TAT; only your own commands can be changed or deleted.", cmd.ID)
	}
	return cmd, err
}

// findCommand resolves a request's CommandId, telling a missing, a malformed
// and an unknown ID apart as TAT does.
func (s *Service) findCommand(id *string) (*Command, *apiError) {
	if id == nil {
		return nil, missingParameter("CommandId")
	}
	if err := validateCommandID(*id); err != nil {
		return nil, err
	}
	cmd, ok := s.commands[*id]
	if !ok || !s.sees(cmd) {
		return nil, newError(codeCommandNotFound, "The command `%s` does not exist.", *id)
	}
	return cmd, nil
}

// sees reports whether a command is served in the region of the request:
// the account's commands belong to the region they were made in, TAT's
// public commands are offered in every region.
func (s *Service) sees(cmd *Command) bool { return cmd.isPublic() || s.inRegion(cmd.Region) }

// checkCommandNameFree fails when another command than exceptID already
// has this name.
func (s *Service) checkCommandNameFree(name, exceptID string) *apiError {
	for _, cmd := range s.commands {
		if cmd.Name == name && cmd.ID != exceptID && !cmd.isPublic() && s.inRegion(cmd.Region) {
			return newError(codeCommandNameDuplicated, "A command named `%s` already exists: %s.", name, cmd.ID)
		}
	}
	return nil
}

func (s *Service) commandsNewestFirst() []*Command {
	list := make([]*Command, 0, len(s.commands))
	for _, cmd := range s.commands {
		if s.sees(cmd) {
			list = append(list, cmd)
		}
	}
	// The public commands all have sequence 0: they come last, by ID.
	slices.SortFunc(list, func(a, b *Command) int {
		return cmp.Or(compareDescending(a.sequence, b.sequence), cmp.Compare(a.ID, b.ID))
	})
	return list
}

type createCommandResponse struct {
	CommandID string `json:"CommandId"`
}

type describeCommandsResponse struct {
	TotalCount uint64        `json:"TotalCount"`
	CommandSet []commandWire `json:"CommandSet"`
}

// commandWire is the Command structure of TAT's responses. Every field is
// always present, with [] for empty lists, as the service returns it.
type commandWire struct {
	CommandID             string              `json:"CommandId"`
	CommandName           string              `json:"CommandName"`
	Description           string              `json:"Description"`
	Content               string              `json:"Content"`
	CommandType           string              `json:"CommandType"`
	WorkingDirectory      string              `json:"WorkingDirectory"`
	Timeout               uint64              `json:"Timeout"`
	CreatedTime           string              `json:"CreatedTime"`
	UpdatedTime           string              `json:"UpdatedTime"`
	EnableParameter       bool                `json:"EnableParameter"`
	DefaultParameters     string              `json:"DefaultParameters"`
	DefaultParameterConfs []parameterConfWire `json:"DefaultParameterConfs"`
	Scenes                []string            `json:"Scenes"`
	FormattedDescription  string              `json:"FormattedDescription"`
	CreatedBy             string              `json:"CreatedBy"`
	Tags                  []tagWire           `json:"Tags"`
	Username              string              `json:"Username"`
	OutputCOSBucketURL    string              `json:"OutputCOSBucketUrl"`
	OutputCOSKeyPrefix    string              `json:"OutputCOSKeyPrefix"`
}

type parameterConfWire struct {
	ParameterName        string `json:"ParameterName"`
	ParameterValue       string `json:"ParameterValue"`
	ParameterDescription string `json:"ParameterDescription"`
}

type tagWire struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// wire renders a command for DescribeCommands. FormattedDescription and
// Scenes describe TAT's public commands; a user's command has neither.
func (c *Command) wire() commandWire {
	confs := []parameterConfWire{}
	for _, p := range c.DefaultParameterConfs {
		confs = append(confs, parameterConfWire{ParameterName: p.Name, ParameterValue: p.Value, ParameterDescription: p.Description})
	}
	return commandWire{
		CommandID:             c.ID,
		CommandName:           c.Name,
		Description:           c.Description,
		Content:               c.Content,
		CommandType:           c.Type,
		WorkingDirectory:      c.WorkingDirectory,
		Timeout:               c.Timeout,
		CreatedTime:           formatTime(c.CreatedTime),
		UpdatedTime:           formatTime(c.UpdatedTime),
		EnableParameter:       c.EnableParameter,
		DefaultParameters:     c.DefaultParameters,
		DefaultParameterConfs: confs,
		Scenes:                []string{},
		FormattedDescription:  c.formattedDescription(),
		CreatedBy:             c.CreatedBy,
		Tags:                  tagsWire(c.Tags),
		Username:              c.Username,
		OutputCOSBucketURL:    c.OutputCOSBucketURL,
		OutputCOSKeyPrefix:    c.OutputCOSKeyPrefix,
	}
}

// formattedDescription is the structured description TAT gives its public
// commands; a user's command has none.
func (c *Command) formattedDescription() string {
	if !c.isPublic() {
		return ""
	}
	text, _ := json.Marshal(map[string]any{
		"scenes":          []string{},
		"cmd_description": map[string]string{"en": c.Description},
	})
	return string(text)
}

func tagsWire(tags []Tag) []tagWire {
	out := []tagWire{}
	for _, t := range tags {
		out = append(out, tagWire(t))
	}
	return out
}

package alicloud

import (
	"cmp"
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Command limits (ECS CreateCommand and RunCommand: Name, Description,
// WorkingDir, Launcher and CommandContent).
const (
	maxNameLength        = 128
	maxDescriptionLength = 512
	maxWorkingDirLength  = 200
	maxLauncherLength    = 1024
	// maxContentBytes bounds a kept command's content once Base64-encoded;
	// maxRunContentBytes that of a command RunCommand does not keep.
	maxContentBytes    = 18 * 1024
	maxRunContentBytes = 24 * 1024
)

// Timeout bounds, in seconds. The vendor documents the default and the
// minimum (InvokeCommand: "cannot be less than 10 seconds") but no maximum;
// a day is the fake's own ceiling, enough for any test and small enough to
// catch a unit mix-up such as milliseconds.
const (
	defaultTimeout = 60
	minTimeout     = 10
	maxTimeout     = 86400
)

// commandTypes are the valid values of Type.
var commandTypes = []string{"RunShellScript", "RunBatScript", "RunPowerShellScript"}

// Values of ContentEncoding. The service compares them without regard to
// case and treats anything else as the action's default.
const (
	encodingPlainText = "PlainText"
	encodingBase64    = "Base64"
)

func (s *Service) createCommand(c *call) (any, error) {
	regionID := c.regionID()
	cmd, err := commandFromParams(c.params)
	if err != nil {
		return nil, err
	}
	cmd.RegionID = regionID
	cmd.CreationTime = s.cfg.Now().UTC().Truncate(time.Second)
	id, err := s.createOnce(c, func() (string, error) {
		if len(s.state.commandsIn(regionID)) >= s.state.commandQuota {
			return "", errCmdCountExceedQuota
		}
		return s.state.addCommand(cmd), nil
	})
	if err != nil {
		return nil, err
	}
	return createCommandResponse{RequestID: c.requestID, CommandID: id}, nil
}

// commandFromParams builds a command from CreateCommand's parameters,
// applying the vendor's validation.
func commandFromParams(p params) (*Command, error) {
	name, err := p.required("Name")
	if err != nil {
		return nil, err
	}
	return buildCommand(p, name, encodingBase64, maxContentBytes)
}

// buildCommand builds a command from the parameters CreateCommand and
// RunCommand share, decoding CommandContent from defaultEncoding unless
// told otherwise and holding it to limit bytes once Base64-encoded.
func buildCommand(p params, name, defaultEncoding string, limit int) (*Command, error) {
	cmdType, err := commandType(p)
	if err != nil {
		return nil, err
	}
	content, err := commandContent(p, defaultEncoding, limit)
	if err != nil {
		return nil, err
	}
	cmd := &Command{
		Name:            name,
		Type:            cmdType,
		Content:         content,
		Description:     p.get("Description"),
		WorkingDir:      p.get("WorkingDir"),
		Launcher:        p.get("Launcher"),
		ResourceGroupID: p.get("ResourceGroupId"),
	}
	if err := checkDescriptiveFields(cmd); err != nil {
		return nil, err
	}
	if cmd.Timeout, err = commandTimeout(p, defaultTimeout); err != nil {
		return nil, err
	}
	if cmd.EnableParameter, err = p.boolParam("EnableParameter"); err != nil {
		return nil, err
	}
	cmd.ParameterNames = []string{}
	if cmd.EnableParameter {
		if cmd.ParameterNames, err = parameterNames(content); err != nil {
			return nil, err
		}
	}
	tags, err := parseTags(p)
	if err != nil {
		return nil, err
	}
	cmd.Tags = plainTags(tags)
	return cmd, nil
}

func commandType(p params) (string, error) {
	cmdType, err := p.required("Type")
	if err != nil {
		return "", err
	}
	if !slices.Contains(commandTypes, cmdType) {
		return "", errCmdTypeNotFound
	}
	return cmdType, nil
}

// commandContent returns CommandContent decoded, checking its size the way
// the vendor measures it: after Base64 encoding.
func commandContent(p params, defaultEncoding string, limit int) (string, error) {
	raw, err := p.required("CommandContent")
	if err != nil {
		return "", err
	}
	content := raw
	if contentEncoding(p.get("ContentEncoding"), defaultEncoding) == encodingBase64 {
		decoded, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return "", errCmdContentDecode
		}
		content = string(decoded)
	}
	if base64.StdEncoding.EncodedLen(len(content)) > limit {
		return "", errCmdContentExceedLimit
	}
	return content, nil
}

func contentEncoding(value, defaultEncoding string) string {
	switch strings.ToLower(value) {
	case "plaintext":
		return encodingPlainText
	case "base64":
		return encodingBase64
	default:
		return defaultEncoding
	}
}

func encodeContent(content, encoding string) string {
	if encoding == encodingPlainText {
		return content
	}
	return base64.StdEncoding.EncodeToString([]byte(content))
}

func commandTimeout(p params, def int64) (int64, error) {
	timeout, err := p.int64Param("Timeout", def)
	if err != nil || timeout < minTimeout || timeout > maxTimeout {
		return 0, errTimeoutInvalid
	}
	return timeout, nil
}

// checkDescriptiveFields applies the length limits of the free-text fields
// CreateCommand and ModifyCommand share.
func checkDescriptiveFields(cmd *Command) error {
	if err := checkLength(cmd.Name, maxNameLength, errCmdNameExceedLimit); err != nil {
		return err
	}
	if err := checkLength(cmd.Description, maxDescriptionLength, errCmdDescExceedLimit); err != nil {
		return err
	}
	if err := checkLength(cmd.WorkingDir, maxWorkingDirLength, errWorkingDirInvalid); err != nil {
		return err
	}
	return checkLength(cmd.Launcher, maxLauncherLength, errLauncherExceedLimit)
}

// checkLength counts characters, as the vendor's limits do, not bytes.
func checkLength(value string, limit int, tooLong *apiError) error {
	if utf8.RuneCountInString(value) > limit {
		return tooLong
	}
	return nil
}

func (s *Service) describeCommands(c *call) (any, error) {
	regionID := c.regionID()
	l, err := listingFromParams(c.params)
	if err != nil {
		return nil, err
	}
	matches, err := commandFilterFromParams(c.params)
	if err != nil {
		return nil, err
	}
	encoding := contentEncoding(c.params.get("ContentEncoding"), encodingBase64)

	s.mu.Lock()
	defer s.mu.Unlock()
	candidates := s.state.commandsIn(regionID)
	if c.params.get("Provider") != "" {
		candidates = slices.Collect(maps.Values(s.state.public))
	}
	var found []*Command
	for _, cmd := range candidates {
		if matches(cmd) {
			found = append(found, cmd)
		}
	}
	slices.SortFunc(found, newestFirst)
	onPage, page := pageOf(l, found)
	listed := make([]wireCommand, 0, len(onPage))
	for _, cmd := range onPage {
		listed = append(listed, toWireCommand(cmd, encoding))
	}
	return describeCommandsResponse{RequestID: c.requestID, pageInfo: page, Commands: wireCommands{Command: listed}}, nil
}

// commandFilterFromParams returns a predicate for DescribeCommands' filters.
// Without Provider they select among the account's own commands, Name
// matching exactly; with it, among the common commands (publicCommandFilter).
// Tags select only the account's commands: common commands have none.
func commandFilterFromParams(p params) (func(*Command) bool, error) {
	tags, err := parseTags(p)
	if err != nil {
		return nil, err
	}
	if p.get("Provider") != "" {
		public := publicCommandFilter(p)
		return func(cmd *Command) bool { return public(cmd) && hasTags(cmd.Tags, tags) }, nil
	}
	equalOrUnset := func(filter, value string) bool { return filter == "" || filter == value }
	id, name, cmdType, group := p.get("CommandId"), p.get("Name"), p.get("Type"), p.get("ResourceGroupId")
	return func(cmd *Command) bool {
		return equalOrUnset(id, cmd.ID) && equalOrUnset(name, cmd.Name) &&
			equalOrUnset(cmdType, cmd.Type) && equalOrUnset(group, cmd.ResourceGroupID) &&
			hasTags(cmd.Tags, tags)
	}, nil
}

func newestFirst(a, b *Command) int {
	if byTime := b.CreationTime.Compare(a.CreationTime); byTime != 0 {
		return byTime
	}
	return cmp.Or(cmp.Compare(b.seq, a.seq), cmp.Compare(a.ID, b.ID))
}

func toWireCommand(cmd *Command, encoding string) wireCommand {
	definitions := make([]wireParameterDefinition, len(cmd.ParameterNames))
	for i, name := range cmd.ParameterNames {
		// A placeholder in a private command has no default, so every
		// invocation must supply it.
		definitions[i] = wireParameterDefinition{
			ParameterName:  name,
			Required:       true,
			PossibleValues: wirePossibleValues{PossibleValue: []string{}},
		}
	}
	tags := make([]wireTag, len(cmd.Tags))
	for i, tag := range cmd.Tags {
		tags[i] = wireTag{TagKey: tag.Key, TagValue: tag.Value}
	}
	version, latest := cmd.Version, cmd.Latest
	if cmd.Provider == "" {
		version, latest = 1, true
	}
	return wireCommand{
		CommandID:            cmd.ID,
		Name:                 cmd.Name,
		Description:          cmd.Description,
		Type:                 cmd.Type,
		CommandContent:       encodeContent(cmd.Content, encoding),
		WorkingDir:           cmd.WorkingDir,
		Timeout:              cmd.Timeout,
		EnableParameter:      cmd.EnableParameter,
		ParameterNames:       wireParameterNames{ParameterName: append([]string{}, cmd.ParameterNames...)},
		ParameterDefinitions: wireParameterDefinitions{ParameterDefinition: definitions},
		Launcher:             cmd.Launcher,
		InvokeTimes:          cmd.InvokeTimes,
		CreationTime:         cmd.CreationTime.UTC().Format(timestampLayout),
		Provider:             cmd.Provider,
		Category:             cmd.Category,
		Version:              version,
		Latest:               latest,
		ResourceGroupID:      cmd.ResourceGroupID,
		Tags:                 wireTags{Tag: tags},
	}
}

func (s *Service) modifyCommand(c *call) (any, error) {
	regionID := c.regionID()
	id, err := c.params.required("CommandId")
	if err != nil {
		return nil, err
	}
	modify, err := commandModification(c.params)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, ok := s.state.command(regionID, id)
	if !ok {
		return nil, errCmdIDNotFound
	}
	modify(cmd)
	return requestOnly{RequestID: c.requestID}, nil
}

// commandModification validates ModifyCommand's optional fields and returns
// the change they describe. An empty Name leaves the name alone, since a
// command cannot be nameless; the other text fields may be cleared.
// CommandContent is accepted and ignored, as the vendor documents.
func commandModification(p params) (func(*Command), error) {
	proposed := &Command{
		Name:        p.get("Name"),
		Description: p.get("Description"),
		WorkingDir:  p.get("WorkingDir"),
		Launcher:    p.get("Launcher"),
	}
	if err := checkDescriptiveFields(proposed); err != nil {
		return nil, err
	}
	setTimeout := p.get("Timeout") != ""
	if setTimeout {
		var err error
		if proposed.Timeout, err = commandTimeout(p, defaultTimeout); err != nil {
			return nil, err
		}
	}
	return func(cmd *Command) {
		if proposed.Name != "" {
			cmd.Name = proposed.Name
		}
		if p.has("Description") {
			cmd.Description = proposed.Description
		}
		if p.has("WorkingDir") {
			cmd.WorkingDir = proposed.WorkingDir
		}
		if p.has("Launcher") {
			cmd.Launcher = proposed.Launcher
		}
		if setTimeout {
			cmd.Timeout = proposed.Timeout
		}
	}, nil
}

func (s *Service) deleteCommand(c *call) (any, error) {
	regionID := c.regionID()
	id, err := c.params.required("CommandId")
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.state.command(regionID, id); !ok {
		return nil, errCmdIDNotFound
	}
	delete(s.state.commands, id)
	return requestOnly{RequestID: c.requestID}, nil
}

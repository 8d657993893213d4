package alicloud

import (
	"cmp"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Limits of the fields RunCommand and InvokeCommand share.
const (
	maxUsernameLength     = 255
	maxWindowsPassLength  = 255
	maxContainerNameBytes = 255
)

var (
	containerIDPattern   = regexp.MustCompile(`^(docker://|containerd://|cri-o://)?[0-9a-f]{64}$`)
	containerNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)
	terminationModes     = []string{"Process", "ProcessTree"}
)

// containerTarget is the container a script runs in, if any.
type containerTarget struct {
	id   string
	name string
}

type runCommandResponse struct {
	RequestID string `json:"RequestId"`
	CommandID string `json:"CommandId"`
	InvokeID  string `json:"InvokeId"`
}

type invokeCommandResponse struct {
	RequestID string `json:"RequestId"`
	InvokeID  string `json:"InvokeId"`
}

// runCommand creates a command and invokes it in one call. The command is
// stored only with KeepCommand; otherwise it has an ID, which the
// invocation shows, but DescribeCommands does not list it.
func (s *Service) runCommand(c *call) (any, error) {
	regionID := c.regionID()
	keep, err := c.params.boolParam("KeepCommand")
	if err != nil {
		return nil, err
	}
	limit := maxRunContentBytes
	if keep {
		limit = maxContentBytes
	}
	cmd, err := buildCommand(c.params, c.params.get("Name"), encodingPlainText, limit)
	if err != nil {
		return nil, err
	}
	cmd.RegionID = regionID
	cmd.CreationTime = s.now().Truncate(time.Second)
	req, err := invocationFromParams(c.params, cmd, runParameterCodes, limit)
	if err != nil {
		return nil, err
	}
	if err := checkClientToken(c.params); err != nil {
		return nil, err
	}

	done := s.deferRuns()
	ids, err := s.idempotent(c, func() (string, error) {
		return s.startRunCommand(c.params, cmd, req, keep)
	})
	done()
	if err != nil {
		return nil, err
	}
	commandID, invokeID, _ := strings.Cut(ids, " ")
	return runCommandResponse{RequestID: c.requestID, CommandID: commandID, InvokeID: invokeID}, nil
}

// startRunCommand checks the resource group, the instances and the day's
// quota, stores the command if it is kept and starts the invocation, so
// that a refused run keeps nothing. It returns both IDs, as
// one string so that a retry with the same ClientToken finds them. Callers
// hold s.mu.
func (s *Service) startRunCommand(p params, cmd *Command, req invocationRequest, keep bool) (string, error) {
	if err := s.checkResourceGroup(req.groupID); err != nil {
		return "", err
	}
	targets, err := s.selectInstances(p, maxRunInstances)
	if err != nil {
		return "", err
	}
	if err := s.checkInvocationQuota(cmd.RegionID); err != nil {
		return "", err
	}
	if keep {
		if len(s.state.commandsIn(cmd.RegionID)) >= s.state.commandQuota {
			return "", errCmdCountExceedQuota
		}
		s.state.addCommand(cmd)
		cmd.InvokeTimes = 1
	} else {
		cmd.ID = newUniqueID("c-", func(id string) bool { _, taken := s.state.commands[id]; return taken })
	}
	req.command, req.instances = cmd, targets
	inv := s.newInvocation(req)
	return cmd.ID + " " + inv.id, nil
}

// invokeCommand runs a stored command. Its rules apply in the vendor's
// order: the form of each parameter, then the command, then the resource
// group and the instances; the daily quota is looked at last, so only a
// request that would otherwise run uses it up.
func (s *Service) invokeCommand(c *call) (any, error) {
	regionID := c.regionID()
	commandID, err := c.params.required("CommandId")
	if err != nil {
		return nil, err
	}
	if err := checkClientToken(c.params); err != nil {
		return nil, err
	}

	done := s.deferRuns()
	id, err := s.idempotent(c, func() (string, error) {
		cmd, ok := s.state.runnable(regionID, commandID)
		if !ok {
			return "", errCmdIDNotFound
		}
		req, err := invocationFromParams(c.params, cmd, invokeParameterCodes, maxContentBytes)
		if err != nil {
			return "", err
		}
		req.regionID = regionID
		if err := s.checkResourceGroup(req.groupID); err != nil {
			return "", err
		}
		if req.instances, err = s.selectInstances(c.params, maxInvokeInstances); err != nil {
			return "", err
		}
		if err := s.checkInvocationQuota(regionID); err != nil {
			return "", err
		}
		cmd.InvokeTimes++
		return s.newInvocation(req).id, nil
	})
	done()
	if err != nil {
		return nil, err
	}
	return invokeCommandResponse{RequestID: c.requestID, InvokeID: id}, nil
}

// invocationFromParams reads the settings of one run of cmd, each
// defaulting to the command's, and checks the content with its parameters
// against limit bytes once Base64-encoded.
func invocationFromParams(p params, cmd *Command, codes parameterCodes, limit int) (invocationRequest, error) {
	timeout, err := commandTimeout(p, cmd.Timeout)
	if err != nil {
		return invocationRequest{}, err
	}
	req := invocationRequest{
		command:     cmd,
		timeout:     timeout,
		username:    cmp.Or(p.get("Username"), defaultUsername(cmd.Type)),
		windowsPass: p.get("WindowsPasswordName"),
		launcher:    cmp.Or(p.get("Launcher"), cmd.Launcher),
		termination: p.get("TerminationMode"),
		groupID:     p.get("ResourceGroupId"),
		container:   containerTarget{id: p.get("ContainerId"), name: p.get("ContainerName")},
	}
	if err := checkInvocationFields(req); err != nil {
		return invocationRequest{}, err
	}
	if needsWindowsPassword(cmd.Type, req) {
		return invocationRequest{}, codes.passwordMissed
	}
	if req.schedule, err = scheduleFromParams(p, timeout); err != nil {
		return invocationRequest{}, err
	}
	if req.values, req.parameters, err = invokeParameters(p, cmd, codes); err != nil {
		return invocationRequest{}, err
	}
	if base64.StdEncoding.EncodedLen(len(cmd.Content))+base64.StdEncoding.EncodedLen(len(req.parameters)) > limit {
		return invocationRequest{}, errCmdContentExceedLimit
	}
	tags, err := parseTags(p)
	if err != nil {
		return invocationRequest{}, err
	}
	req.tags = plainTags(tags)
	return req, nil
}

// checkInvocationFields applies the documented limits of the free-form
// settings of a run.
func checkInvocationFields(req invocationRequest) error {
	switch {
	case len([]rune(req.username)) > maxUsernameLength:
		return errUsernameExceedLimit
	case len([]rune(req.windowsPass)) > maxWindowsPassLength:
		return errWindowsPasswordNameExceedLimit
	case len([]rune(req.launcher)) > maxLauncherLength:
		return errLauncherExceedLimit
	case req.container.id != "" && !containerIDPattern.MatchString(req.container.id):
		return errContainerIDMalformed
	case req.container.name != "" && (len(req.container.name) > maxContainerNameBytes ||
		!containerNamePattern.MatchString(req.container.name)):
		return errContainerNameMalformed
	case req.termination != "" && !slices.Contains(terminationModes, req.termination):
		return errTerminationModeNotFound
	}
	return nil
}

// needsWindowsPassword reports a Windows run as a user other than System
// with no WindowsPasswordName: only System runs without a password.
func needsWindowsPassword(cmdType string, req invocationRequest) bool {
	return cmdType != "RunShellScript" && !strings.EqualFold(req.username, "System") && req.windowsPass == ""
}

// defaultUsername is who runs a command when the request names no one:
// root on Linux, System on Windows.
func defaultUsername(cmdType string) string {
	if cmdType == "RunShellScript" {
		return "root"
	}
	return "System"
}

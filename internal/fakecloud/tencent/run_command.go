package tencent

import (
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// runCommand creates a command and invokes it in one call. The command is
// kept, and so listed by DescribeCommands and open to InvokeCommand, only
// with SaveCommand; otherwise it lives on only in its invocation's record
// of what ran, which names its ID.
func (s *Service) runCommand(p *tat.RunCommandRequestParams) (any, *apiError) {
	req, save, err := s.checkRunCommand(p)
	if err != nil {
		return nil, err
	}
	if save {
		s.commands[req.command.ID] = req.command
	}
	inv := s.newInvocation(req)
	s.invocations.Add(inv.id, inv)
	return runCommandResponse{CommandID: req.command.ID, InvocationID: inv.id}, nil
}

// checkRunCommand applies RunCommand's rules in the order InvokeCommand
// does: the form of each parameter, then what depends on the service's
// state (the command name, the parameters' values, the instances). It
// returns the invocation to make and whether to save its command.
func (s *Service) checkRunCommand(p *tat.RunCommandRequestParams) (invokeRequest, bool, *apiError) {
	if p.Content == nil {
		return invokeRequest{}, false, missingParameter("Content")
	}
	instanceIDs, kind, err := invokeInstances(p.InstanceIds)
	if err != nil {
		return invokeRequest{}, false, err
	}
	settings := runCommandSettings(p)
	defaults, tagList, err := checkCommandSettings(settings)
	if err != nil {
		return invokeRequest{}, false, err
	}
	save := valueOr(p.SaveCommand, false)
	sent, err := checkRunOptions(p, save)
	if err != nil {
		return invokeRequest{}, false, err
	}
	if save {
		if err := s.checkCommandNameFree(*p.CommandName, ""); err != nil {
			return invokeRequest{}, false, err
		}
	}
	cmd := s.newCommand(settings, defaults, tagList)
	req, err := newInvokeRequest(&tat.InvokeCommandRequestParams{Parameters: p.Parameters}, cmd, sent)
	if err != nil {
		return invokeRequest{}, false, err
	}
	if err := s.checkInstancesReady(instanceIDs); err != nil {
		return invokeRequest{}, false, err
	}
	req.instanceIDs, req.instanceKind = instanceIDs, kind
	return req, save, nil
}

// checkRunOptions applies the rules RunCommand adds to CreateCommand's: a
// saved command needs a name, as CreateCommand requires one; tags belong to
// a saved command only; and Parameters need EnableParameter. It returns the
// parameters sent.
func checkRunOptions(p *tat.RunCommandRequestParams, save bool) ([]ParameterConf, *apiError) {
	if save && p.CommandName == nil {
		return nil, missingParameter("CommandName")
	}
	if !save && len(p.Tags) > 0 {
		return nil, newError(codeInvalidParameter, "Tags can be set only when SaveCommand is true.")
	}
	sent, err := sentParameters(p.Parameters)
	if err != nil {
		return nil, err
	}
	if deref(p.Parameters) != "" && !valueOr(p.EnableParameter, false) {
		return nil, newError(codeParameterDisabled, "Parameters can be set only when EnableParameter is true.")
	}
	return sent, nil
}

// runCommandSettings are the fields of RunCommand that describe the command,
// in the form CreateCommand takes them.
func runCommandSettings(p *tat.RunCommandRequestParams) *tat.CreateCommandRequestParams {
	return &tat.CreateCommandRequestParams{
		CommandName:           p.CommandName,
		Content:               p.Content,
		Description:           p.Description,
		CommandType:           p.CommandType,
		WorkingDirectory:      p.WorkingDirectory,
		Timeout:               p.Timeout,
		EnableParameter:       p.EnableParameter,
		DefaultParameters:     p.DefaultParameters,
		DefaultParameterConfs: p.DefaultParameterConfs,
		Tags:                  p.Tags,
		Username:              p.Username,
		OutputCOSBucketUrl:    p.OutputCOSBucketUrl,
		OutputCOSKeyPrefix:    p.OutputCOSKeyPrefix,
	}
}

type runCommandResponse struct {
	CommandID    string `json:"CommandId"`
	InvocationID string `json:"InvocationId"`
}

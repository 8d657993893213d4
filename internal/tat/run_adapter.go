package tat

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Every TAT run, resource or action, is a Run: the engine's adapter to one
// TAT invocation, made by RunCommand or InvokeCommand.

var _ runs.Adapter = (*Run)(nil)

// RunCommandArgs are the arguments of TAT RunCommand. An empty string or
// a nil map leaves an argument out, for TAT's default.
type RunCommandArgs struct {
	// Content is the script as plain text; it is sent base64-encoded.
	Content string
	// CommandType is SHELL, POWERSHELL or BAT; empty for SHELL.
	CommandType        string
	InstanceIDs        []string
	CommandName        string
	Description        string
	WorkingDirectory   string
	Username           string
	Timeout            int64
	EnableParameter    bool
	DefaultParameters  map[string]string
	Parameters         map[string]string
	SaveCommand        bool
	Tags               map[string]string
	OutputCOSBucketURL string
	OutputCOSKeyPrefix string
}

// InvokeCommandArgs are the arguments of TAT InvokeCommand, which runs a
// saved command: the account's own or one of TAT's public commands.
type InvokeCommandArgs struct {
	CommandID   string
	InstanceIDs []string
	Parameters  map[string]string
	// Username, WorkingDirectory and Timeout are the command's when left
	// out (Timeout 0).
	Username           string
	WorkingDirectory   string
	Timeout            int64
	OutputCOSBucketURL string
	OutputCOSKeyPrefix string
}

// Run is one TAT invocation, for the run engine: what sends it, and what
// the latest reads said of it.
type Run struct {
	client      *conns.TATClient
	instanceIDs []string
	runs.Sender
	last *tat.Invocation // the latest answer of Poll
}

// NewRunCommand is the run TAT RunCommand makes with args, through the
// provider's TAT client.
func NewRunCommand(clients *conns.Clients, args RunCommandArgs) (*Run, diag.Diagnostics) {
	return newRun(clients, args, newRunCommandRun)
}

// NewInvokeCommand is the run TAT InvokeCommand makes with args, through
// the provider's TAT client.
func NewInvokeCommand(clients *conns.Clients, args InvokeCommandArgs) (*Run, diag.Diagnostics) {
	return newRun(clients, args, newInvokeCommandRun)
}

// newRun is the run build makes of args with the provider's TAT client.
func newRun[A any](clients *conns.Clients, args A, build func(*conns.TATClient, A) *Run) (*Run, diag.Diagnostics) {
	var diags diag.Diagnostics
	client := tatClient(clients, &diags)
	if client == nil {
		return nil, diags
	}
	return build(client, args), diags
}

// newRunCommandRun builds RunCommand's input once, so that every attempt
// sends the same request. RunCommand takes no idempotency token: after a
// failure that leaves unknown whether it ran, the invocation it made is
// adopted rather than the script run a second time.
func newRunCommandRun(client *conns.TATClient, args RunCommandArgs) *Run {
	in := args.request()
	return &Run{client: client, instanceIDs: args.InstanceIDs, Sender: runs.NewSender(func(ctx context.Context) (string, string, diag.Diagnostics) {
		var diags diag.Diagnostics
		id, commandID, _, err := runOrAdopt(ctx, client, in)
		if err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Running TAT Command", "run "+flex.StringValue(in.CommandType)+" script on TAT instances", err))
			return "", "", diags
		}
		return id, commandID, diags
	})}
}

// newInvokeCommandRun builds InvokeCommand's input once; like RunCommand,
// a lost answer is adopted rather than sent again.
func newInvokeCommandRun(client *conns.TATClient, args InvokeCommandArgs) *Run {
	in := args.request()
	return &Run{client: client, instanceIDs: args.InstanceIDs, Sender: runs.NewSender(func(ctx context.Context) (string, string, diag.Diagnostics) {
		var diags diag.Diagnostics
		id, _, err := invokeOrAdopt(ctx, client, in)
		if err != nil {
			diags.Append(framework.APIErrorDiagnostic("Error Running TAT Command", "run TAT command "+args.CommandID, err))
			return "", "", diags
		}
		return id, args.CommandID, diags
	})}
}

// existingRun is an invocation made before, known by its ID: a run
// resource's, as read from its state.
func existingRun(client *conns.TATClient, id string) *Run {
	return &Run{client: client, Sender: runs.SentAs(id)}
}

// request is RunCommand's input; the instances are sorted, so that every
// attempt sends the same request.
func (a RunCommandArgs) request() *tat.RunCommandRequest {
	commandType := a.CommandType
	if commandType == "" {
		commandType = CommandTypes[0]
	}
	return &tat.RunCommandRequest{
		Content:            flex.EncodeContent(a.Content),
		CommandType:        &commandType,
		Timeout:            uint64Ptr(a.Timeout),
		SaveCommand:        &a.SaveCommand,
		EnableParameter:    &a.EnableParameter,
		CommandName:        flex.NonEmptyPointer(a.CommandName),
		Description:        flex.NonEmptyPointer(a.Description),
		WorkingDirectory:   flex.NonEmptyPointer(a.WorkingDirectory),
		Username:           flex.NonEmptyPointer(a.Username),
		OutputCOSBucketUrl: flex.NonEmptyPointer(a.OutputCOSBucketURL),
		OutputCOSKeyPrefix: flex.NonEmptyPointer(a.OutputCOSKeyPrefix),
		DefaultParameters:  flex.ParametersJSON(a.DefaultParameters),
		Parameters:         flex.ParametersJSON(a.Parameters),
		Tags:               tagsToAPI(a.Tags),
		InstanceIds:        flex.SortedPointers(a.InstanceIDs),
	}
}

// request is InvokeCommand's input.
func (a InvokeCommandArgs) request() *tat.InvokeCommandRequest {
	in := &tat.InvokeCommandRequest{
		CommandId:          &a.CommandID,
		Username:           flex.NonEmptyPointer(a.Username),
		WorkingDirectory:   flex.NonEmptyPointer(a.WorkingDirectory),
		OutputCOSBucketUrl: flex.NonEmptyPointer(a.OutputCOSBucketURL),
		OutputCOSKeyPrefix: flex.NonEmptyPointer(a.OutputCOSKeyPrefix),
		Parameters:         flex.ParametersJSON(a.Parameters),
		InstanceIds:        flex.SortedPointers(a.InstanceIDs),
	}
	if a.Timeout > 0 {
		in.Timeout = uint64Ptr(a.Timeout)
	}
	return in
}

func (r *Run) Subject() string    { return "TAT Command" }
func (r *Run) FollowWith() string { return "cloudcmd_invocations" }
func (r *Run) Ends() bool         { return true }

func (r *Run) Describe() string {
	if r.ID() == "" {
		return "TAT run"
	}
	return "TAT invocation " + r.ID()
}

// Agents is the wait for the agents of the target instances.
func (r *Run) Agents() *runs.Agents { return agentsToWaitFor(r.client, r.instanceIDs) }

// Poll reads the invocation, with each instance's task status, in a
// DescribeInvocations call shared with other runs.
func (r *Run) Poll(ctx context.Context) (runs.Observation, error) {
	inv, err := findInvocation(ctx, r.client, r.ID())
	if err != nil {
		return runs.Observation{}, err
	}
	r.last = inv
	status := InvocationStatus(flex.StringValue(inv.InvocationStatus))
	o := runs.Observation{Status: runs.Status{Value: string(status), Final: status.Done(), Failed: status.Failed()}}
	if inv.InvocationTaskBasicInfoSet != nil {
		o.Instances = map[string]string{}
		for _, t := range flex.NonNil(inv.InvocationTaskBasicInfoSet) {
			o.Instances[flex.StringValue(t.InstanceId)] = flex.StringValue(t.TaskStatus)
		}
	}
	return o, nil
}

// Results reads the tasks of the invocation the last Poll saw, output
// included (DescribeInvocationTasks).
func (r *Run) Results(ctx context.Context) ([]runs.InstanceResult, error) {
	if r.last == nil {
		return nil, errors.New("the invocation has not been read")
	}
	tasks, err := findRunTasks(ctx, r.client, r.last)
	if err != nil {
		return nil, err
	}
	results := make([]runs.InstanceResult, 0, len(tasks))
	for _, t := range flex.NonNil(tasks) {
		results = append(results, taskInstanceResult(t))
	}
	runs.SortResults(results)
	return results, nil
}

func (r *Run) Cancel(ctx context.Context) error {
	_, err := r.client.CancelInvocation(ctx, &tat.CancelInvocationRequest{InvocationId: flex.StringPtr(r.ID())})
	if conns.IsCode(err, "ResourceNotFound.InvocationNotFound") {
		return nil
	}
	return err
}

// taskInstanceResult is one task, in the engine's terms. TAT reports an
// exit code only once the task is done.
func taskInstanceResult(t *tat.InvocationTask) runs.InstanceResult {
	result := taskResultOf(t)
	status := flex.StringValue(t.TaskStatus)
	var exitCode *int64
	if result.ExitCode != nil && TaskStatus(status).Done() {
		exitCode = result.ExitCode
	}
	return runs.InstanceResult{
		InstanceID:      flex.StringValue(t.InstanceId),
		Status:          status,
		ExitCode:        exitCode,
		Output:          flex.DecodeContent(result.Output),
		OutputTruncated: uint64Value(result.Dropped) > 0,
		End:             taskEnding(status, exitCode),
		Reason:          flex.StringValue(t.ErrorInfo),
	}
}

// taskResultOf is the task's result, empty when TAT sent none.
func taskResultOf(t *tat.InvocationTask) *tat.TaskResult {
	if t.TaskResult == nil {
		return &tat.TaskResult{}
	}
	return t.TaskResult
}

// taskEnding is how a task ended, for the success rule: SUCCESS (exit code
// 0) and FAILED (TAT DescribeInvocationTasks: "command execution failed,
// exit code not 0") ran the command to its end; every other status did
// not.
func taskEnding(status string, exitCode *int64) runs.InstanceEnd {
	switch TaskStatus(status) {
	case TaskSuccess:
		code := int64(0) // SUCCESS means exit code 0 when TAT leaves it out
		if exitCode != nil {
			code = *exitCode
		}
		return runs.InstanceEnd{Ending: runs.EndedWithExitCode, ExitCode: &code}
	case TaskFailed:
		return runs.InstanceEnd{Ending: runs.EndedWithExitCode, ExitCode: exitCode}
	default:
		return runs.InstanceEnd{Ending: runs.EndedOtherwise}
	}
}

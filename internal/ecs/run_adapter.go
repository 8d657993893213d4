package ecs

import (
	"context"
	"errors"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// Every ECS run, resource or action, is a Run: the engine's adapter to one
// Cloud Assistant invocation, made by RunCommand or InvokeCommand.

var _ runs.Adapter = (*Run)(nil)

// RunCommandArgs are the arguments of ECS RunCommand. An empty string or
// a nil map leaves an argument out, for Cloud Assistant's default.
type RunCommandArgs struct {
	// RegionID is the region to run in; empty for the provider's.
	RegionID string
	// Type is RunShellScript, RunBatScript or RunPowerShellScript.
	Type string
	// CommandContent is the script as plain text; it is sent
	// base64-encoded.
	CommandContent  string
	Name            string
	Description     string
	WorkingDir      string
	Timeout         int64
	EnableParameter bool
	Parameters      map[string]string
	// RepeatMode is Once when empty; any other mode never ends by itself.
	RepeatMode          string
	Frequency           string
	KeepCommand         bool
	Username            string
	WindowsPasswordName string
	ContainerID         string
	ContainerName       string
	TerminationMode     string
	Launcher            string
	ResourceGroupID     string
	// InstanceIDs or ResourceTags choose the instances.
	InstanceIDs  []string
	ResourceTags map[string]string
	// Tags are bound to the invocation.
	Tags map[string]string
}

// InvokeCommandArgs are the arguments of ECS InvokeCommand, which runs a
// saved command: the account's own (c-...) or a common command (ACS-...).
type InvokeCommandArgs struct {
	RegionID  string
	CommandID string
	// InstanceIDs or ResourceTags choose the instances.
	InstanceIDs  []string
	ResourceTags map[string]string
	Parameters   map[string]string
	RepeatMode   string
	Frequency    string
	// Timeout is the command's when 0.
	Timeout             int64
	Username            string
	WindowsPasswordName string
	ContainerID         string
	ContainerName       string
	ResourceGroupID     string
	Tags                map[string]string
}

// Run is one Cloud Assistant invocation, for the run engine: what sends
// it, and what the latest read said of it.
type Run struct {
	client      *conns.ECSClient
	region      string
	subject     string
	instanceIDs []string
	ends        bool
	runs.Sender
	last *invocation // the latest answer of Poll
}

// NewRunCommand is the run ECS RunCommand makes with args, through the
// provider's ECS client.
func NewRunCommand(clients *conns.Clients, args RunCommandArgs) (*Run, diag.Diagnostics) {
	return newRun(clients, args.RegionID, args, newRunCommandRun)
}

// NewInvokeCommand is the run ECS InvokeCommand makes with args, through
// the provider's ECS client.
func NewInvokeCommand(clients *conns.Clients, args InvokeCommandArgs) (*Run, diag.Diagnostics) {
	return newRun(clients, args.RegionID, args, newInvokeCommandRun)
}

// newRun is the run build makes of args with the provider's ECS client, in
// regionID or else the provider's region.
func newRun[A any](clients *conns.Clients, regionID string, args A, build func(*conns.ECSClient, string, A) *Run) (*Run, diag.Diagnostics) {
	var diags diag.Diagnostics
	client := ecsClient(clients, &diags)
	if client == nil {
		return nil, diags
	}
	region := regionOr(regionID, client)
	if region == "" {
		return nil, diag.Diagnostics{missingRegionDiagnostic()}
	}
	return build(client, region, args), diags
}

// regionOr is region, else the provider's default; empty when neither is
// set.
func regionOr(region string, client *conns.ECSClient) string {
	if region != "" {
		return region
	}
	return client.Region()
}

// newRunCommandRun builds RunCommand's input once, ClientToken included:
// the client layer may send it again after a failure that leaves unknown
// whether it ran, and the service answers the repeat with the first
// request's result instead of running the script twice.
func newRunCommandRun(client *conns.ECSClient, region string, args RunCommandArgs) *Run {
	in := args.request(region)
	return runRequest{
		subject: "ECS Command", action: "RunCommand", errorTitle: "Error Running ECS Command",
		failedTo:    "run " + args.Type + " on ECS instances in " + region,
		instanceIDs: args.InstanceIDs, repeatMode: in.RepeatMode,
		send: func(ctx context.Context) (*string, string, error) {
			out, err := client.RunCommand(ctx, in)
			if err != nil || out == nil || out.Body == nil {
				return nil, "", err
			}
			if args.KeepCommand && out.Body.CommandId != nil {
				// The kept command is this run's: a CreateCommand of the
				// same name and content looking for what it made passes it
				// over (adopt).
				client.Guard().Claim(*out.Body.CommandId)
			}
			return out.Body.InvokeId, flex.StringValue(out.Body.CommandId), nil
		},
	}.run(client, region)
}

// newInvokeCommandRun builds InvokeCommand's input once, ClientToken
// included, as RunCommand's.
func newInvokeCommandRun(client *conns.ECSClient, region string, args InvokeCommandArgs) *Run {
	in := args.request(region)
	return runRequest{
		subject: "ECS Invocation", action: "InvokeCommand", errorTitle: "Error Invoking ECS Command",
		failedTo:    "run command " + args.CommandID + " on ECS instances in " + region,
		instanceIDs: args.InstanceIDs, repeatMode: in.RepeatMode,
		send: func(ctx context.Context) (*string, string, error) {
			out, err := client.InvokeCommand(ctx, in)
			if err != nil || out == nil || out.Body == nil {
				return nil, "", err
			}
			return out.Body.InvokeId, args.CommandID, nil
		},
	}.run(client, region)
}

// runRequest is what makes a run: the call that sends its request once,
// and what its diagnostics say of it.
type runRequest struct {
	subject string
	// action is the API action, such as RunCommand; errorTitle and failedTo
	// head and explain its failure.
	action, errorTitle, failedTo string
	instanceIDs                  []string
	repeatMode                   *string
	// send makes the call, and returns the invocation's ID (nil in an
	// answer without one) and the command it runs.
	send func(ctx context.Context) (invokeID *string, commandID string, err error)
}

// run is the Run that sends q once, in region.
func (q runRequest) run(client *conns.ECSClient, region string) *Run {
	return &Run{
		client: client, region: region, subject: q.subject, instanceIDs: q.instanceIDs,
		ends: RepeatMode(flex.StringValue(q.repeatMode)).Ends(),
		Sender: runs.NewSender(func(ctx context.Context) (string, string, diag.Diagnostics) {
			var diags diag.Diagnostics
			invokeID, commandID, err := q.send(ctx)
			if err != nil {
				diags.Append(framework.APIErrorDiagnostic(q.errorTitle, q.failedTo, err))
				return "", "", diags
			}
			if invokeID == nil {
				diags.Append(noInvokeIDDiagnostic(q.action))
				return "", "", diags
			}
			return *invokeID, commandID, diags
		}),
	}
}

func noInvokeIDDiagnostic(action string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected API Response",
		"ECS "+action+" succeeded but returned no invocation ID. This is a bug in the service or the provider; please report it.")
}

// existingRun is an invocation made before, known by its ID and region: a
// run resource's, as read from its state.
func existingRun(client *conns.ECSClient, region, id, subject string, ends bool) *Run {
	return &Run{client: client, region: region, Sender: runs.SentAs(id), subject: subject, ends: ends}
}

// request is RunCommand's input, the same on every attempt: a retried
// request must match the first exactly for its ClientToken to be honoured.
func (a RunCommandArgs) request(region string) *ecs.RunCommandRequest {
	in := &ecs.RunCommandRequest{
		RegionId:            &region,
		ClientToken:         flex.StringPtr(newClientToken()),
		Type:                &a.Type,
		CommandContent:      flex.EncodeContent(a.CommandContent),
		ContentEncoding:     flex.StringPtr(contentEncodingBase64),
		EnableParameter:     &a.EnableParameter,
		RepeatMode:          flex.StringPtr(repeatModeOrOnce(a.RepeatMode)),
		KeepCommand:         &a.KeepCommand,
		Name:                flex.NonEmptyPointer(a.Name),
		Description:         flex.NonEmptyPointer(a.Description),
		WorkingDir:          flex.NonEmptyPointer(a.WorkingDir),
		Frequency:           flex.NonEmptyPointer(a.Frequency),
		Username:            flex.NonEmptyPointer(a.Username),
		WindowsPasswordName: flex.NonEmptyPointer(a.WindowsPasswordName),
		ContainerId:         flex.NonEmptyPointer(a.ContainerID),
		ContainerName:       flex.NonEmptyPointer(a.ContainerName),
		TerminationMode:     flex.NonEmptyPointer(a.TerminationMode),
		Launcher:            flex.NonEmptyPointer(a.Launcher),
		ResourceGroupId:     flex.NonEmptyPointer(a.ResourceGroupID),
		InstanceId:          flex.SortedPointers(a.InstanceIDs),
		Parameters:          parametersToAPI(a.Parameters),
	}
	if a.Timeout > 0 {
		in.Timeout = &a.Timeout
	}
	for _, k := range flex.SortedKeys(a.ResourceTags) {
		in.ResourceTag = append(in.ResourceTag, &ecs.RunCommandRequestResourceTag{Key: flex.StringPtr(k), Value: flex.StringPtr(a.ResourceTags[k])})
	}
	for _, k := range flex.SortedKeys(a.Tags) {
		in.Tag = append(in.Tag, &ecs.RunCommandRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(a.Tags[k])})
	}
	return in
}

// request is InvokeCommand's input, the same on every attempt.
func (a InvokeCommandArgs) request(region string) *ecs.InvokeCommandRequest {
	in := &ecs.InvokeCommandRequest{
		RegionId:            &region,
		ClientToken:         flex.StringPtr(newClientToken()),
		CommandId:           &a.CommandID,
		RepeatMode:          flex.StringPtr(repeatModeOrOnce(a.RepeatMode)),
		Frequency:           flex.NonEmptyPointer(a.Frequency),
		Username:            flex.NonEmptyPointer(a.Username),
		WindowsPasswordName: flex.NonEmptyPointer(a.WindowsPasswordName),
		ContainerId:         flex.NonEmptyPointer(a.ContainerID),
		ContainerName:       flex.NonEmptyPointer(a.ContainerName),
		ResourceGroupId:     flex.NonEmptyPointer(a.ResourceGroupID),
		InstanceId:          flex.SortedPointers(a.InstanceIDs),
		Parameters:          parametersToAPI(a.Parameters),
	}
	if a.Timeout > 0 {
		in.Timeout = &a.Timeout
	}
	for _, k := range flex.SortedKeys(a.ResourceTags) {
		in.ResourceTag = append(in.ResourceTag, &ecs.InvokeCommandRequestResourceTag{Key: flex.StringPtr(k), Value: flex.StringPtr(a.ResourceTags[k])})
	}
	for _, k := range flex.SortedKeys(a.Tags) {
		in.Tag = append(in.Tag, &ecs.InvokeCommandRequestTag{Key: flex.StringPtr(k), Value: flex.StringPtr(a.Tags[k])})
	}
	return in
}

func repeatModeOrOnce(mode string) string {
	if mode == "" {
		return string(RepeatOnce)
	}
	return mode
}

// parametersToAPI is the Parameters object of RunCommand and
// InvokeCommand; nil is not sent.
func parametersToAPI(params map[string]string) map[string]any {
	if params == nil {
		return nil
	}
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = v
	}
	return out
}

func (r *Run) Subject() string    { return r.subject }
func (r *Run) FollowWith() string { return "cloudcmd_ecs_invocations" }
func (r *Run) Ends() bool         { return r.ends }

// Region is the region the run is made in.
func (r *Run) Region() string { return r.region }

func (r *Run) Describe() string {
	if r.ID() == "" {
		return "ECS run in " + r.region
	}
	return "ECS invocation " + r.ID()
}

// Agents is the wait for the agents of instance_ids; nil for instances
// chosen by resource tags, which are known only once the run is made.
func (r *Run) Agents() *runs.Agents {
	if len(r.instanceIDs) == 0 {
		return nil
	}
	return agentsToWaitFor(r.client, r.region, r.instanceIDs)
}

// Poll reads the invocation with each instance's output: DescribeInvocations
// with IncludeOutput answers status and results in one call.
func (r *Run) Poll(ctx context.Context) (runs.Observation, error) {
	inv, err := findInvocation(ctx, r.client, r.region, r.ID())
	if err != nil {
		return runs.Observation{}, err
	}
	r.last = inv
	status := InvocationStatus(flex.StringValue(inv.InvocationStatus))
	o := runs.Observation{Status: runs.Status{Value: string(status), Final: status.Done(), Failed: status.Failed()}}
	if inv.InvokeInstances != nil {
		o.Instances = map[string]string{}
		for _, i := range flex.NonNil(inv.InvokeInstances.InvokeInstance) {
			o.Instances[flex.StringValue(i.InstanceId)] = flex.StringValue(i.InvocationStatus)
		}
	}
	return o, nil
}

// Results are each instance's run as the last Poll read it: no call of
// its own.
func (r *Run) Results(context.Context) ([]runs.InstanceResult, error) {
	if r.last == nil {
		return nil, errors.New("the invocation has not been read")
	}
	var results []runs.InstanceResult
	for _, i := range flex.NonNil(instanceResults(r.last)) {
		results = append(results, instanceResult(i))
	}
	runs.SortResults(results)
	return results, nil
}

func (r *Run) Cancel(ctx context.Context) error {
	_, err := r.client.StopInvocation(ctx, &ecs.StopInvocationRequest{RegionId: &r.region, InvokeId: flex.StringPtr(r.ID())})
	if conns.IsCode(err, "InvalidInvokeId.NotFound") {
		return nil
	}
	return err
}

// instanceResult is one instance's run, in the engine's terms. An exit
// code means something only once the command ran.
func instanceResult(i *invocationResult) runs.InstanceResult {
	status := flex.StringValue(i.InvocationStatus)
	var exitCode *int64
	if i.ExitCode != nil && InstanceStatus(status).HasExitCode() {
		exitCode = i.ExitCode
	}
	return runs.InstanceResult{
		InstanceID:      flex.StringValue(i.InstanceId),
		Status:          status,
		ExitCode:        exitCode,
		Output:          flex.DecodeContent(i.Output),
		OutputTruncated: int32Value(i.Dropped) > 0,
		End:             instanceEnding(status, flex.StringValue(i.ErrorCode), exitCode),
		Reason:          failureReason(flex.StringValue(i.ErrorCode), flex.StringValue(i.ErrorInfo)),
	}
}

// failureReason is Cloud Assistant's error code and explanation, such as
// "ExitCodeNonzero: ...", each left out when empty.
func failureReason(errorCode, errorInfo string) string {
	var why []string
	for _, s := range []string{errorCode, errorInfo} {
		if s != "" {
			why = append(why, s)
		}
	}
	return strings.Join(why, ": ")
}

// instanceEnding is how an instance's run ended, for the success rule:
// Success, and Failed for its exit code alone (ECS
// DescribeInvocationResults: Failed is "exit code not 0", ErrorCode
// ExitCodeNonzero), ran the command to its end; a Failed with any other
// error code, and every other status, did not.
func instanceEnding(status, errorCode string, exitCode *int64) runs.InstanceEnd {
	s := InstanceStatus(status)
	ranToEnd := s == InstanceSuccess || (s == InstanceFailed && (errorCode == "" || errorCode == errorCodeExitCodeNonzero))
	if !ranToEnd {
		return runs.InstanceEnd{Ending: runs.EndedOtherwise}
	}
	if exitCode == nil && s == InstanceSuccess {
		zero := int64(0) // Success means exit code 0
		return runs.InstanceEnd{Ending: runs.EndedWithExitCode, ExitCode: &zero}
	}
	return runs.InstanceEnd{Ending: runs.EndedWithExitCode, ExitCode: exitCode}
}

package runs

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Adapter is what one vendor supplies for one run: the request that makes
// it, the reads that follow it, the call that stops it, and each
// instance's result. It knows nothing of Terraform state: a run resource
// records what it reports (through a Run), an action only shows it
// (through Execute).
//
// An Adapter is made from a plain value of the run's arguments, such as
// tat.RunCommandArgs, and makes one run: Start sends its request once.
type Adapter interface {
	// Subject names the kind of run in diagnostic summaries, such as
	// "TAT Command".
	Subject() string
	// Describe names the run in messages, such as "TAT invocation inv-1";
	// before Start, the kind of request.
	Describe() string
	// FollowWith names the data source that lists the run, for a user to
	// follow one that is still going.
	FollowWith() string
	// ID is the run's ID once Start has succeeded; empty before.
	ID() string
	// Agents is the wait for the target instances' agents, for a run that
	// asks to wait for them; nil when the instances are not known before
	// the run is made (ECS resource_tags).
	Agents() *Agents
	// Ends reports whether the run ends by itself; a periodic or
	// reboot-triggered ECS run does not, and is never waited for.
	Ends() bool
	// Start sends the request that makes the run, exactly once: with an
	// idempotency token the client layer may resend (ECS ClientToken), or
	// adopting what a request whose answer was lost made (TAT).
	Start(ctx context.Context) diag.Diagnostics
	// Poll reads the run's status and each instance's, in a call shared
	// with other runs where the API allows. A run that does not exist is
	// an error wrapping ErrNotFound.
	Poll(ctx context.Context) (Observation, error)
	// Results reads each instance's result of the run the last Poll saw,
	// output included, sorted by instance ID.
	Results(ctx context.Context) ([]InstanceResult, error)
	// Cancel asks the cloud to stop the run; a run the cloud no longer
	// knows is not an error.
	Cancel(ctx context.Context) error
}

// Observation is what one read of a run says.
type Observation struct {
	Status Status
	// Instances is each instance's status, in the vendor's words, by
	// instance ID; nil when the answer listed none.
	Instances map[string]string
}

// Counts is how many instances are in each status.
func (o Observation) Counts() map[string]int {
	if o.Instances == nil {
		return nil
	}
	counts := map[string]int{}
	for _, s := range o.Instances {
		counts[s]++
	}
	return counts
}

// InstanceResult is one instance's run, in the same terms for every
// vendor.
type InstanceResult struct {
	InstanceID string
	// Status is the vendor's word for the instance's run, as is.
	Status string
	// ExitCode is the command's exit code; nil when it did not run (a run
	// never delivered or started reports none, or a meaningless 0).
	ExitCode *int64
	// Output is the whole output the vendor returned, decoded.
	Output string
	// OutputTruncated reports that the vendor left some output out.
	OutputTruncated bool
	// End is how the run ended, for success_exit_codes.
	End InstanceEnd
	// Reason is the vendor's explanation of a failure, such as
	// "ExitCodeNonzero: the exit code is not 0"; empty when it gave none.
	Reason string
}

// SortResults orders results by instance ID, so that lists are stable
// between reads.
func SortResults(results []InstanceResult) {
	sort.Slice(results, func(i, j int) bool { return results[i].InstanceID < results[j].InstanceID })
}

// Sender is the Start of an Adapter: it sends the run's request exactly
// once, whatever happens, and keeps the IDs the answer gave. Adapters
// embed it.
type Sender struct {
	send      func(ctx context.Context) (id, commandID string, diags diag.Diagnostics)
	id        string
	commandID string
}

// NewSender sends with send, once.
func NewSender(send func(ctx context.Context) (id, commandID string, diags diag.Diagnostics)) Sender {
	return Sender{send: send}
}

// SentAs is the Sender of a run made before, known by its ID.
func SentAs(id string) Sender { return Sender{id: id} }

// Start sends the request, unless it was sent before.
func (s *Sender) Start(ctx context.Context) diag.Diagnostics {
	if s.send == nil {
		return diag.Diagnostics{diag.NewErrorDiagnostic("Run Already Made", "The run "+s.id+" was made already; it is not sent again.")}
	}
	id, commandID, diags := s.send(ctx)
	s.send = nil
	s.id, s.commandID = id, commandID
	return diags
}

// ID is the run's ID once Start has succeeded; empty before.
func (s *Sender) ID() string { return s.id }

// CommandID is the command the run ran, as the answer or the request
// named it; empty before Start.
func (s *Sender) CommandID() string { return s.commandID }

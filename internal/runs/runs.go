// Package runs is the life cycle that every run resource of both vendors
// shares: send the request, record its ID at once, wait, record the
// outcome, decide what taints, and freeze a finished run into history.
// Each vendor package supplies only its calls and mappings, as a Run.
//
// A run is two things. Until it ends it is a request to the cloud, followed
// like any waiter follows its object. Once it has ended it is a fact, kept
// like terraform_data keeps its values: its state is final, refreshing it
// costs no API call, and only a change the user makes replaces it. The
// clouds purge old run records (ECS DescribeInvocations: the last four
// weeks; TAT keeps a bounded history too), so a finished run is never read
// again: a purged record must not make terraform run the command again.
package runs

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// ErrNotFound marks a run the API says does not exist.
var ErrNotFound = conns.ErrNotFound

// Status is what one read of a run says of it.
type Status struct {
	// Value is the vendor's own word, recorded as is.
	Value string
	// Final reports that the status will no longer change.
	Final bool
	// Failed reports a final status in which the command did not succeed
	// on every instance: the vendor's word when Poll answers, then the
	// judgement of success_exit_codes once the results are recorded.
	Failed bool
}

// Recorded is what the state says of a run, for the life cycle's choices.
type Recorded struct {
	// Final: the recorded status will no longer change.
	Final bool
	// ResultsKnown: the per-instance results of that status are recorded.
	ResultsKnown bool
	// Live: the run never ends by itself (a periodic or reboot-triggered
	// ECS run); it is followed like any cloud object, and never frozen.
	Live bool
}

// Frozen reports whether the record is complete and final, so that
// nothing the cloud says can change it any more: the run is history.
func (r Recorded) Frozen() bool { return r.Final && r.ResultsKnown && !r.Live }

// Run is one run resource's run, bound to its model and its vendor client.
type Run interface {
	// Model is a pointer to the resource's model, as read from and written
	// to the plan and state.
	Model() any
	// Connect gets the vendor client, or adds a diagnostic saying which
	// provider setting is missing. The life cycle calls it only when it
	// needs the API: a run that is history is refreshed and destroyed
	// without credentials.
	Connect(diags *diag.Diagnostics) bool
	// Subject names the kind of run in diagnostic summaries, such as
	// "TAT Command".
	Subject() string
	// Describe names the run in diagnostics, such as "TAT invocation inv-1".
	Describe() string
	// FollowWith names the data source that lists the run, for a user to
	// follow one that is still going.
	FollowWith() string
	// Start sends the request that makes the run, and puts its IDs in the
	// model, with every unknown computed value made null, so that the
	// model can be saved at once.
	Start(ctx context.Context) diag.Diagnostics
	// Poll reads the run's status (in a call shared with other runs where
	// the API allows), and remembers the answer for Record. A run that does
	// not exist is an error wrapping ErrNotFound.
	Poll(ctx context.Context) (Status, error)
	// Record copies the last answer of Poll, and each instance's results,
	// into the model. withArguments also takes the arguments from the
	// cloud, which only an import needs.
	Record(ctx context.Context, withArguments bool) error
	// Recorded tells what the model records.
	Recorded() Recorded
	// Wait reports whether the create waits for the run to end: asked to,
	// and the run ends by itself.
	Wait() bool
	// FailOnError reports whether a run that did not succeed fails the apply.
	FailOnError() bool
	// Failed reports whether the results Record put in the model hold an
	// instance that did not succeed under success_exit_codes
	// (Recording.Failed). The life cycle asks it of a final run whose
	// results were recorded; until then, Poll's Status.Failed, the
	// vendor's word, stands.
	Failed(ctx context.Context) bool
	// FailureReport explains a failed run, instance by instance.
	FailureReport(ctx context.Context) string
	// Cancel asks the cloud to stop the run.
	Cancel(ctx context.Context) error
}

// isNotFound reports whether err says the run does not exist.
func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// DiagnosticsError turns the errors among diags into one error; mappings
// report through diagnostics, the life cycle through errors.
func DiagnosticsError(diags diag.Diagnostics) error {
	var errs []error
	for _, d := range diags.Errors() {
		errs = append(errs, fmt.Errorf("%s: %s", d.Summary(), d.Detail()))
	}
	return errors.Join(errs...)
}

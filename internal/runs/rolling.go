package runs

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// A rolling run sends a fleet's instances in waves, one run per wave, the
// next wave once the previous one has ended, and stops sending once too
// many instances have failed. Neither TAT nor Cloud Assistant offers this;
// AWS Systems Manager's SendCommand does (MaxConcurrency, MaxErrors), and
// max_concurrency and max_errors take their form: a count or a percentage
// of the instances.

// Limit is max_concurrency or max_errors: a number of instances, or a
// percentage of them.
type Limit struct {
	N       int
	Percent bool
}

var limitPattern = regexp.MustCompile(`^([0-9]{1,9})(%?)$`)

// ParseLimit reads "10" or "10%".
func ParseLimit(s string) (Limit, error) {
	m := limitPattern.FindStringSubmatch(s)
	if m == nil {
		return Limit{}, fmt.Errorf("must be a number of instances such as \"10\" or a percentage of them such as \"10%%\", got %q", s)
	}
	n, _ := strconv.Atoi(m[1]) // nine digits at most
	l := Limit{N: n, Percent: m[2] == "%"}
	if l.Percent && n > 100 {
		return Limit{}, fmt.Errorf("a percentage must be at most 100%%, got %q", s)
	}
	return l, nil
}

func (l Limit) String() string {
	if l.Percent {
		return strconv.Itoa(l.N) + "%"
	}
	return strconv.Itoa(l.N)
}

// Concurrency is how many of total instances one wave takes: a percentage
// is rounded up, so that every wave sends at least one instance.
func (l Limit) Concurrency(total int) int {
	n := l.N
	if l.Percent {
		n = int(math.Ceil(float64(l.N) * float64(total) / 100))
	}
	return max(1, n)
}

// Errors is how many of total instances may fail before no further wave is
// sent: a percentage is rounded down, so that "10%" of 5 instances
// tolerates none.
func (l Limit) Errors(total int) int {
	if l.Percent {
		return l.N * total / 100
	}
	return l.N
}

// Waves splits ids into waves of at most size instances, in order.
func Waves(ids []string, size int) [][]string {
	if size <= 0 || size >= len(ids) {
		return [][]string{ids}
	}
	var waves [][]string
	for start := 0; start < len(ids); start += size {
		waves = append(waves, ids[start:min(start+size, len(ids))])
	}
	return waves
}

// LimitValidator checks max_concurrency (least 1) or max_errors (least 0)
// at plan.
func LimitValidator(least int) validator.String { return limitValidator{least: least} }

type limitValidator struct{ least int }

func (v limitValidator) Description(context.Context) string {
	return fmt.Sprintf("a number of instances, at least %d, or a percentage of them from %d%% to 100%%", v.least, v.least)
}

func (v limitValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v limitValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	l, err := ParseLimit(req.ConfigValue.ValueString())
	if err == nil && l.N < v.least {
		err = fmt.Errorf("must be at least %s, got %q", Limit{N: v.least, Percent: l.Percent}, req.ConfigValue.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), req.Path.String()+" "+err.Error()+".")
	}
}

// ResultOutputLines is how much of each instance's output the last
// progress of an action quotes.
const ResultOutputLines = 5

// ResultLine is one instance's end, on one line for the last progress of
// an action (Terraform prefixes each message with the action's address):
// its status, exit code and reason, then the last lines of its output,
// quoted, unless hidden (sensitive_output).
func ResultLine(r InstanceResult, hideOutput bool) string {
	line := FailureLine(r)
	if hideOutput {
		return line
	}
	tail := flex.LastLines(r.Output, ResultOutputLines)
	if tail == "" {
		return line
	}
	quoted := make([]string, 0, ResultOutputLines)
	for _, l := range strings.Split(strings.TrimRight(tail, "\n"), "\n") {
		quoted = append(quoted, strconv.Quote(l))
	}
	return line + "; last lines: " + strings.Join(quoted, ", ")
}

// Rollout is a run over a list of instances, in waves when MaxConcurrency
// is set.
type Rollout struct {
	InstanceIDs []string
	// MaxConcurrency is the size of a wave; nil sends every instance in one
	// run.
	MaxConcurrency *Limit
	// MaxErrors is how many instances may fail before no further wave is
	// sent.
	MaxErrors Limit
	// NewRun makes the run of one wave.
	NewRun func(instanceIDs []string) (Adapter, diag.Diagnostics)
	// Execution is how each wave is carried out. Its Timeout bounds the
	// whole rollout; its Progress is left to the rollout, which calls
	// Show instead.
	Execution Execution
	// Show tells the user of the rollout's progress, one message at a time.
	Show func(message string)
}

// RolloutOutcome is what a rollout did.
type RolloutOutcome struct {
	// Runs are the IDs of the runs sent, one per wave.
	Runs []string
	// Results are every instance's result, wave after wave.
	Results []InstanceResult
	// Failed is how many instances did not succeed.
	Failed int
	// NeverSent are the instances of the waves never sent.
	NeverSent []string
}

// Run carries out the rollout: each wave through Execute, with its
// progress and, at its end, one line per instance. A wave that fails only
// on some instances is followed by the next while no more than MaxErrors
// instances have failed; any other failure (not sent, timed out,
// interrupted) sends nothing more. The diagnostics are every wave's, and
// say which instances were never sent.
func (r Rollout) Run(ctx context.Context) (RolloutOutcome, diag.Diagnostics) {
	var out RolloutOutcome
	var diags diag.Diagnostics
	waves := [][]string{r.InstanceIDs}
	if r.MaxConcurrency != nil {
		waves = Waves(r.InstanceIDs, r.MaxConcurrency.Concurrency(len(r.InstanceIDs)))
	}
	tolerated := r.MaxErrors.Errors(len(r.InstanceIDs))
	deadline := time.Now().Add(r.Execution.Timeout)
	for i, wave := range waves {
		prefix := ""
		if len(waves) > 1 {
			prefix = fmt.Sprintf("wave %d of %d (%s): ", i+1, len(waves), instances(len(wave)))
		}
		outcome, waveDiags, carryOn := r.runWave(ctx, wave, prefix, time.Until(deadline))
		diags.Append(waveDiags...)
		if outcome.ID != "" {
			out.Runs = append(out.Runs, outcome.ID)
		}
		out.Results = append(out.Results, outcome.Results...)
		out.Failed += failedCount(outcome, wave)
		if i == len(waves)-1 {
			break
		}
		stop := ""
		switch {
		case !carryOn:
			stop = "the run of wave " + strconv.Itoa(i+1) + " did not end as it should"
		case out.Failed > tolerated:
			stop = fmt.Sprintf("%d instances failed, more than max_errors (%s)", out.Failed, r.MaxErrors)
			if r.MaxErrors.Percent {
				stop = fmt.Sprintf("%d instances failed, more than max_errors (%s: %d of %d instances)", out.Failed, r.MaxErrors, tolerated, len(r.InstanceIDs))
			}
		}
		if stop != "" {
			for _, w := range waves[i+1:] {
				out.NeverSent = append(out.NeverSent, w...)
			}
			diags.AddError("Rolling Run Stopped", fmt.Sprintf("No further wave was sent: %s. %d instances were never sent: %s.",
				stop, len(out.NeverSent), strings.Join(out.NeverSent, ", ")))
			break
		}
	}
	return out, diags
}

// runWave carries out one wave, and reports whether the next may follow:
// the wave was sent, ended and its results were read, whatever they were.
func (r Rollout) runWave(ctx context.Context, wave []string, prefix string, left time.Duration) (Outcome, diag.Diagnostics, bool) {
	if left <= 0 {
		var diags diag.Diagnostics
		diags.AddError("Timed Out Before Sending", fmt.Sprintf("The action's timeout ended before %d instances were sent.", len(wave)))
		return Outcome{}, diags, false
	}
	run, diags := r.NewRun(wave)
	if diags.HasError() {
		return Outcome{}, diags, false
	}
	x := r.Execution
	x.Timeout = left
	x.Progress = func(p Progress) { r.show(prefix + p.String()) }
	out, d := Execute(ctx, run, x)
	diags.Append(d...)
	for _, result := range out.Results {
		r.show(ResultLine(result, x.HideOutput))
	}
	return out, diags, out.Results != nil || !diags.HasError()
}

func (r Rollout) show(message string) {
	if r.Show != nil {
		r.Show(message)
	}
}

// failedCount is how many instances of a wave did not succeed: those
// judged failed, or the whole wave when the run failed listing none.
func failedCount(out Outcome, wave []string) int {
	if len(out.Results) == 0 && out.Status.Failed {
		return len(wave)
	}
	return len(out.Failed)
}

// ActionRolloutLimits reads max_concurrency and max_errors (validated at
// plan): nil concurrency when unset, and no error tolerated when
// max_errors is unset.
func ActionRolloutLimits(maxConcurrency, maxErrors types.String, diags *diag.Diagnostics) (*Limit, Limit) {
	var concurrency *Limit
	if s := maxConcurrency.ValueString(); s != "" {
		l, err := ParseLimit(s)
		if err != nil {
			diags.AddError("Invalid max_concurrency", "max_concurrency "+err.Error()+".")
		}
		concurrency = &l
	}
	var errs Limit
	if s := maxErrors.ValueString(); s != "" {
		l, err := ParseLimit(s)
		if err != nil {
			diags.AddError("Invalid max_errors", "max_errors "+err.Error()+".")
		}
		errs = l
	}
	return concurrency, errs
}

// instances is a count of instances in words.
func instances(n int) string {
	if n == 1 {
		return "1 instance"
	}
	return strconv.Itoa(n) + " instances"
}

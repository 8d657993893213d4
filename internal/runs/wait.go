package runs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// The one poll policy of every run: look every quarter second at first,
// since most commands end within seconds and the reads are shared among
// waiting runs (a hundred waiting runs cost one call a look), then every
// tenth of the time waited so far, so that a run is seen to end at most
// about 10% late, and a long job costs few calls.
const (
	pollFirst = 250 * time.Millisecond
	pollMax   = 10 * time.Second
	// pollFraction is the share of the time waited so far that the next
	// pause takes, once that is longer than pollFirst.
	pollFraction = 10
)

// pollPause is how long to wait before the next look, after waiting this
// long.
func pollPause(waited time.Duration) time.Duration {
	return min(max(pollFirst, waited/pollFraction), pollMax)
}

// PollInterval is how long a run is left alone after it has been waited
// for this long, before it is looked at again.
func PollInterval(waited time.Duration) time.Duration { return pollPause(waited) }

// waitFinal polls until the run reaches a final status or ctx ends, and
// returns the last status it read; read reports whether any poll
// succeeded. A failed poll never ends the wait: the run exists and the
// deadline has not passed, so the next poll may well succeed (the client
// layer has already retried this one). When ctx ends, the error is ctx's.
func waitFinal(ctx context.Context, run Run) (last Status, read bool, err error) {
	return follow(ctx, run.Describe(), run.Poll, false)
}

// waitGone polls until the run reaches a final status, no longer exists,
// or ctx ends: the wait for a cancelled run.
func waitGone(ctx context.Context, run Run) (Status, error) {
	last, _, err := follow(ctx, run.Describe(), run.Poll, true)
	return last, err
}

// follow polls readStatus with the poll policy until it reports a final status,
// the run no longer exists (when goneIsFinal), or ctx ends. described
// names the run in logs.
func follow(ctx context.Context, described string, readStatus func(context.Context) (Status, error), goneIsFinal bool) (last Status, read bool, err error) {
	start := time.Now()
	var lastErr error
	for {
		status, err := readStatus(ctx)
		switch {
		case err == nil:
			if status.Value != last.Value {
				tflog.Info(ctx, "Run status changed", map[string]any{"run": described, "status": status.Value})
			}
			last, read, lastErr = status, true, nil
			if status.Final {
				return status, read, nil
			}
		case goneIsFinal && isNotFound(err):
			return last, read, nil
		case conns.IsAccessDenied(err):
			// The keys may not read the run at all: polling until the
			// timeout would only be refused again.
			return last, read, &readRefused{err: err}
		case ctx.Err() != nil:
			// A poll that the deadline cut short says nothing new: the
			// one before it tells why the status is unknown.
			if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
				lastErr = err
			}
			return last, read, &waitEnded{cause: ctx.Err(), lastPollErr: lastErr}
		default:
			lastErr = err
			tflog.Warn(ctx, "Reading the run's status failed; trying again while the timeout allows", map[string]any{
				"run": described, "error": err.Error(),
			})
		}
		if err := conns.Sleep(ctx, pollPause(time.Since(start))); err != nil {
			return last, read, &waitEnded{cause: err, lastPollErr: lastErr}
		}
	}
}

// waitEnded is a wait that ctx ended before the run did, with the error of
// the last poll when that failed: it tells the user why the run's status
// is not known.
type waitEnded struct {
	cause       error
	lastPollErr error
}

func (e *waitEnded) Error() string {
	if e.lastPollErr == nil {
		return e.cause.Error()
	}
	return fmt.Sprintf("%s; the last read of the run failed: %s", e.cause, e.lastPollErr)
}

func (e *waitEnded) Unwrap() error { return e.cause }

// readRefused is a wait ended by a refusal of the status reads themselves:
// the keys' role lacks the permission to read runs.
type readRefused struct{ err error }

func (e *readRefused) Error() string { return "reading the run was refused: " + e.err.Error() }

func (e *readRefused) Unwrap() error { return e.err }

// errInterrupted is a wait that terraform cut short (Ctrl-C): the request's
// context was cancelled before its deadline.
var errInterrupted = errors.New("terraform was interrupted while waiting")

// waitOutcome is what ended the wait, once the final read of record is
// known: nothing when that read saw the run ended, however the wait went;
// the provider's stop (SIGTERM) or terraform's interruption (Ctrl-C) when
// either cut it short; else what the wait said.
func waitOutcome(waitCtx context.Context, status Status, err error) error {
	switch {
	case err == nil, status.Final:
		return nil
	case conns.Stopping(waitCtx):
		return conns.ErrStopping
	case errors.Is(err, context.Canceled):
		return errInterrupted
	}
	return err
}

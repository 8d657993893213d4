// Package adopt makes a create that takes no idempotency token safe to
// repeat. The client layer never sends such a request again once it may
// have reached the service, nor after a server error, which does not prove
// the service did nothing: a second TAT InvokeCommand would run the
// command twice, a second ECS CreateCommand would leave a command no
// configuration knows. Instead, after such an ambiguous failure, Create
// looks for the object the request may have made: one that matches the
// request and was created since just before it was sent. It adopts that
// object, or, when there is none, sends the request again.
package adopt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// Client is the vendor client the creates go through: its guard, in which
// every object a create of this provider made or adopted is claimed, and
// its estimate of the service's clock, which records creation times.
type Client interface {
	Guard() *conns.CreateGuard
	ServerTime(local time.Time) time.Time
}

const (
	// createSends bounds how often a create is sent when each send ends
	// ambiguously and the search shows it made nothing. Sending again
	// after such a search is safe, and under a storm of dropped
	// connections and server errors (a third of them, say) three sends in
	// a row end ambiguously often enough to fail an apply of fifty runs.
	createSends = 10
	// adoptSlack widens the window of creation times: the service records
	// them in whole seconds, and its clock is known here only to about a
	// second (Client.ServerTime).
	adoptSlack = 2 * time.Second
)

// Pace is how the search for what an ambiguous create made goes on. A
// cloud lists a new object a little after it makes it, and a request that
// timed out here may still be at work there: so the search looks again,
// backing off from First to at most Longest, and concludes that nothing
// was made only once Settle has passed since the create was sent without
// a match. A search that fails is tried again the same way, for as long as
// the create's timeout allows; it never leads to a second send. Grace is
// the least time the search gets: it runs within what is left of the
// create's timeout, and when that has run out it still gets this much, so
// that what ran is found.
type Pace struct {
	First, Longest, Settle, Grace time.Duration
}

var defaultPace = Pace{First: time.Second, Longest: 4 * time.Second, Settle: 10 * time.Second, Grace: 30 * time.Second}

type paceKey struct{}

// WithPace is ctx whose searches go at pace, in place of the default; tests
// quicken it.
func WithPace(ctx context.Context, pace Pace) context.Context {
	return context.WithValue(ctx, paceKey{}, pace)
}

// paceOf is the search pace ctx carries, the default without one.
func paceOf(ctx context.Context) Pace {
	if p, ok := ctx.Value(paceKey{}).(Pace); ok {
		return p
	}
	return defaultPace
}

// Creation is a create call that can be adopted after an ambiguous failure.
type Creation struct {
	// Key names what the create makes; identical creates of this provider
	// take turns, so that neither adopts the other's object.
	Key string
	// What describes the request for the user, should its outcome stay
	// unknown ("TAT InvokeCommand of cmd-1 on ins-1"), and Check how to
	// find what it made.
	What, Check string
	// Action is the API action, such as CreateCommand, and Made what it
	// makes, such as "command", for the log line of an adoption.
	Action, Made string
	// Create sends the request once, and returns the ID of the object it
	// made.
	Create func(context.Context) (string, error)
	// Find lists the objects that match the request and were created at
	// or after notBefore() (on the service's clock), newest first. Find
	// calls notBefore only after its first API call, whose answer tells
	// the service's clock.
	Find func(ctx context.Context, notBefore func() time.Time) ([]string, error)
	// Duplicate, when set, recognises the refusal of a repeat because an
	// earlier send may have made the object (TAT CreateCommand:
	// CommandNameDuplicated): the search then looks for that one, and when
	// it finds none, the refusal is the answer.
	Duplicate func(error) bool
}

// errSeveralMatch is a search that found more than one object the request
// may have made: looking again cannot tell them apart.
var errSeveralMatch = errors.New("several objects match")

// Create runs c.Create, and after an ambiguous failure adopts the
// object it made, if any; id is the object's. adopted says which happened. Every object it
// returns is claimed in the client's CreateGuard, so later searches of this
// provider pass it over.
func Create(ctx context.Context, client Client, c Creation) (id string, adopted bool, err error) {
	guard := client.Guard()
	unlock := guard.Lock(c.Key)
	defer unlock()
	var firstAmbiguous time.Time // when the first send whose outcome is unknown went out
	for sends := 1; ; sends++ {
		sentAt := time.Now()
		id, err = c.Create(ctx)
		if err == nil {
			guard.Claim(id)
			return id, false, nil
		}
		searchFrom, refusedAsDuplicate := sentAt, false
		switch {
		case conns.IsAmbiguous(err):
			if firstAmbiguous.IsZero() {
				firstAmbiguous = sentAt
			}
		case c.Duplicate != nil && !firstAmbiguous.IsZero() && c.Duplicate(err):
			// An earlier send whose outcome was unknown may have made it
			// after all, and show only now.
			searchFrom, refusedAsDuplicate = firstAmbiguous, true
		default:
			return "", false, err
		}
		found, ok, findErr := lookFor(ctx, client, c, searchFrom)
		switch {
		case findErr != nil:
			return "", false, unknownOutcome(c, err, findErr, firstAmbiguous, sends)
		case ok:
			guard.Claim(found)
			tflog.Info(ctx, c.Action+" lost its answer; adopted the "+c.Made+" it made", map[string]any{c.Made + "_id": found})
			return found, true, nil
		case refusedAsDuplicate:
			// None of the earlier sends made it: what holds the name is
			// someone else's, and the refusal stands.
			return "", false, err
		case sends == createSends || ctx.Err() != nil:
			return "", false, fmt.Errorf("%w; the request was sent %d times, each time without a usable answer, "+
				"and each time nothing it may have created was found", err, sends)
		}
		// Nothing was made: the request never took effect.
	}
}

// unknownOutcome is the error of a create whose outcome the search could
// not settle: it says which request may have taken effect, and how to find
// out.
func unknownOutcome(c Creation, err, findErr error, sentAt time.Time, sends int) error {
	if errors.Is(findErr, errSeveralMatch) {
		return fmt.Errorf("%w; then looking for what the request may have created: %w", err, findErr)
	}
	return fmt.Errorf("%w; then looking for what the request may have created failed until the timeout: %w. "+
		"%s, sent %d time(s) from %s on, may have taken effect: %s. "+
		"Import what it made, or delete it, before applying again",
		err, findErr, c.What, sends, sentAt.UTC().Format(time.RFC3339), c.Check)
}

// lookFor searches for the one unclaimed object the create sent at sentAt
// may have made. It looks again, backing off, until it finds one or the
// search settles on none; a failed search is tried again until the create's
// timeout (at least the pace's grace) runs out, and then it returns the
// failure.
func lookFor(ctx context.Context, client Client, c Creation, sentAt time.Time) (string, bool, error) {
	pace := paceOf(ctx)
	ctx, cancel := conns.AtLeast(ctx, pace.Grace)
	defer cancel()
	notBefore := func() time.Time { return client.ServerTime(sentAt).Add(-adoptSlack) }
	pause := pace.First
	for {
		found, err := c.Find(ctx, notBefore)
		if err == nil {
			found = unclaimed(client.Guard(), found)
			switch {
			case len(found) == 1:
				return found[0], true, nil
			case len(found) > 1:
				return "", false, fmt.Errorf("%w: %d objects match the request and were created since it was sent (%s), "+
					"so which one it made cannot be told; import the right one, or delete the extra ones and apply again",
					errSeveralMatch, len(found), strings.Join(found, ", "))
			case time.Since(sentAt) >= pace.Settle:
				return "", false, nil
			}
		}
		if ctx.Err() != nil || !waitFor(ctx, pause) {
			if err == nil {
				err = ctx.Err()
			}
			return "", false, err
		}
		pause = min(2*pause, pace.Longest)
	}
}

// waitFor sleeps d, and reports false when ctx ends first.
func waitFor(ctx context.Context, d time.Duration) bool {
	return conns.Sleep(ctx, d) == nil
}

// unclaimed drops the objects other creates of this provider made.
func unclaimed(guard *conns.CreateGuard, found []string) []string {
	var out []string
	for _, id := range found {
		if !guard.Claimed(id) {
			out = append(out, id)
		}
	}
	return out
}

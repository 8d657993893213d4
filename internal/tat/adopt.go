package tat

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// TAT's creates (CreateCommand, InvokeCommand, CreateInvoker) take no
// idempotency token, so the client layer never sends one again once the
// request may have reached the service: a second InvokeCommand would run the
// command twice. Instead, after such an ambiguous failure, the resource looks
// for the object its request may have made: one that matches the request
// and was created since just before it was sent. It adopts that object, or,
// when there is none, sends the request again.

const (
	// createSends bounds how often a create is sent when each send ends
	// ambiguously and the search shows it made nothing. Sending again
	// after such a search is safe, and under a storm of dropped
	// connections (a fifth of them, say) three sends in a row end
	// ambiguously often enough to fail an apply of fifty runs.
	createSends = 10
	// adoptLookups is how often the search runs before it concludes that
	// nothing was made, adoptLookupPause the pause between two searches,
	// in case the new object is not listed at once.
	adoptLookups     = 2
	adoptLookupPause = time.Second
	// adoptSlack widens the window of creation times: the service records
	// them in whole seconds, and its clock is known here only to about a
	// second (conns.TATClient.ServerTime).
	adoptSlack = 2 * time.Second
	// adoptSearchGrace is the least time the search gets: it runs within
	// what is left of the create's timeout, and when that has run out it
	// still gets this much, so that what ran is found.
	adoptSearchGrace = 10 * time.Second
)

// creation is a create call that can be adopted after an ambiguous failure.
type creation[T any] struct {
	// key names what the create makes; identical creates of this provider
	// take turns, so that neither adopts the other's object.
	key string
	// create sends the request once.
	create func(context.Context) (T, error)
	// id is the ID of the object a successful create made.
	id func(T) string
	// find lists the objects that match the request and were created at
	// or after notBefore() (on the service's clock), newest first. find
	// calls notBefore only after its first API call, whose answer tells
	// the service's clock.
	find func(ctx context.Context, notBefore func() time.Time) ([]candidate[T], error)
}

// candidate is an object that find reports.
type candidate[T any] struct {
	id  string
	obj T
}

// createOrAdopt runs c.create, and after an ambiguous failure adopts the
// object it made, if any. adopted says which happened. Every object it
// returns is claimed in the client's CreateGuard, so later searches of this
// provider pass it over.
func createOrAdopt[T any](ctx context.Context, client *conns.TATClient, c creation[T]) (out T, adopted bool, err error) {
	guard := client.Guard()
	unlock := guard.Lock(c.key)
	defer unlock()
	for sends := 1; ; sends++ {
		sentAt := time.Now()
		out, err = c.create(ctx)
		if err == nil {
			guard.Claim(c.id(out))
			return out, false, nil
		}
		if !conns.IsAmbiguous(err) {
			return out, false, err
		}
		found, ok, findErr := lookFor(ctx, client, c, sentAt)
		switch {
		case findErr != nil:
			return out, false, fmt.Errorf("%w; then looking for what the request may have created failed: %w", err, findErr)
		case ok:
			guard.Claim(found.id)
			return found.obj, true, nil
		case sends == createSends || ctx.Err() != nil:
			return out, false, fmt.Errorf("%w; the request was sent %d times, each time without a readable answer, "+
				"and each time nothing it may have created was found", err, sends)
		}
		// Nothing was made: the request never took effect.
	}
}

// lookFor searches for the one unclaimed object the create sent at sentAt
// may have made.
func lookFor[T any](ctx context.Context, client *conns.TATClient, c creation[T], sentAt time.Time) (candidate[T], bool, error) {
	ctx, cancel := conns.AtLeast(ctx, adoptSearchGrace)
	defer cancel()
	notBefore := func() time.Time { return client.ServerTime(sentAt).Add(-adoptSlack) }
	for lookup := 1; ; lookup++ {
		found, err := c.find(ctx, notBefore)
		if err != nil {
			return candidate[T]{}, false, err
		}
		found = unclaimed(client.Guard(), found)
		switch {
		case len(found) == 1:
			return found[0], true, nil
		case len(found) > 1:
			return candidate[T]{}, false, fmt.Errorf("%d objects match the request and were created since it was sent (%s), "+
				"so which one it made cannot be told; import the right one, or delete the extra ones and apply again", len(found), candidateIDs(found))
		case lookup == adoptLookups:
			return candidate[T]{}, false, nil
		}
		if err := conns.Sleep(ctx, adoptLookupPause); err != nil {
			return candidate[T]{}, false, err
		}
	}
}

// unclaimed drops the objects other creates of this provider made.
func unclaimed[T any](guard *conns.CreateGuard, found []candidate[T]) []candidate[T] {
	var out []candidate[T]
	for _, f := range found {
		if !guard.Claimed(f.id) {
			out = append(out, f)
		}
	}
	return out
}

func candidateIDs[T any](found []candidate[T]) string {
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.id
	}
	return strings.Join(ids, ", ")
}

package ecs

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// createAttempts bounds how often a create call is sent when the network,
// not the API, fails.
const createAttempts = 4

// newClientToken is a random UUID (version 4) for ClientToken: one per
// create, so the API can tell a retry from a new request.
func newClientToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// retryCreate sends a create call again while it fails in a way that says
// nothing about whether it ran: a lost connection or response, or a server
// error. call must send the very same request, ClientToken included, every
// time: the API then returns the first attempt's result instead of running
// the command again.
func retryCreate[T any](ctx context.Context, call func() (T, error)) (T, error) {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = time.Second
	return backoff.Retry(ctx, func() (T, error) {
		out, err := call()
		if err != nil && !retryable(err) {
			return out, backoff.Permanent(err)
		}
		return out, err
	}, backoff.WithBackOff(b), backoff.WithMaxTries(createAttempts))
}

// retryableCodes are API errors after which the same request may be sent
// again: the service was busy or failed, or is still working on the token.
var retryableCodes = []string{
	"IdempotentProcessing", "ServiceUnavailable", "InternalError", "InternalError.Dispatch",
	"Throttling", "Throttling.User", "Throttling.Api",
}

func retryable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *conns.APIError
	if !errors.As(err, &apiErr) {
		return true // no answer from the API: the request may or may not have arrived
	}
	return apiErr.HTTPStatus >= 500 || conns.IsCode(err, retryableCodes...)
}

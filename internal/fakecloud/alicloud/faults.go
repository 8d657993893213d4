package alicloud

import (
	"net/http"
	"strconv"
	"time"
)

// This file serves the fault-injection layer of package fakecloud, which
// answers some requests itself, in front of the service, and must do so in
// the shapes of the ECS API gateway.

// Codes the fault-injection layer answers with.
const (
	CodeThrottlingUser     = "Throttling.User"
	CodeInternalError      = "InternalError"
	CodeServiceUnavailable = "ServiceUnavailable"
)

// RateLimitHeader is the header in which the gateway tells a throttled
// caller how long to wait; the SDK reads TimeLeft (milliseconds) from it
// into the error's RetryAfter.
const RateLimitHeader = "x-ratelimit-user-api"

// WriteThrottled answers as the gateway does when a caller goes over an
// action's rate limit: HTTP 400 with Throttling.User, and the
// x-ratelimit-user-api header carrying the limit (left out when limit is
// zero, unknown) and the time until the window resets. regionID names the
// endpoint in the body, as in every error the service sends.
func WriteThrottled(w http.ResponseWriter, regionID string, limit int, timeLeft time.Duration) {
	value := "Remain:0,TimeLeft:" + strconv.FormatInt(timeLeft.Milliseconds(), 10)
	if limit > 0 {
		value = "Limit:" + strconv.Itoa(limit) + "," + value
	}
	w.Header().Set(RateLimitHeader, value)
	writeError(w, newRequestID(), regionID,
		newError(http.StatusBadRequest, CodeThrottlingUser, "Request was denied due to user flow control."))
}

// WriteServerError answers with a server-side failure: HTTP 500
// InternalError, or HTTP 503 ServiceUnavailable when unavailable is true.
func WriteServerError(w http.ResponseWriter, regionID string, unavailable bool) {
	err := errInternal()
	if unavailable {
		err = newError(http.StatusServiceUnavailable, CodeServiceUnavailable,
			"The request has failed due to a temporary failure of the server.")
	}
	writeError(w, newRequestID(), regionID, err)
}

// Succeeded reports whether a response status is a success. The SDK treats
// every status below 400 as one, whatever the body holds.
func Succeeded(status int) bool { return status < http.StatusBadRequest }

// WriteForbidden answers as ECS does an action the keys' RAM policy does
// not allow: HTTP 403 Forbidden.RAM.
func WriteForbidden(w http.ResponseWriter, regionID, action string) {
	writeError(w, newRequestID(), regionID, newError(http.StatusForbidden, "Forbidden.RAM",
		"User not authorized to operate on the specified resource, or this API doesn't support RAM (ecs:"+action+")."))
}

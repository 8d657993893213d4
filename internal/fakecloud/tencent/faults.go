package tencent

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// This file serves the fault-injection layer of package fakecloud, which
// answers some requests itself, in front of the service, and must do so in
// TAT's own shapes so the provider's error handling meets what the real
// service sends.

// Codes the fault-injection layer answers with.
const (
	CodeRequestLimitExceeded = "RequestLimitExceeded"
	CodeInternalError        = "InternalError"
)

// WriteThrottled answers as TAT does when a caller goes over an action's
// rate limit: RequestLimitExceeded in the usual HTTP 200 error envelope (the
// SDK retries that exact code). count is the caller's request number in the
// current second and limit the action's limit; when either is unknown (zero)
// the message is a generic one.
func WriteThrottled(w http.ResponseWriter, count, limit int) {
	msg := "The number of requests exceeds the frequency limit. Please reduce the frequency of calls."
	if count > 0 && limit > 0 {
		msg = fmt.Sprintf("Your current request times equals to %d in a second, which exceeds the frequency limit %d for a second. Please reduce the frequency of calls.", count, limit)
	}
	writeError(w, newRequestID(), &apiError{Code: CodeRequestLimitExceeded, Message: msg})
}

// WriteInternalError answers with TAT's InternalError. Like every TAT error
// it travels in an HTTP 200 envelope: TAT does not signal failures with the
// status code.
func WriteInternalError(w http.ResponseWriter) {
	writeError(w, newRequestID(), &apiError{
		Code:    CodeInternalError,
		Message: "An internal error occurred. Try again later.",
	})
}

// Succeeded reports whether a response the service wrote is a success: HTTP
// 200 and a Response envelope without an Error. The fault layer counts such
// requests as effects, since only they changed (or read) the service's state.
func Succeeded(status int, body []byte) bool {
	if status != http.StatusOK {
		return false
	}
	var envelope struct {
		Response map[string]json.RawMessage `json:"Response"`
	}
	if err := json.Unmarshal(body, &envelope); err != nil || envelope.Response == nil {
		return false
	}
	_, failed := envelope.Response["Error"]
	return !failed
}

// WriteUnauthorized answers as TAT does an action the keys' CAM policy does
// not allow: UnauthorizedOperation in the HTTP 200 envelope.
func WriteUnauthorized(w http.ResponseWriter, action string) {
	writeError(w, newRequestID(), &apiError{
		Code:    "UnauthorizedOperation",
		Message: "You are not authorized to perform operation (tat:" + action + "). Check the CAM policy of the key.",
	})
}

package tencent

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
)

// Error codes, spelled as TAT spells them (the common error codes of
// Tencent Cloud API 3.0, and those each TAT action's page lists).
const (
	codeInvalidAuthorization = "AuthFailure.InvalidAuthorization"
	codeSecretIDNotFound     = "AuthFailure.SecretIdNotFound"
	codeSignatureExpire      = "AuthFailure.SignatureExpire"
	codeSignatureFailure     = "AuthFailure.SignatureFailure"
	codeTokenFailure         = "AuthFailure.TokenFailure"

	codeInvalidAction       = "InvalidAction"
	codeNoSuchVersion       = "NoSuchVersion"
	codeUnsupportedProtocol = "UnsupportedProtocol"
	codeMissingParameter    = "MissingParameter"
	codeUnknownParameter    = "UnknownParameter"
	codeInvalidParameter    = "InvalidParameter"
	codeConflictParameter   = "InvalidParameter.ConflictParameter"

	codeInvalidParameterValue = "InvalidParameterValue"
	codeInvalidCommandID      = "InvalidParameterValue.InvalidCommandId"
	codeInvalidCommandName    = "InvalidParameterValue.InvalidCommandName"
	codeCommandNameDuplicated = "InvalidParameterValue.CommandNameDuplicated"
	codeInvalidContent        = "InvalidParameterValue.InvalidContent"
	codeInvalidFilter         = "InvalidParameterValue.InvalidFilter"
	codeInvalidUsername       = "InvalidParameterValue.InvalidUsername"
	codeInvalidCOSBucketURL   = "InvalidParameterValue.InvalidOutputCOSBucketUrl"
	codeInvalidCOSKeyPrefix   = "InvalidParameterValue.InvalidOutputCOSKeyPrefix"
	codeValueLimitExceeded    = "InvalidParameterValue.LimitExceeded"
	codeRange                 = "InvalidParameterValue.Range"
	codeTooLong               = "InvalidParameterValue.TooLong"

	codeParameterDisabled               = "InvalidParameterValue.ParameterDisabled"
	codeParametersNeedEnableParameter   = "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"
	codeParameterInvalidJSONFormat      = "InvalidParameterValue.ParameterInvalidJsonFormat"
	codeParameterKeyContainsInvalidChar = "InvalidParameterValue.ParameterKeyContainsInvalidChar"
	codeParameterKeyDuplicated          = "InvalidParameterValue.ParameterKeyDuplicated"
	codeParameterKeyLenExceeded         = "InvalidParameterValue.ParameterKeyLenExceeded"
	codeParameterNumberExceeded         = "InvalidParameterValue.ParameterNumberExceeded"
	codeParameterValueNotString         = "InvalidParameterValue.ParameterValueNotString"

	codeInvalidInstanceID       = "InvalidParameterValue.InvalidInstanceId"
	codeInconsistentInstance    = "InvalidParameterValue.InconsistentInstance"
	codeInvalidInvocationID     = "InvalidParameterValue.InvalidInvocationId"
	codeInvalidInvocationTaskID = "InvalidParameterValue.InvalidInvocationTaskId"
	codeInvalidWorkingDirectory = "InvalidParameterValue.InvalidWorkingDirectory"
	codeLackOfParameterInfo     = "InvalidParameterValue.LackOfParameterInfo"
	codeInstanceNotInInvocation = "InvalidParameterValue.InstanceIsNotRelatedToInvocation"
	codeInvokeUsernameInvalid   = "InvalidParameter.InvalidUsername" // as InvokeCommand spells it
	codeInstanceNotFound        = "ResourceNotFound.InstanceNotFound"
	codeInvocationNotFound      = "ResourceNotFound.InvocationNotFound"
	codeAgentNotInstalled       = "ResourceUnavailable.AgentNotInstalled"
	codeAgentNotOnline          = "ResourceUnavailable.AgentStatusNotOnline"
	codeInstanceNotRunning      = "ResourceUnavailable.InstanceStateNotRunning"
	codeCommandInExecuting      = "ResourceUnavailable.CommandInExecuting"
	codeFilterValueExceeded     = "LimitExceeded.FilterValueExceeded"
	codeCommandNotFound         = "ResourceNotFound.CommandNotFound"
	codeTagOperationFailed      = "FailedOperation.TagOperationFailed"
)

// apiError is a failure reported to the client in the error envelope.
type apiError struct {
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func newError(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

func missingParameter(name string) *apiError {
	return newError(codeMissingParameter, "The request is missing a required parameter `%s`.", name)
}

// firstError returns the first non-nil error, so a handler can list its
// checks in the order the service applies them.
func firstError(errs ...*apiError) *apiError {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeResult answers with the success envelope: the result's fields and the
// request ID side by side inside "Response".
func writeResult(w http.ResponseWriter, requestID string, result any) {
	fields := map[string]json.RawMessage{}
	raw, err := json.Marshal(result)
	if err == nil {
		err = json.Unmarshal(raw, &fields)
	}
	if err != nil {
		writeError(w, requestID, newError("InternalError", "encoding the response: %v", err))
		return
	}
	fields["RequestId"], _ = json.Marshal(requestID)
	writeJSON(w, map[string]any{"Response": fields})
}

// writeError answers with the error envelope. TAT reports API errors with
// HTTP 200; the SDK reads Response.Error before looking at the status.
func writeError(w http.ResponseWriter, requestID string, apiErr *apiError) {
	type errorDetail struct {
		Code    string `json:"Code"`
		Message string `json:"Message"`
	}
	type errorResponse struct {
		Error     errorDetail `json:"Error"`
		RequestID string      `json:"RequestId"`
	}
	writeJSON(w, map[string]errorResponse{"Response": {
		Error:     errorDetail{Code: apiErr.Code, Message: apiErr.Message},
		RequestID: requestID,
	}})
}

func writeJSON(w http.ResponseWriter, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

// newRequestID returns a random (version 4) UUID in lowercase, the form TAT
// uses for RequestId.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

package alicloud

import (
	"fmt"
	"net/http"
)

// apiError is an error the API reports to its caller: an HTTP status and
// the vendor's error code and message.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func newError(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// Protocol errors, shared by every ECS action. Codes and statuses follow the
// common error table of the Alibaba Cloud OpenAPI gateway.

func errMissingParameter(name string) *apiError {
	return newError(http.StatusBadRequest, "MissingParameter",
		fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name))
}

func errInvalidParameter(name string) *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter",
		fmt.Sprintf("The specified parameter %q is not valid.", name))
}

func errInvalidVersion() *apiError {
	return newError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
}

// errActionNotFound is what the gateway answers today for an action it does
// not know, and also for a path or method it does not serve.
func errActionNotFound() *apiError {
	return newError(http.StatusNotFound, "InvalidAction.NotFound",
		"Specified api is not found, please check your url and method.")
}

func errAccessKeyNotFound() *apiError {
	return newError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

func errIncompleteSignature(detail string) *apiError {
	return newError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards. "+detail)
}

// errSignatureDoesNotMatch ends its message with the string to sign the
// service computed, as the service does: clients compare it with their own
// to tell a wrong AccessKey secret (the same string, signed with another
// key) from a request they signed wrongly; aliyun-python-sdk-core parses
// it on every SignatureDoesNotMatch.
func errSignatureDoesNotMatch(serverStringToSign string) *apiError {
	return newError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:"+serverStringToSign)
}

func errTimestampFormat() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Format",
		"Specified time stamp or date value is not well formatted.")
}

func errTimestampExpired() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Expired",
		"Specified time stamp or date value is expired.")
}

func errNonceUsed() *apiError {
	return newError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

func errSecurityTokenMismatch() *apiError {
	return newError(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"Specified SecurityToken mismatch with the AccessKey.")
}

func errBodyTooLarge() *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter", "The request body is too large.")
}

func errInternal() *apiError {
	return newError(http.StatusInternalServerError, "InternalError",
		"The request processing has failed due to some unknown error.")
}

// Cloud Assistant errors. Where the current RunCommand/InvokeCommand pages
// and older per-operation tables disagree on a status, the current pages win.

var (
	errCmdNameExceedLimit = newError(http.StatusForbidden, "CmdName.ExceedLimit",
		"The length of the command name exceeds the upper limit.")
	errCmdDescExceedLimit = newError(http.StatusForbidden, "CmdDesc.ExceedLimit",
		"The length of the command description exceeds the upper limit.")
	errCmdContentExceedLimit = newError(http.StatusForbidden, "CmdContent.ExceedLimit",
		"The length of the command content exceeds the upper limit.")
	errCmdContentDecode = newError(http.StatusBadRequest, "CmdContent.DecodeError",
		"The CommandContent can not be base64 decoded.")
	errCmdCountExceedQuota = newError(http.StatusForbidden, "CmdCount.ExceedQuota",
		"The total number of commands in the current region exceeds the quota.")
	errCmdTypeNotFound = newError(http.StatusNotFound, "InvalidCmdType.NotFound",
		"The specified command type does not exist.")
	errCmdIDNotFound = newError(http.StatusNotFound, "InvalidCmdId.NotFound",
		"The specified command ID does not exist.")
	errCmdParamEmptyKey = newError(http.StatusBadRequest, "CmdParam.EmptyKey",
		"Command parameters can not be empty.")
	errCmdParamInvalidName = newError(http.StatusBadRequest, "CmdParam.InvalidParamName",
		"A command parameter name is invalid.")
	errCmdParamNameExceedLimit = newError(http.StatusForbidden, "CmdParamName.ExceedLimit",
		"The length of the command parameter name exceeds the limit.")
	errCmdParamCountExceedLimit = newError(http.StatusForbidden, "CmdParamCount.ExceedLimit",
		"You've reached the limit on the count of command parameters.")
	errWorkingDirInvalid = newError(http.StatusBadRequest, "InvalidParameter.WorkingDir",
		"The specified parameter WorkingDir is not valid.")
	errTimeoutInvalid = newError(http.StatusBadRequest, "InvalidParameter.Timeout",
		"The specified parameter Timeout is not valid.")
	errLauncherExceedLimit = newError(http.StatusForbidden, "InvalidLauncher.LengthLimitExceeded",
		"The length of the parameter Launcher exceeds the limit of 1 KB characters.")
	errClientTokenMalformed = newError(http.StatusBadRequest, "InvalidClientToken.Malformed",
		"The specified parameter clientToken is not valid.")
	errIdempotentParameterMismatch = newError(http.StatusForbidden, "IdempotentParameterMismatch",
		"The specified parameter has changed while using an already used clientToken.")
	errPageNumberInvalid = newError(http.StatusForbidden, "InvalidParam.PageNumber",
		"The specified parameter is invalid.")
	errPageSizeInvalid = newError(http.StatusForbidden, "InvalidParam.PageSize",
		"The specified parameter is invalid.")

	errTagsExceedLimit = newError(http.StatusBadRequest, "NumberExceed.Tags",
		"Ensure the number of tag parameters is not greater than 20.")
	errTagKeyMissing = newError(http.StatusBadRequest, "MissingParameter.TagKey",
		"You must specify Tag.N.Key.")
	errTagKeyMalformed = newError(http.StatusBadRequest, "InvalidTagKey.Malformed",
		"The specified Tag.n.Key is not valid.")
	errTagValueMalformed = newError(http.StatusBadRequest, "InvalidTagValue.Malformed",
		"The specified Tag.n.Value is not valid.")
	errTagKeyDuplicate = newError(http.StatusBadRequest, "Duplicate.TagKey",
		"The Tag.N.Key contain duplicate key.")
)

// Invocation errors. The vendor's RunCommand and InvokeCommand pages give
// statuses that sometimes differ from older tables of the same codes; the
// pages win.
// Where the two pages differ from each other, each action reports its own.
var (
	errRepeatModeNotFound = newError(http.StatusNotFound, "InvalidRepeatMode.NotFound",
		"The specified repeat mode does not exist.")
	errMissingFrequency = newError(http.StatusBadRequest, "MissingParam.Frequency",
		"The frequency must be specified when you create a timed task.")
	errInvalidFrequency = newError(http.StatusBadRequest, "InvalidParam.Frequency",
		"The specified frequency is invalid.")
	errMissingInstanceID = newError(http.StatusBadRequest, "MissingParam.InstanceId",
		"The parameter instanceId is missing or empty.")
	errInstanceIDsExceedLimit = newError(http.StatusForbidden, "InstanceIds.ExceedLimit",
		"The number of instance IDs exceeds the upper limit.")
	errInstanceNotFound = newError(http.StatusNotFound, "InvalidInstance.NotFound",
		"The specified instance does not exist.")
	errInstanceNotMatch = newError(http.StatusBadRequest, "InvalidInstance.NotMatch",
		"The specified instance type does not match the command.")
	errResourceTagsExceedLimit = newError(http.StatusBadRequest, "NumberExceed.ResourceTags",
		"The maximum number of ResourceTags is exceeded.")
	errResourceTagKeyMissing = newError(http.StatusBadRequest, "MissingParameter.ResourceTagKey",
		"You must specify ResourceTag.N.Key.")
	errResourceTagKeyMalformed = newError(http.StatusBadRequest, "InvalidResourceTagKey.Malformed",
		"The specified ResourceTag key is not valid.")
	errResourceTagValueMalformed = newError(http.StatusBadRequest, "InvalidResourceTagValue.Malformed",
		"The specified ResourceTag value is not valid.")
	errResourceTagKeyDuplicate = newError(http.StatusBadRequest, "Duplicate.ResourceTagKey",
		"The ResourceTag contains duplicate keys.")
	errResourceTagNoInstance = newError(http.StatusBadRequest, "InvalidResourceTag.InstanceNotFound",
		"InstanceIds are not found by the specified ResourceTag.")
	errResourceTagConflict = newError(http.StatusBadRequest, "InvalidResourceTag.ConflictWithInstanceIds",
		"The specified param ResourceTag conflicts with InstanceId.")
	errParameterDisabled = newError(http.StatusBadRequest, "Parameter.Disabled",
		"Parameters should not be passed when CreateCommand.EnableParameter is false.")
	errParameterMissingValue = newError(http.StatusBadRequest, "Parameter.MissingValue",
		"The parameter value of this command is required.")
	errParametersInvalid = newError(http.StatusBadRequest, "InvalidParameter.Parameters",
		"The specified parameter Parameters is not valid.")
	errParameterCountExceedLimit = newError(http.StatusForbidden, "ParameterCount.ExceedLimit",
		"The number of command parameters exceeds the maximum number that can be set.")
	errParameterKeyExceedLimit = newError(http.StatusForbidden, "ParameterKey.ExceedLimit",
		"The length of the specified parameter key exceeds the maximum length that can be set.")
	errParameterTypeNotSupported = newError(http.StatusForbidden, "ParameterType.NotSupported",
		"The type of parameter value is not supported.")
	errParameterStoreInvalid = newError(http.StatusForbidden, "ParameterStore.InvalidParameters",
		"The parameter is invalid in Parameter Store.")
	errUsernameExceedLimit = newError(http.StatusForbidden, "Username.ExceedLimit",
		"The length of the username exceeds the upper limit.")
	errWindowsPasswordNameExceedLimit = newError(http.StatusForbidden, "WindowsPasswordName.ExceedLimit",
		"The length of the WindowsPasswordName exceeds the upper limit.")
	errContainerIDMalformed = newError(http.StatusBadRequest, "InvalidContainerId.Malformed",
		"The specified parameter ContainerId is not valid.")
	errContainerNameMalformed = newError(http.StatusBadRequest, "InvalidContainerName.Malformed",
		"The specified parameter ContainerName is not valid.")
	errTerminationModeNotFound = newError(http.StatusNotFound, "InvalidTerminationMode.NotFound",
		"The specified parameter TerminationMode does not exist.")
	errInvokeIDNotFound = newError(http.StatusNotFound, "InvalidInvokeId.NotFound",
		"The specified invoke ID does not exist.")
	errMaxResultsInvalid = newError(http.StatusForbidden, "InvalidParam.MaxResults",
		"The specified parameter is invalid.")
	errNextTokenInvalid = newError(http.StatusForbidden, "InvalidParam.NextToken",
		"The specified parameter is invalid.")
	errIncludeOutputNeedsTarget = newError(http.StatusBadRequest, "MissingParameter",
		"IncludeOutput requires InvokeId or InstanceId.")
	errResourceGroupNotFound = newError(http.StatusNotFound, "InvalidResourceGroup.NotFound",
		"The ResourceGroup provided does not exist in our records.")
	errInvocationExceedQuota = newError(http.StatusForbidden, "Invocation.ExceedQuota",
		"The invocation quota in the current region has been reached for today.")
	errIdempotentProcessing = newError(http.StatusForbidden, "IdempotentProcessing",
		"The previous idempotent request(s) is still processing.")

	// RunCommand's page gives these 400, InvokeCommand's 403.
	errRunParameterNotMatched = newError(http.StatusBadRequest, "Parameter.NotMatched",
		"The parameters of creation do not match those of invocation.")
	errInvokeParameterNotMatched = newError(http.StatusForbidden, "Parameter.NotMatched",
		"The passed-in parameters do not match the parameters defined when you created the command.")
	errRunParameterKeyDuplicate = newError(http.StatusBadRequest, "ParameterKey.Duplicate",
		"The parameter may not contain duplicate keys.")
	errInvokeParameterKeyDuplicate = newError(http.StatusForbidden, "ParameterKey.Duplicate",
		"Parameter names cannot be duplicated.")
	errRunWindowsPasswordNameMissed = newError(http.StatusBadRequest, "WindowsPasswordName.Missed",
		"WindowsPasswordName must be specified when you create a Windows task.")
	errInvokeWindowsPasswordNameMissed = newError(http.StatusForbidden, "WindowsPasswordName.Missed",
		"WindowsPasswordName must be specified when you create a Windows task.")
)

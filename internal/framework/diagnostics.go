package framework

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// advice maps vendor error codes, or code prefixes ending in ".", to what a
// user can do about them.
var advice = map[string]string{
	"AuthFailure.":                "Check the secret_id and secret_key of the provider's tencentcloud block (or TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY), and that the machine's clock is right.",
	"SignatureDoesNotMatch":       "Check the access_key and secret_key of the provider's alicloud block (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY).",
	"InvalidAccessKeyId.NotFound": "Check the access_key of the provider's alicloud block (or ALICLOUD_ACCESS_KEY).",
	"AuthFailure.TokenFailure":    "The security_token of the provider's tencentcloud block (or TENCENTCLOUD_SECURITY_TOKEN) is wrong or has expired: renew the temporary credentials.",
	"InvalidSecurityToken.":       "The security_token of the provider's alicloud block (or ALICLOUD_SECURITY_TOKEN) is wrong or has expired: renew the STS credentials.",
	"InvalidTimeStamp.Expired":    "Check that the machine's clock is right.",
	"IncompleteSignature":         "Check the provider's alicloud credentials.",
	"UnauthorizedOperation.":      "The credentials lack a permission this action needs; grant it in CAM.",
	"Forbidden.RAM":               "The credentials lack a permission this action needs; grant it in RAM.",
	"RequestLimitExceeded":        "The API throttled the request; lower terraform's -parallelism or try again.",
	"Throttling":                  "The API throttled the request; lower terraform's -parallelism or try again.",

	"ResourceUnavailable.AgentStatusNotOnline":                     "The TAT agent of an instance is offline. Check that the instance is running and its agent online, then apply again.",
	"ResourceUnavailable.AgentNotInstalled":                        "An instance has no TAT agent. Install the agent on it, or leave it out of instance_ids.",
	"ResourceUnavailable.InstanceStateNotRunning":                  "An instance is not running. Start it, or leave it out of instance_ids.",
	"ResourceNotFound.InstanceNotFound":                            "An instance does not exist. Check instance_ids and the provider's tencentcloud.region.",
	"ResourceNotFound.CommandNotFound":                             "The command does not exist. Check command_id and the provider's tencentcloud.region.",
	"InvalidParameterValue.LackOfParameterInfo":                    "Give every {{name}} in the command's content a value, in parameters or in the command's default_parameters.",
	"InvalidParameterValue.ParameterDisabled":                      "The command takes no parameters: set enable_parameter = true on it, or remove parameters.",
	"InvalidParameterValue.SupportParametersOnlyIfEnableParameter": "The command takes no parameters: set enable_parameter = true on it, or remove parameters.",
	"InvalidParameterValue.CommandNameDuplicated":                  "Another command in this region has the same name; choose another name.",
}

func adviceFor(code string) string {
	if a, ok := advice[code]; ok {
		return a
	}
	for prefix, a := range advice {
		if strings.HasSuffix(prefix, ".") && strings.HasPrefix(code, prefix) {
			return a
		}
	}
	return ""
}

// APIErrorDiagnostic turns an error from a vendor call into a diagnostic
// whose detail says what failed, what to do, and the vendor's code, message
// and request ID. summary is Title Case, e.g. "Error Creating TAT Command".
func APIErrorDiagnostic(summary, what string, err error) diag.Diagnostic {
	if conns.IsAmbiguous(err) {
		// The vendor's code, if any, is the SDK's name for a lost
		// connection; what matters is what the user must check.
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf("Could not %s: %s\n\n%s", what, err, ambiguousAdvice))
	}
	var apiErr *conns.APIError
	var unknownHost *conns.UnknownHostError
	if errors.As(err, &unknownHost) || !errors.As(err, &apiErr) {
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf("Could not %s: %s", what, err))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Could not %s: %s.\n\n", what, strings.TrimSuffix(apiErr.Message, "."))
	if a := adviceFor(apiErr.Code); a != "" {
		b.WriteString(a + "\n\n")
	}
	fmt.Fprintf(&b, "%s error code: %s", apiErr.Vendor, apiErr.Code)
	if apiErr.HTTPStatus != 0 {
		fmt.Fprintf(&b, " (HTTP %d)", apiErr.HTTPStatus)
	}
	if apiErr.RequestID != "" {
		fmt.Fprintf(&b, "\nRequest ID: %s", apiErr.RequestID)
	}
	return diag.NewErrorDiagnostic(summary, b.String())
}

// ambiguousAdvice is what to do when a request may or may not have taken
// effect.
const ambiguousAdvice = "Before applying again, check in the console or with the API whether it created something (a command, an invocation or an invoker); " +
	"if it did, import that into the state instead of creating it again."

// NotConfiguredDiagnostic reports that a vendor's client is unavailable.
func NotConfiguredDiagnostic(err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Provider Not Configured For This Vendor", err.Error())
}

// StoppedWaitingDiagnostic explains a run whose wait ended because the
// provider process was asked to stop.
func StoppedWaitingDiagnostic(run string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Provider Stopped While Waiting", fmt.Sprintf(
		"The provider process was asked to stop (SIGTERM) while waiting for %s. The command goes on in the cloud; "+
			"the run is recorded in the state, tainted, so the next apply runs the command again.", run))
}

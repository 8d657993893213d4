package conns

import (
	"errors"
	"fmt"
	"net"
)

// Vendor names, as errors and log lines give them.
const (
	vendorTencent = "Tencent Cloud"
	vendorAlibaba = "Alibaba Cloud"
)

// APIError is a vendor API error in one shape for both vendors, so resources
// branch on codes without knowing each SDK's error type.
type APIError struct {
	Vendor     string // "Tencent Cloud" or "Alibaba Cloud"
	Action     string
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int // 0 when the vendor reports errors inside a 200 response
	// cause is what went wrong on the way, for codes the SDK makes up
	// itself (Tencent Cloud's ClientError.NetworkError).
	cause error
}

// Unwrap is the failure on the way, if any.
func (e *APIError) Unwrap() error { return e.cause }

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %s: %s", e.Vendor, e.Action, e.Code, e.Message)
	if e.RequestID != "" {
		msg += " (request ID " + e.RequestID + ")"
	}
	return msg
}

// ErrorCode returns the vendor error code carried by err, or "".
func ErrorCode(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// IsCode reports whether err is a vendor error with one of these codes.
func IsCode(err error, codes ...string) bool {
	code := ErrorCode(err)
	if code == "" {
		return false
	}
	for _, c := range codes {
		if code == c {
			return true
		}
	}
	return false
}

// AmbiguousError is a call that got no readable answer (the connection
// failed, or the answer was cut short) after the request had been sent in
// full, or a create without an idempotency token answered with a server
// error: the service may or may not have acted on it. The client layer sends such a request again only when a repeat is
// harmless; otherwise it returns this error, and the caller must find out
// whether the action happened before it tries again.
type AmbiguousError struct {
	Vendor string
	Action string
	Err    error
	// ServerError is set when the answer was the service's own server
	// error (InternalError, ServiceUnavailable, a 5xx), which does not
	// say whether the request was carried out before the failure.
	ServerError bool
}

func (e *AmbiguousError) Error() string {
	if e.ServerError {
		return fmt.Sprintf("%s %s: the service answered with a server error, which does not say whether it carried the request out first, so whether it took effect is unknown: %s", e.Vendor, e.Action, e.Err)
	}
	return fmt.Sprintf("%s %s: no readable answer came back after the request was sent (the connection failed or the answer was cut short), so whether it took effect is unknown: %s", e.Vendor, e.Action, e.Err)
}

func (e *AmbiguousError) Unwrap() error { return e.Err }

// UnknownHostError is a call whose endpoint's host name has no DNS record:
// a region the vendor does not serve under that name, a misspelt region or
// endpoint, or a machine without DNS.
type UnknownHostError struct {
	Vendor string
	Region string
	Host   string
	Err    error
}

func (e *UnknownHostError) Error() string {
	return fmt.Sprintf("the %s endpoint %s (used for region %q) could not be found in DNS. "+
		"Check the region and the endpoint setting of the provider block: the vendor may not serve this API in that region, or under that host name; "+
		"else check this machine's DNS and network: %s", e.Vendor, e.Host, e.Region, e.Err)
}

func (e *UnknownHostError) Unwrap() error { return e.Err }

// EndpointUnreachableError is a call that could not reach an endpoint that
// has not answered this process yet: connections were refused, or TLS
// could not be set up. Region is filled in by the client that knows it.
type EndpointUnreachableError struct {
	Vendor string
	Region string
	Host   string
	Err    error
}

func (e *EndpointUnreachableError) Error() string {
	return fmt.Sprintf("the %s endpoint %s (used for region %q) could not be reached, and has not answered since the provider started. "+
		"Check the endpoint and region settings of the provider block, a proxy (HTTPS_PROXY), and that this machine can reach the endpoint: %s",
		e.Vendor, e.Host, e.Region, e.Err)
}

func (e *EndpointUnreachableError) Unwrap() error { return e.Err }

// explainUnknownHost names the region and the endpoint when err is the
// failure to find the endpoint's host in DNS, or to reach an endpoint that
// never answered.
func explainUnknownHost(err error, vendor, region string) error {
	var unreachable *EndpointUnreachableError
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return &UnknownHostError{Vendor: vendor, Region: region, Host: dnsErr.Name, Err: err}
	case errors.As(err, &unreachable):
		unreachable.Region = region
	}
	return err
}

// IsAmbiguous reports whether err says that a request may or may not have
// taken effect.
func IsAmbiguous(err error) bool {
	var ambiguous *AmbiguousError
	return errors.As(err, &ambiguous)
}

// ErrNotFound marks an object that the API says does not exist. The
// vendors say so in different ways (an error code, an empty list); each
// finder translates its vendor's way into this one error.
var ErrNotFound = errors.New("not found")

// accessDeniedCodes are refusals of an action the keys' role is not allowed
// to call (a CAM or RAM policy without it): asking again gets the same
// answer until someone changes the policy.
var accessDeniedCodes = []string{
	"UnauthorizedOperation", "UnauthorizedOperation.", "AuthFailure.UnauthorizedOperation", // Tencent Cloud
	"Forbidden", "Forbidden.", // Alibaba Cloud: Forbidden.RAM, Forbidden.NoPermission...
}

// IsAccessDenied reports whether err is the service's refusal to let these
// keys call the action at all.
func IsAccessDenied(err error) bool {
	return codeIn(ErrorCode(err), accessDeniedCodes)
}

// RefusedAction names the action err refused, or "" when it does not say.
func RefusedAction(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Vendor + " " + apiErr.Action
	}
	return ""
}

package conns

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
)

// failure is what a failed attempt says about sending the request again.
type failure int

const (
	// failPermanent: the service refused the request, or it could not be
	// built; the same request gets the same answer.
	failPermanent failure = iota
	// failThrottled: the service asked the caller to slow down.
	failThrottled
	// failServer: the service failed and said so with its own error code.
	// That is no proof it did nothing: the retry layer sends a create
	// without an idempotency token again only after the caller has looked
	// for what it made (see attemptOnce).
	failServer
	// failNotSent: the request never reached the service in full.
	failNotSent
	// failAmbiguous: the request was sent and no usable answer came back;
	// the service may have acted on it.
	failAmbiguous
)

func (f failure) String() string {
	return [...]string{"permanent", "throttled", "server error", "not sent", "ambiguous"}[f]
}

// retryable says whether a call whose attempt failed this way may be sent
// again: always after throttling, a server error or a request that never
// left, and after an ambiguous failure only when a repeat is harmless. A
// server error on a call whose repeat is not harmless is judged ambiguous
// before it gets here.
func (f failure) retryable(idempotent bool) bool {
	switch f {
	case failThrottled, failServer, failNotSent:
		return true
	case failAmbiguous:
		return idempotent
	default:
		return false
	}
}

// Error codes, and code families (a prefix ending in "."), by what they say.
var (
	// authCodes are refusals of the credentials or the signature: sending
	// the same request again would only be refused again, and a storm of
	// them can lock an account.
	authCodes = []string{
		"AuthFailure", "AuthFailure.", "UnauthorizedOperation", "UnauthorizedOperation.",
		"InvalidAccessKeyId", "InvalidAccessKeyId.", "InvalidAccessKeySecret", "InvalidSecurityToken", "InvalidSecurityToken.",
		"SignatureDoesNotMatch", "IncompleteSignature", "InvalidTimeStamp.", "SignatureNonceUsed", "Forbidden", "Forbidden.",
	}
	throttleCodes = []string{
		"RequestLimitExceeded", "RequestLimitExceeded.", // Tencent Cloud
		"Throttling", "Throttling.", // Alibaba Cloud: Throttling, Throttling.User, Throttling.Api
	}
	// serverCodes are the services' own word that they failed; ECS's
	// IdempotentProcessing says an earlier request with the same
	// ClientToken is still being handled.
	serverCodes = []string{"InternalError", "InternalError.", "ServiceUnavailable", "ServiceUnavailable.", "IdempotentProcessing"}
)

// codeIn reports whether code is one of codes, or in one of their families.
func codeIn(code string, codes []string) bool {
	for _, c := range codes {
		if code == c || (strings.HasSuffix(c, ".") && strings.HasPrefix(code, c)) {
			return true
		}
	}
	return false
}

// classify decides what a failed attempt means, from the error and from
// what the transport saw of the request.
func classify(err error, seen probeView) failure {
	var credErr *CredentialsError
	if errors.As(err, &credErr) {
		return failPermanent
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) && !isClientSideCode(apiErr.Code) {
		return classifyAPIError(apiErr)
	}
	return classifyTransport(err, seen)
}

// isClientSideCode tells the codes the Tencent Cloud SDK makes up itself
// for failures on the way (ClientError.NetworkError, .IOError,
// .HttpStatusCodeError, .ParseJsonError) from codes the service sent.
func isClientSideCode(code string) bool {
	return strings.HasPrefix(code, "ClientError.")
}

func classifyAPIError(apiErr *APIError) failure {
	switch {
	case codeIn(apiErr.Code, authCodes):
		return failPermanent
	case codeIn(apiErr.Code, throttleCodes):
		return failThrottled
	case codeIn(apiErr.Code, serverCodes), apiErr.HTTPStatus >= http.StatusInternalServerError:
		return failServer
	}
	return failPermanent
}

// classifyTransport judges a failure that carries no error code from the
// service.
func classifyTransport(err error, seen probeView) failure {
	switch {
	case seen.status == http.StatusTooManyRequests:
		return failThrottled
	case seen.status != 0:
		// An answer came but could not be read, or came from something
		// between us and the service (a bare 502 or 504): the service may
		// well have acted.
		return failAmbiguous
	case isCertificateError(err), isUnknownHost(err):
		return failPermanent
	case seen.started && seen.wrote:
		return failAmbiguous
	case seen.started:
		return failNotSent
	}
	// The transport never saw the request: an SDK that bypassed it, or a
	// stand-in API in tests. Judge by the error alone.
	switch {
	case isDialError(err):
		return failNotSent
	case isNetworkError(err):
		return failAmbiguous
	}
	return failPermanent
}

// isDialError is a failure to open a connection: nothing was sent.
func isDialError(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.Is(err, syscall.ECONNREFUSED)
}

// isUnknownHost is a host name with no DNS record: asking again gets the
// same answer. A DNS server that could not be reached is another failure.
func isUnknownHost(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

// isNetworkError is a failure of the connection at any point.
func isNetworkError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// isCertificateError is a TLS setup that will fail the same way every time.
func isCertificateError(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	return errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr)
}

// createsObject reports whether sending action twice may make two objects:
// the creates, and the runs, each of which starts an invocation. Every other
// action the provider uses reads, sets absolute values (Modify, Enable,
// Disable) or ends an object (Delete, Cancel, Stop): a repeat finds the work
// done, and callers already take "not found" after a delete or a cancel as
// success.
func createsObject(action string) bool {
	return strings.HasPrefix(action, "Create") || action == "InvokeCommand" || action == "RunCommand"
}

// unreachable reports whether an attempt failed to reach an endpoint that
// has never answered this process: the connection was refused, the name
// did not resolve, or TLS could not be set up.
func unreachable(err error, seen probeView) bool {
	if seen.host == "" || hasAnswered(seen.host) || seen.status != 0 {
		return false
	}
	var recordErr tls.RecordHeaderError
	var alertErr tls.AlertError
	return isDialError(err) || isCertificateError(err) || errors.As(err, &recordErr) || errors.As(err, &alertErr)
}

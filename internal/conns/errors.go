package conns

import (
	"errors"
	"fmt"
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
}

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

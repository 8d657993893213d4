package tencent

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
)

// envelopeError decodes an error envelope written to rec.
func envelopeError(t *testing.T, rec *httptest.ResponseRecorder) (code, message, requestID string) {
	t.Helper()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("status %d, Content-Type %q; want 200, application/json", rec.Code, rec.Header().Get("Content-Type"))
	}
	var body struct {
		Response struct {
			Error     struct{ Code, Message string }
			RequestID string `json:"RequestId"`
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %s: %v", rec.Body, err)
	}
	return body.Response.Error.Code, body.Response.Error.Message, body.Response.RequestID
}

var lowerUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestWriteThrottled(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	WriteThrottled(rec, 21, 20)
	code, message, requestID := envelopeError(t, rec)
	want := "Your current request times equals to 21 in a second, which exceeds the frequency limit 20 for a second. Please reduce the frequency of calls."
	if code != "RequestLimitExceeded" || message != want || !lowerUUID.MatchString(requestID) {
		t.Errorf("got %q %q %q", code, message, requestID)
	}

	rec = httptest.NewRecorder()
	WriteThrottled(rec, 0, 0)
	if code, message, _ := envelopeError(t, rec); code != "RequestLimitExceeded" || message == "" || message == want {
		t.Errorf("without counts: %q %q, want the generic message", code, message)
	}
}

func TestWriteInternalError(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	WriteInternalError(rec)
	if code, message, requestID := envelopeError(t, rec); code != "InternalError" || message == "" || requestID == "" {
		t.Errorf("got %q %q %q", code, message, requestID)
	}
}

func TestSucceeded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		body   string
		want   bool
	}{
		{200, `{"Response":{"InvocationId":"inv-1","RequestId":"r"}}`, true},
		{200, `{"Response":{"RequestId":"r"}}`, true},
		{200, `{"Response":{"Error":{"Code":"InvalidParameter","Message":"x"},"RequestId":"r"}}`, false},
		{500, `{"Response":{"RequestId":"r"}}`, false},
		{200, `{"InvocationId":"inv-1"}`, false},
		{200, `not json`, false},
	} {
		if got := Succeeded(tc.status, []byte(tc.body)); got != tc.want {
			t.Errorf("Succeeded(%d, %s) = %v, want %v", tc.status, tc.body, got, tc.want)
		}
	}
}

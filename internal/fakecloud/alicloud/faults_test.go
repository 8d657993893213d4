package alicloud

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func decodeErrorBody(t *testing.T, rec *httptest.ResponseRecorder) errorBody {
	t.Helper()
	if got := rec.Header().Get("Content-Type"); got != jsonContentType {
		t.Errorf("Content-Type = %q, want %q", got, jsonContentType)
	}
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %s: %v", rec.Body, err)
	}
	if body.RequestID == "" || body.Message == "" || body.Recommend == "" {
		t.Errorf("incomplete error body %+v", body)
	}
	return body
}

func TestWriteThrottled(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	WriteThrottled(rec, "cn-shanghai", 1000, 1500*time.Millisecond)
	body := decodeErrorBody(t, rec)
	if rec.Code != http.StatusBadRequest || body.Code != "Throttling.User" || body.HostID != "ecs.cn-shanghai.aliyuncs.com" {
		t.Errorf("status %d, body %+v; want 400 Throttling.User from ecs.cn-shanghai.aliyuncs.com", rec.Code, body)
	}
	if got, want := rec.Header().Get(RateLimitHeader), "Limit:1000,Remain:0,TimeLeft:1500"; got != want {
		t.Errorf("%s = %q, want %q", RateLimitHeader, got, want)
	}

	rec = httptest.NewRecorder()
	WriteThrottled(rec, "", 0, 40*time.Millisecond)
	if got, want := rec.Header().Get(RateLimitHeader), "Remain:0,TimeLeft:40"; got != want {
		t.Errorf("without a limit: %s = %q, want %q", RateLimitHeader, got, want)
	}
	if body := decodeErrorBody(t, rec); body.HostID != "ecs.aliyuncs.com" {
		t.Errorf("HostId without a region = %q", body.HostID)
	}
}

func TestWriteServerError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		unavailable bool
		status      int
		code        string
	}{
		{false, http.StatusInternalServerError, "InternalError"},
		{true, http.StatusServiceUnavailable, "ServiceUnavailable"},
	} {
		rec := httptest.NewRecorder()
		WriteServerError(rec, "cn-hangzhou", tc.unavailable)
		if body := decodeErrorBody(t, rec); rec.Code != tc.status || body.Code != tc.code {
			t.Errorf("unavailable=%v: status %d, code %q; want %d %s", tc.unavailable, rec.Code, body.Code, tc.status, tc.code)
		}
	}
}

func TestSucceeded(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]bool{200: true, 204: true, 399: true, 400: false, 404: false, 500: false, 503: false} {
		if got := Succeeded(status); got != want {
			t.Errorf("Succeeded(%d) = %v, want %v", status, got, want)
		}
	}
}

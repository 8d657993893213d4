package fakecloud

import "net/http"

// tencentState holds the fake's Tencent Cloud TAT objects; guarded by Server.mu.
type tencentState struct{}

func newTencentState() *tencentState { return &tencentState{} }

func (s *Server) serveTencent(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not implemented", http.StatusNotImplemented)
}

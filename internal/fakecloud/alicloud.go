package fakecloud

import "net/http"

// alicloudState holds the fake's Alibaba Cloud ECS objects; guarded by Server.mu.
type alicloudState struct{}

func newAlicloudState() *alicloudState { return &alicloudState{} }

func (s *Server) serveAlicloud(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not implemented", http.StatusNotImplemented)
}

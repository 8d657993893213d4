package fakecloud

import "net/http"

// serveAdmin answers the fake's own endpoints under /_fake/.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_fake/health":
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	default:
		http.NotFound(w, r)
	}
}

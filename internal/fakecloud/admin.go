package fakecloud

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// The fake's own endpoints, under /_fake/ on the API listener, let a test
// or an operator of the standalone program switch faults and read counters
// without Go. FAULTS.md documents them with examples.

// maxAdminBody bounds an admin request body; a fault set-up is a few lines.
const maxAdminBody = 1 << 20

// serveAdmin answers the fake's own endpoints under /_fake/.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !s.adminAuthorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cloudcmd-fake"`)
		writeAdminError(w, http.StatusUnauthorized, errors.New("the admin endpoints need the token the fake printed at start, as Authorization: Bearer TOKEN"))
		return
	}
	s.adminOnce.Do(func() { s.admin = s.adminRoutes() })
	s.admin.ServeHTTP(w, r)
}

// adminAuthorized reports whether r may use the admin endpoints: any
// request when no AdminToken is set, and the health check always.
func (s *Server) adminAuthorized(r *http.Request) bool {
	if s.opts.AdminToken == "" || r.URL.Path == "/_fake/health" {
		return true
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.AdminToken)) == 1
}

func (s *Server) adminRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_fake/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /_fake/faults", s.getFaults)
	mux.HandleFunc("PUT /_fake/faults", s.putFaults)
	mux.HandleFunc("DELETE /_fake/faults", s.deleteFaults)
	mux.HandleFunc("GET /_fake/faults/{vendor}/{action}", s.getFaultRule)
	mux.HandleFunc("PUT /_fake/faults/{vendor}/{action}", s.putFaultRule)
	mux.HandleFunc("DELETE /_fake/faults/{vendor}/{action}", s.deleteFaultRule)
	mux.HandleFunc("GET /_fake/counters", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, http.StatusOK, s.Counters())
	})
	mux.HandleFunc("POST /_fake/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.ResetCounters()
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// getFaults shows every rule and whether rate limits are enforced.
func (s *Server) getFaults(w http.ResponseWriter, _ *http.Request) {
	writeAdminJSON(w, http.StatusOK, s.faults.Config())
}

// putFaults replaces the whole set-up with the body's.
func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	var cfg FaultConfig
	if err := decodeAdminBody(w, r, &cfg); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	if err := s.faults.Apply(cfg); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	writeAdminJSON(w, http.StatusOK, s.faults.Config())
}

// deleteFaults removes every rule, leaving rate-limit enforcement as it is.
func (s *Server) deleteFaults(w http.ResponseWriter, _ *http.Request) {
	s.faults.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getFaultRule(w http.ResponseWriter, r *http.Request) {
	vendor, action := r.PathValue("vendor"), r.PathValue("action")
	rule, ok := s.faults.Rule(vendor, action)
	if !ok {
		writeAdminError(w, http.StatusNotFound, fmt.Errorf("no fault rule for %s:%s", vendor, action))
		return
	}
	writeAdminJSON(w, http.StatusOK, rule)
}

// putFaultRule sets the rule the path names. The body may leave out vendor
// and action; if it names them, they must match the path.
func (s *Server) putFaultRule(w http.ResponseWriter, r *http.Request) {
	vendor, action := r.PathValue("vendor"), r.PathValue("action")
	var rule FaultRule
	if err := decodeAdminBody(w, r, &rule); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	if (rule.Vendor != "" && rule.Vendor != vendor) || (rule.Action != "" && rule.Action != action) {
		writeAdminError(w, http.StatusBadRequest,
			fmt.Errorf("the body names %s:%s but the path %s:%s", rule.Vendor, rule.Action, vendor, action))
		return
	}
	rule.Vendor, rule.Action = vendor, action
	if err := s.faults.Set(rule); err != nil {
		writeAdminError(w, http.StatusBadRequest, err)
		return
	}
	writeAdminJSON(w, http.StatusOK, rule)
}

func (s *Server) deleteFaultRule(w http.ResponseWriter, r *http.Request) {
	vendor, action := r.PathValue("vendor"), r.PathValue("action")
	if !s.faults.Delete(vendor, action) {
		writeAdminError(w, http.StatusNotFound, fmt.Errorf("no fault rule for %s:%s", vendor, action))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func decodeAdminBody(w http.ResponseWriter, r *http.Request, v any) error {
	if err := decodeStrict(http.MaxBytesReader(w, r.Body, maxAdminBody), v); err != nil {
		return fmt.Errorf("reading the JSON body: %w", err)
	}
	return nil
}

func writeAdminJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// writeAdminError answers {"error": "..."}.
func writeAdminError(w http.ResponseWriter, status int, err error) {
	writeAdminJSON(w, status, map[string]string{"error": err.Error()})
}

// Package tencent is the fake Tencent Cloud TAT API (version 2020-10-28).
package tencent

import (
	"net/http"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Config configures the fake TAT service.
type Config struct {
	SecretID      string
	SecretKey     string
	SecurityToken string        // when set, a request carrying X-TC-Token must match it
	Skew          time.Duration // allowed drift of X-TC-Timestamp
	Now           func() time.Time
	Realistic     bool // status changes take simulated time instead of happening at once
	Fleet         *fleet.Fleet
}

// Service serves the TAT API. It is safe for concurrent use.
type Service struct {
	cfg Config
}

// New returns a TAT service.
func New(cfg Config) *Service { return &Service{cfg: cfg} }

// ServeHTTP answers one TAT API request.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not implemented", http.StatusNotImplemented)
}

// Package alicloud is the fake Alibaba Cloud ECS Cloud Assistant API (version 2014-05-26).
package alicloud

import (
	"net/http"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Config configures the fake ECS Cloud Assistant service.
type Config struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string        // when set, a request carrying x-acs-security-token must match it
	Skew          time.Duration // allowed drift of x-acs-date and Timestamp
	Now           func() time.Time
	Realistic     bool // status changes take simulated time instead of happening at once
	Fleet         *fleet.Fleet
}

// Service serves the ECS Cloud Assistant API. It is safe for concurrent use.
type Service struct {
	cfg Config
}

// New returns an ECS Cloud Assistant service.
func New(cfg Config) *Service { return &Service{cfg: cfg} }

// ServeHTTP answers one ECS API request.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not implemented", http.StatusNotImplemented)
}

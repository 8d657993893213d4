package fakecloud

import (
	"net/http"
	"sync"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
)

// denials are the actions the keys' role may not call, as a CAM or RAM
// policy without them: every call of such an action is refused, with the
// vendor's own error, until Allow. Unlike a fault, a denial is not drawn
// at random: asking again gets the same answer.
type denials struct {
	mu     sync.Mutex
	denied map[denialKey]bool
}

type denialKey struct{ vendor, action string }

// Deny makes every later call of the vendor's action refused as a policy
// without it refuses it: TAT answers UnauthorizedOperation (CAM), ECS HTTP
// 403 Forbidden.RAM. vendor is VendorTencent or VendorAlicloud.
func (s *Server) Deny(vendor, action string) {
	s.denials.mu.Lock()
	defer s.denials.mu.Unlock()
	if s.denials.denied == nil {
		s.denials.denied = map[denialKey]bool{}
	}
	s.denials.denied[denialKey{vendor, action}] = true
}

// Allow undoes Deny.
func (s *Server) Allow(vendor, action string) {
	s.denials.mu.Lock()
	defer s.denials.mu.Unlock()
	delete(s.denials.denied, denialKey{vendor, action})
}

// refuseDenied answers a denied action with the vendor's refusal, and
// returns true; the service never sees the request.
func (s *Server) refuseDenied(w http.ResponseWriter, req apiRequest) bool {
	s.denials.mu.Lock()
	denied := s.denials.denied[denialKey{req.vendor, req.action}]
	s.denials.mu.Unlock()
	if !denied {
		return false
	}
	if req.vendor == VendorTencent {
		tencent.WriteUnauthorized(w, req.action)
	} else {
		alicloud.WriteForbidden(w, req.region, req.action)
	}
	return true
}

// Package conns is the provider's one door to the vendor APIs. Resources
// never call an SDK directly: they ask Clients for a vendor client, whose
// methods wrap the SDK calls, so that retries, rate limiting and error
// translation live in one place for each vendor.
package conns

import (
	"fmt"
	"time"
)

// Clients is the ProviderData handed to every resource and data source.
// A vendor that is not configured has a nil client and an error saying what
// to set; the error only surfaces when a resource of that vendor is used, so
// TAT-only users need no Alibaba Cloud settings and the other way round.
type Clients struct {
	tat    *TATClient
	tatErr error
	ecs    *ECSClient
	ecsErr error

	// ECSRegionRule checks the region_id of ECS resources at plan.
	ECSRegionRule RegionRule

	// Now is the provider's clock; tests may replace it.
	Now func() time.Time
	// Lifetime ends waits early when the provider process is asked to
	// stop; nil in tests, where it never stops.
	Lifetime *Lifetime
}

// NewClients bundles the vendor clients, or the reasons they are missing.
func NewClients(tat *TATClient, tatErr error, ecs *ECSClient, ecsErr error) *Clients {
	return &Clients{tat: tat, tatErr: tatErr, ecs: ecs, ecsErr: ecsErr, Now: time.Now}
}

// TAT returns the Tencent Cloud TAT client, or why there is none.
func (c *Clients) TAT() (*TATClient, error) {
	if c.tat == nil {
		if c.tatErr != nil {
			return nil, c.tatErr
		}
		return nil, fmt.Errorf("the Tencent Cloud client is not configured")
	}
	return c.tat, nil
}

// ECS returns the Alibaba Cloud ECS client, or why there is none.
func (c *Clients) ECS() (*ECSClient, error) {
	if c.ecs == nil {
		if c.ecsErr != nil {
			return nil, c.ecsErr
		}
		return nil, fmt.Errorf("the Alibaba Cloud client is not configured")
	}
	return c.ecs, nil
}

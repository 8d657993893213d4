package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/testnet"
)

// deadEndpointLimit is how soon a plan against an endpoint that refuses
// connections must fail: the provider stops retrying an endpoint that has
// never answered after a few seconds, rather than after max_retries.
const deadEndpointLimit = 30 * time.Second

// TestDeadEndpointPlanFailsFast plans a data source of each vendor against
// a local port nothing listens on. The plan must fail within
// deadEndpointLimit, and say which endpoint could not be reached, for which
// region.
func TestDeadEndpointPlanFailsFast(t *testing.T) {
	t.Parallel()
	host := testnet.RefusingAddr(t)
	for _, tc := range []struct{ name, dataSource, vendor, region string }{
		{"tat", "cloudcmd_tat_commands", "Tencent Cloud", acctest.TencentRegion},
		{"ecs", "cloudcmd_ecs_commands", "Alibaba Cloud", acctest.AlicloudRegion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorkspace(t, requiredProviders+acctest.ProviderConfigVia("http://"+host)+`
data "`+tc.dataSource+`" "dead" {}
`)
			started := time.Now()
			r := w.run(t.Context(), nil, "plan", "-no-color", "-input=false")
			took := time.Since(started)
			t.Logf("plan against a dead endpoint failed after %s", took.Round(time.Millisecond))
			if r.err == nil {
				t.Fatalf("the plan succeeded against an endpoint that refuses connections:\n%s", r)
			}
			if took > deadEndpointLimit {
				t.Errorf("the plan took %s to fail, want at most %s", took.Round(time.Second), deadEndpointLimit)
			}
			out := strings.Join(strings.Fields(r.stderr), " ")
			for _, want := range []string{tc.vendor + " endpoint " + host, `region "` + tc.region + `"`, "could not be reached"} {
				if !strings.Contains(out, want) {
					t.Errorf("the error does not say %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}

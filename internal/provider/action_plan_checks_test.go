package provider_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// TestAccProvider_actionSettingsChecked: an action in a plan is invoked by
// the apply, so credentials that cannot be found and a region the vendor
// does not have fail the plan, before any call, as for a resource.
func TestAccProvider_actionSettingsChecked(t *testing.T) {
	fake := acctest.StartFake(t)
	profiles := t.TempDir()
	noKeys := fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    region                 = %[2]q
    endpoint               = %[1]q
    shared_credentials_dir = %[4]q
  }
  alicloud {
    region                  = %[3]q
    endpoint                = %[1]q
    shared_credentials_file = %[5]q
  }
}
`, fake.URL(), acctest.TencentRegion, acctest.AlicloudRegion, profiles, filepath.Join(profiles, "config.json"))
	tatAction := acctest.ActionTriggered("cloudcmd_tat_run_command", `
    content      = "true"
    instance_ids = ["ins-aaaa0001"]`)
	ecsAction := func(extra string) string {
		return acctest.ActionTriggered("cloudcmd_ecs_invoke_command", `
    command_id   = "ACS-ECS-ShowUptime-linux.sh"
    instance_ids = ["i-aaaa0001"]`+extra)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Config:      noKeys + tatAction,
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(`tencentcloud.secret_id is not set: set tencentcloud.secret_id in the provider block`),
		}, {
			Config:      noKeys + ecsAction(""),
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(`alicloud.access_key is not set: set alicloud.access_key in the provider block`),
		}, {
			Config:      acctest.ProviderConfig(fake) + ecsAction("\n    region_id = \"cn-atlantis-1\""),
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(`region_id "cn-atlantis-1" is not a region this provider knows.`),
		}},
	})
	counters := fake.Counters()
	if n := counters.Request(fakecloud.VendorTencent, fakecloud.AnyAction) + counters.Request(fakecloud.VendorAlicloud, fakecloud.AnyAction); n != 0 {
		t.Errorf("the fake received %d requests during plans", n)
	}
}

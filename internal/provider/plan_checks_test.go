package provider_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// TestAccProvider_settingsCheckedAtPlan: credentials that cannot be found
// and regions the vendor does not have fail `terraform plan`, naming the
// setting, its environment variable and the other places looked at,
// without an API call; skip_region_validation lets a newer region through.
func TestAccProvider_settingsCheckedAtPlan(t *testing.T) {
	fake := acctest.StartFake(t)
	// Empty profile places, so that no profile of the machine's user counts.
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
	regions := func(tencentRegion, skip string) string {
		return fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id  = %[2]q
    secret_key = %[3]q
    region     = %[6]q
    endpoint   = %[1]q%[7]s
  }
  alicloud {
    access_key = %[4]q
    secret_key = %[5]q
    endpoint   = %[1]q%[7]s
  }
}
`, fake.URL(), fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey,
			fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, tencentRegion, skip)
	}
	const skip = "\n    skip_region_validation = true"
	ecsIn := func(region string) string {
		return fmt.Sprintf(`
resource "cloudcmd_ecs_command" "test" {
  name            = "somewhere"
  type            = "RunShellScript"
  command_content = "true"
  region_id       = %q
}
`, region)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:   noKeys + tatCommand,
				PlanOnly: true,
				ExpectError: acctest.ExpectErrorText(`tencentcloud.secret_id is not set: set tencentcloud.secret_id in the provider block or the TENCENTCLOUD_SECRET_ID environment variable; ` +
					`no tccli profile "default"`),
			},
			{
				Config:      noKeys + tatCommand,
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`no CVM instance role: set tencentcloud.cam_role_name or TENCENTCLOUD_CAM_ROLE_NAME`),
			},
			{
				Config:   noKeys + ecsCommand,
				PlanOnly: true,
				ExpectError: acctest.ExpectErrorText(`alicloud.access_key is not set: set alicloud.access_key in the provider block or the ALICLOUD_ACCESS_KEY environment variable; ` +
					`no Alibaba Cloud CLI configuration at`),
			},
			{
				Config:      regions("ap-atlantis", "") + tatCommand,
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`tencentcloud.region "ap-atlantis" is not a region this provider knows.`),
			},
			{
				Config:      regions(acctest.TencentRegion, "") + ecsIn("cn-atlantis-1"),
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`region_id "cn-atlantis-1" is not a region this provider knows. Known regions: cn-qingdao,`),
			},
			{
				Config:      regions(acctest.TencentRegion, "") + ecsIn("cn-atlantis-1"),
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`set alicloud.skip_region_validation = true to use it anyway`),
			},
			{
				Config:      strings.Replace(regions(acctest.TencentRegion, ""), "alicloud {", "alicloud {\n    assume_role {\n      session_name = \"ci\"\n    }", 1) + ecsCommand,
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`Attribute "alicloud.assume_role.role_arn" must be specified when "alicloud.assume_role" is specified`),
			},
			{
				Config:      strings.Replace(regions(acctest.TencentRegion, ""), "alicloud {", "alicloud {\n    assume_role {\n      role_arn = \"acs:ram::1:role/x\"\n      session_duration = 600\n    }", 1) + ecsCommand,
				PlanOnly:    true,
				ExpectError: acctest.ExpectErrorText(`alicloud.assume_role.session_duration value must be between 900 and 43200, got: 600`),
			},
			{
				Config:             regions("ap-atlantis", skip) + tatCommand + ecsIn("cn-atlantis-1"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if n := fake.Tencent().RequestCount("CreateCommand") + fake.Alicloud().RequestCount("CreateCommand"); n != 0 {
		t.Errorf("CreateCommand was sent %d times during plans", n)
	}
}

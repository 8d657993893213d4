package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	fakealicloud "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/alicloud"
	faketencent "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
)

// Each source of credentials is tested the way users set it, against the
// fake; the instance roles are left out: the SDKs read them from fixed
// metadata addresses that cannot be pointed at the fake.

const (
	tencentRoleARN = "qcs::cam::uin/100000000001:roleName/terraform"
	alibabaRoleARN = "acs:ram::1234567890123456:role/terraform"
)

const bothCommands = `
resource "cloudcmd_tat_command" "test" {
  name    = "from-a-role"
  content = "true"
}
resource "cloudcmd_ecs_command" "test" {
  name            = "from-a-role"
  type            = "RunShellScript"
  command_content = "true"
}
`

// TestAccProvider_assumeRole signs every call with the temporary keys of
// the role each vendor block assumes, obtained once from STS.
func TestAccProvider_assumeRole(t *testing.T) {
	fake := acctest.StartFake(t)
	config := fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id    = %[2]q
    secret_key   = %[3]q
    region       = %[4]q
    endpoint     = %[1]q
    sts_endpoint = %[1]q
    assume_role {
      role_arn         = %[8]q
      session_name     = "ci"
      session_duration = 3600
      external_id      = "team-a"
      policy           = jsonencode({ version = "2.0", statement = [{ effect = "allow", action = ["tat:*"], resource = ["*"] }] })
    }
  }
  alicloud {
    access_key   = %[5]q
    secret_key   = %[6]q
    region       = %[7]q
    endpoint     = %[1]q
    sts_endpoint = %[1]q
    assume_role {
      role_arn    = %[9]q
      external_id = "team-a"
    }
  }
}
`, fake.URL(), fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey, acctest.TencentRegion,
		fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, acctest.AlicloudRegion, tencentRoleARN, alibabaRoleARN)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config + bothCommands,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrSet("cloudcmd_tat_command.test", "id"),
				resource.TestCheckResourceAttrSet("cloudcmd_ecs_command.test", "id"),
				signedWithRoleOnly(fake),
			),
		}},
	})
}

// signedWithRoleOnly checks that each vendor handed out keys for the role,
// and that the commands were created with them.
func signedWithRoleOnly(fake *fakecloud.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := oneRoleKeyUsed("Tencent Cloud", tencentKeys(fake.Tencent().TemporaryKeys()), tencentRoleARN); err != nil {
			return err
		}
		return oneRoleKeyUsed("Alibaba Cloud", alibabaKeys(fake.Alicloud().TemporaryKeys()), alibabaRoleARN)
	}
}

type issuedKey struct {
	role     string
	requests int
}

func tencentKeys(keys []faketencent.TemporaryKey) []issuedKey {
	out := make([]issuedKey, len(keys))
	for i, k := range keys {
		out[i] = issuedKey{k.Role, k.Requests}
	}
	return out
}

func alibabaKeys(keys []fakealicloud.TemporaryKey) []issuedKey {
	out := make([]issuedKey, len(keys))
	for i, k := range keys {
		out[i] = issuedKey{k.Role, k.Requests}
	}
	return out
}

func oneRoleKeyUsed(vendor string, keys []issuedKey, role string) error {
	if len(keys) != 1 {
		return fmt.Errorf("%s STS handed out %d keys, want 1 (renewed only when about to expire)", vendor, len(keys))
	}
	if keys[0].role != role || keys[0].requests == 0 {
		return fmt.Errorf("%s: key for %s used %d times, want a key for %s that signed the calls", vendor, keys[0].role, keys[0].requests, role)
	}
	return nil
}

// TestAccProvider_profileFiles finds the keys in the vendors' CLI profile
// files, named through the environment variables users set: a tccli
// profile (keys and region) and an Alibaba Cloud CLI profile in
// RamRoleArn mode, whose keys assume a role through STS.
func TestAccProvider_profileFiles(t *testing.T) {
	fake := acctest.StartFake(t)
	tccli := t.TempDir()
	writeFile(t, filepath.Join(tccli, "ci.credential"), fmt.Sprintf(`{"secretId": %q, "secretKey": %q}`, fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey))
	writeFile(t, filepath.Join(tccli, "ci.configure"), fmt.Sprintf(`{"_sys_param": {"region": %q}}`, acctest.TencentRegion))
	aliyun := filepath.Join(t.TempDir(), "config.json")
	writeFile(t, aliyun, fmt.Sprintf(`{
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "LTAInotthisone", "access_key_secret": "x", "region_id": "cn-beijing"},
    {"name": "ci", "mode": "RamRoleArn", "access_key_id": %q, "access_key_secret": %q,
     "ram_role_arn": %q, "ram_session_name": "ci", "expired_seconds": 900, "region_id": %q}
  ]
}`, fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, alibabaRoleARN, acctest.AlicloudRegion))
	t.Setenv("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", tccli)
	t.Setenv("TENCENTCLOUD_PROFILE", "ci")
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", aliyun)
	t.Setenv("ALIBABA_CLOUD_PROFILE", "ci")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    endpoint = %[1]q
  }
  alicloud {
    endpoint     = %[1]q
    sts_endpoint = %[1]q
  }
}
`, fake.URL()) + bothCommands,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("cloudcmd_ecs_command.test", "region_id", acctest.AlicloudRegion),
				func(*terraform.State) error {
					if n := fake.Tencent().RequestCount("CreateCommand"); n != 1 {
						return fmt.Errorf("TAT CreateCommand sent %d times, want 1", n)
					}
					return oneRoleKeyUsed("Alibaba Cloud", alibabaKeys(fake.Alicloud().TemporaryKeys()), alibabaRoleARN)
				},
			),
		}},
	})
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

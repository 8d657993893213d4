package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

func TestAccProvider_remoteHTTPEndpointIsAPlanError(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "cloudcmd" {
  alicloud {
    access_key = "a"
    secret_key = "b"
    endpoint   = "http://ecs.example.com"
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "x"
  content = "true"
}
`,
			PlanOnly:    true,
			ExpectError: acctest.ExpectErrorText(`uses plain http on a host that is not loopback. Use https, a loopback host (127.0.0.0/8, ::1, localhost), or set insecure = true in the same block.`),
		}},
	})
	if n := fake.Tencent().RequestCount("CreateCommand"); n != 0 {
		t.Errorf("CreateCommand was called %d times during a failed plan", n)
	}
}

// TestAccProvider_environmentFallback configures Tencent Cloud entirely from
// the environment: only the endpoint is in the configuration.
func TestAccProvider_environmentFallback(t *testing.T) {
	fake := acctest.StartFake(t)
	t.Setenv("TENCENTCLOUD_SECRET_ID", fakecloud.DefaultTencentSecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", fakecloud.DefaultTencentSecretKey)
	t.Setenv("TENCENTCLOUD_REGION", acctest.TencentRegion)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "cloudcmd" {
  tencentcloud {
    endpoint = "` + fake.URL() + `"
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "from-env"
  content = "true"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("cloudcmd_tat_command.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cmd-`))),
			},
		}},
	})
}

func TestAccProvider_maxRetriesMustNotBeNegative(t *testing.T) {
	for _, block := range []string{"tencentcloud", "alicloud"} {
		t.Run(block, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: `
provider "cloudcmd" {
  ` + block + ` {
    max_retries = -1
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "x"
  content = "true"
}
`,
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(block + `.max_retries value must be at least 0, got: -1`),
				}},
			})
		})
	}
}

func TestAccProvider_maxRetriesZeroIsAccepted(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "cloudcmd" {
  tencentcloud {
    secret_id   = "` + fakecloud.DefaultTencentSecretID + `"
    secret_key  = "` + fakecloud.DefaultTencentSecretKey + `"
    region      = "` + acctest.TencentRegion + `"
    endpoint    = "` + fake.URL() + `"
    max_retries = 0
  }
  alicloud {
    max_retries = 25
  }
}
resource "cloudcmd_tat_command" "test" {
  name    = "no-retries"
  content = "true"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("cloudcmd_tat_command.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cmd-`))),
			},
		}},
	})
}

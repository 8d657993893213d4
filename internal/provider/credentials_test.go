package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// Wrong credentials must give one clear diagnostic after one request: a
// signature or token the service refused will not be accepted on a retry,
// and a retry storm would only delay the answer and count against the
// account's rate limits.

const (
	sessionTokenOfTheFake = "token-the-fake-accepts"
	expiredSessionToken   = "token-that-has-expired"
)

func TestAccProvider_wrongCredentialsAreNotRetried(t *testing.T) {
	cases := map[string]struct {
		provider func(fake *fakecloud.Server) string
		resource string
		sent     func(fake *fakecloud.Server) int
		want     string
	}{
		"tencent secret key": {
			provider: func(fake *fakecloud.Server) string {
				return tencentProvider(fake, "secret_key = \"not-the-secret\"")
			},
			resource: tatCommand,
			sent:     func(fake *fakecloud.Server) int { return fake.Tencent().RequestCount("CreateCommand") },
			want:     "Tencent Cloud error code: AuthFailure.SignatureFailure",
		},
		"tencent security token": {
			provider: func(fake *fakecloud.Server) string {
				return tencentProvider(fake, fmt.Sprintf("secret_key = %q\n    security_token = %q", fakecloud.DefaultTencentSecretKey, expiredSessionToken))
			},
			resource: tatCommand,
			sent:     func(fake *fakecloud.Server) int { return fake.Tencent().RequestCount("CreateCommand") },
			want:     "is wrong or has expired: renew the temporary credentials. Tencent Cloud error code: AuthFailure.TokenFailure",
		},
		"alicloud secret key": {
			provider: func(fake *fakecloud.Server) string {
				return alicloudProvider(fake, "secret_key = \"not-the-secret\"")
			},
			resource: ecsCommand,
			sent:     func(fake *fakecloud.Server) int { return fake.Alicloud().RequestCount("CreateCommand") },
			want:     "Check the access_key and secret_key of the provider's alicloud block (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY). Alibaba Cloud error code: SignatureDoesNotMatch",
		},
		"alicloud security token": {
			provider: func(fake *fakecloud.Server) string {
				return alicloudProvider(fake, fmt.Sprintf("secret_key = %q\n    security_token = %q", fakecloud.DefaultAlicloudSecretKey, expiredSessionToken))
			},
			resource: ecsCommand,
			sent:     func(fake *fakecloud.Server) int { return fake.Alicloud().RequestCount("CreateCommand") },
			want:     "is wrong or has expired: renew the STS credentials. Alibaba Cloud error code: InvalidSecurityToken.",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t, func(o *fakecloud.Options) {
				o.TencentSecurityToken = sessionTokenOfTheFake
				o.AlicloudSecurityToken = sessionTokenOfTheFake
			})
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.provider(fake) + tc.resource,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := tc.sent(fake); n != 1 {
				t.Errorf("CreateCommand was sent %d times, want once", n)
			}
		})
	}
}

func tencentProvider(fake *fakecloud.Server, secret string) string {
	return fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id = %q
    %s
    region    = %q
    endpoint  = %q
  }
}
`, fakecloud.DefaultTencentSecretID, secret, acctest.TencentRegion, fake.URL())
}

func alicloudProvider(fake *fakecloud.Server, secret string) string {
	return fmt.Sprintf(`
provider "cloudcmd" {
  alicloud {
    access_key = %q
    %s
    region     = %q
    endpoint   = %q
  }
}
`, fakecloud.DefaultAlicloudAccessKey, secret, acctest.AlicloudRegion, fake.URL())
}

const tatCommand = `
resource "cloudcmd_tat_command" "test" {
  name    = "denied"
  content = "true"
}
`

const ecsCommand = `
resource "cloudcmd_ecs_command" "test" {
  name            = "denied"
  type            = "RunShellScript"
  command_content = "true"
}
`

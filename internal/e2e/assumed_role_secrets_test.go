package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

const (
	roleBaseSecret = "base-secret-for-sts-6a2d"
	roleExternalID = "external-id-9c4e"
)

// TestAssumedRoleKeysStayOutOfPlanAndLogs: with assume_role, neither the
// keys that asked STS nor the temporary keys and tokens it handed out reach
// the plan and apply output, the TRACE log or the state.
func TestAssumedRoleKeysStayOutOfPlanAndLogs(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t, func(o *fakecloud.Options) {
		o.TencentSecretKey = roleBaseSecret
		o.AlicloudSecretKey = roleBaseSecret
	})
	w := newWorkspace(t, requiredProviders+fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id    = %[2]q
    secret_key   = %[4]q
    region       = %[5]q
    endpoint     = %[1]q
    sts_endpoint = %[1]q
    assume_role {
      role_arn    = "qcs::cam::uin/100000000001:roleName/terraform"
      external_id = %[7]q
    }
  }
  alicloud {
    access_key   = %[3]q
    secret_key   = %[4]q
    region       = %[6]q
    endpoint     = %[1]q
    sts_endpoint = %[1]q
    assume_role {
      role_arn    = "acs:ram::1234567890123456:role/terraform"
      external_id = %[7]q
    }
  }
}

resource "cloudcmd_tat_command" "role" {
  name    = "e2e-role"
  content = "true"
}

resource "cloudcmd_ecs_command" "role" {
  name            = "e2e-role"
  type            = "RunShellScript"
  command_content = "true"
}
`, fake.URL(), fakecloud.DefaultTencentSecretID, fakecloud.DefaultAlicloudAccessKey, roleBaseSecret,
		acctest.TencentRegion, acctest.AlicloudRegion, roleExternalID))
	logFile := w.path("trace.log")
	traceEnv := []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile}
	plan := w.mustRun(traceEnv, "plan", "-no-color", "-input=false", "-out=tfplan")
	apply := w.mustRun(traceEnv, "apply", "-no-color", "-input=false", "tfplan")
	log := readFile(t, logFile)
	if len(linesWith(log, "action=AssumeRole")) == 0 {
		t.Fatalf("the TRACE log holds no AssumeRole exchange; the test would prove nothing:\n%.2000s", log)
	}

	secrets := []string{roleBaseSecret, roleExternalID}
	for _, k := range fake.Tencent().TemporaryKeys() {
		secrets = append(secrets, k.Secret, k.Token)
	}
	for _, k := range fake.Alicloud().TemporaryKeys() {
		secrets = append(secrets, k.Secret, k.Token)
	}
	if len(secrets) != 6 {
		t.Fatalf("STS handed out %d keys, want one per vendor", (len(secrets)-2)/2)
	}
	places := map[string]string{
		"plan output":  plan.stdout + plan.stderr,
		"apply output": apply.stdout + apply.stderr,
		"TRACE log":    log,
		"state":        readFile(t, w.path("terraform.tfstate")),
	}
	for place, text := range places {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("secret %q found in the %s", secret, place)
			}
		}
	}
}

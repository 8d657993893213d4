// Package acctest is the shared harness for acceptance tests: it starts a
// fake endpoint per test, serves the provider in-process, and writes the
// provider configuration that points at the fake.
package acctest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/provider"
)

// Regions the fake is addressed with.
const (
	TencentRegion  = "ap-guangzhou"
	AlicloudRegion = "cn-hangzhou"
)

// ProtoV6ProviderFactories serves the provider in-process to the terraform
// CLI that terraform-plugin-testing drives.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"cloudcmd": provider.CheckedServer(provider.New("test")),
}

var findTerraform sync.Once

// PreCheck makes sure the terraform CLI is found locally: tests must never
// download one. TF_ACC_TERRAFORM_PATH wins; otherwise the one on PATH, else
// /usr/local/bin/terraform. TF_ACC_TERRAFORM_PATH may name OpenTofu.
func PreCheck(t *testing.T) {
	t.Helper()
	findTerraform.Do(func() {
		useLocalTerraform()
		serveUnderOpenTofusRegistry()
	})
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p == "" {
		t.Fatal("no terraform CLI found: put terraform on PATH or set TF_ACC_TERRAFORM_PATH")
	}
}

// useLocalTerraform points terraform-plugin-testing at a local CLI, for the
// whole test process: parallel tests cannot use t.Setenv.
func useLocalTerraform() {
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return
	}
	if p, err := exec.LookPath("terraform"); err == nil {
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		return
	}
	if _, err := os.Stat("/usr/local/bin/terraform"); err == nil {
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", "/usr/local/bin/terraform")
	}
}

// serveUnderOpenTofusRegistry makes terraform-plugin-testing give the
// provider it serves in-process an address OpenTofu accepts, when the CLI is
// OpenTofu. The address goes to the CLI in TF_REATTACH_PROVIDERS, on
// registry.terraform.io unless TF_ACC_PROVIDER_HOST says otherwise; OpenTofu
// completes the configurations' "cloudcmd" with its own registry,
// registry.opentofu.org, and refuses the legacy namespace "-" on any other
// host, so with the default every test would fail at init.
func serveUnderOpenTofusRegistry() {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" || os.Getenv("TF_ACC_PROVIDER_HOST") != "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, cli, "version").Output()
	if err == nil && openTofuVersion.Match(out) {
		_ = os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
}

// openTofuVersion is the line `tofu version` names itself with; warnings
// about the CLI configuration may come before it.
var openTofuVersion = regexp.MustCompile(`(?m)^OpenTofu v`)

// StartFake starts a fake endpoint on a free loopback port for one test and
// closes it when the test ends.
func StartFake(t *testing.T, opts ...func(*fakecloud.Options)) *fakecloud.Server {
	t.Helper()
	var o fakecloud.Options
	for _, opt := range opts {
		opt(&o)
	}
	fake := fakecloud.New(o)
	if _, err := fake.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the fake endpoint: %v", err)
	}
	t.Cleanup(func() { _ = fake.Close() })
	return fake
}

// ProviderConfig is a provider block pointing both vendors at the fake with
// its default credentials.
func ProviderConfig(fake *fakecloud.Server) string {
	return ProviderConfigVia(fake.URL())
}

// ProviderConfigVia is a provider block pointing both vendors at endpoint,
// such as a proxy in front of the fake, with the fake's default credentials.
func ProviderConfigVia(endpoint string) string {
	return providerBlock(endpoint, "")
}

// ProviderConfigRetrying is ProviderConfigVia with max_retries set for both
// vendors: tests of bad answers set it low, so a failure is reported at
// once rather than after the retry budget.
func ProviderConfigRetrying(endpoint string, maxRetries int) string {
	return providerBlock(endpoint, fmt.Sprintf("\n    max_retries = %d", maxRetries))
}

// providerBlock writes the provider block; extra holds more settings for
// both vendor blocks.
func providerBlock(endpoint, extra string) string {
	return fmt.Sprintf(`
provider "cloudcmd" {
  tencentcloud {
    secret_id  = %[2]q
    secret_key = %[3]q
    region     = %[4]q
    endpoint   = %[1]q%[8]s
  }
  alicloud {
    access_key = %[5]q
    secret_key = %[6]q
    region     = %[7]q
    endpoint   = %[1]q%[8]s
  }
}
`, endpoint,
		fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey, TencentRegion,
		fakecloud.DefaultAlicloudAccessKey, fakecloud.DefaultAlicloudSecretKey, AlicloudRegion, extra)
}

// TATClient is a client of the fake's TAT API, for checks outside Terraform.
func TATClient(t *testing.T, fake *fakecloud.Server) *conns.TATClient {
	t.Helper()
	c, err := conns.NewTATClient(conns.TATConfig{
		SecretID: fakecloud.DefaultTencentSecretID, SecretKey: fakecloud.DefaultTencentSecretKey,
		Region: TencentRegion, Endpoint: fake.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ECSClient is a client of the fake's ECS API, for checks outside Terraform.
func ECSClient(t *testing.T, fake *fakecloud.Server) *conns.ECSClient {
	t.Helper()
	c, err := conns.NewECSClient(conns.ECSConfig{
		AccessKey: fakecloud.DefaultAlicloudAccessKey, SecretKey: fakecloud.DefaultAlicloudSecretKey,
		Region: AlicloudRegion, Endpoint: fake.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ExpectErrorText matches an error message whose words terraform may have
// wrapped across lines: text is taken literally, except that each space
// matches any run of white space.
func ExpectErrorText(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(words, `\s+`))
}

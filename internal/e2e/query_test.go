package e2e

import (
	"context"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	ecsapi "github.com/alibabacloud-go/ecs-20140526/v4/client"
	version "github.com/hashicorp/go-version"
	tatapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// queryConfig lists every kind of object the provider can find, whole, so
// that -generate-config-out can write their configuration.
const queryConfig = `
list "cloudcmd_tat_command" "all" {
  provider         = cloudcmd
  include_resource = true
}
list "cloudcmd_tat_invoker" "all" {
  provider         = cloudcmd
  include_resource = true
}
list "cloudcmd_ecs_command" "all" {
  provider         = cloudcmd
  include_resource = true
}
`

// TestTerraformQuery_generateConfig finds objects made outside Terraform
// with `terraform query -generate-config-out`, then plans the configuration
// it wrote: every object is imported by its identity, and nothing is
// added, changed or destroyed. TAT's public commands, which the fake serves
// in every region, are not among them.
func TestTerraformQuery_generateConfig(t *testing.T) {
	t.Parallel()
	terraform := preCheck(t)
	requireTerraformAtLeast(t, terraform, "1.14.0", "terraform query")
	fake := acctest.StartFake(t)
	seedAccount(t, fake)
	w := newWorkspace(t, requiredProviders+acctest.ProviderConfig(fake))
	writeFile(t, w.path("search.tfquery.hcl"), queryConfig)

	query := w.mustRun(nil, "query", "-no-color", "-generate-config-out=generated.tf")
	for _, name := range []string{"deploy", "rotate-logs", "nightly-backup", "ecs-deploy", "ecs-cleanup"} {
		if !strings.Contains(query.stdout, name) {
			t.Errorf("terraform query does not show %s:\n%s", name, query)
		}
	}
	generated := readFile(t, w.path("generated.tf"))
	if n := strings.Count(generated, "import {"); n != 5 {
		t.Errorf("generated.tf has %d import blocks, want 5:\n%s", n, generated)
	}
	if !regexp.MustCompile(`identity\s*=\s*\{`).MatchString(generated) {
		t.Errorf("generated.tf imports by something other than identity:\n%s", generated)
	}
	if strings.Contains(generated, "cmd-tatpub") || strings.Contains(generated, "TAT_") {
		t.Errorf("generated.tf holds a public command:\n%s", generated)
	}

	plan := w.mustRun(nil, "plan", "-no-color", "-input=false")
	if !strings.Contains(plan.stdout, "Plan: 5 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan of the generated configuration is not 5 imports and nothing else:\n%s\n--- generated.tf\n%s", plan, generated)
	}
}

// seedAccount makes, through the APIs as a console would, two TAT commands,
// an invoker of one of them and two ECS commands.
func seedAccount(t *testing.T, fake *fakecloud.Server) {
	t.Helper()
	ctx := context.Background()
	tat := acctest.TATClient(t, fake)
	var commandIDs []string
	for _, c := range []struct{ name, content, description string }{
		{"deploy", "ZWNobyBkZXBsb3k=", "ships the release"}, // echo deploy
		{"rotate-logs", "bG9ncm90YXRlIC1m", ""},             // logrotate -f
	} {
		out, err := tat.CreateCommand(ctx, &tatapi.CreateCommandRequest{
			CommandName: &c.name, Content: &c.content, Description: &c.description,
			Tags: []*tatapi.Tag{{Key: ptr("team"), Value: ptr("ops")}},
		})
		if err != nil {
			t.Fatalf("seeding TAT command %s: %v", c.name, err)
		}
		commandIDs = append(commandIDs, *out.Response.CommandId)
	}
	_, err := tat.CreateInvoker(ctx, &tatapi.CreateInvokerRequest{
		Name: ptr("nightly-backup"), Type: ptr("SCHEDULE"), CommandId: &commandIDs[1],
		InstanceIds:      []*string{ptr("ins-aaaa0001")},
		ScheduleSettings: &tatapi.ScheduleSettings{Policy: ptr("RECURRENCE"), Recurrence: ptr("0 3 * * *")},
	})
	if err != nil {
		t.Fatalf("seeding TAT invoker: %v", err)
	}
	ecs := acctest.ECSClient(t, fake)
	for _, name := range []string{"ecs-deploy", "ecs-cleanup"} {
		_, err := ecs.CreateCommand(ctx, &ecsapi.CreateCommandRequest{
			RegionId: ptr(acctest.AlicloudRegion), Name: ptr(name), Type: ptr("RunShellScript"),
			CommandContent: ptr("ZWNobyBzZWVkZWQ="), ContentEncoding: ptr("Base64"), // echo seeded
			Tag: []*ecsapi.CreateCommandRequestTag{{Key: ptr("team"), Value: ptr("ops")}},
		})
		if err != nil {
			t.Fatalf("seeding ECS command %s: %v", name, err)
		}
	}
}

// requireTerraformAtLeast skips a test of a feature the CLI under test is
// too old for; `make test-terraform-latest` runs it under a new enough one.
func requireTerraformAtLeast(t *testing.T, terraform, minimum, feature string) {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), terraform, "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		t.Fatalf("reading terraform version -json %q: %v", out, err)
	}
	if version.Must(version.NewVersion(v.Version)).LessThan(version.Must(version.NewVersion(minimum))) {
		t.Skipf("%s needs Terraform %s or later; this is %s", feature, minimum, v.Version)
	}
}

func ptr[T any](v T) *T { return &v }

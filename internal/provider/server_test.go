package provider_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/provider"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// frameworkReads counts, per resource type, the refreshes that reach the
// framework's server behind runs.HistoryServer.
type frameworkReads struct {
	runs.FrameworkServer
	mu     *sync.Mutex
	byType map[string]int
}

func (s frameworkReads) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	s.mu.Lock()
	s.byType[req.TypeName]++
	s.mu.Unlock()
	return s.FrameworkServer.ReadResource(ctx, req)
}

func (s frameworkReads) count(typeName string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byType[typeName]
}

// TestAccServer_historyIsAnsweredBeforeTheFramework: finished runs of both
// vendors are refreshed by runs.HistoryServer from the mark their create
// left, with their state as it was and no API call, however often
// Terraform refreshes them; a run still going is read by the framework.
func TestAccServer_historyIsAnsweredBeforeTheFramework(t *testing.T) {
	fake := acctest.StartFake(t)
	reads := frameworkReads{mu: &sync.Mutex{}, byType: map[string]int{}}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"cloudcmd": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
			if err != nil {
				return nil, err
			}
			framework, ok := server.(runs.FrameworkServer)
			if !ok {
				return nil, fmt.Errorf("the framework's server (%T) does not serve every kind of request", server)
			}
			reads.FrameworkServer = framework
			return runs.HistoryServer(reads), nil
		},
	}
	config := acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_run_command" "done" {
  content      = "echo tat done"
  instance_ids = ["ins-aaaa0001"]
}

resource "cloudcmd_ecs_run_command" "done" {
  type            = "RunShellScript"
  command_content = "echo ecs done"
  instance_ids    = ["i-aaaa0001"]
}

resource "cloudcmd_tat_invocation" "going" {
  command_id          = cloudcmd_tat_command.sleep.id
  instance_ids        = ["ins-aaaa0001"]
  wait_for_completion = false
}

resource "cloudcmd_tat_command" "sleep" {
  name    = "sleep-a-while"
  content = "sleep 100000"
}
`
	noFrameworkReads := func(s *terraform.State) error {
		for _, typeName := range []string{"cloudcmd_tat_run_command", "cloudcmd_ecs_run_command"} {
			if n := reads.count(typeName); n != 0 {
				return fmt.Errorf("the framework refreshed %s %d times; a finished run is answered before it", typeName, n)
			}
		}
		if reads.count("cloudcmd_tat_invocation") == 0 {
			return fmt.Errorf("the run still going was never read by the framework")
		}
		return nil
	}
	outputs := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("cloudcmd_tat_run_command.done", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("tat done\n")),
		statecheck.ExpectKnownValue("cloudcmd_ecs_run_command.done", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("ecs done\n")),
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: outputs,
		}, {
			PreConfig:         fake.ResetCounters,
			Config:            config,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: outputs,
			Check: resource.ComposeTestCheckFunc(
				noFrameworkReads,
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocations", "DescribeInvocationResults"),
			),
		}, {
			RefreshState: true,
			Check:        noFrameworkReads,
		}},
	})
}

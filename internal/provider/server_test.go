package provider_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

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

// frameworkCalls counts, per resource type, the refreshes and the plans
// that reach the framework's server behind runs.HistoryServer.
type frameworkCalls struct {
	runs.FrameworkServer
	mu    *sync.Mutex
	reads map[string]int
	plans map[string]int
}

func (s frameworkCalls) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	s.count(s.reads, req.TypeName)
	return s.FrameworkServer.ReadResource(ctx, req)
}

func (s frameworkCalls) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	s.count(s.plans, req.TypeName)
	return s.FrameworkServer.PlanResourceChange(ctx, req)
}

func (s frameworkCalls) count(calls map[string]int, typeName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	calls[typeName]++
}

// reset forgets the calls counted so far.
func (s frameworkCalls) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.reads)
	clear(s.plans)
}

func (s frameworkCalls) of(calls map[string]int, typeName string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return calls[typeName]
}

// TestAccServer_historyIsAnsweredBeforeTheFramework: finished runs of both
// vendors are refreshed and planned by runs.HistoryServer from the mark
// their create left, with their state as it was and no API call, however
// often Terraform refreshes them: the ECS run in the provider's region,
// which has not moved, and a TAT run given write-only parameters too. A
// run still going is read and planned by the framework, as is a finished
// run whose configuration changed, even only by leaving out a switch so
// that its default comes back.
func TestAccServer_historyIsAnsweredBeforeTheFramework(t *testing.T) {
	fake := acctest.StartFake(t)
	calls := frameworkCalls{mu: &sync.Mutex{}, reads: map[string]int{}, plans: map[string]int{}}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"cloudcmd": provider.ServeThrough(provider.New("test"), func(framework runs.FrameworkServer, plans map[string]runs.HistoryPlan) runs.FrameworkServer {
			calls.FrameworkServer = framework
			return runs.HistoryServer(calls, plans)
		}),
	}
	config := func(tatSwitches string) string {
		return acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_run_command" "done" {
  content      = "echo tat done"
  instance_ids = ["ins-aaaa0001"]` + tatSwitches + `
}

resource "cloudcmd_tat_run_command" "secret" {
  content               = "echo {{token}} > /dev/null"
  instance_ids          = ["ins-aaaa0001"]
  enable_parameter      = true
  parameters_wo         = { token = "s3cr3t" }
  parameters_wo_version = 1
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
	}
	finished := []string{"cloudcmd_tat_run_command", "cloudcmd_ecs_run_command"}
	answeredBeforeTheFramework := func(s *terraform.State) error {
		for _, typeName := range finished {
			if n := calls.of(calls.reads, typeName); n != 0 {
				return fmt.Errorf("the framework refreshed %s %d times; a finished run is answered before it", typeName, n)
			}
			if n := calls.of(calls.plans, typeName); n != 0 {
				return fmt.Errorf("the framework planned %s %d times; an unchanged finished run is answered before it", typeName, n)
			}
		}
		if calls.of(calls.reads, "cloudcmd_tat_invocation") == 0 || calls.of(calls.plans, "cloudcmd_tat_invocation") == 0 {
			return fmt.Errorf("the run still going was never read and planned by the framework")
		}
		return nil
	}
	plannedByTheFramework := func(s *terraform.State) error {
		if calls.of(calls.plans, "cloudcmd_tat_run_command") == 0 {
			return fmt.Errorf("the changed run was never planned by the framework")
		}
		return nil
	}
	outputs := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("cloudcmd_tat_run_command.done", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("tat done\n")),
		statecheck.ExpectKnownValue("cloudcmd_ecs_run_command.done", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("ecs done\n")),
	}
	resetCounts := func() {
		fake.ResetCounters()
		calls.reset()
	}
	updatedInPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("cloudcmd_tat_run_command.done", plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:            config(""),
			ConfigStateChecks: outputs,
		}, {
			PreConfig:         resetCounts,
			Config:            config(""),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: outputs,
			Check: resource.ComposeTestCheckFunc(
				answeredBeforeTheFramework,
				acctest.CheckNoCalls(fake, fakecloud.VendorAlicloud, "DescribeInvocations", "DescribeInvocationResults"),
			),
		}, {
			PreConfig:    resetCounts,
			RefreshState: true,
			Check:        answeredBeforeTheFramework,
		}, {
			// A switch set, then left out: its default comes back, which
			// only the framework plans.
			PreConfig:         resetCounts,
			Config:            config("\n  fail_on_error = false"),
			ConfigPlanChecks:  updatedInPlace,
			ConfigStateChecks: outputs,
			Check:             plannedByTheFramework,
		}, {
			PreConfig:         resetCounts,
			Config:            config(""),
			ConfigPlanChecks:  updatedInPlace,
			ConfigStateChecks: append(outputs, statecheck.ExpectKnownValue("cloudcmd_tat_run_command.done", tfjsonpath.New("fail_on_error"), knownvalue.Bool(true))),
			Check:             plannedByTheFramework,
		}},
	})
}

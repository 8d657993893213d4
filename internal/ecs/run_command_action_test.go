package ecs_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// actionTestCase runs steps under Terraform 1.14 or later, which has
// actions.
func actionTestCase(t *testing.T, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps:                    steps,
	}
}

// runCommandActionConfig invokes cloudcmd_ecs_run_command with body once,
// after a terraform_data is created.
func runCommandActionConfig(fake *fakecloud.Server, body string) string {
	return acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_ecs_run_command", body)
}

// expectScriptRuns checks how many times script ran on the instances.
func expectScriptRuns(fake *fakecloud.Server, script string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(fake.Executions().ByContent(fakecloud.VendorAlicloud)[script]); n != want {
			return fmt.Errorf("the script ran %d times on the instances, want %d", n, want)
		}
		return nil
	}
}

// TestAccECSRunCommand_action runs the script once, in one
// RunCommand, on every instance; applying the same configuration again
// does not invoke the action again.
func TestAccECSRunCommand_action(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo hello from action\nhostname"
	config := runCommandActionConfig(fake, fmt.Sprintf(`
    type            = "RunShellScript"
    command_content = %q
    instance_ids    = ["i-bbbb0002", "i-aaaa0001"]`, script))
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeTestCheckFunc(
			expectScriptRuns(fake, script, 2),
			expectRunCount(fake, 1),
		),
	}, resource.TestStep{
		Config: config,
		Check:  expectRunCount(fake, 1),
	}))
}

// TestAccECSRunCommand_actionFailure fails the apply, naming the instance
// that failed, its status, exit code and last lines of output.
func TestAccECSRunCommand_actionFailure(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo checking\necho service down\nfail-on i-bbbb0002 7"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    type            = "RunShellScript"
    command_content = %q
    instance_ids    = ["i-aaaa0001", "i-bbbb0002"]`, script)),
		ExpectError: regexp.MustCompile(`(?s)ECS Command Failed.*i-bbbb0002: Failed, exit code 7.*checking\s+service down.*1 of 2 instances did not succeed`),
	}))
	// A step that expects an error runs no checks: count once it is over.
	if err := resource.ComposeTestCheckFunc(expectScriptRuns(fake, script, 2), expectRunCount(fake, 1))(nil); err != nil {
		t.Error(err)
	}
}

// TestAccECSRunCommand_actionRolling sends the instances in waves of two,
// one RunCommand each.
func TestAccECSRunCommand_actionRolling(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo rolling"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    type            = "RunShellScript"
    command_content = %q
    instance_ids    = ["i-aaaa0001", "i-aaaa0002", "i-aaaa0003"]
    max_concurrency = "2"`, script)),
		Check: resource.ComposeTestCheckFunc(
			expectScriptRuns(fake, script, 3),
			expectRunCount(fake, 2),
		),
	}))
}

// TestAccECSRunCommand_actionPlanTimeRules refuses, at plan and before any
// call, a run that would not end, waves of instances chosen by tags, and
// what the resource refuses.
func TestAccECSRunCommand_actionPlanTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: runCommandActionConfig(fake, body), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, actionTestCase(t,
		step(`
    type            = "RunShellScript"
    command_content = "echo tick"
    instance_ids    = ["i-aaaa0001"]
    repeat_mode     = "Period"
    frequency       = "rate(5m)"`, `(?s)Action Runs Once.*repeat_mode must be "Once"`),
		step(`
    type            = "RunShellScript"
    command_content = "echo hi"
    resource_tags   = { team = "ops" }
    max_concurrency = "10%"`, `max_concurrency|resource_tags`),
		step(`
    type            = "RunShellScript"
    command_content = "echo hi"`, `instance_ids|resource_tags`),
		step(`
    type            = "RunShellScript"
    command_content = "echo hi"
    instance_ids    = ["i-aaaa0001"]
    parameters      = { a = "b" }`, `enable_parameter`),
	))
	if n := fake.Counters().Request(fakecloud.VendorAlicloud, fakecloud.AnyAction); n != 0 {
		t.Errorf("the fake received %d Cloud Assistant requests; a configuration refused at plan makes none", n)
	}
}

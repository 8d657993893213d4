package tat_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// runCommandActionConfig invokes cloudcmd_tat_run_command with body once,
// after a terraform_data is created.
func runCommandActionConfig(fake *fakecloud.Server, body string) string {
	return acctest.ProviderConfig(fake) + acctest.ActionTriggered("cloudcmd_tat_run_command", body)
}

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

// TestAccTATRunCommand_action runs the script once, in one
// RunCommand, on every instance; planning and applying the same
// configuration again does not invoke the action again.
func TestAccTATRunCommand_action(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo {{greeting}} from action\nhostname"
	config := runCommandActionConfig(fake, fmt.Sprintf(`
    content            = %q
    instance_ids       = ["ins-bbbb0002", "ins-aaaa0001"]
    enable_parameter   = true
    default_parameters = { greeting = "hello" }`, script))
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: config,
		Check: resource.ComposeTestCheckFunc(
			expectExecutions(fake, script, 2),
			acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 1),
		),
	}, resource.TestStep{
		Config: config,
		Check:  expectExecutions(fake, script, 2),
	}))
}

// TestAccTATRunCommand_actionFailure fails the apply, naming the instance
// that failed, its status, exit code and last lines of output.
func TestAccTATRunCommand_actionFailure(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo preparing\necho broken disk\nfail-on ins-bbbb0002 3\necho done"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    content      = %q
    instance_ids = ["ins-aaaa0001", "ins-bbbb0002"]`, script)),
		ExpectError: regexp.MustCompile(`(?s)TAT Command Failed.*ins-bbbb0002: FAILED, exit code 3.*preparing\s+broken disk.*1 of 2 instances did not succeed`),
	}))
	// A step that expects an error runs no checks: count once it is over.
	requireNoError(t, expectExecutions(fake, script, 2)(nil))
}

// requireNoError fails the test with err, a check's answer.
func requireNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Error(err)
	}
}

// TestAccTATRunCommand_actionSuccessExitCodes accepts the exit code the
// configuration lists.
func TestAccTATRunCommand_actionSuccessExitCodes(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo partial\nexit 3"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    content            = %q
    instance_ids       = ["ins-aaaa0001"]
    success_exit_codes = [0, 3]`, script)),
		Check: expectExecutions(fake, script, 1),
	}))
}

// TestAccTATRunCommand_actionRolling sends the instances in waves of two,
// one RunCommand each.
func TestAccTATRunCommand_actionRolling(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo rolling"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    content         = %q
    instance_ids    = ["ins-aaaa0001", "ins-aaaa0002", "ins-aaaa0003", "ins-aaaa0004", "ins-aaaa0005"]
    max_concurrency = "40%%"`, script)),
		Check: resource.ComposeTestCheckFunc(
			expectExecutions(fake, script, 5),
			acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 3),
		),
	}))
}

// TestAccTATRunCommand_actionMaxErrors stops sending waves once more
// instances failed than max_errors allows, and names those never sent.
func TestAccTATRunCommand_actionMaxErrors(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "fail-on ins-aaaa0001\nfail-on ins-aaaa0002"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    content         = %q
    instance_ids    = ["ins-aaaa0001", "ins-aaaa0002", "ins-aaaa0003", "ins-aaaa0004"]
    max_concurrency = "1"
    max_errors      = "1"`, script)),
		ExpectError: regexp.MustCompile(`(?s)Rolling Run Stopped.*2 instances failed,\s+more\s+than\s+max_errors\s+\(1\).*2\s+instances\s+were\s+never\s+sent:\s+ins-aaaa0003,\s+ins-aaaa0004`),
	}))
	requireNoError(t, resource.ComposeTestCheckFunc(
		expectExecutions(fake, script, 2),
		acctest.CheckEffects(fake, fakecloud.VendorTencent, "RunCommand", 2),
	)(nil))
}

// TestAccTATRunCommand_actionSensitiveOutput keeps the output out of the
// failure report.
func TestAccTATRunCommand_actionSensitiveOutput(t *testing.T) {
	fake := acctest.StartFake(t)
	const script = "echo s3cr3t-token\nexit 4"
	resource.ParallelTest(t, actionTestCase(t, resource.TestStep{
		Config: runCommandActionConfig(fake, fmt.Sprintf(`
    content          = %q
    instance_ids     = ["ins-aaaa0001"]
    sensitive_output = true`, script)),
		// The report ends with the count; the token, had it been quoted,
		// would come between the instance's line and it.
		ExpectError: regexp.MustCompile(`ins-aaaa0001: FAILED, exit code 4\s+1 of 1 instances did not succeed`),
	}))
}

// TestAccTATRunCommand_actionPlanTimeRules refuses, at plan and before any
// call, what the resource refuses, and rolling limits that mean nothing.
func TestAccTATRunCommand_actionPlanTimeRules(t *testing.T) {
	fake := acctest.StartFake(t)
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: runCommandActionConfig(fake, body), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, actionTestCase(t,
		step(`
    content      = "echo hi"
    instance_ids = ["ins-aaaa0001"]
    save_command = true`, `Attribute command_name must be set when save_command = true`),
		step(`
    content      = "echo hi"
    instance_ids = ["ins-aaaa0001"]
    parameters   = { a = "b" }`, `parameters needs enable_parameter = true|enable_parameter`),
		step(`
    content      = "echo hi"
    instance_ids = ["not-an-instance"]`, `instance_ids`),
		step(`
    content         = "echo hi"
    instance_ids    = ["ins-aaaa0001"]
    max_concurrency = "0"`, `max_concurrency must be at least 1`),
		step(`
    content      = "echo hi"
    instance_ids = ["ins-aaaa0001"]
    max_errors   = "ten"`, `max_errors must be a number of instances`),
		step(`
    content      = "echo hi"
    instance_ids = ["ins-aaaa0001"]
    timeout      = 0`, `timeout`),
	))
	if n := fake.Counters().Request(fakecloud.VendorTencent, fakecloud.AnyAction); n != 0 {
		t.Errorf("the fake received %d TAT requests; a configuration refused at plan makes none", n)
	}
}

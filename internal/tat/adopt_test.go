package tat_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tcapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// adoptionConfig is a command and an invocation of it, with the provider
// talking to the fake through proxy.
func adoptionConfig(proxy *acctest.LossyProxy, name string) string {
	return acctest.ProviderConfigVia(proxy.URL()) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name             = %q
  content          = "echo {{who}}"
  enable_parameter = true
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-bbbb0002", "ins-aaaa0001"]
  parameters   = { who = "once" }
}
`, name)
}

// TestAccTATInvocation_adoptsInvocationAfterLostResponse: InvokeCommand
// reaches TAT, which runs the command, but the answer is lost with the
// connection. TAT takes no idempotency token, so sending the request again
// would run the command twice: the provider finds the invocation its
// request made and records it instead.
func TestAccTATInvocation_adoptsInvocationAfterLostResponse(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextResponse("InvokeCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: adoptionConfig(proxy, "adopt-invocation"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("invocation_status"), knownvalue.StringExact("SUCCESS")),
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("once\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectInvocationCount(fake, 1),
				expectTheOnlyInvocationInState(fake),
				expectForwarded(proxy, "InvokeCommand", 1),
			),
		}},
	})
}

// TestAccTATCommand_adoptsCommandAfterLostResponse: the same for
// CreateCommand, matched by name and content.
func TestAccTATCommand_adoptsCommandAfterLostResponse(t *testing.T) {
	const name = "adopt-command"
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextResponse("CreateCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: adoptionConfig(proxy, name),
			Check: resource.ComposeTestCheckFunc(
				expectTheOnlyCommandInState(t, fake, name),
				expectForwarded(proxy, "CreateCommand", 1),
				expectInvocationCount(fake, 1),
			),
		}},
	})
}

// TestAccTATInvoker_adoptsInvokerAfterLostResponse: the same for
// CreateInvoker, matched by name, command, instances, username, parameters
// and schedule. A second invoker would run the command twice at every
// scheduled time. The ONCE time is written in UTC+8 while TAT reports it in
// UTC, so the match compares instants.
func TestAccTATInvoker_adoptsInvokerAfterLostResponse(t *testing.T) {
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextResponse("CreateInvoker")
	at := inFuture(24 * time.Hour)
	config := acctest.ProviderConfigVia(proxy.URL()) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name             = "adopt-invoker"
  content          = "echo {{who}}"
  enable_parameter = true
}

resource "cloudcmd_tat_invoker" "test" {
  name         = "adopt-invoker"
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-bbbb0002", "ins-aaaa0001"]
  username     = "root"
  parameters   = { who = "scheduled" }
  schedule_settings = {
    policy      = "ONCE"
    invoke_time = %q
  }
}
`, at)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("schedule_settings").AtMapKey("invoke_time"), knownvalue.StringExact(at)),
			},
			Check: resource.ComposeTestCheckFunc(
				expectTheOnlyInvokerInState(t, fake),
				expectForwarded(proxy, "CreateInvoker", 1),
			),
		}},
	})
}

// expectTheOnlyInvokerInState lists every invoker on the fake, whatever
// its command: there must be one, and the state must record it.
func expectTheOnlyInvokerInState(t *testing.T, fake *fakecloud.Server) resource.TestCheckFunc {
	client := acctest.TATClient(t, fake)
	return func(s *terraform.State) error {
		resp, err := client.DescribeInvokers(context.Background(), &tcapi.DescribeInvokersRequest{})
		if err != nil {
			return err
		}
		if n := len(resp.Response.InvokerSet); n != 1 {
			return fmt.Errorf("the fake has %d invokers, want 1", n)
		}
		want := flex.StringValue(resp.Response.InvokerSet[0].InvokerId)
		if got := s.RootModule().Resources[invokerAddress].Primary.ID; got != want {
			return fmt.Errorf("the state records invoker %q, want %q, the one the fake holds", got, want)
		}
		return nil
	}
}

func expectTheOnlyInvocationInState(fake *fakecloud.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		invocations := fake.Tencent().Invocations()
		if len(invocations) != 1 {
			return fmt.Errorf("the fake has %d invocations, want 1", len(invocations))
		}
		if got := s.RootModule().Resources[invocationAddress].Primary.ID; got != invocations[0].ID {
			return fmt.Errorf("the state records invocation %q, want %q, the one that ran", got, invocations[0].ID)
		}
		return nil
	}
}

func expectTheOnlyCommandInState(t *testing.T, fake *fakecloud.Server, name string) resource.TestCheckFunc {
	client := acctest.TATClient(t, fake)
	return func(s *terraform.State) error {
		resp, err := client.DescribeCommands(context.Background(), &tcapi.DescribeCommandsRequest{
			Filters: []*tcapi.Filter{{Name: flex.StringPtr("command-name"), Values: []*string{flex.StringPtr(name)}}},
		})
		if err != nil {
			return err
		}
		if n := len(resp.Response.CommandSet); n != 1 {
			return fmt.Errorf("the fake has %d commands named %s, want 1", n, name)
		}
		want := flex.StringValue(resp.Response.CommandSet[0].CommandId)
		if got := s.RootModule().Resources["cloudcmd_tat_command.test"].Primary.ID; got != want {
			return fmt.Errorf("the state records command %q, want %q", got, want)
		}
		return nil
	}
}

func expectForwarded(proxy *acctest.LossyProxy, action string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := proxy.Forwarded(action); n != want {
			return fmt.Errorf("%s reached the fake %d times, want %d", action, n, want)
		}
		return nil
	}
}

// TestAccTAT_adoptsAfterServerErrors: TAT carries out CreateCommand,
// InvokeCommand and CreateInvoker, then answers each with InternalError. A
// server error is no proof that nothing was done, so the provider looks
// for what each request made and adopts it: one command, one run, one
// invoker, each sent once and each recorded in state.
func TestAccTAT_adoptsAfterServerErrors(t *testing.T) {
	fake := acctest.StartFake(t)
	for _, action := range []string{"CreateCommand", "InvokeCommand", "CreateInvoker"} {
		if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: action, ServerErrorAfter: 1}); err != nil {
			t.Fatal(err)
		}
	}
	config := acctest.ProviderConfig(fake) + fmt.Sprintf(`
resource "cloudcmd_tat_command" "test" {
  name             = "adopt-after-5xx"
  content          = "echo {{who}}"
  enable_parameter = true
}

resource "cloudcmd_tat_invocation" "test" {
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-bbbb0002", "ins-aaaa0001"]
  parameters   = { who = "once" }
}

resource "cloudcmd_tat_invoker" "test" {
  name         = "adopt-after-5xx"
  command_id   = cloudcmd_tat_command.test.id
  instance_ids = ["ins-aaaa0001"]
  parameters   = { who = "scheduled" }
  schedule_settings = {
    policy      = "ONCE"
    invoke_time = %q
  }
}
`, inFuture(24*time.Hour))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invocationAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("once\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectTheOnlyCommandInState(t, fake, "adopt-after-5xx"),
				expectTheOnlyInvocationInState(fake),
				expectTheOnlyInvokerInState(t, fake),
				expectSentOnceAfterServerError(fake, "CreateCommand", "InvokeCommand", "CreateInvoker"),
			),
		}},
	})
}

// expectSentOnceAfterServerError checks that each action reached the fake
// once, was carried out, and was answered with a server error.
func expectSentOnceAfterServerError(fake *fakecloud.Server, actions ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := fake.Counters()
		for _, action := range actions {
			if n := c.Request(fakecloud.VendorTencent, action); n != 1 {
				return fmt.Errorf("%s was sent %d times, want once", action, n)
			}
			if n := c.Effect(fakecloud.VendorTencent, action); n != 1 {
				return fmt.Errorf("%s took effect %d times, want once", action, n)
			}
		}
		if n := c.Fault(fakecloud.VendorTencent, fakecloud.FaultServerErrorAfter); n != len(actions) {
			return fmt.Errorf("%d server errors after acting, want %d", n, len(actions))
		}
		return nil
	}
}

// TestAccTATRunCommand_adoptsAfterServerError: TAT runs the script of a
// RunCommand, then answers InternalError. The provider finds the run by
// its script, instances and parameters, records it, and never sends
// RunCommand again.
func TestAccTATRunCommand_adoptsAfterServerError(t *testing.T) {
	fake := acctest.StartFake(t)
	if err := fake.Faults().Set(fakecloud.FaultRule{Vendor: fakecloud.VendorTencent, Action: "RunCommand", ServerErrorAfter: 1}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: runCommandConfig(fake.URL(), `
  content      = "echo ran once"
  instance_ids = ["ins-aaaa0001"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(runCommandAddress, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("output"), knownvalue.StringExact("ran once\n")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectSentOnceAfterServerError(fake, "RunCommand"),
				func(s *terraform.State) error {
					invocations := fake.Tencent().Invocations()
					if len(invocations) != 1 {
						return fmt.Errorf("the fake has %d invocations, want 1", len(invocations))
					}
					if got := s.RootModule().Resources[runCommandAddress].Primary.ID; got != invocations[0].ID {
						return fmt.Errorf("the state records %q, want %q, the run that happened", got, invocations[0].ID)
					}
					return nil
				},
			),
		}},
	})
}

// TestAccTATCommand_neverAdoptsARunsSavedCommand: a run saves a command of
// the same name and content, then the command resource's CreateCommand is
// lost before it reaches TAT. The search finds the saved command, which
// matches the request, but it is the run's: it is passed over, the
// request is sent again, and TAT's refusal of the name it took stands.
func TestAccTATCommand_neverAdoptsARunsSavedCommand(t *testing.T) {
	const name = "saved-by-a-run"
	fake := acctest.StartFake(t)
	proxy := acctest.StartLossyProxy(t, fake)
	proxy.DropNextRequest("CreateCommand")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfigVia(proxy.URL()) + fmt.Sprintf(`
resource "cloudcmd_tat_run_command" "saves" {
  command_name        = %[1]q
  content             = "echo saved"
  save_command        = true
  instance_ids        = ["ins-aaaa0001"]
  wait_for_completion = false
}

resource "cloudcmd_tat_command" "test" {
  name       = %[1]q
  content    = "echo saved"
  depends_on = [cloudcmd_tat_run_command.saves]
}
`, name),
			ExpectError: regexp.MustCompile(`CommandNameDuplicated`),
		}, {
			// The run's command is still the run's alone; the command resource
			// is still to make.
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeTestCheckFunc(
				func(s *terraform.State) error {
					if r, ok := s.RootModule().Resources["cloudcmd_tat_command.test"]; ok {
						return fmt.Errorf("the command resource recorded %s, the run's saved command", r.Primary.ID)
					}
					return nil
				},
				func(*terraform.State) error {
					if n := proxy.Forwarded("CreateCommand"); n != 1 {
						return fmt.Errorf("CreateCommand reached TAT %d times, want once: the lost request, then the one refused", n)
					}
					return nil
				},
			),
		}},
	})
}

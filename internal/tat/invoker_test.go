package tat_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	tatsdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	faketat "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/tencent"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/tat"
)

const invokerAddress = "cloudcmd_tat_invoker.test"

// beijingTime is UTC+8, the zone TAT's own examples write times in.
var beijingTime = time.FixedZone("UTC+8", 8*60*60)

// inFuture is an invoke_time d from now, to the second, written in UTC+8.
func inFuture(d time.Duration) string {
	return time.Now().Add(d).Truncate(time.Second).In(beijingTime).Format(time.RFC3339)
}

// invokerArgs are the arguments of the test invoker, as HCL values; an
// empty field is left out of the configuration.
type invokerArgs struct {
	name       string
	command    string // "a" or "b": which of the two test commands
	instances  string
	username   string
	parameters string
	enabled    string
	policy     string
	recurrence string
	invokeTime string
}

// config is two commands with a {{who}} parameter and the invoker.
func (a invokerArgs) config(fake *fakecloud.Server) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig(fake))
	for _, name := range []string{"a", "b"} {
		fmt.Fprintf(&b, `
resource "cloudcmd_tat_command" %[1]q {
  name               = "invoker-command-%[1]s"
  content            = "echo %[1]s says hello {{who}}"
  enable_parameter   = true
  default_parameters = { who = "world" }
}
`, name)
	}
	b.WriteString("\nresource \"cloudcmd_tat_invoker\" \"test\" {\n")
	fmt.Fprintf(&b, "  name         = %q\n  command_id   = cloudcmd_tat_command.%s.id\n  instance_ids = %s\n", a.name, a.command, a.instances)
	for _, arg := range []struct{ key, value string }{{"username", a.username}, {"parameters", a.parameters}, {"enabled", a.enabled}} {
		if arg.value != "" {
			fmt.Fprintf(&b, "  %s = %s\n", arg.key, arg.value)
		}
	}
	fmt.Fprintf(&b, "  schedule_settings = {\n    policy = %q\n", a.policy)
	if a.recurrence != "" {
		fmt.Fprintf(&b, "    recurrence = %q\n", a.recurrence)
	}
	if a.invokeTime != "" {
		fmt.Fprintf(&b, "    invoke_time = %q\n", a.invokeTime)
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

func onceArgs(invokeTime string) invokerArgs {
	return invokerArgs{name: "once", command: "a", instances: `["ins-aaaa0001"]`, policy: "ONCE", invokeTime: invokeTime}
}

func recurringArgs(expr string) invokerArgs {
	return invokerArgs{name: "nightly", command: "a", instances: `["ins-aaaa0001"]`, policy: "RECURRENCE", recurrence: expr}
}

func TestAccTATInvoker_once(t *testing.T) {
	fake := acctest.StartFake(t)
	at := inFuture(24 * time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: onceArgs(at).config(fake),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^ivk-[a-z0-9]{8}$`))),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("type"), knownvalue.StringExact("SCHEDULE")),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				// TAT answers in UTC; the configured form of the same instant is kept.
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("schedule_settings"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"policy": knownvalue.StringExact("ONCE"), "invoke_time": knownvalue.StringExact(at), "recurrence": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("next_invoke_time"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("username"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("parameters"), knownvalue.Null()),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("created_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`))),
			},
			Check: checkFakeInvoker(fake, func(ivk faketat.InvokerSnapshot) error {
				want, _ := time.Parse(time.RFC3339, at)
				if ivk.Policy != "ONCE" || !ivk.InvokeTime.Equal(want) || !ivk.Enabled || ivk.Name != "once" ||
					len(ivk.InstanceIDs) != 1 || ivk.InstanceIDs[0] != "ins-aaaa0001" {
					return fmt.Errorf("the fake holds %+v", ivk)
				}
				return nil
			}),
		}},
	})
}

func TestAccTATInvoker_recurrence(t *testing.T) {
	fake := acctest.StartFake(t)
	args := recurringArgs("0 3 * * *")
	args.username = `"backup"`
	args.parameters = `{ who = "the backup job" }`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: args.config(fake),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("schedule_settings"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"policy": knownvalue.StringExact("RECURRENCE"), "recurrence": knownvalue.StringExact("0 3 * * *"), "invoke_time": knownvalue.Null(),
				})),
				// 03:00 in UTC+8 is 19:00 UTC.
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("next_invoke_time"), knownvalue.StringRegexp(regexp.MustCompile(`T19:00:00Z$`))),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("username"), knownvalue.StringExact("backup")),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("parameters"), knownvalue.MapExact(map[string]knownvalue.Check{
					"who": knownvalue.StringExact("the backup job"),
				})),
			},
			Check: checkFakeInvoker(fake, func(ivk faketat.InvokerSnapshot) error {
				if ivk.Policy != "RECURRENCE" || ivk.Recurrence != "0 3 * * *" || ivk.Username != "backup" || ivk.Parameters != `{"who":"the backup job"}` {
					return fmt.Errorf("the fake holds %+v", ivk)
				}
				return nil
			}),
		}, {
			ResourceName:      invokerAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}},
	})
}

// TestAccTATInvoker_updateInPlace changes each argument but type in turn:
// every change is an update of the same invoker, never a replacement, and
// reaches the fake.
func TestAccTATInvoker_updateInPlace(t *testing.T) {
	fake := acctest.StartFake(t)
	firstTime, secondTime := inFuture(24*time.Hour), inFuture(48*time.Hour)
	base := onceArgs(firstTime)
	steps := []struct {
		change func(*invokerArgs)
		check  func(faketat.InvokerSnapshot, *terraform.State) error
	}{
		{func(a *invokerArgs) { a.name = "renamed" }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Name == "renamed", "name %q", i.Name)
		}},
		{func(a *invokerArgs) { a.command = "b" }, func(i faketat.InvokerSnapshot, s *terraform.State) error {
			return expect(i.CommandID == s.RootModule().Resources["cloudcmd_tat_command.b"].Primary.ID, "command %s", i.CommandID)
		}},
		{func(a *invokerArgs) { a.instances = `["ins-aaaa0002", "ins-aaaa0003"]` }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(strings.Join(i.InstanceIDs, ",") == "ins-aaaa0002,ins-aaaa0003", "instances %v", i.InstanceIDs)
		}},
		{func(a *invokerArgs) { a.username = `"deploy"` }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Username == "deploy", "username %q", i.Username)
		}},
		{func(a *invokerArgs) { a.parameters = `{ who = "ops" }` }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Parameters == `{"who":"ops"}`, "parameters %q", i.Parameters)
		}},
		{func(a *invokerArgs) { a.invokeTime = secondTime }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			want, _ := time.Parse(time.RFC3339, secondTime)
			return expect(i.InvokeTime.Equal(want), "invoke time %s", i.InvokeTime)
		}},
		{func(a *invokerArgs) { a.policy, a.invokeTime, a.recurrence = "RECURRENCE", "", "*/30 * * * *" }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Policy == "RECURRENCE" && i.Recurrence == "*/30 * * * *", "schedule %s %q", i.Policy, i.Recurrence)
		}},
		{func(a *invokerArgs) { a.recurrence = "0 4 * * 1-5" }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Recurrence == "0 4 * * 1-5", "recurrence %q", i.Recurrence)
		}},
		{func(a *invokerArgs) { a.username, a.parameters = "", "" }, func(i faketat.InvokerSnapshot, _ *terraform.State) error {
			return expect(i.Username == "" && i.Parameters == "", "username %q and parameters %q were not cleared", i.Username, i.Parameters)
		}},
	}
	var id string
	testSteps := []resource.TestStep{{
		Config: base.config(fake),
		Check:  resource.TestCheckResourceAttrWith(invokerAddress, "id", func(v string) error { id = v; return nil }),
	}}
	args := base
	for _, step := range steps {
		step.change(&args)
		check := step.check
		testSteps = append(testSteps, resource.TestStep{
			Config: args.config(fake),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invokerAddress, plancheck.ResourceActionUpdate),
			}},
			Check: func(s *terraform.State) error {
				if got := s.RootModule().Resources[invokerAddress].Primary.ID; got != id {
					return fmt.Errorf("the invoker was replaced (%s, then %s); it should change in place", id, got)
				}
				return checkFakeInvoker(fake, func(i faketat.InvokerSnapshot) error { return check(i, s) })(s)
			},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps:                    testSteps,
	})
	if n := fake.Tencent().RequestCount("CreateInvoker"); n != 1 {
		t.Errorf("CreateInvoker was called %d times; every change should have been made in place", n)
	}
}

func expect(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf("the fake holds "+format, args...)
}

func TestAccTATInvoker_disableEnable(t *testing.T) {
	fake := acctest.StartFake(t)
	config := func(enabled string) string {
		args := recurringArgs("*/10 * * * *")
		args.enabled = enabled
		return args.config(fake)
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(invokerAddress, plancheck.ResourceActionUpdate)}}
	enabledOnFake := func(want bool) resource.TestCheckFunc {
		return checkFakeInvoker(fake, func(i faketat.InvokerSnapshot) error { return expect(i.Enabled == want, "enabled %v", i.Enabled) })
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			// Created disabled: CreateInvoker, then DisableInvoker.
			Config: config("false"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("next_invoke_time"), knownvalue.Null()),
			},
			Check: enabledOnFake(false),
		}, {
			Config:           config("true"),
			ConfigPlanChecks: update,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("next_invoke_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:[0-5]0:00Z$`))),
			},
			Check: enabledOnFake(true),
		}, {
			Config:           config("false"),
			ConfigPlanChecks: update,
			Check:            enabledOnFake(false),
		}, {
			// Leaving enabled out means the default, true.
			Config:           config(""),
			ConfigPlanChecks: update,
			Check:            enabledOnFake(true),
		}},
	})
	if n := fake.Tencent().RequestCount("ModifyInvoker"); n != 0 {
		t.Errorf("ModifyInvoker was called %d times; enabling and disabling have their own actions", n)
	}
}

func TestAccTATInvoker_import(t *testing.T) {
	fake := acctest.StartFake(t)
	// Written in UTC, as TAT reports it, so the import reads back the same text.
	at := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	args := onceArgs(at)
	args.instances = `["lhins-aaaa0001", "lhins-aaaa0002"]`
	args.enabled = "false"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: args.config(fake),
		}, {
			ResourceName:      invokerAddress,
			ImportState:       true,
			ImportStateVerify: true,
		}, {
			ResourceName:  invokerAddress,
			ImportState:   true,
			ImportStateId: "ivk-00000000",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}

func TestAccTATInvoker_disappears(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: recurringArgs("0 0 * * *").config(fake),
			Check: func(s *terraform.State) error {
				if !fake.Tencent().DeleteInvoker(s.RootModule().Resources[invokerAddress].Primary.ID) {
					return errors.New("the invoker was not on the fake")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(invokerAddress, plancheck.ResourceActionCreate)},
			},
		}},
	})
}

func TestAccTATInvoker_driftIsReverted(t *testing.T) {
	fake := acctest.StartFake(t)
	client := acctest.TATClient(t, fake)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkInvokerDestroyed(t, fake),
		Steps: []resource.TestStep{{
			Config: recurringArgs("0 0 * * *").config(fake),
			Check: func(s *terraform.State) error {
				id := s.RootModule().Resources[invokerAddress].Primary.ID
				name, expr, policy := "edited-in-console", "0 12 * * *", "RECURRENCE"
				_, err := client.ModifyInvoker(context.Background(), &tatsdk.ModifyInvokerRequest{
					InvokerId: &id, Name: &name, ScheduleSettings: &tatsdk.ScheduleSettings{Policy: &policy, Recurrence: &expr},
				})
				return err
			},
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(invokerAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(invokerAddress, tfjsonpath.New("name"), knownvalue.StringExact("nightly")),
			}},
		}, {
			Config: recurringArgs("0 0 * * *").config(fake),
			Check: checkFakeInvoker(fake, func(i faketat.InvokerSnapshot) error {
				return expect(i.Name == "nightly" && i.Recurrence == "0 0 * * *", "%q %q after the apply", i.Name, i.Recurrence)
			}),
		}},
	})
}

func TestAccTATInvoker_apiErrorIsExplained(t *testing.T) {
	fake := acctest.StartFake(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fake) + `
resource "cloudcmd_tat_invoker" "test" {
  name         = "orphan"
  command_id   = "cmd-00000000"
  instance_ids = ["ins-aaaa0001"]
  schedule_settings = {
    policy     = "RECURRENCE"
    recurrence = "0 0 * * *"
  }
}
`,
			ExpectError: regexp.MustCompile(`(?s)Error Creating TAT Invoker.*The command does not exist.*ResourceNotFound\.CommandNotFound\s+Request ID: [0-9a-f-]{36}`),
		}},
	})
}

// TestAccTATInvoker_validation proves each plan-time rule: the plan fails
// on the attribute with the rule spelled out, and TAT is never called.
func TestAccTATInvoker_validation(t *testing.T) {
	past := time.Now().Add(-time.Hour).Truncate(time.Second).In(beijingTime).Format(time.RFC3339)
	once := "schedule_settings = {\n policy = \"ONCE\"\n invoke_time = \"" + inFuture(24*time.Hour) + "\"\n}"
	schedule := func(body string) string { return "schedule_settings = {\n" + body + "\n}" }
	cases := map[string]struct {
		body string // arguments replacing or adding to a valid ONCE invoker's
		want string
	}{
		"name too long":           {`name = "` + strings.Repeat("n", 121) + `"`, `Attribute name UTF-8 character count must be between 1 and 120, got: 121`},
		"name empty":              {`name = ""`, `Attribute name UTF-8 character count must be between 1 and 120, got: 0`},
		"type":                    {`type = "EVENT"`, `Attribute type value must be one of: ["SCHEDULE"], got: "EVENT"`},
		"command id":              {`command_id = "cmd-XYZ"`, `Attribute command_id must be a TAT command ID: cmd- followed by 8 lowercase letters or digits, got: cmd-XYZ`},
		"no instances":            {`instance_ids = []`, `Attribute instance_ids set must contain at least 1 elements and at most 100 elements, got: 0`},
		"too many instances":      {`instance_ids = [` + manyInstances(101) + `]`, `Attribute instance_ids set must contain at least 1 elements and at most 100 elements, got: 101`},
		"instance id":             {`instance_ids = ["i-abc"]`, `must be a CVM instance ID (ins- followed by 8 lowercase letters or digits), a Lighthouse instance ID (lhins- followed by 8) or a TAT managed instance ID (rins- followed by 8 or more), got: i-abc`},
		"managed id too short":    {`instance_ids = ["rins-abc123"]`, `or a TAT managed instance ID (rins- followed by 8 or more), got: rins-abc123`},
		"mixed kinds":             {`instance_ids = ["ins-aaaa0001", "lhins-aaaa0001"]`, `Attribute instance_ids must not mix CVM (ins-), Lighthouse (lhins-) and TAT managed (rins-) instances`},
		"managed mixed":           {`instance_ids = ["rins-8dz6cwxx", "ins-aaaa0001"]`, `one invocation runs on one kind. CVM: ins-aaaa0001; TAT managed: rins-8dz6cwxx.`},
		"username too long":       {`username = "` + strings.Repeat("u", 257) + `"`, `Attribute username UTF-8 character count must be between 1 and 256, got: 257`},
		"too many parameters":     {`parameters = {` + acctest.MapEntries(21) + `}`, `Attribute parameters map must contain at most 20 elements, got: 21`},
		"parameter key":           {`parameters = { "a b" = "1" }`, `must contain only letters, digits, underscores (_) and hyphens (-), got: a b`},
		"no schedule":             {`# no schedule_settings`, `The argument "schedule_settings" is required`},
		"no policy":               {schedule(`recurrence = "0 0 * * *"`), `Inappropriate value for attribute "schedule_settings": attribute "policy" is required.`},
		"policy":                  {schedule(`policy = "DAILY"`), `Attribute schedule_settings.policy value must be one of: ["ONCE" "RECURRENCE"], got: "DAILY"`},
		"recurrence missing":      {schedule(`policy = "RECURRENCE"`), `Attribute schedule_settings.recurrence is required when policy is "RECURRENCE".`},
		"recurrence with time":    {schedule("policy = \"RECURRENCE\"\nrecurrence = \"0 0 * * *\"\ninvoke_time = \"" + inFuture(time.Hour) + "\""), `Attribute schedule_settings.invoke_time must not be set when policy is "RECURRENCE".`},
		"invoke time missing":     {schedule(`policy = "ONCE"`), `Attribute schedule_settings.invoke_time is required when policy is "ONCE".`},
		"once with recurrence":    {schedule("policy = \"ONCE\"\nrecurrence = \"0 0 * * *\"\ninvoke_time = \"" + inFuture(time.Hour) + "\""), `Attribute schedule_settings.recurrence must not be set when policy is "ONCE".`},
		"cron with seconds":       {schedule("policy = \"RECURRENCE\"\nrecurrence = \"0 0 3 * * *\""), `the cron parser says: expected exactly 5 fields, found 6`},
		"cron out of range":       {schedule("policy = \"RECURRENCE\"\nrecurrence = \"60 * * * *\""), `the cron parser says: end of range (60) above maximum (59): 60`},
		"cron descriptor":         {schedule("policy = \"RECURRENCE\"\nrecurrence = \"@daily\""), `the cron parser says: parser does not accept descriptors: @daily`},
		"cron time zone":          {schedule("policy = \"RECURRENCE\"\nrecurrence = \"TZ=UTC 0 3 * * *\""), `a time zone prefix is not allowed, TAT always reads the expression in UTC+8`},
		"cron never":              {schedule("policy = \"RECURRENCE\"\nrecurrence = \"0 0 31 2 *\""), `it matches no date, so the invoker would never run`},
		"cron message":            {schedule("policy = \"RECURRENCE\"\nrecurrence = \"* * *\""), `Attribute schedule_settings.recurrence must be a cron expression of 5 fields, <minute> <hour> <day-of-month> <month> <day-of-week>, read in UTC+8 (Beijing time)`},
		"invoke time no offset":   {schedule("policy = \"ONCE\"\ninvoke_time = \"2030-01-01T00:00:00\""), `it is not of the form YYYY-MM-DDThh:mm:ss followed by Z or an offset such as +08:00, got: "2030-01-01T00:00:00"`},
		"invoke time bad date":    {schedule("policy = \"ONCE\"\ninvoke_time = \"2030-02-30T00:00:00Z\""), `it is not a valid date and time`},
		"invoke time in the past": {schedule("policy = \"ONCE\"\ninvoke_time = \"" + past + "\""), `Attribute schedule_settings.invoke_time is ` + past + `, which is not in the future`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := acctest.StartFake(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(fake) + invokerWith(tc.body, once),
					PlanOnly:    true,
					ExpectError: acctest.ExpectErrorText(tc.want),
				}},
			})
			if n := fake.Tencent().RequestCount("CreateInvoker"); n != 0 {
				t.Errorf("CreateInvoker was called %d times; validation must stop the plan before any API call", n)
			}
		})
	}
}

// invokerWith is a valid invoker whose arguments body overrides or adds to;
// schedule is its schedule_settings block unless body has one (or says it
// has none).
func invokerWith(body, schedule string) string {
	args := map[string]string{"name": `"valid"`, "command_id": `"cmd-abcd1234"`, "instance_ids": `["ins-aaaa0001"]`}
	for _, line := range strings.Split(body, "\n") {
		if k, _, ok := strings.Cut(line, "="); ok {
			delete(args, strings.TrimSpace(k))
		}
	}
	if strings.Contains(body, "schedule_settings") {
		schedule = ""
	}
	var b strings.Builder
	b.WriteString("resource \"cloudcmd_tat_invoker\" \"test\" {\n")
	for k, v := range args {
		fmt.Fprintf(&b, "  %s = %s\n", k, v)
	}
	b.WriteString(body + "\n" + schedule + "\n}\n")
	return b.String()
}

func checkFakeInvoker(fake *fakecloud.Server, check func(faketat.InvokerSnapshot) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[invokerAddress].Primary.ID
		ivk, ok := fake.Tencent().Invoker(id)
		if !ok {
			return fmt.Errorf("invoker %s is not on the fake", id)
		}
		return check(ivk)
	}
}

func checkInvokerDestroyed(t *testing.T, fake *fakecloud.Server) resource.TestCheckFunc {
	client := acctest.TATClient(t, fake)
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "cloudcmd_tat_invoker" {
				continue
			}
			_, err := tat.FindInvoker(context.Background(), client, rs.Primary.ID)
			if errors.Is(err, tat.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("TAT invoker %s still exists", rs.Primary.ID)
		}
		return nil
	}
}

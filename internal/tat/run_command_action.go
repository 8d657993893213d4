package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// NewRunCommandAction is the cloudcmd_tat_run_command action: the
// resource of that name's TAT RunCommand, carried out when invoked and
// never recorded.
func NewRunCommandAction() action.Action {
	return runs.NewAction[runCommandActionModel](runs.ActionSurface{
		TypeName:    "tat_run_command",
		Schema:      runCommandActionSchema,
		Rules:       runCommandActionRules(),
		CheckAtPlan: framework.CheckTATForAction,
	}, NewRunCommand)
}

type runCommandActionModel struct {
	runCommandArgumentsModel
	runs.ActionModel
}

func runCommandActionSchema(ctx context.Context) schema.Schema {
	resource := runCommandScriptAttributes()
	for name, attr := range runCommandTargetAttributes() {
		resource[name] = attr
	}
	attrs := framework.ActionAttributes(resource, "content", "command_type", "instance_ids", "command_name", "description",
		"working_directory", "timeout", "username", "enable_parameter", "default_parameters", "save_command", "tags",
		"output_cos_bucket_url", "output_cos_key_prefix")
	attrs["parameters"] = runs.ActionParametersAttribute("the content's", invocationParametersMax)
	framework.DescribeActionAttributes(attrs, map[string]string{
		"enable_parameter": "Whether the content uses `{{name}}` parameters. Required for `default_parameters` and `parameters`. Default `false`.",
		"save_command": "Keep the command in TAT after the run, under `command_name` (unique in the region), for invocations and invokers " +
			"to run again. The action never deletes it: while it is kept, another invocation saving a command of the same name is refused. " +
			"Default `false`.",
		"tags": "Tags bound to the saved command, at most 10. Needs `save_command = true`.",
	})
	return runs.ActionSchema(ctx, "Runs a script on CVM, Lighthouse or TAT managed instances (TAT RunCommand) when invoked "+
		"(`terraform apply -invoke=action.cloudcmd_tat_run_command.NAME`, or an `action_trigger`), waits for it and shows each "+
		"instance's status, exit code and last lines of output. Nothing is recorded in state: the script runs each time the action is "+
		"invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the instances in waves. Terraform 1.14 and later.",
		"TAT", "the TAT agent", attrs)
}

// runCommandActionRules are the resource's rules across arguments that
// the action takes.
func runCommandActionRules() []action.ConfigValidator {
	return framework.ActionConfigValidators(runCommandRules("parameters")...)
}

// Targets are the instances a RunCommand names, for waves (runs.Targeted).
func (args *RunCommandArgs) Targets() *[]string { return &args.InstanceIDs }

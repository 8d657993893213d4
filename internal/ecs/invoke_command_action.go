package ecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// NewInvokeCommandAction is the cloudcmd_ecs_invoke_command action: the
// cloudcmd_ecs_invocation resource's Cloud Assistant InvokeCommand,
// carried out when invoked and never recorded.
func NewInvokeCommandAction() action.Action {
	return runs.NewAction[invokeCommandActionModel](runs.ActionSurface{
		TypeName:    "ecs_invoke_command",
		Schema:      invokeCommandActionSchema,
		Rules:       invokeCommandActionRules(),
		CheckAtPlan: checkActionAtPlan,
	}, NewInvokeCommand)
}

type invokeCommandActionModel struct {
	invokeCommandArgumentsModel
	runs.ActionModel
}

func invokeCommandActionSchema(ctx context.Context) schema.Schema {
	attrs := framework.ActionAttributes(invocationAttributes(ctx), "command_id", "instance_ids", "resource_tags",
		"repeat_mode", "frequency", "timeout", "username", "windows_password_name", "container_id", "container_name",
		"resource_group_id", "tags")
	attrs["parameters"] = runs.ActionParametersAttribute("the command's", invokeCommandParametersMax)
	withActionAttributes(attrs)
	framework.DescribeActionAttributes(attrs, map[string]string{
		"tags": "Tags bound to the invocation, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
			"values are at most 128 characters; neither may contain `http://` or `https://`.",
	})
	return runs.ActionSchema(ctx, "Runs a Cloud Assistant command, the account's own or a common command (`ACS-...`), on ECS or managed instances "+
		"(InvokeCommand) when invoked (`terraform apply -invoke=action.cloudcmd_ecs_invoke_command.NAME`, or an `action_trigger`), "+
		"waits for it and shows each instance's status, exit code and last lines of output. Nothing is recorded in state: the command "+
		"runs each time the action is invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the "+
		"instances in waves. Terraform 1.14 and later.",
		"Cloud Assistant", "Cloud Assistant Agent", attrs)
}

// invokeCommandActionRules are what the action refuses: the
// resource's rules across arguments, and actionRules.
func invokeCommandActionRules() []action.ConfigValidator {
	return append(actionRules(), framework.ActionConfigValidators(invokeCommandRules()...)...)
}

// Targets are the instances an InvokeCommand names, for waves
// (runs.Targeted), as RunCommandArgs'.
func (args *InvokeCommandArgs) Targets() *[]string { return &args.InstanceIDs }

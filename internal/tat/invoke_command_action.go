package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// NewInvokeCommandAction is the cloudcmd_tat_invoke_command action: the
// cloudcmd_tat_invocation resource's TAT InvokeCommand, carried out when
// invoked and never recorded.
func NewInvokeCommandAction() action.Action {
	return runs.NewAction[invokeCommandActionModel](runs.ActionSurface{
		TypeName:    "tat_invoke_command",
		Schema:      invokeCommandActionSchema,
		CheckAtPlan: framework.CheckTATForAction,
	}, NewInvokeCommand)
}

type invokeCommandActionModel struct {
	invokeCommandArgumentsModel
	runs.ActionModel
}

func invokeCommandActionSchema(ctx context.Context) schema.Schema {
	attrs := framework.ActionAttributes(invocationArgumentAttributes(), "command_id", "instance_ids", "username",
		"working_directory", "timeout", "output_cos_bucket_url", "output_cos_key_prefix")
	attrs["parameters"] = runs.ActionParametersAttribute("the command's", invocationParametersMax)
	return runs.ActionSchema(ctx, "Runs a saved TAT command, the account's own or one of TAT's public commands, on CVM or Lighthouse instances "+
		"(TAT InvokeCommand) when invoked (`terraform apply -invoke=action.cloudcmd_tat_invoke_command.NAME`, or an `action_trigger`), "+
		"waits for it and shows each instance's status, exit code and last lines of output. Nothing is recorded in state: the command "+
		"runs each time the action is invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the "+
		"instances in waves. Terraform 1.14 and later.",
		"TAT", "the TAT agent", attrs)
}

// Targets are the instances an InvokeCommand names, for waves
// (runs.Targeted).
func (args *InvokeCommandArgs) Targets() *[]string { return &args.InstanceIDs }

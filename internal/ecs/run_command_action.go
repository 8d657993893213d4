package ecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// NewRunCommandAction is the cloudcmd_ecs_run_command action: the
// resource of that name's Cloud Assistant RunCommand, carried out when
// invoked and never recorded.
func NewRunCommandAction() action.Action {
	return runs.NewAction[runCommandActionModel](runs.ActionSurface{
		TypeName:    "ecs_run_command",
		Schema:      runCommandActionSchema,
		Rules:       runCommandActionRules(),
		CheckAtPlan: checkActionAtPlan,
	}, NewRunCommand)
}

type runCommandActionModel struct {
	runCommandArgumentsModel
	runs.ActionModel
}

func runCommandActionSchema(ctx context.Context) schema.Schema {
	attrs := framework.ActionAttributes(runCommandAttributes(ctx), "name", "description", "type", "command_content",
		"working_dir", "timeout", "enable_parameter", "repeat_mode", "frequency", "keep_command", "username",
		"windows_password_name", "launcher", "termination_mode", "instance_ids", "resource_tags", "tags",
		"container_id", "container_name", "resource_group_id")
	attrs["parameters"] = runs.ActionParametersAttribute("the content's", runCommandParametersMax)
	withActionAttributes(attrs)
	framework.DescribeActionAttributes(attrs, map[string]string{
		"enable_parameter": "Whether the content uses `{{name}}` parameters. Required for `parameters`. Default `false`.",
		"keep_command":     "Keep the command in Cloud Assistant after the run. The action never deletes it. Default `false`.",
		"tags": "Tags bound to the invocation, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
			"values are at most 128 characters; neither may contain `http://` or `https://`.",
	})
	return runs.ActionSchema(ctx, "Runs a script on ECS or managed instances through Cloud Assistant (RunCommand) when invoked "+
		"(`terraform apply -invoke=action.cloudcmd_ecs_run_command.NAME`, or an `action_trigger`), waits for it and shows each "+
		"instance's status, exit code and last lines of output. Nothing is recorded in state: the script runs each time the action is "+
		"invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the instances in waves. Terraform 1.14 and later.",
		"Cloud Assistant", "Cloud Assistant Agent", attrs)
}

// withActionAttributes adds what both ECS actions share: the region, and
// that a run happens once.
func withActionAttributes(attrs map[string]schema.Attribute) {
	attrs["region_id"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Region of the run, such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` (or `ALICLOUD_REGION`).",
		Validators:          []validator.String{validate.AlibabaRegionID()},
	}
	framework.DescribeActionAttributes(attrs, map[string]string{
		"repeat_mode": "`Once`, the default, and the only mode an action takes: an action runs once, when invoked, and waits for the run. " +
			"A periodic or reboot-triggered run is refused at plan; use the resource of the same name for those.",
		"frequency": "Refused, as `repeat_mode` can only be `Once` in an action; taken for the same arguments as the resource.",
	})
}

// runCommandActionRules are what the action refuses: the
// resource's rules across arguments, and actionRules.
func runCommandActionRules() []action.ConfigValidator {
	return append(actionRules(), framework.ActionConfigValidators(runCommandRules("parameters")...)...)
}

// actionRules are what an ECS action refuses that its resource takes: a
// run that does not end (an action runs once, and is waited for), and
// waves of instances that resource_tags only chooses once the run is made.
func actionRules() []action.ConfigValidator {
	return []action.ConfigValidator{
		runOnceRule{},
		actionvalidator.Conflicting(path.MatchRoot("max_concurrency"), path.MatchRoot("resource_tags")),
	}
}

// runOnceRule refuses a periodic or reboot-triggered run in an action.
type runOnceRule struct{}

func (runOnceRule) Description(context.Context) string {
	return `repeat_mode must be "Once": an action runs once`
}

func (v runOnceRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (runOnceRule) ValidateAction(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var mode types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, repeatModePath, &mode)...)
	if mode.IsNull() || mode.IsUnknown() || RepeatMode(mode.ValueString()) == RepeatOnce {
		return
	}
	resp.Diagnostics.AddAttributeError(repeatModePath, "Action Runs Once",
		"repeat_mode is \""+mode.ValueString()+"\", but an action runs once, when invoked, and waits for the run to end: repeat_mode must be \"Once\" "+
			"(or left out). For a periodic or reboot-triggered run, use the resource of the same name.")
}

// checkActionAtPlan reports at plan that Cloud Assistant cannot be reached
// in the action's region with the provider's settings, before the apply
// invokes the action: the ModifyPlan of every ECS action.
func checkActionAtPlan(ctx context.Context, clients *conns.Clients, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var region types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, regionIDPath, &region)...)
	if resp.Diagnostics.HasError() || region.IsUnknown() {
		return
	}
	name := region.ValueString()
	if name == "" {
		provider, ok := providerRegion(clients)
		if ok && provider == "" {
			resp.Diagnostics.Append(missingRegionDiagnostic())
			return
		}
		name = provider
	}
	framework.CheckECSForAction(clients, name, regionIDPath, &resp.Diagnostics)
}

// Targets are the instances a RunCommand names, for waves (runs.Targeted):
// none with resource_tags, which choose them as the run is made (one run).
func (args *RunCommandArgs) Targets() *[]string { return &args.InstanceIDs }

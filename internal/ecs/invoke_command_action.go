package ecs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

var (
	_ action.ActionWithConfigure        = (*invokeCommandAction)(nil)
	_ action.ActionWithConfigValidators = (*invokeCommandAction)(nil)
)

// NewInvokeCommandAction is the cloudcmd_ecs_invoke_command action: the
// cloudcmd_ecs_invocation resource's Cloud Assistant InvokeCommand,
// carried out when invoked and never recorded.
func NewInvokeCommandAction() action.Action { return &invokeCommandAction{} }

type invokeCommandAction struct {
	clients *conns.Clients
}

type invokeCommandActionModel struct {
	RegionID            types.String `tfsdk:"region_id"`
	CommandID           types.String `tfsdk:"command_id"`
	InstanceIDs         types.Set    `tfsdk:"instance_ids"`
	ResourceTags        types.Map    `tfsdk:"resource_tags"`
	Parameters          types.Map    `tfsdk:"parameters"`
	RepeatMode          types.String `tfsdk:"repeat_mode"`
	Frequency           types.String `tfsdk:"frequency"`
	Timeout             types.Int64  `tfsdk:"timeout"`
	Username            types.String `tfsdk:"username"`
	WindowsPasswordName types.String `tfsdk:"windows_password_name"`
	ContainerID         types.String `tfsdk:"container_id"`
	ContainerName       types.String `tfsdk:"container_name"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	Tags                types.Map    `tfsdk:"tags"`
	runs.ActionModel
}

func (a *invokeCommandAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ecs_invoke_command"
}

func (a *invokeCommandAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := framework.ActionAttributes(invocationAttributes(ctx), "command_id", "instance_ids", "resource_tags",
		"repeat_mode", "frequency", "timeout", "username", "windows_password_name", "container_id", "container_name",
		"resource_group_id", "tags")
	attrs["parameters"] = actionParametersAttribute("the command's", invokeCommandParametersMax)
	withActionAttributes(ctx, attrs)
	framework.DescribeActionAttributes(attrs, map[string]string{
		"tags": "Tags bound to the invocation, at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
			"values are at most 128 characters; neither may contain `http://` or `https://`.",
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs a Cloud Assistant command, the account's own or a common command (`ACS-...`), on ECS or managed instances " +
			"(InvokeCommand) when invoked (`terraform apply -invoke=action.cloudcmd_ecs_invoke_command.NAME`, or an `action_trigger`), " +
			"waits for it and shows each instance's status, exit code and last lines of output. Nothing is recorded in state: the command " +
			"runs each time the action is invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the " +
			"instances in waves. Terraform 1.14 and later.",
		Attributes: attrs,
	}
}

func (a *invokeCommandAction) ConfigValidators(_ context.Context) []action.ConfigValidator {
	return append(actionRules(),
		framework.ActionConfigValidators(
			resourcevalidator.ExactlyOneOf(path.MatchRoot("instance_ids"), path.MatchRoot("resource_tags")),
			waitForAgentsRule{},
			scheduleRule{},
			scheduleTimeoutRule{},
		)...)
}

func (a *invokeCommandAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	checkActionAtPlan(ctx, a.clients, req, resp)
}

func (a *invokeCommandAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = configuredClients(req.ProviderData, &resp.Diagnostics)
}

func (a *invokeCommandAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m invokeCommandActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	args := InvokeCommandArgs{
		RegionID:            m.RegionID.ValueString(),
		CommandID:           m.CommandID.ValueString(),
		InstanceIDs:         flex.SetStrings(ctx, m.InstanceIDs, &resp.Diagnostics),
		ResourceTags:        flex.StringMap(ctx, m.ResourceTags, &resp.Diagnostics),
		Parameters:          flex.StringMap(ctx, m.Parameters, &resp.Diagnostics),
		RepeatMode:          m.RepeatMode.ValueString(),
		Frequency:           m.Frequency.ValueString(),
		Timeout:             m.Timeout.ValueInt64(), // null: 0, the command's
		Username:            m.Username.ValueString(),
		WindowsPasswordName: m.WindowsPasswordName.ValueString(),
		ContainerID:         m.ContainerID.ValueString(),
		ContainerName:       m.ContainerName.ValueString(),
		ResourceGroupID:     m.ResourceGroupID.ValueString(),
		Tags:                flex.StringMap(ctx, m.Tags, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	runs.InvokeAction(ctx, m.ActionModel, a.clients, args.InstanceIDs, func(ids []string) (runs.Adapter, diag.Diagnostics) {
		wave := args
		wave.InstanceIDs = ids
		return NewInvokeCommand(a.clients, wave)
	}, resp)
}

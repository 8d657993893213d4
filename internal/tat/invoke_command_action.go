package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

var _ action.ActionWithConfigure = (*invokeCommandAction)(nil)

// NewInvokeCommandAction is the cloudcmd_tat_invoke_command action: the
// cloudcmd_tat_invocation resource's TAT InvokeCommand, carried out when
// invoked and never recorded.
func NewInvokeCommandAction() action.Action { return &invokeCommandAction{} }

type invokeCommandAction struct {
	clients *conns.Clients
}

type invokeCommandActionModel struct {
	CommandID          types.String `tfsdk:"command_id"`
	InstanceIDs        types.Set    `tfsdk:"instance_ids"`
	Parameters         types.Map    `tfsdk:"parameters"`
	Username           types.String `tfsdk:"username"`
	WorkingDirectory   types.String `tfsdk:"working_directory"`
	Timeout            types.Int64  `tfsdk:"timeout"`
	OutputCOSBucketURL types.String `tfsdk:"output_cos_bucket_url"`
	OutputCOSKeyPrefix types.String `tfsdk:"output_cos_key_prefix"`
	runs.ActionModel
}

func (a *invokeCommandAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tat_invoke_command"
}

func (a *invokeCommandAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := framework.ActionAttributes(invocationArgumentAttributes(), "command_id", "instance_ids", "username",
		"working_directory", "timeout", "output_cos_bucket_url", "output_cos_key_prefix")
	attrs["parameters"] = actionParametersAttribute("the command's", invocationParametersMax)
	for name, attr := range runs.ActionAttributes(ctx, "TAT", "the TAT agent") {
		attrs[name] = attr
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs a saved TAT command, the account's own or one of TAT's public commands, on CVM or Lighthouse instances " +
			"(TAT InvokeCommand) when invoked (`terraform apply -invoke=action.cloudcmd_tat_invoke_command.NAME`, or an `action_trigger`), " +
			"waits for it and shows each instance's status, exit code and last lines of output. Nothing is recorded in state: the command " +
			"runs each time the action is invoked, and only then. Fails when any instance fails. With `max_concurrency`, runs on the " +
			"instances in waves. Terraform 1.14 and later.",
		Attributes: attrs,
	}
}

// ModifyPlan reports at plan that TAT cannot be reached with the
// provider's settings, before the apply invokes the action.
func (a *invokeCommandAction) ModifyPlan(_ context.Context, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	framework.CheckTATForAction(a.clients, &resp.Diagnostics)
}

func (a *invokeCommandAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = configuredClients(req.ProviderData, &resp.Diagnostics)
}

func (a *invokeCommandAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m invokeCommandActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	args := InvokeCommandArgs{
		CommandID:          m.CommandID.ValueString(),
		InstanceIDs:        flex.SetStrings(ctx, m.InstanceIDs, &resp.Diagnostics),
		Parameters:         flex.StringMap(ctx, m.Parameters, &resp.Diagnostics),
		Username:           m.Username.ValueString(),
		WorkingDirectory:   m.WorkingDirectory.ValueString(),
		Timeout:            m.Timeout.ValueInt64(), // null: 0, the command's
		OutputCOSBucketURL: m.OutputCOSBucketURL.ValueString(),
		OutputCOSKeyPrefix: m.OutputCOSKeyPrefix.ValueString(),
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

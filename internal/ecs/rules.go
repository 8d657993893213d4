package ecs

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// The rules in this file tie one argument to another, so they are checked
// on the whole configuration; like attribute validators they run at plan
// time, before any API call.

var (
	repeatModePath      = path.Root("repeat_mode")
	frequencyPath       = path.Root("frequency")
	keepCommandPath     = path.Root("keep_command")
	commandContentPath  = path.Root("command_content")
	enableParameterPath = path.Root("enable_parameter")
	timeoutPath         = path.Root("timeout")
)

// scheduleRule: RepeatMode Period needs a Frequency, and the other modes
// take none. The API would quietly turn a Once run with a Frequency into a
// periodic one; the provider refuses instead, so the mode written is the
// mode run.
type scheduleRule struct{}

func (scheduleRule) Description(_ context.Context) string {
	return `frequency is required when repeat_mode is "Period", and must not be set otherwise`
}

func (v scheduleRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v scheduleRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var mode, frequency types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, repeatModePath, &mode)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, frequencyPath, &frequency)...)
	if resp.Diagnostics.HasError() || mode.IsUnknown() || frequency.IsUnknown() {
		return
	}
	modeText := fmt.Sprintf("%q", mode.ValueString())
	if mode.IsNull() {
		modeText = fmt.Sprintf("%q (the default)", RepeatOnce)
	}
	scheduled := RepeatMode(mode.ValueString()).Scheduled()
	switch {
	case scheduled && frequency.IsNull():
		resp.Diagnostics.AddAttributeError(frequencyPath, "Missing Schedule",
			`Attribute frequency is required when repeat_mode is "Period": set it to rate(...), at(...) or a cron expression.`)
	case !scheduled && !frequency.IsNull():
		resp.Diagnostics.AddAttributeError(frequencyPath, "Schedule Without Periodic Mode",
			fmt.Sprintf(`Attribute frequency must not be set when repeat_mode is %s: only repeat_mode = "Period" runs on a schedule. `+
				`Set repeat_mode = "Period", or remove frequency.`, modeText))
	}
}

// scheduleTimeoutRule: a periodic run must end before the next is due. A
// rate(...) interval must be longer than the timeout, and a cron schedule's
// runs must not come closer together than the timeout (ECS RunCommand and
// InvokeCommand: Frequency).
// defaultTimeout is the timeout a run gets when timeout is not set; 0 when
// it is not known at plan time (InvokeCommand takes the command's).
type scheduleTimeoutRule struct {
	defaultTimeout int64
}

func (scheduleTimeoutRule) Description(_ context.Context) string {
	return "a rate(...) frequency must be longer than timeout, and the runs of a cron frequency must not be closer together than timeout"
}

func (v scheduleTimeoutRule) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v scheduleTimeoutRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var frequency types.String
	var timeout types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, frequencyPath, &frequency)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, timeoutPath, &timeout)...)
	if resp.Diagnostics.HasError() || frequency.IsNull() || frequency.IsUnknown() || timeout.IsUnknown() {
		return
	}
	seconds, which := timeout.ValueInt64(), "timeout"
	if timeout.IsNull() {
		if v.defaultTimeout == 0 {
			return
		}
		seconds, which = v.defaultTimeout, "timeout (the default)"
	}
	gap, isRate, ok := validate.ECSScheduleGap(frequency.ValueString())
	limit := time.Duration(seconds) * time.Second
	switch {
	case !ok:
		return
	case isRate && gap <= limit:
		resp.Diagnostics.AddAttributeError(frequencyPath, "Schedule Shorter Than Timeout",
			fmt.Sprintf("Attribute frequency %q runs every %s, which must be longer than %s, %d seconds: a run must be able to end before the next starts. "+
				"Lengthen the interval or shorten timeout.", frequency.ValueString(), gap, which, seconds))
	case !isRate && gap < limit:
		resp.Diagnostics.AddAttributeError(frequencyPath, "Schedule Shorter Than Timeout",
			fmt.Sprintf("Attribute frequency %q runs %s apart at times, which must not be shorter than %s, %d seconds: a run must be able to end before the next starts. "+
				"Space the runs further apart or shorten timeout.", frequency.ValueString(), gap, which, seconds))
	}
}

// contentSizeRule applies RunCommand's limit on the encoded content, which
// is lower when the command is kept: a kept command must also fit
// CreateCommand's limit.
type contentSizeRule struct{}

func (contentSizeRule) Description(_ context.Context) string {
	return fmt.Sprintf("command_content must be at most %d bytes once base64-encoded, or %d bytes when keep_command is true",
		runCommandContentMaxBase64, commandContentMaxBase64)
}

func (v contentSizeRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v contentSizeRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var content types.String
	var keep types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, commandContentPath, &content)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, keepCommandPath, &keep)...)
	if resp.Diagnostics.HasError() || content.IsNull() || content.IsUnknown() || keep.IsUnknown() {
		return
	}
	limit, when := runCommandContentMaxBase64, "when keep_command is false (the default)"
	if keep.ValueBool() {
		limit, when = commandContentMaxBase64, "when keep_command is true"
	}
	if n := base64.StdEncoding.EncodedLen(len(content.ValueString())); n > limit {
		resp.Diagnostics.AddAttributeError(commandContentPath, "Content Too Large",
			fmt.Sprintf("Attribute command_content must be at most %d bytes once base64-encoded (about %d bytes of text) %s; it is %d bytes encoded.",
				limit, limit/4*3, when, n))
	}
}

// parametersRule: parameters are only taken by a command whose content
// declares them, which enable_parameter says.
type parametersRule struct {
	attributes []string // the parameter arguments, such as "parameters"
}

func (v parametersRule) Description(_ context.Context) string {
	return "parameters need enable_parameter = true"
}

func (v parametersRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v parametersRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var enabled types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, enableParameterPath, &enabled)...)
	if resp.Diagnostics.HasError() || enabled.IsUnknown() || enabled.ValueBool() {
		return
	}
	for _, name := range v.attributes {
		var params types.Map
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &params)...)
		if params.IsNull() {
			continue
		}
		resp.Diagnostics.AddAttributeError(path.Root(name), "Parameters Need enable_parameter",
			fmt.Sprintf("Attribute %s requires enable_parameter = true: without it Cloud Assistant runs {{name}} placeholders as they are written "+
				"and refuses parameters. Set enable_parameter = true, or remove %s.", name, name))
	}
}

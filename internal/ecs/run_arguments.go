package ecs

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// RunCommand and InvokeCommand take the same arguments to choose the
// instances, schedule the run, run it as a user or in a container, and
// label it; only the instance limit differs (RunCommand: InstanceId at most
// 100; InvokeCommand: at most 50). cloudcmd_ecs_run_command and
// cloudcmd_ecs_invocation declare and record them once, here.

// runArgumentsModel is the part of an ECS run resource's model that both
// RunCommand and InvokeCommand take.
type runArgumentsModel struct {
	RegionID            types.String `tfsdk:"region_id"`
	InstanceIDs         types.Set    `tfsdk:"instance_ids"`
	ResourceTags        types.Map    `tfsdk:"resource_tags"`
	RepeatMode          types.String `tfsdk:"repeat_mode"`
	Frequency           types.String `tfsdk:"frequency"`
	Username            types.String `tfsdk:"username"`
	WindowsPasswordName types.String `tfsdk:"windows_password_name"`
	ContainerID         types.String `tfsdk:"container_id"`
	ContainerName       types.String `tfsdk:"container_name"`
	Tags                types.Map    `tfsdk:"tags"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
}

func (m *runArgumentsModel) region() types.String    { return m.RegionID }
func (m *runArgumentsModel) setRegion(region string) { m.RegionID = types.StringValue(region) }
func (m *runArgumentsModel) repeatMode() RepeatMode  { return RepeatMode(m.RepeatMode.ValueString()) }
func (m *runArgumentsModel) instanceIDs() []string {
	var diags diag.Diagnostics
	return flex.SetStrings(context.Background(), m.InstanceIDs, &diags)
}

// importArguments fills the shared arguments an import cannot know from
// the configuration with what the invocation reports. windows_password_name,
// resource_group_id and resource_tags are not reported.
func (m *runArgumentsModel) importArguments(inv *invocation, diags *diag.Diagnostics) {
	m.RepeatMode = types.StringValue(string(RepeatOnce))
	if mode := flex.StringValue(inv.RepeatMode); mode != "" {
		m.RepeatMode = types.StringValue(mode)
	}
	m.Frequency = stringOrPrior(inv.Frequency, m.Frequency)
	m.ContainerID = stringOrPrior(inv.ContainerId, m.ContainerID)
	m.ContainerName = stringOrPrior(inv.ContainerName, m.ContainerName)
	m.Tags = invocationTagsFromAPI(inv.Tags, m.Tags, diags)
	var instanceIDs []string
	if inv.InvokeInstances != nil {
		for _, i := range inv.InvokeInstances.InvokeInstance {
			if i != nil && i.InstanceId != nil {
				instanceIDs = append(instanceIDs, *i.InstanceId)
			}
		}
	}
	ids, d := types.SetValueFrom(context.Background(), types.StringType, instanceIDs)
	diags.Append(d...)
	m.InstanceIDs = ids
}

// runArgumentsDocs is what the shared arguments' descriptions say of one
// of the two calls.
type runArgumentsDocs struct {
	// InstancesMax is how many instances the call takes.
	InstancesMax int
	// Tagged is what tags and resource_group_id apply to, such as "the
	// invocation".
	Tagged string
	// Retagged is what a change of tags retags in place.
	Retagged string
}

// runArgumentsAttributes declare runArgumentsModel.
func runArgumentsAttributes(docs runArgumentsDocs) map[string]schema.Attribute {
	instancesMax := strconv.Itoa(docs.InstancesMax)
	return map[string]schema.Attribute{
		"region_id": regionIDAttribute("invocation"),
		"instance_ids": schema.SetAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Instances to run on: 1 to " + instancesMax + " IDs, ECS instances (`i-...`) or managed instances (`mi-...`), which may be mixed. " +
				"Exactly one of `instance_ids` and `resource_tags`.",
			Validators:    validate.ECSInstanceIDs(docs.InstancesMax),
			PlanModifiers: []planmodifier.Set{runs.ReplaceSetUnlessAdopted()}, // filled in by an import of a resource_tags run,
		},
		"resource_tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Run on every instance carrying all these tags (at most " + instancesMax + " instances): 1 to 10 tags. " +
				"Exactly one of `instance_ids` and `resource_tags`; `results` lists the instances selected.",
			Validators: []validator.Map{
				mapvalidator.SizeBetween(1, runResourceTagsMax),
				mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, 64)),
			},
			PlanModifiers: []planmodifier.Map{runs.ReplaceMapUnlessAdopted()}, // not reported: an import leaves it null
		},
		"repeat_mode": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(string(RepeatOnce)),
			MarkdownDescription: "When to run: " + flex.EnumList(RepeatModes) + ". Default `Once`, the only mode whose end is waited for; " +
				"`Period` runs on `frequency`, the reboot modes when the instance restarts.",
			Validators:    []validator.String{stringvalidator.OneOf(stringList(RepeatModes)...)},
			PlanModifiers: replace,
		},
		"frequency": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Schedule of a `Period` run, required with it and refused otherwise: `rate(<n><s|m|h|d>)` (60 seconds to 7 days), " +
				"`at(yyyy-MM-dd HH:mm:ss [time zone])`, or a cron expression `<second> <minute> <hour> <day-of-month> <month> <day-of-week> [<year>] [<time zone>]` " +
				"(day of week 1 = Monday). A time zone is `UTC`, `GMT+H:MM` or an IANA name; a cron expression without one follows the instance's clock. " +
				"A rate must be longer than `timeout`, and a cron expression's runs at least 10 seconds and `timeout` apart.",
			Validators: []validator.String{validate.ECSFrequency()}, PlanModifiers: replace,
		},
		"username": schema.StringAttribute{
			Optional: true, Computed: true, MarkdownDescription: "User to run as, at most 255 characters; `root` on Linux and `System` on Windows by default.",
			Validators: []validator.String{stringvalidator.UTF8LengthAtMost(runUsernameMaxLen)}, PlanModifiers: keepOrReplace,
		},
		"windows_password_name": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Name of the OOS parameter holding the password of `username` on Windows, at most 255 characters.",
			Validators:    []validator.String{stringvalidator.UTF8LengthAtMost(runPasswordNameMaxLen)},
			PlanModifiers: []planmodifier.String{runs.ReplaceStringUnlessAdopted()}, // not reported: an import leaves it null
		},
		"container_id": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Run inside this container: 64 hexadecimal digits, optionally prefixed by `docker://`, `containerd://` or `cri-o://`. " +
				"Linux only; `username` and `working_dir` are then ignored.",
			Validators: []validator.String{validate.ECSContainerID()}, PlanModifiers: replace,
		},
		"container_name": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Run inside the container of this name.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
		},
		"tags": schema.MapAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Tags bound to " + docs.Tagged + ", at most 20. Keys are 1 to 64 characters and must not start with `aliyun` or `acs:`; " +
				"values are at most 128 characters; neither may contain `http://` or `https://`. " +
				"Changing them retags " + docs.Retagged + " in place through TagResources and UntagResources: the command does not run again.",
			Validators: validate.AlibabaTags(),
		},
		"resource_group_id": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Resource group of " + docs.Tagged + ".",
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers: []planmodifier.String{runs.ReplaceStringUnlessAdopted()}, // not reported: an import leaves it null
		},
	}
}

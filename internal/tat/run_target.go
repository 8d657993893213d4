package tat

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// InvokeCommand and RunCommand take the instances to run on and the COS
// bucket for the output alike (InstanceIds, at most 200;
// OutputCOSBucketUrl; OutputCOSKeyPrefix). cloudcmd_tat_invocation and
// cloudcmd_tat_run_command declare and record them once, here.

// runTargetModel is the part of a TAT run resource's model that both calls
// take alike.
type runTargetModel struct {
	InstanceIDs        types.Set    `tfsdk:"instance_ids"`
	OutputCOSBucketURL types.String `tfsdk:"output_cos_bucket_url"`
	OutputCOSKeyPrefix types.String `tfsdk:"output_cos_key_prefix"`
}

func (m *runTargetModel) instanceIDs() types.Set { return m.InstanceIDs }

// refreshInstanceIDs takes the instances from the invocation's tasks. An
// answer without the task set says nothing about the instances: the ones
// already known (from the configuration or the state) are kept, rather
// than replaced by none, which would also contradict the plan. After an
// import nothing is known, and the set is read as is.
func (m *runTargetModel) refreshInstanceIDs(ctx context.Context, inv *tat.Invocation, diags *diag.Diagnostics) {
	if inv.InvocationTaskBasicInfoSet != nil || m.InstanceIDs.IsNull() || m.InstanceIDs.IsUnknown() {
		m.InstanceIDs = instanceIDsFromTasks(ctx, inv.InvocationTaskBasicInfoSet, diags)
	}
}

// refreshOutputCOS takes the output bucket and folder the invocation
// reports.
func (m *runTargetModel) refreshOutputCOS(inv *tat.Invocation) {
	m.OutputCOSBucketURL = flex.OptionalString(inv.OutputCOSBucketUrl)
	m.OutputCOSKeyPrefix = flex.OptionalString(inv.OutputCOSKeyPrefix)
}

// runTargetAttributes declare runTargetModel.
func runTargetAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"instance_ids": schema.SetAttribute{
			ElementType: types.StringType, Required: true,
			MarkdownDescription: "Instances to run on: 1 to 200 IDs, all CVM (`ins-...`), all Lighthouse (`lhins-...`) or all TAT managed instances (`rins-...`).",
			Validators:          validate.TATInstanceIDs(invocationInstancesMax),
			PlanModifiers:       []planmodifier.Set{setplanmodifier.RequiresReplace()},
		},
		"output_cos_bucket_url": schema.StringAttribute{
			Optional: true, MarkdownDescription: "COS bucket that receives the full output: `https://<bucket>-<appid>.cos.<region>.myqcloud.com`.",
			Validators: []validator.String{validate.COSBucketURL()}, PlanModifiers: replace,
		},
		"output_cos_key_prefix": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Folder for output in the COS bucket: at most 60 visible characters, `/` separating folders, " +
				"not starting with `/`, without `//` or a `..` folder. Needs `output_cos_bucket_url`.",
			Validators:    []validator.String{validate.COSKeyPrefix(), stringvalidator.AlsoRequires(path.MatchRoot("output_cos_bucket_url"))},
			PlanModifiers: replace,
		},
	}
}

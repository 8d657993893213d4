package ecs

import (
	"context"
	"slices"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/framework"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// ECS DescribeCloudAssistantStatus: OSType is Windows, Linux or FreeBSD;
// MaxResults at most 50.
var agentOSTypes = []string{"Windows", "Linux", "FreeBSD"}

const agentPageSize = 50

var _ datasource.DataSourceWithConfigure = (*agentStatusDataSource)(nil)

// NewAgentStatusDataSource is the cloudcmd_ecs_agent_status data source.
func NewAgentStatusDataSource() datasource.DataSource { return &agentStatusDataSource{} }

type agentStatusDataSource struct {
	framework.DataSourceWithClients
}

type agentStatusModel struct {
	ID                 types.String `tfsdk:"id"`
	RegionID           types.String `tfsdk:"region_id"`
	InstanceIDs        types.Set    `tfsdk:"instance_ids"`
	OSType             types.String `tfsdk:"os_type"`
	Agents             types.List   `tfsdk:"agents"`
	MissingInstanceIDs types.List   `tfsdk:"missing_instance_ids"`
}

type agentModel struct {
	InstanceID            types.String `tfsdk:"instance_id"`
	Online                types.Bool   `tfsdk:"online"`
	Installed             types.Bool   `tfsdk:"installed"`
	Version               types.String `tfsdk:"version"`
	LastHeartbeatTime     types.String `tfsdk:"last_heartbeat_time"`
	OSType                types.String `tfsdk:"os_type"`
	ActiveTaskCount       types.Int64  `tfsdk:"active_task_count"`
	InvocationCount       types.Int64  `tfsdk:"invocation_count"`
	LastInvokedTime       types.String `tfsdk:"last_invoked_time"`
	SupportSessionManager types.Bool   `tfsdk:"support_session_manager"`
}

var agentType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"instance_id":             types.StringType,
	"online":                  types.BoolType,
	"installed":               types.BoolType,
	"version":                 types.StringType,
	"last_heartbeat_time":     types.StringType,
	"os_type":                 types.StringType,
	"active_task_count":       types.Int64Type,
	"invocation_count":        types.Int64Type,
	"last_invoked_time":       types.StringType,
	"support_session_manager": types.BoolType,
}}

func (d *agentStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ecs_agent_status"
}

func (d *agentStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) schema.Attribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	count := func(desc string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Cloud Assistant agents (DescribeCloudAssistantStatus): whether each instance's agent is installed and online, " +
			"its version, last heartbeat and operating system. Instances are read 50 to a call, in calls shared with the runs waiting for agents.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "A digest of the query."},
			"region_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region of the instances, such as `cn-hangzhou`. Defaults to the provider's `alicloud.region` " +
					"(or `ALICLOUD_REGION`); one of the two must be set.",
				Validators: []validator.String{validate.AlibabaRegionID()},
			},
			"instance_ids": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "The instances whose agents to list: ECS (`i-...`) or managed (`mi-...`) instances, which may be mixed. " +
					"Without it, every instance of the region is listed.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validate.ECSInstanceID()),
				},
			},
			"os_type": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only instances of this system: " + quotedList(agentOSTypes) + ".",
				Validators: []validator.String{stringvalidator.OneOf(agentOSTypes...)},
			},
			"agents": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The instances' agents, sorted by instance ID.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"instance_id":             str("The instance."),
					"online":                  boolean("Whether the agent sent a heartbeat in the last two minutes (`CloudAssistantStatus`): only an online agent takes commands."),
					"installed":               boolean("Whether the agent is installed: Cloud Assistant reports a version for it."),
					"version":                 str("The agent's version; empty when it is not installed."),
					"last_heartbeat_time":     str("The agent's last heartbeat (ISO 8601, UTC)."),
					"os_type":                 str("`Windows`, `Linux` or `FreeBSD`."),
					"active_task_count":       count("Commands the agent is running."),
					"invocation_count":        count("Commands the agent has finished."),
					"last_invoked_time":       str("When a command last ran on the instance."),
					"support_session_manager": boolean("Whether the agent is recent enough for Session Manager."),
				}},
			},
			"missing_instance_ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "The instances of `instance_ids` that Cloud Assistant does not list: they do not exist in the region. Sorted; empty without `instance_ids`.",
			},
		},
	}
}

func (d *agentStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config agentStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := ecsClient(d.Clients, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	region := regionOf(config.RegionID, client)
	if region == "" {
		resp.Diagnostics.Append(missingRegionDiagnostic())
		return
	}
	ids := flex.SetStrings(ctx, config.InstanceIDs, &resp.Diagnostics)
	slices.Sort(ids)
	agents, missing, err := config.list(ctx, client, region, ids)
	if err != nil {
		resp.Diagnostics.Append(framework.APIErrorDiagnostic("Error Listing Cloud Assistant Agents", "list the Cloud Assistant agents in "+region, err))
		return
	}
	config.Agents = agentsValue(ctx, agents, &resp.Diagnostics)
	missingList, diags := types.ListValueFrom(ctx, types.StringType, missing)
	resp.Diagnostics.Append(diags...)
	config.MissingInstanceIDs = missingList
	config.ID = types.StringValue(strings.Join([]string{"agents", region, strings.Join(ids, ","), config.OSType.ValueString()}, ";"))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// list reads the agents: the named instances' in batched calls, os_type
// applied here, or every instance's in the region, page by page.
func (m agentStatusModel) list(ctx context.Context, client *conns.ECSClient, region string, ids []string) ([]*conns.ECSAgentStatus, []string, error) {
	if len(ids) == 0 {
		agents, err := listAgents(ctx, client, region, flex.KnownStringPointer(m.OSType))
		return agents, []string{}, err
	}
	found, err := client.AgentStatuses(ctx, region, ids)
	if err != nil {
		return nil, nil, err
	}
	agents := []*conns.ECSAgentStatus{}
	missing := []string{}
	for _, id := range ids {
		agent, ok := found[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case m.OSType.ValueString() == "" || flex.StringValue(agent.OSType) == m.OSType.ValueString():
			agents = append(agents, agent)
		}
	}
	return agents, missing, nil
}

// listAgents pages through every instance's agent in the region with
// MaxResults and NextToken, sorted by instance ID.
func listAgents(ctx context.Context, client *conns.ECSClient, region string, osType *string) ([]*conns.ECSAgentStatus, error) {
	all := []*conns.ECSAgentStatus{}
	size := int32(agentPageSize)
	req := &ecs.DescribeCloudAssistantStatusRequest{RegionId: &region, OSType: osType, MaxResults: &size}
	for {
		resp, err := client.DescribeCloudAssistantStatus(ctx, req)
		if err != nil {
			return nil, err
		}
		if resp.Body == nil {
			break
		}
		if set := resp.Body.InstanceCloudAssistantStatusSet; set != nil {
			all = append(all, flex.NonNil(set.InstanceCloudAssistantStatus)...)
		}
		if flex.StringValue(resp.Body.NextToken) == "" {
			break
		}
		req.NextToken = resp.Body.NextToken
	}
	slices.SortFunc(all, func(a, b *conns.ECSAgentStatus) int {
		return strings.Compare(flex.StringValue(a.InstanceId), flex.StringValue(b.InstanceId))
	})
	return all, nil
}

func agentsValue(ctx context.Context, agents []*conns.ECSAgentStatus, diags *diag.Diagnostics) types.List {
	models := make([]agentModel, 0, len(agents))
	for _, a := range agents {
		models = append(models, agentModel{
			InstanceID:            types.StringValue(flex.StringValue(a.InstanceId)),
			Online:                types.BoolValue(flex.StringValue(a.CloudAssistantStatus) == "true"),
			Installed:             types.BoolValue(flex.StringValue(a.CloudAssistantVersion) != ""),
			Version:               types.StringValue(flex.StringValue(a.CloudAssistantVersion)),
			LastHeartbeatTime:     types.StringValue(flex.StringValue(a.LastHeartbeatTime)),
			OSType:                types.StringValue(flex.StringValue(a.OSType)),
			ActiveTaskCount:       types.Int64Value(int64Value(a.ActiveTaskCount)),
			InvocationCount:       types.Int64Value(int64Value(a.InvocationCount)),
			LastInvokedTime:       types.StringValue(flex.StringValue(a.LastInvokedTime)),
			SupportSessionManager: types.BoolValue(a.SupportSessionManager != nil && *a.SupportSessionManager),
		})
	}
	list, d := types.ListValueFrom(ctx, agentType, models)
	diags.Append(d...)
	return list
}

package framework

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// AgentsModel is what the agent status data sources of both clouds share:
// the instances asked about, their agents and the instances without one.
// Each data source embeds it beside its own filters.
type AgentsModel struct {
	ID                 types.String `tfsdk:"id"`
	InstanceIDs        types.Set    `tfsdk:"instance_ids"`
	Agents             types.List   `tfsdk:"agents"`
	MissingInstanceIDs types.List   `tfsdk:"missing_instance_ids"`
}

// AgentLookup is how one cloud reads agents of type T.
type AgentLookup[T any] struct {
	// ByID reads the agents of the instances named, by instance ID, in the
	// calls shared with the runs waiting for agents.
	ByID func(ids []string) (map[string]T, error)
	// All reads every agent the filters select, page by page.
	All func() ([]T, error)
	// Selects applies the filters to an agent read by ID: the clouds'
	// status calls take instance IDs or filters, not both.
	Selects func(T) bool
	// InstanceID is the instance an agent runs on.
	InstanceID func(T) string
}

// ReadAgents fills m with the agents the lookup reads, sorted by instance
// ID, each as a model made by model, of objectType; instance_ids, when
// set, are read by ID and those without an agent listed as missing. It
// returns the instance IDs asked about, sorted, for the query's digest.
func ReadAgents[T, M any](ctx context.Context, m *AgentsModel, lookup AgentLookup[T], objectType types.ObjectType, model func(T) M, diags *diag.Diagnostics) ([]string, error) {
	ids := flex.SetStrings(ctx, m.InstanceIDs, diags)
	slices.Sort(ids)
	agents, missing, err := lookup.read(ids)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(agents, func(a, b T) int { return strings.Compare(lookup.InstanceID(a), lookup.InstanceID(b)) })
	models := make([]M, 0, len(agents))
	for _, agent := range agents {
		models = append(models, model(agent))
	}
	var d diag.Diagnostics
	m.Agents, d = types.ListValueFrom(ctx, objectType, models)
	diags.Append(d...)
	m.MissingInstanceIDs = StringList(missing)
	return ids, nil
}

func (lookup AgentLookup[T]) read(ids []string) (agents []T, missing []string, err error) {
	if len(ids) == 0 {
		agents, err = lookup.All()
		return agents, []string{}, err
	}
	found, err := lookup.ByID(ids)
	if err != nil {
		return nil, nil, err
	}
	agents, missing = SelectFound(ids, found, lookup.Selects)
	return agents, missing, nil
}

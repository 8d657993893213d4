package framework

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type testAgent struct{ instance, status string }

type testAgentModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
}

var testAgentType = ObjectType(map[string]schema.Attribute{"instance_id": ComputedString("i")})

func testLookup(calls *[]string) AgentLookup[testAgent] {
	agents := map[string]testAgent{"i-2": {"i-2", "Online"}, "i-1": {"i-1", "Offline"}, "i-3": {"i-3", "Online"}}
	return AgentLookup[testAgent]{
		ByID: func(ids []string) (map[string]testAgent, error) {
			*calls = append(*calls, "byID")
			return agents, nil
		},
		All: func() ([]testAgent, error) {
			*calls = append(*calls, "all")
			return []testAgent{agents["i-3"], agents["i-1"], agents["i-2"]}, nil
		},
		Selects:    func(a testAgent) bool { return a.status == "Online" },
		InstanceID: func(a testAgent) string { return a.instance },
	}
}

func agentModel(a testAgent) testAgentModel {
	return testAgentModel{InstanceID: types.StringValue(a.instance)}
}

func instancesOf(t *testing.T, list types.List) []string {
	t.Helper()
	var models []testAgentModel
	if diags := list.ElementsAs(context.Background(), &models, false); diags.HasError() {
		t.Fatal(diags)
	}
	var out []string
	for _, m := range models {
		out = append(out, m.InstanceID.ValueString())
	}
	return out
}

func TestReadAgentsByIDAppliesTheFiltersAndListsTheMissing(t *testing.T) {
	var calls []string
	var diags diag.Diagnostics
	m := AgentsModel{InstanceIDs: types.SetValueMust(types.StringType, []attr.Value{
		types.StringValue("i-9"), types.StringValue("i-3"), types.StringValue("i-1"), types.StringValue("i-2"),
	})}
	ids, err := ReadAgents(context.Background(), &m, testLookup(&calls), testAgentType, agentModel, &diags)
	if err != nil || diags.HasError() {
		t.Fatal(err, diags)
	}
	if got := instancesOf(t, m.Agents); len(got) != 2 || got[0] != "i-2" || got[1] != "i-3" {
		t.Errorf("agents %v, want the online ones, i-2 and i-3", got)
	}
	if !m.MissingInstanceIDs.Equal(StringList([]string{"i-9"})) {
		t.Errorf("missing %s, want [i-9]", m.MissingInstanceIDs)
	}
	if len(ids) != 4 || ids[0] != "i-1" || ids[3] != "i-9" || len(calls) != 1 || calls[0] != "byID" {
		t.Errorf("ids %v (want sorted), calls %v (want byID)", ids, calls)
	}
}

func TestReadAgentsWithoutIDsListsEveryAgentSorted(t *testing.T) {
	var calls []string
	var diags diag.Diagnostics
	m := AgentsModel{InstanceIDs: types.SetNull(types.StringType)}
	if _, err := ReadAgents(context.Background(), &m, testLookup(&calls), testAgentType, agentModel, &diags); err != nil || diags.HasError() {
		t.Fatal(err, diags)
	}
	if got := instancesOf(t, m.Agents); len(got) != 3 || got[0] != "i-1" || got[2] != "i-3" {
		t.Errorf("agents %v, want all three sorted (the cloud filtered them)", got)
	}
	if m.MissingInstanceIDs.IsNull() || len(m.MissingInstanceIDs.Elements()) != 0 || len(calls) != 1 || calls[0] != "all" {
		t.Errorf("missing %s (want empty), calls %v (want all)", m.MissingInstanceIDs, calls)
	}
}

func TestReadAgentsReturnsTheLookupError(t *testing.T) {
	var calls []string
	var diags diag.Diagnostics
	lookup := testLookup(&calls)
	failure := errors.New("throttled")
	lookup.All = func() ([]testAgent, error) { return nil, failure }
	m := AgentsModel{InstanceIDs: types.SetNull(types.StringType)}
	if _, err := ReadAgents(context.Background(), &m, lookup, testAgentType, agentModel, &diags); !errors.Is(err, failure) {
		t.Errorf("err = %v, want %v", err, failure)
	}
}

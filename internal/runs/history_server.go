package runs

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// importBeforeReadKey is the framework's own private key for a state an
// import has just made, which the read after it must see.
const importBeforeReadKey = ".import_before_read"

// identityType is the wire type of framework.IdentitySchema.
var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"id":     tftypes.String,
	"region": tftypes.String,
}}

// nullIdentity is the identity the framework plans for a run Terraform
// gave none (before Terraform 1.12): a null one.
var nullIdentity = func() *tfprotov6.ResourceIdentityData {
	data, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, nil))
	if err != nil {
		panic(err)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &data}
}()

// FrameworkServer is all terraform-plugin-framework serves over protocol 6,
// so that a server wrapping it passes on each kind of request.
type FrameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// HistoryServer serves next, answering itself for a run that is history:
// its refresh, with the state, private state and identity exactly as they
// came, before anything decodes the state; and its plan, when nothing in
// the configuration changed, with the prior state again. A finished run's
// state holds every instance's output, and decoding, copying and encoding
// it was most of what refreshing and planning a thousand of them cost.
// plans holds the HistoryPlan of each run resource type by name; every
// other request, and every run not marked, goes to next.
func HistoryServer(next FrameworkServer, plans map[string]HistoryPlan) FrameworkServer {
	return historyServer{FrameworkServer: next, plans: plans}
}

type historyServer struct {
	FrameworkServer
	plans map[string]HistoryPlan
}

func (s historyServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if resp, ok := readHistory(req); ok {
		return resp, nil
	}
	return s.FrameworkServer.ReadResource(ctx, req)
}

func (s historyServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if resp, ok := s.planHistory(req); ok {
		return resp, nil
	}
	return s.FrameworkServer.PlanResourceChange(ctx, req)
}

// readHistory answers the refresh of a run marked as history (markFrozen),
// unless an import has just made it, in which case it must be read from the
// cloud. A mark from before marks carried the identity ("true") is left to
// the framework, whose read writes the new mark, when Terraform has no
// identity to give back.
func readHistory(req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, bool) {
	if req.CurrentState == nil {
		return nil, false
	}
	mark, ok := historyMarkOf(req.Private)
	if !ok {
		return nil, false
	}
	identity := req.CurrentIdentity
	if identity == nil || identity.IdentityData == nil {
		if identity, ok = markedIdentity(mark); !ok {
			return nil, false
		}
	}
	return &tfprotov6.ReadResourceResponse{
		NewState:    req.CurrentState,
		Private:     req.Private,
		NewIdentity: identity,
	}, true
}

// planHistory answers the plan of a run marked as history whose proposed
// new state is its prior state (HistoryPlan.proposesPrior), when its HistoryPlan finds
// that the framework would plan the prior state again: no replacement, no
// update, the private state and identity as they came. An import not yet
// applied is left to the framework, which takes its arguments.
func (s historyServer) planHistory(req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, bool) {
	plan, known := s.plans[req.TypeName]
	if !known || req.PriorState == nil || req.ProposedNewState == nil || len(req.PriorState.MsgPack) == 0 ||
		!plan.proposesPrior(req.ProposedNewState, req.PriorState) {
		return nil, false
	}
	if _, ok := historyMarkOf(req.PriorPrivate, privateAdopted); !ok || !plan.unchanged(req.Config, req.PriorState) {
		return nil, false
	}
	identity := req.PriorIdentity
	if identity == nil {
		identity = nullIdentity
	}
	return &tfprotov6.PlanResourceChangeResponse{
		PlannedState:    req.PriorState,
		PlannedPrivate:  req.PriorPrivate,
		PlannedIdentity: identity,
	}, true
}

// historyMarkOf is the history mark (markFrozen) in a run's private state,
// unless an import has just made the run or the private state holds any
// of the keys also. The private state is the framework's: a JSON object of
// each key's bytes.
func historyMarkOf(private []byte, also ...string) ([]byte, bool) {
	if len(private) == 0 {
		return nil, false
	}
	var keys map[string][]byte
	if err := json.Unmarshal(private, &keys); err != nil {
		return nil, false
	}
	mark := keys[privateFrozen]
	if len(mark) == 0 {
		return nil, false
	}
	for _, key := range append([]string{privateImported, importBeforeReadKey}, also...) {
		if _, ok := keys[key]; ok {
			return nil, false
		}
	}
	return mark, true
}

// markedIdentity is the identity a history mark carries.
func markedIdentity(mark []byte) (*tfprotov6.ResourceIdentityData, bool) {
	var m historyMark
	if err := json.Unmarshal(mark, &m); err != nil || m.ID == "" {
		return nil, false
	}
	data, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
		"id":     tftypes.NewValue(tftypes.String, m.ID),
		"region": tftypes.NewValue(tftypes.String, m.Region),
	}))
	if err != nil {
		return nil, false
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &data}, true
}

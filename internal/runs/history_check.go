package runs

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// CheckedHistoryServer is HistoryServer with every plan it answers for
// history also made by next, and the two compared: a difference is an
// error in the answer, naming what differs. The acceptance tests serve the
// provider through it, so each of their plans proves the shortcut plans
// what the framework would.
func CheckedHistoryServer(next FrameworkServer, plans map[string]HistoryPlan) FrameworkServer {
	return checkedHistoryServer{historyServer{FrameworkServer: next, plans: plans}}
}

type checkedHistoryServer struct {
	historyServer
}

func (s checkedHistoryServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, ok := s.planHistory(req)
	if !ok {
		return s.FrameworkServer.PlanResourceChange(ctx, req)
	}
	framework, err := s.FrameworkServer.PlanResourceChange(ctx, req)
	if err != nil {
		return nil, err
	}
	if differences := s.plans[req.TypeName].differences(resp, framework); len(differences) > 0 {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "History Plan Differs From the Framework's",
			Detail:   "The plan answered for " + req.TypeName + " as history is not the framework's: " + strings.Join(differences, "; ") + ".",
		})
	}
	return resp, nil
}

// differences are what differs between the plan history answered and the
// framework's.
func (p HistoryPlan) differences(history, framework *tfprotov6.PlanResourceChangeResponse) []string {
	var found []string
	for _, d := range framework.Diagnostics {
		found = append(found, fmt.Sprintf("the framework said %q: %s", d.Summary, d.Detail))
	}
	if len(framework.RequiresReplace) > 0 {
		found = append(found, fmt.Sprintf("the framework replaces the run for %v", framework.RequiresReplace))
	}
	if framework.Deferred != nil {
		found = append(found, "the framework defers the run")
	}
	if !sameValue(history.PlannedState, framework.PlannedState, p.stateType) {
		found = append(found, "the planned state differs")
	}
	if !samePrivate(history.PlannedPrivate, framework.PlannedPrivate) {
		found = append(found, fmt.Sprintf("the planned private state differs: %s, the framework's %s", history.PlannedPrivate, framework.PlannedPrivate))
	}
	if !sameValue(identityData(history.PlannedIdentity), identityData(framework.PlannedIdentity), identityType) {
		found = append(found, "the planned identity differs")
	}
	return found
}

// sameValue reports whether a and b hold the same value of type t, a
// missing one being null.
func sameValue(a, b *tfprotov6.DynamicValue, t tftypes.Type) bool {
	decode := func(v *tfprotov6.DynamicValue) (tftypes.Value, error) {
		if v == nil {
			return tftypes.NewValue(t, nil), nil
		}
		return v.Unmarshal(t)
	}
	av, errA := decode(a)
	bv, errB := decode(b)
	return errA == nil && errB == nil && av.Equal(bv)
}

// samePrivate reports whether two private states hold the same keys and
// bytes, an empty one being none.
func samePrivate(a, b []byte) bool {
	decode := func(private []byte) (map[string][]byte, error) {
		keys := map[string][]byte{}
		if len(private) == 0 {
			return keys, nil
		}
		return keys, json.Unmarshal(private, &keys)
	}
	ak, errA := decode(a)
	bk, errB := decode(b)
	return errA == nil && errB == nil && maps.EqualFunc(ak, bk, func(x, y []byte) bool { return string(x) == string(y) })
}

func identityData(identity *tfprotov6.ResourceIdentityData) *tfprotov6.DynamicValue {
	if identity == nil {
		return nil
	}
	return identity.IdentityData
}

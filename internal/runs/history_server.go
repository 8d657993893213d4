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

// FrameworkServer is all terraform-plugin-framework serves over protocol 6,
// so that a server wrapping it passes on each kind of request.
type FrameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// HistoryServer serves next, answering the refresh of a run that is history
// itself: with the state, private state and identity exactly as they came,
// before anything decodes the state. A finished run's state holds every
// instance's output, and decoding, copying and encoding it was most of
// what refreshing a thousand of them cost. Everything else, and every run
// not marked, goes to next.
func HistoryServer(next FrameworkServer) FrameworkServer {
	return historyServer{next}
}

type historyServer struct {
	FrameworkServer
}

func (s historyServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if resp, ok := readHistory(req); ok {
		return resp, nil
	}
	return s.FrameworkServer.ReadResource(ctx, req)
}

// readHistory answers the refresh of a run marked as history (markFrozen),
// unless an import has just made it, in which case it must be read from the
// cloud. The private state is the framework's: a JSON object of each key's
// bytes. A mark from before marks carried the identity ("true") is left to
// the framework, whose read writes the new mark, when Terraform has no
// identity to give back.
func readHistory(req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, bool) {
	if req.CurrentState == nil || len(req.Private) == 0 {
		return nil, false
	}
	var private map[string][]byte
	if err := json.Unmarshal(req.Private, &private); err != nil {
		return nil, false
	}
	mark := private[privateFrozen]
	if len(mark) == 0 || len(private[privateImported]) > 0 {
		return nil, false
	}
	if _, importing := private[importBeforeReadKey]; importing {
		return nil, false
	}
	identity := req.CurrentIdentity
	if identity == nil || identity.IdentityData == nil {
		var ok bool
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

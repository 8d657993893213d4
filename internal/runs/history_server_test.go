package runs

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// frameworkStub stands for the framework's server: it counts the reads
// and plans that reach it, and plans plan.
type frameworkStub struct {
	FrameworkServer
	reads, plans int
	plan         *tfprotov6.PlanResourceChangeResponse
}

func (s *frameworkStub) ReadResource(context.Context, *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	s.reads++
	return &tfprotov6.ReadResourceResponse{}, nil
}

func (s *frameworkStub) PlanResourceChange(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	s.plans++
	if s.plan != nil {
		return s.plan, nil
	}
	return &tfprotov6.PlanResourceChangeResponse{}, nil
}

// privateState encodes keys as the framework does: a JSON object of each
// key's bytes.
func privateState(t *testing.T, keys map[string]string) []byte {
	t.Helper()
	raw := map[string][]byte{}
	for k, v := range keys {
		raw[k] = []byte(v)
	}
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func identityOf(t *testing.T, id, region string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, id), "region": tftypes.NewValue(tftypes.String, region),
	}))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &v}
}

func decodeIdentity(t *testing.T, data *tfprotov6.ResourceIdentityData) map[string]tftypes.Value {
	t.Helper()
	if data == nil || data.IdentityData == nil {
		t.Fatal("no identity in the answer")
	}
	v, err := data.IdentityData.Unmarshal(identityType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

func stringOf(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

const historyMarkJSON = `{"id":"inv-history1","region":"ap-guangzhou"}`

// A run marked as history is answered with its state, private state and
// identity as they came, without the framework; its identity comes from
// the mark where Terraform keeps none.
func TestHistoryServer_answersRunsThatAreHistory(t *testing.T) {
	state := &tfprotov6.DynamicValue{MsgPack: []byte("the state, never decoded")}
	tests := map[string]struct {
		identity   *tfprotov6.ResourceIdentityData
		mark       string
		wantRegion string
	}{
		"identity from the mark": {mark: historyMarkJSON, wantRegion: "ap-guangzhou"},
		"identity kept by Terraform": {
			mark: historyMarkJSON, identity: identityOf(t, "inv-history1", "ap-shanghai"), wantRegion: "ap-shanghai",
		},
		"an older mark, identity kept by Terraform": {
			mark: "true", identity: identityOf(t, "inv-history1", "ap-guangzhou"), wantRegion: "ap-guangzhou",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			stub := &frameworkStub{}
			private := privateState(t, map[string]string{privateFrozen: tc.mark, privateAdopted: "true"})
			resp, err := HistoryServer(stub, nil).ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
				TypeName: "cloudcmd_tat_run_command", CurrentState: state, Private: private, CurrentIdentity: tc.identity,
			})
			if err != nil {
				t.Fatal(err)
			}
			if stub.reads != 0 {
				t.Errorf("the framework read the run %d times", stub.reads)
			}
			if resp.NewState != state || string(resp.Private) != string(private) {
				t.Errorf("answered state %v and private %q, want them as they came", resp.NewState, resp.Private)
			}
			attrs := decodeIdentity(t, resp.NewIdentity)
			if got := stringOf(t, attrs["id"]); got != "inv-history1" {
				t.Errorf("identity id = %q", got)
			}
			if got := stringOf(t, attrs["region"]); got != tc.wantRegion {
				t.Errorf("identity region = %q, want %q", got, tc.wantRegion)
			}
		})
	}
}

// Whatever is not surely history goes to the framework: a run not marked,
// one an import has just made, an older mark with no identity to answer
// with, and private state that is not the framework's.
func TestHistoryServer_passesOnWhatIsNotHistory(t *testing.T) {
	tests := map[string][]byte{
		"no private state":            nil,
		"not marked":                  privateState(t, map[string]string{privatePurged: "true"}),
		"mark cleared":                privateState(t, map[string]string{privateFrozen: ""}),
		"imported":                    privateState(t, map[string]string{privateFrozen: historyMarkJSON, privateImported: "true"}),
		"import before read":          privateState(t, map[string]string{privateFrozen: historyMarkJSON, importBeforeReadKey: "true"}),
		"older mark without identity": privateState(t, map[string]string{privateFrozen: "true"}),
		"mark without an ID":          privateState(t, map[string]string{privateFrozen: `{"region":"ap-guangzhou"}`}),
		"not the framework's":         []byte(`{"frozen":true}`),
		"not JSON":                    []byte("frozen"),
	}
	for name, private := range tests {
		t.Run(name, func(t *testing.T) {
			stub := &frameworkStub{}
			_, err := HistoryServer(stub, nil).ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
				TypeName:     "cloudcmd_tat_run_command",
				CurrentState: &tfprotov6.DynamicValue{MsgPack: []byte{0xc0}},
				Private:      private,
			})
			if err != nil {
				t.Fatal(err)
			}
			if stub.reads != 1 {
				t.Errorf("the framework read the run %d times, want once", stub.reads)
			}
		})
	}
}

// The framework keeps private state as a JSON object of base64 values:
// what readHistory decodes is that form.
func TestHistoryServer_readsTheFrameworksPrivateForm(t *testing.T) {
	private := []byte(`{"frozen":"` + base64.StdEncoding.EncodeToString([]byte(historyMarkJSON)) + `"}`)
	stub := &frameworkStub{}
	resp, err := HistoryServer(stub, nil).ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		CurrentState: &tfprotov6.DynamicValue{MsgPack: []byte{0xc0}}, Private: private,
	})
	if err != nil {
		t.Fatal(err)
	}
	if stub.reads != 0 || stringOf(t, decodeIdentity(t, resp.NewIdentity)["id"]) != "inv-history1" {
		t.Errorf("a mark in the framework's form was not answered (framework reads: %d)", stub.reads)
	}
}

// privateKeys is a response's private state, as markFrozen writes it.
type privateKeys map[string][]byte

func (p privateKeys) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

// recordedRun is a run whose model records rec.
type recordedRun struct {
	scriptedRun
	rec Recorded
}

func (r *recordedRun) Recorded() Recorded { return r.rec }

// The mark a create or read leaves on a run that is history is one
// HistoryServer answers with, identity included; a run that is not
// history has its mark cleared, so that its refresh reaches the framework.
func TestMarkFrozen_writesWhatHistoryServerReads(t *testing.T) {
	ctx := context.Background()
	identity := historyMark{ID: "inv-history1", Region: "ap-guangzhou"}

	private := privateKeys{}
	var diags diag.Diagnostics
	markFrozen(ctx, &recordedRun{rec: Recorded{Final: true, ResultsKnown: true}}, identity, private, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	data, ok := markedIdentity(private[privateFrozen])
	if !ok {
		t.Fatalf("the mark %q carries no identity HistoryServer can answer with", private[privateFrozen])
	}
	attrs := decodeIdentity(t, data)
	if stringOf(t, attrs["id"]) != identity.ID || stringOf(t, attrs["region"]) != identity.Region {
		t.Errorf("marked identity = %v, want %+v", attrs, identity)
	}

	for name, rec := range map[string]Recorded{
		"still going":     {ResultsKnown: true},
		"results unknown": {Final: true},
		"periodic":        {Final: true, ResultsKnown: true, Live: true},
	} {
		markFrozen(ctx, &recordedRun{rec: rec}, identity, private, &diags)
		if len(private[privateFrozen]) != 0 {
			t.Errorf("%s: the mark %q was left on a run that is not history", name, private[privateFrozen])
		}
		private[privateFrozen] = []byte(historyMarkJSON)
	}
}

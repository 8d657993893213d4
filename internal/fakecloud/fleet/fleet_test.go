package fleet

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadDeclaresManagedInstances(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "fleet.json")
	text := `{"instances": [
		{"id": "ins-down0001", "state": "stopped"},
		{"id": "rins-8dz6cwxx", "state": "agent-offline"},
		{"id": "rins-xfjkunbgax", "state": "not-found"},
		{"id": "mi-hz018jrc1o0abcd", "state": "agent-not-installed", "tags": {"site": "office"}}
	]}`
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]State{
		"ins-down0001": Stopped, "rins-8dz6cwxx": AgentOffline, "rins-xfjkunbgax": NotFound, "mi-hz018jrc1o0abcd": AgentNotInstalled,
	} {
		inst, ok := f.Lookup(id)
		if !ok || inst.State != want {
			t.Errorf("Lookup(%s) = %+v, %v; want state %s", id, inst, ok, want)
		}
	}
	if _, ok := f.Lookup("rins-undeclared"); ok {
		t.Errorf("an undeclared managed instance is declared")
	}
	if got := f.Tagged(map[string]string{"site": "office"}); len(got) != 1 || got[0].ID != "mi-hz018jrc1o0abcd" {
		t.Errorf("Tagged(site=office) = %+v", got)
	}
}

package fleet

import (
	"os"
	"path/filepath"
	"testing"
	"time"
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

func TestOnlineAfterBringsTheAgentOnlineOnTheFleetsClock(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "fleet.json")
	text := `{"instances": [
		{"id": "ins-new00001", "state": "agent-offline", "online_after": "30s"},
		{"id": "ins-offline1", "state": "agent-offline"}
	]}`
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.UseClock(func() time.Time { return now })
	states := func() (State, State) {
		a, _ := f.Lookup("ins-new00001")
		b, _ := f.Lookup("ins-offline1")
		return a.State, b.State
	}
	if a, b := states(); a != AgentOffline || b != AgentOffline {
		t.Fatalf("at the origin: %s, %s; want both agent-offline", a, b)
	}
	now = now.Add(29 * time.Second)
	if a, _ := states(); a != AgentOffline {
		t.Fatalf("after 29s: %s, want agent-offline", a)
	}
	now = now.Add(time.Second)
	if a, b := states(); a != Running || b != AgentOffline {
		t.Fatalf("after 30s: %s, %s; want running, agent-offline (no online_after)", a, b)
	}
	if all := f.All(); len(all) != 2 || all[0].State != Running {
		t.Errorf("All() = %+v, want the first running", all)
	}
}

func TestLoadRefusesOnlineAfterThatCannotApply(t *testing.T) {
	t.Parallel()
	for name, text := range map[string]string{
		"not agent-offline": `{"instances": [{"id": "ins-down0001", "state": "stopped", "online_after": "30s"}]}`,
		"not a duration":    `{"instances": [{"id": "ins-new00001", "state": "agent-offline", "online_after": "soon"}]}`,
		"a number":          `{"instances": [{"id": "ins-new00001", "state": "agent-offline", "online_after": 30}]}`,
		"negative":          `{"instances": [{"id": "ins-new00001", "state": "agent-offline", "online_after": "-1s"}]}`,
	} {
		path := filepath.Join(t.TempDir(), "fleet.json")
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path); err == nil {
			t.Errorf("%s: Load accepted %s", name, text)
		}
	}
}

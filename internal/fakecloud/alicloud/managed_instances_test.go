package alicloud

import (
	"net/http"
	"testing"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

// Managed instances (mi-...) are servers outside Alibaba Cloud that Cloud
// Assistant runs commands on like ECS instances.
const managedInstance = "mi-hz018jrc1o0abcd1"

func TestManagedInstancesRunCommands(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	client := f.client(t)
	_, id := runCommand(t, client, runRequest("echo hello from {{ACS::InstanceId}}", managedInstance, instanceA))
	wantStatuses(t, client, id, "Success", "Success", "Success")
	res := results(t, client, id)
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	var found bool
	for _, r := range res {
		if tea.StringValue(r.InstanceId) == managedInstance {
			found = true
			if got := tea.StringValue(r.Output); got != "hello from "+managedInstance+"\n" {
				t.Errorf("managed instance output %q", got)
			}
		}
	}
	if !found {
		t.Errorf("no result for %s: %+v", managedInstance, res)
	}
}

func TestManagedInstancesFollowTheFleet(t *testing.T) {
	t.Parallel()
	const offline, stopped, gone = "mi-offline0000001", "mi-stopped0000001", "mi-gone00000000001"
	instances := fleet.New(
		fleet.Instance{ID: offline, State: fleet.AgentOffline},
		fleet.Instance{ID: stopped, State: fleet.Stopped},
		fleet.Instance{ID: gone, State: fleet.NotFound},
	)
	f := newFixture(t, func(cfg *Config) { cfg.Fleet = instances })
	client := f.client(t)

	_, id := runCommand(t, client, runRequest("echo hi", managedInstance, offline))
	wantStatuses(t, client, id, "PartialFailed", "Success", "Aborted")

	tests := []struct {
		name, id, code string
		status         int
	}{
		{"stopped", stopped, "InvalidInstance.NotMatch", http.StatusBadRequest},
		{"not found", gone, "InvalidInstance.NotFound", http.StatusNotFound},
		{"no suffix", "mi-", "InvalidInstance.NotFound", http.StatusNotFound},
		{"upper case", "mi-HZ018JRC1O0ABCD1", "InvalidInstance.NotFound", http.StatusNotFound},
		{"other prefix", "mmi-hz018jrc1o0abcd", "InvalidInstance.NotFound", http.StatusNotFound},
		{"TAT managed instance", "rins-8dz6cwxx", "InvalidInstance.NotFound", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.RunCommand(runRequest("echo hi", tt.id))
			wantSDKError(t, err, tt.code, tt.status)
		})
	}
}

package ecs_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/ecs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
)

// The engine carries out an ECS run without state, as an action does: one
// RunCommand, the results of every instance, the failure report.
func TestRunCommandExecutesWithoutState(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	clients := conns.NewClients(nil, errors.New("no TAT here"), acctest.ECSClient(t, fake), nil)
	run, diags := ecs.NewRunCommand(clients, ecs.RunCommandArgs{
		Type: "RunShellScript", CommandContent: "echo first\necho second\nexit 3",
		InstanceIDs: []string{"i-bbbb0002", "i-aaaa0001"}, Timeout: 60,
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	var progress []runs.Progress
	out, diags := runs.Execute(context.Background(), run, runs.Execution{
		Timeout: time.Minute, Progress: func(p runs.Progress) { progress = append(progress, p) },
	})
	if n := fake.Counters().Effect(fakecloud.VendorAlicloud, "RunCommand"); n != 1 {
		t.Errorf("RunCommand carried out %d times, want 1", n)
	}
	if !diags.HasError() || diags[0].Summary() != "ECS Command Failed" {
		t.Fatalf("diagnostics = %v, want ECS Command Failed", diags)
	}
	if !strings.Contains(diags[0].Detail(), "i-aaaa0001: Failed, exit code 3 (ExitCodeNonzero") || !strings.Contains(diags[0].Detail(), "  first\n  second") {
		t.Errorf("failure report: %s", diags[0].Detail())
	}
	if len(out.Results) != 2 || out.Results[0].InstanceID != "i-aaaa0001" || out.Results[0].Output != "first\nsecond\n" {
		t.Errorf("results = %+v", out.Results)
	}
	last := progress[len(progress)-1]
	if !strings.HasPrefix(last.Run, "ECS invocation ") || last.Instances["Failed"] != 2 {
		t.Errorf("last progress = %+v", last)
	}
}

func TestInvokeCommandExecutesWithoutState(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	clients := conns.NewClients(nil, errors.New("no TAT here"), acctest.ECSClient(t, fake), nil)
	kept, diags := ecs.NewRunCommand(clients, ecs.RunCommandArgs{
		Type: "RunShellScript", CommandContent: "echo {{who}}", Name: "greet", KeepCommand: true, EnableParameter: true,
		Parameters: map[string]string{"who": "nobody"}, InstanceIDs: []string{"i-aaaa0001"}, Timeout: 60,
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if _, diags := runs.Execute(context.Background(), kept, runs.Execution{Timeout: time.Minute}); diags.HasError() {
		t.Fatal(diags)
	}
	run, diags := ecs.NewInvokeCommand(clients, ecs.InvokeCommandArgs{
		CommandID: kept.CommandID(), InstanceIDs: []string{"i-aaaa0001"}, Parameters: map[string]string{"who": "world"},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	out, diags := runs.Execute(context.Background(), run, runs.Execution{Timeout: time.Minute})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(out.Results) != 1 || out.Results[0].Output != "world\n" || out.Status.Value != "Success" {
		t.Errorf("outcome = %+v", out)
	}
	if n := fake.Counters().Effect(fakecloud.VendorAlicloud, "InvokeCommand"); n != 1 {
		t.Errorf("InvokeCommand carried out %d times, want 1", n)
	}
}

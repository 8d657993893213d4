package tat_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/acctest"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/runs"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/tat"
)

// The engine carries out a TAT run without state, as an action does: one
// RunCommand, the results of every instance, the failure report.
func TestRunCommandExecutesWithoutState(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	clients := conns.NewClients(acctest.TATClient(t, fake), nil, nil, errors.New("no ECS here"))
	run, diags := tat.NewRunCommand(clients, tat.RunCommandArgs{
		Content:     "echo first\necho second\nexit 3",
		InstanceIDs: []string{"ins-bbbb0002", "ins-aaaa0001"},
		Timeout:     60,
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	var progress []runs.Progress
	out, diags := runs.Execute(context.Background(), run, runs.Execution{
		Timeout: time.Minute, Progress: func(p runs.Progress) { progress = append(progress, p) },
	})
	if n := fake.Counters().Effect(fakecloud.VendorTencent, "RunCommand"); n != 1 {
		t.Errorf("RunCommand carried out %d times, want 1", n)
	}
	if !diags.HasError() || diags[0].Summary() != "TAT Command Failed" {
		t.Fatalf("diagnostics = %v, want TAT Command Failed", diags)
	}
	if !strings.Contains(diags[0].Detail(), "ins-aaaa0001: FAILED, exit code 3") || !strings.Contains(diags[0].Detail(), "  first\n  second") {
		t.Errorf("failure report: %s", diags[0].Detail())
	}
	if len(out.Results) != 2 || out.Results[0].InstanceID != "ins-aaaa0001" || out.Results[0].Output != "first\nsecond\n" {
		t.Errorf("results = %+v", out.Results)
	}
	last := progress[len(progress)-1]
	if !strings.HasPrefix(last.Run, "TAT invocation inv-") || last.Instances["FAILED"] != 2 {
		t.Errorf("last progress = %+v", last)
	}

	// Exit code 3 accepted: the same kind of run succeeds.
	run, _ = tat.NewRunCommand(clients, tat.RunCommandArgs{Content: "exit 3", InstanceIDs: []string{"ins-aaaa0001"}, Timeout: 60})
	if _, diags := runs.Execute(context.Background(), run, runs.Execution{Timeout: time.Minute, SuccessCodes: runs.NewSuccessCodes([]int64{3})}); diags.HasError() {
		t.Errorf("exit code 3 accepted, yet: %v", diags)
	}
}

func TestInvokeCommandExecutesWithoutState(t *testing.T) {
	t.Parallel()
	fake := acctest.StartFake(t)
	client := acctest.TATClient(t, fake)
	clients := conns.NewClients(client, nil, nil, errors.New("no ECS here"))
	saved, diags := tat.NewRunCommand(clients, tat.RunCommandArgs{
		Content: "echo {{who}}", CommandName: "greet", SaveCommand: true, EnableParameter: true,
		DefaultParameters: map[string]string{"who": "nobody"}, InstanceIDs: []string{"ins-aaaa0001"}, Timeout: 60,
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if _, diags := runs.Execute(context.Background(), saved, runs.Execution{Timeout: time.Minute}); diags.HasError() {
		t.Fatal(diags)
	}
	run, diags := tat.NewInvokeCommand(clients, tat.InvokeCommandArgs{
		CommandID: saved.CommandID(), InstanceIDs: []string{"ins-aaaa0001"}, Parameters: map[string]string{"who": "world"},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	out, diags := runs.Execute(context.Background(), run, runs.Execution{Timeout: time.Minute})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(out.Results) != 1 || out.Results[0].Output != "world\n" || out.Status.Value != "SUCCESS" {
		t.Errorf("outcome = %+v", out)
	}
}

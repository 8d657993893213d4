package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The actions' schemas are made from the run resources' declarations; a
// mistake there (an argument the resource lacks) shows here, as it would
// to Terraform.
func TestProvider_actionSchemas(t *testing.T) {
	t.Parallel()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
	}
	want := []string{"cloudcmd_ecs_invoke_command", "cloudcmd_ecs_run_command", "cloudcmd_tat_invoke_command", "cloudcmd_tat_run_command"}
	var got []string
	for name, s := range resp.ActionSchemas {
		got = append(got, name)
		attrs := map[string]bool{}
		for _, a := range s.Schema.Block.Attributes {
			attrs[a.Name] = true
		}
		for _, shared := range []string{"instance_ids", "success_exit_codes", "wait_for_agents", "sensitive_output", "max_concurrency", "max_errors", "timeouts", "parameters"} {
			if !attrs[shared] {
				t.Errorf("action %s lacks %s", name, shared)
			}
		}
		for _, stateOnly := range []string{"id", "triggers", "results", "fail_on_error", "wait_for_completion", "parameters_wo", "keep_output"} {
			if attrs[stateOnly] {
				t.Errorf("action %s takes %s, which only means something in state", name, stateOnly)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("actions = %v, want %v", got, want)
	}
}

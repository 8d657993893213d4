package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// ExpectSensitivePaths checks which values of a resource or data source the
// state marks sensitive: the paths marked in its sensitive_values, as
// terraform show -json writes them, must be exactly want, such as
// "parameters" or "invocations[0].parameters". Terraform marks a sensitive
// attribute nested in a list once per element, so this tells how many
// sensitive paths Terraform tracks for the object.
func ExpectSensitivePaths(address string, want ...string) statecheck.StateCheck {
	return sensitivePathsCheck{address: address, want: want}
}

type sensitivePathsCheck struct {
	address string
	want    []string
}

func (c sensitivePathsCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("%s: the state has no root module", c.address)
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		var marks any
		if len(r.SensitiveValues) > 0 {
			if err := json.Unmarshal(r.SensitiveValues, &marks); err != nil {
				resp.Error = fmt.Errorf("%s: sensitive values: %w", c.address, err)
				return
			}
		}
		got := sensitivePaths(marks, "")
		want := slices.Sorted(slices.Values(c.want))
		if !slices.Equal(got, want) {
			resp.Error = fmt.Errorf("%s: sensitive paths are %q, want %q", c.address, got, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the state", c.address)
}

// sensitivePaths lists, sorted, the paths sensitive_values marks true.
func sensitivePaths(marks any, prefix string) []string {
	var paths []string
	switch m := marks.(type) {
	case bool:
		if m {
			paths = append(paths, prefix)
		}
	case map[string]any:
		for k, v := range m {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			paths = append(paths, sensitivePaths(v, p)...)
		}
	case []any:
		for i, v := range m {
			paths = append(paths, sensitivePaths(v, prefix+"["+strconv.Itoa(i)+"]")...)
		}
	}
	slices.Sort(paths)
	return paths
}

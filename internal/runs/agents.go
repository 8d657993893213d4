package runs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// A new instance's agent comes online some time after the instance starts,
// and both vendors refuse (TAT: AgentStatusNotOnline) or abort (ECS) a
// command sent before. A run that opts in waits for its instances' agents
// before it starts, within its create timeout.

// AgentState is what a read of agents says of one instance.
type AgentState int

// Agent states, from the best to the worst.
const (
	// AgentMissing: no agent reported, either because none is installed or
	// because the instance does not exist (TAT lists neither).
	AgentMissing AgentState = iota
	// AgentNotInstalled: the instance exists without an agent.
	AgentNotInstalled
	// AgentOffline: the agent exists but sends no heartbeats.
	AgentOffline
	// AgentOnline: the agent can take commands.
	AgentOnline
)

// Agents is what the wait needs of a vendor: the instances to wait for, a
// (batched) read of their agents, and what to tell the user when the wait
// times out.
type Agents struct {
	// Agent names the agent in messages, such as "TAT agent".
	Agent string
	// InstanceIDs are the instances to wait for.
	InstanceIDs []string
	// Read reports the state of each instance's agent; an instance it
	// leaves out is AgentMissing.
	Read func(ctx context.Context, instanceIDs []string) (map[string]AgentState, error)
	// Advice says what to check when agents stay offline: the vendor's own
	// requirements for its agent.
	Advice string
	// Held says what did not happen for want of the agents; empty means
	// "nothing was run".
	Held string
}

// AgentWaiter is a Run that can wait, before it starts, until every target
// instance's agent is online. runs.Create calls AgentsToWaitFor after
// Connect; a nil answer means the run does not wait (wait_for_agents is
// false, or it targets no instances by ID).
type AgentWaiter interface {
	AgentsToWaitFor() *Agents
}

// waitForAgents waits, when run is an AgentWaiter that asks to, until every
// agent is online or ctx ends.
func waitForAgents(ctx context.Context, run Run, timeout time.Duration) diag.Diagnostics {
	waiter, ok := run.(AgentWaiter)
	if !ok {
		return nil
	}
	return AwaitAgents(ctx, waiter.AgentsToWaitFor(), timeout)
}

// AwaitAgents waits until every agent is online, within ctx, and says why
// it could not: the wait of runs.Create, for resources outside the run life
// cycle too (an invoker). timeout is ctx's, for the message; nil agents or
// none to wait for return at once.
func AwaitAgents(ctx context.Context, agents *Agents, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	if agents == nil || len(agents.InstanceIDs) == 0 {
		return diags
	}
	states, err := WaitForAgents(ctx, *agents)
	switch {
	case err == nil:
	case conns.Stopping(ctx):
		held := agents.Held
		if held == "" {
			held = "nothing was run"
		}
		diags.AddError("Stopped Waiting For Agents", "Terraform stopped the provider while it waited for the instances' agents to come online; "+held+".")
	default:
		diags.AddError("Timed Out Waiting For Agents", agentsTimedOutDetail(*agents, states, err, timeout))
	}
	return diags
}

// WaitForAgents polls the agents with the run poll policy until every one
// is online, and returns nil; or until ctx ends, and returns the last
// states read with ctx's error (joined with the last read's when that
// failed). A failed read never ends the wait early: the client layer has
// retried it already, and the next may succeed.
func WaitForAgents(ctx context.Context, agents Agents) (map[string]AgentState, error) {
	start := time.Now()
	var last map[string]AgentState
	var lastErr error
	for {
		states, err := agents.Read(ctx, agents.InstanceIDs)
		switch {
		case err == nil:
			last, lastErr = states, nil
			if len(notOnline(agents.InstanceIDs, states)) == 0 {
				return states, nil
			}
			tflog.Info(ctx, "Waiting for agents to come online", map[string]any{"agent": agents.Agent, "not_online": notOnline(agents.InstanceIDs, states)})
		case ctx.Err() == nil:
			lastErr = err
			tflog.Warn(ctx, "Reading the agents' status failed; trying again while the timeout allows", map[string]any{"error": err.Error()})
		}
		if err := conns.Sleep(ctx, pollPause(time.Since(start))); err != nil {
			if lastErr != nil {
				return last, errors.Join(err, lastErr)
			}
			return last, err
		}
	}
}

// notOnline lists the instances whose agent is not online, in order.
func notOnline(ids []string, states map[string]AgentState) []string {
	var out []string
	for _, id := range ids {
		if states[id] != AgentOnline {
			out = append(out, id)
		}
	}
	return out
}

// agentsTimedOutDetail names the instances whose agents were not online,
// grouped by what was last known of them, and says what to check.
func agentsTimedOutDetail(agents Agents, states map[string]AgentState, err error, timeout time.Duration) string {
	var b strings.Builder
	held := agents.Held
	if held == "" {
		held = "nothing was run"
	}
	fmt.Fprintf(&b, "After %s, the %s was not online on every instance, so %s.", timeout, agents.Agent, held)
	if states == nil {
		fmt.Fprintf(&b, " The agents' status could not be read: %s", err)
		if len(agents.InstanceIDs) > 0 {
			fmt.Fprintf(&b, "\n\nInstances waited for: %s", strings.Join(agents.InstanceIDs, ", "))
		}
	} else {
		groups := map[AgentState][]string{}
		for _, id := range notOnline(agents.InstanceIDs, states) {
			groups[states[id]] = append(groups[states[id]], id)
		}
		for _, g := range []struct {
			state AgentState
			label string
		}{
			{AgentOffline, "agent offline"},
			{AgentNotInstalled, "no agent installed"},
			{AgentMissing, "no agent reported (not installed, or the instance does not exist)"},
		} {
			if ids := groups[g.state]; len(ids) > 0 {
				slices.Sort(ids)
				fmt.Fprintf(&b, "\n\n%s: %s", g.label, strings.Join(ids, ", "))
			}
		}
	}
	fmt.Fprintf(&b, "\n\nCheck that each instance exists and is running, and %s. Then apply again, or raise timeouts.create if the instances need longer to start.", agents.Advice)
	return b.String()
}

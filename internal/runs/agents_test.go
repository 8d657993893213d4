package runs

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestWaitForAgentsPollsUntilEveryAgentIsOnline(t *testing.T) {
	t.Parallel()
	var reads atomic.Int32
	agents := Agents{
		Agent: "TAT agent", InstanceIDs: []string{"ins-a", "ins-b"},
		Read: func(context.Context, []string) (map[string]AgentState, error) {
			switch reads.Add(1) {
			case 1:
				return map[string]AgentState{"ins-a": AgentOnline}, nil
			case 2:
				return nil, errors.New("throttled")
			case 3:
				return map[string]AgentState{"ins-a": AgentOnline, "ins-b": AgentOffline}, nil
			}
			return map[string]AgentState{"ins-a": AgentOnline, "ins-b": AgentOnline}, nil
		},
	}
	if _, err := WaitForAgents(context.Background(), agents); err != nil {
		t.Fatal(err)
	}
	if n := reads.Load(); n != 4 {
		t.Errorf("%d reads, want 4: a failed read does not end the wait", n)
	}
}

func TestAgentsTimeoutNamesTheInstancesNotOnline(t *testing.T) {
	t.Parallel()
	agents := Agents{
		Agent: "Cloud Assistant agent", InstanceIDs: []string{"i-ok", "i-off2", "i-off1", "i-none", "i-gone"},
		Read: func(context.Context, []string) (map[string]AgentState, error) {
			return map[string]AgentState{"i-ok": AgentOnline, "i-off1": AgentOffline, "i-off2": AgentOffline, "i-none": AgentNotInstalled}, nil
		},
		Advice: "the security group allows the agent's outbound traffic",
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	states, err := WaitForAgents(ctx, agents)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the deadline", err)
	}
	detail := agentsTimedOutDetail(agents, states, err, time.Second)
	for _, want := range []string{
		"Cloud Assistant agent was not online", "nothing was run",
		"agent offline: i-off1, i-off2", "no agent installed: i-none", "does not exist): i-gone",
		"security group allows the agent's outbound traffic", "timeouts.create",
	} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "i-ok") {
		t.Errorf("detail names the online instance:\n%s", detail)
	}
}

func TestAgentsTimeoutWithoutAnyReadSaysWhy(t *testing.T) {
	t.Parallel()
	agents := Agents{
		Agent: "TAT agent", InstanceIDs: []string{"ins-a"},
		Read: func(context.Context, []string) (map[string]AgentState, error) {
			return nil, errors.New("AuthFailure.UnauthorizedOperation")
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	states, err := WaitForAgents(ctx, agents)
	detail := agentsTimedOutDetail(agents, states, err, time.Second)
	if !strings.Contains(detail, "UnauthorizedOperation") || !strings.Contains(detail, "ins-a") {
		t.Errorf("detail does not give the read error and the instances:\n%s", detail)
	}
}

package alicloud

import (
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"
)

// Real runs. With Config.Executor set, each one-time task's script is
// handed to the executor in a goroutine of its own as the invocation is
// made, and the action answers at once, as the service does. Until the
// executor returns, the task has no end: it follows the usual schedule up
// to Running and stays there. When it returns, the run is recorded under
// the lock and placed on the fake's clock from the moment the script
// started, so statuses, times and output follow the same rules as a
// simulated run. StopInvocation kills the process through the executor's
// context.

// startLive hands the task's script to the executor. It is called with s.mu
// held. Until the process reports back the task runs, with no end. A run
// asked for after Close fails to start; one killed by StopInvocation ends
// when the kill lands.
func (s *Service) startLive(t *task, req script.ExecRequest) {
	t.runTime = vendorkit.Unbounded
	s.live.Start(&s.mu, s.cfg.Executor, req, &t.kill, func(run script.Run, killed bool) {
		t.settle(t.kill.Reported(run, killed, s.now(), s.killDelay()), s.cfg.Realistic)
	})
}

// deferRuns locks s.mu for an action that starts runs, and returns what
// ends it: with s.mu released, the runs the action started are interpreted
// (see script.Deferred), so a busy script holds up its own request alone.
func (s *Service) deferRuns() (done func()) {
	deferred := &script.Deferred{}
	s.mu.Lock()
	s.deferred = deferred
	return func() {
		s.deferred = nil
		s.capRecords()
		s.mu.Unlock()
		deferred.Interpret(&s.mu)
	}
}

// interpretLater leaves the task's script to the interpreter once the
// request has let go of s.mu; until then the task runs, with no end.
func (s *Service) interpretLater(t *task, req script.ExecRequest) {
	t.runTime = vendorkit.Unbounded
	s.deferred.Add(req, func(run script.Run) { t.settle(run, s.cfg.Realistic) })
}

// Close kills the real runs still under way and waits until they have been
// recorded; runs asked for afterwards fail to start. Call it when done with
// a service that has an Executor, so no process outlives it.
func (s *Service) Close() { s.live.Close() }

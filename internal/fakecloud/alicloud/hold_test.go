package alicloud

import (
	"net/http"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// waitReached fails the test unless the held request arrives in time.
func waitReached(t *testing.T, hold *RequestHold) {
	t.Helper()
	select {
	case <-hold.Reached():
	case <-time.After(10 * time.Second):
		t.Fatal("the held request never arrived")
	}
}

func TestIdempotentProcessing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	held, other := f.client(t), f.client(t) // an SDK client serves one call at a time
	req := runRequest("echo once", instanceA)
	req.ClientToken = tea.String("slow-token")

	hold := f.svc.HoldNextRequest("RunCommand")
	t.Cleanup(hold.Release)
	type answer struct {
		resp *ecs.RunCommandResponse
		err  error
	}
	first := make(chan answer, 1)
	go func() {
		resp, err := held.RunCommand(req)
		first <- answer{resp, err}
	}()
	waitReached(t, hold)

	// The same token while the first request is under way is refused...
	_, err := other.RunCommand(req)
	wantSDKError(t, err, "IdempotentProcessing", http.StatusForbidden)
	// ...and other requests go on meanwhile.
	_, unrelated := runCommand(t, other, runRequest("echo other", instanceB))
	if list := f.svc.Invocations(); len(list) != 1 || list[0].ID != unrelated {
		t.Fatalf("while the first request is held the fake holds %+v; want only the unrelated run", list)
	}

	hold.Release()
	got := <-first
	mustSucceed(t, got.err)
	// Once the first has finished, a retry gets its invocation back.
	cmdID, id := runCommand(t, other, req)
	if cmdID != tea.StringValue(got.resp.Body.CommandId) || id != tea.StringValue(got.resp.Body.InvokeId) {
		t.Errorf("the retry answered %s %s, want the held request's %s %s", cmdID, id,
			tea.StringValue(got.resp.Body.CommandId), tea.StringValue(got.resp.Body.InvokeId))
	}
	if n := len(f.svc.Invocations()); n != 2 {
		t.Errorf("%d invocations, want the held one and the unrelated one", n)
	}
}

func TestIdempotentProcessingInvokeCommand(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	held, other := f.client(t), f.client(t)
	created, err := other.CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	req := &ecs.InvokeCommandRequest{
		RegionId: tea.String(testRegion), CommandId: created.Body.CommandId,
		InstanceId: tea.StringSlice([]string{instanceA}), ClientToken: tea.String("slow-token"),
	}

	hold := f.svc.HoldNextRequest("InvokeCommand")
	t.Cleanup(hold.Release)
	first := make(chan error, 1)
	go func() {
		_, err := held.InvokeCommand(req)
		first <- err
	}()
	waitReached(t, hold)
	_, err = other.InvokeCommand(req)
	wantSDKError(t, err, "IdempotentProcessing", http.StatusForbidden)
	// The token is scoped to its action: RunCommand may use it.
	run := runRequest("echo hi", instanceA)
	run.ClientToken = req.ClientToken
	runCommand(t, other, run)

	hold.Release()
	mustSucceed(t, <-first)
	_, err = other.InvokeCommand(req)
	mustSucceed(t, err)
	if n := len(f.svc.Invocations()); n != 2 {
		t.Errorf("%d invocations, want the held InvokeCommand and the RunCommand", n)
	}
}

// TestRefusedHeldRequestFreesItsToken: a request refused after being held
// records nothing under its token, so the token can be used again.
func TestRefusedHeldRequestFreesItsToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	held, other := f.client(t), f.client(t)
	hold := f.svc.HoldNextRequest("RunCommand")
	t.Cleanup(hold.Release)
	first := make(chan error, 1)
	refused := runRequest("echo hi", "i-notvalid!")
	refused.ClientToken = tea.String("token-of-a-refused-request")
	go func() {
		_, err := held.RunCommand(refused)
		first <- err
	}()
	waitReached(t, hold)
	hold.Release()
	wantSDKError(t, <-first, "InvalidInstance.NotFound", http.StatusNotFound)
	// The refused request recorded nothing under its token.
	refused.InstanceId = tea.StringSlice([]string{instanceA})
	runCommand(t, other, refused)
	if n := len(f.svc.Invocations()); n != 1 {
		t.Errorf("%d invocations, want 1", n)
	}
}

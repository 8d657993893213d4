package tat

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/adopt"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// quickSearch is a context whose adoption searches look again every
// millisecond, settle on "nothing was made" after 50 ms and get at least
// 100 ms when the create's time is up, so that unit
// tests do not wait the real pace.
func quickSearch() context.Context {
	return searchSettlingAfter(50 * time.Millisecond)
}

// searchSettlingAfter is quickSearch with another settle time.
func searchSettlingAfter(settle time.Duration) context.Context {
	return adopt.WithPace(context.Background(), adopt.Pace{First: time.Millisecond, Longest: 2 * time.Millisecond, Settle: settle, Grace: 100 * time.Millisecond})
}

// errInternal is TAT's InternalError, which says nothing of whether the
// service acted first.
var errInternal = &conns.APIError{Vendor: "Tencent Cloud", Action: "InvokeCommand", Code: "InternalError", Message: "An internal error occurred."}

// laggingTAT lists what lossyTAT made only after a number of listings, as a
// cloud whose lists lag behind its writes, and fails a number of listings
// first, as a search that meets faults of its own. Its lost answers are
// server errors when serverError is set.
type laggingTAT struct {
	*lossyTAT
	mu          sync.Mutex
	hideFor     int // listings still to answer empty
	failFor     int // listings still to fail
	listings    int
	serverError bool
}

func (f *laggingTAT) InvokeCommandWithContext(ctx context.Context, in *tat.InvokeCommandRequest) (*tat.InvokeCommandResponse, error) {
	resp, err := f.lossyTAT.InvokeCommandWithContext(ctx, in)
	if err != nil && f.serverError {
		return nil, errInternal
	}
	return resp, err
}

func (f *laggingTAT) listing() (fail, hide bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listings++
	if f.failFor > 0 {
		f.failFor--
		return true, false
	}
	if f.hideFor > 0 {
		f.hideFor--
		return false, true
	}
	return false, false
}

func (f *laggingTAT) DescribeInvocationsWithContext(ctx context.Context, in *tat.DescribeInvocationsRequest) (*tat.DescribeInvocationsResponse, error) {
	fail, hide := f.listing()
	switch {
	case fail:
		return nil, &conns.APIError{Vendor: "Tencent Cloud", Action: "DescribeInvocations", Code: "UnauthorizedOperation", Message: "not allowed"}
	case hide:
		resp := tat.NewDescribeInvocationsResponse()
		resp.Response = &tat.DescribeInvocationsResponseParams{}
		return resp, nil
	}
	return f.lossyTAT.DescribeInvocationsWithContext(ctx, in)
}

func (f *laggingTAT) DescribeCommandsWithContext(ctx context.Context, in *tat.DescribeCommandsRequest) (*tat.DescribeCommandsResponse, error) {
	if _, hide := f.listing(); hide {
		resp := tat.NewDescribeCommandsResponse()
		resp.Response = &tat.DescribeCommandsResponseParams{}
		return resp, nil
	}
	return f.lossyTAT.DescribeCommandsWithContext(ctx, in)
}

// A server error after the service acted: the invocation is adopted, and
// InvokeCommand is not sent again.
func TestInvokeOrAdoptAdoptsAfterAServerError(t *testing.T) {
	t.Parallel()
	api := &laggingTAT{lossyTAT: &lossyTAT{lose: 1}, serverError: true}
	id, adopted, err := invokeOrAdopt(quickSearch(), standInClient(api), invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if invokes, _ := api.counts(); !adopted || id != "inv-bbbbbbbb" || invokes != 1 {
		t.Errorf("got %s (adopted %t) after %d InvokeCommand, want inv-bbbbbbbb adopted after 1", id, adopted, invokes)
	}
}

// A cloud that lists the new invocation late: the search looks again until
// it shows, rather than sending a second run.
func TestInvokeOrAdoptWaitsForALateListing(t *testing.T) {
	t.Parallel()
	api := &laggingTAT{lossyTAT: &lossyTAT{lose: 1}, hideFor: 5}
	// Settling long after the five empty listings, however slow the
	// machine: the search must find the run, not give up on it.
	id, adopted, err := invokeOrAdopt(searchSettlingAfter(time.Minute), standInClient(api), invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if invokes, _ := api.counts(); !adopted || id != "inv-bbbbbbbb" || invokes != 1 {
		t.Errorf("got %s (adopted %t) after %d InvokeCommand, want inv-bbbbbbbb adopted after 1", id, adopted, invokes)
	}
	if api.listings != 6 {
		t.Errorf("%d listings, want 6: five empty, then the one that shows the run", api.listings)
	}
}

// A search that fails is tried again; the create is never sent again while
// the search has not answered.
func TestInvokeOrAdoptNeverSendsAgainWhileTheSearchFails(t *testing.T) {
	t.Parallel()
	api := &laggingTAT{lossyTAT: &lossyTAT{lose: 1}, failFor: 3}
	id, adopted, err := invokeOrAdopt(quickSearch(), standInClient(api), invokeRequest("ins-1"))
	if err != nil {
		t.Fatal(err)
	}
	if invokes, _ := api.counts(); !adopted || id != "inv-bbbbbbbb" || invokes != 1 {
		t.Errorf("got %s (adopted %t) after %d InvokeCommand, want inv-bbbbbbbb adopted after 1", id, adopted, invokes)
	}
}

// A search that fails until the time is up ends the create with an error
// that names the request that may have run and how to find it.
func TestInvokeOrAdoptSaysWhatMayHaveRunWhenTheSearchNeverAnswers(t *testing.T) {
	t.Parallel()
	api := &laggingTAT{lossyTAT: &lossyTAT{lose: 1}, failFor: 1 << 30}
	ctx, cancel := context.WithTimeout(quickSearch(), 200*time.Millisecond)
	defer cancel()
	_, _, err := invokeOrAdopt(ctx, standInClient(api), invokeRequest("ins-1"))
	if err == nil {
		t.Fatal("the create succeeded, want an error")
	}
	for _, want := range []string{"TAT InvokeCommand of cmd-12345678 on ins-1", "may have taken effect", "DescribeInvocations", "command-id = cmd-12345678", "UnauthorizedOperation"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	if invokes, _ := api.counts(); invokes != 1 {
		t.Errorf("InvokeCommand was sent %d times, want once", invokes)
	}
}

// A repeat of CreateCommand refused for its name, after a first send whose
// answer was lost and whose command was not listed in time: the command the
// first send made is adopted.
func TestCreateCommandOrAdoptAdoptsWhenARepeatIsRefusedForItsName(t *testing.T) {
	t.Parallel()
	inner := &lossyTAT{lose: 1}
	api := &duplicateRefusingTAT{laggingTAT: &laggingTAT{lossyTAT: inner, hideFor: 1 << 30}}
	in := &tat.CreateCommandRequest{CommandName: flex.StringPtr("deploy"), Content: flex.EncodeContent("echo hi")}
	id, adopted, err := createCommandOrAdopt(quickSearch(), standInClient(api), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, creates := inner.counts(); !adopted || id != "cmd-bbbbbbbb" || creates != 1 {
		t.Errorf("got %s (adopted %t) after %d commands made, want cmd-bbbbbbbb adopted, 1 made", id, adopted, creates)
	}
}

// duplicateRefusingTAT refuses a CreateCommand whose name is taken, as TAT
// does, and lists commands once a name has been refused.
type duplicateRefusingTAT struct {
	*laggingTAT
}

func (f *duplicateRefusingTAT) CreateCommandWithContext(ctx context.Context, in *tat.CreateCommandRequest) (*tat.CreateCommandResponse, error) {
	f.lossyTAT.mu.Lock()
	taken := false
	for _, c := range f.commands {
		taken = taken || flex.StringValue(c.CommandName) == flex.StringValue(in.CommandName)
	}
	f.lossyTAT.mu.Unlock()
	if taken {
		f.mu.Lock()
		f.hideFor = 0
		f.mu.Unlock()
		return nil, &conns.APIError{Vendor: "Tencent Cloud", Action: "CreateCommand", Code: codeCommandNameDuplicated, Message: "taken"}
	}
	return f.lossyTAT.CreateCommandWithContext(ctx, in)
}

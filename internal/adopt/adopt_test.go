package adopt

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// cloud is a service whose creates may lose their answers: each send makes
// an object, or not, and answers, or not, as its script says. Its clock
// is the local one.
type cloud struct {
	mu      sync.Mutex
	guard   conns.CreateGuard
	sends   int
	made    []string // IDs, oldest first
	script  []send   // one per send; the last repeats
	findErr error    // every search fails with it when set
	extra   []string // objects that match every search, made by others
}

type send struct {
	makes bool  // the send makes an object
	err   error // the answer's error; nil answers with the ID
}

var (
	errLost    = &conns.AmbiguousError{Vendor: "Test", Action: "Create", Err: errors.New("connection reset")}
	errRefused = errors.New("InvalidParameter: refused")
	errTaken   = errors.New("NameDuplicated")
)

func (c *cloud) Guard() *conns.CreateGuard            { return &c.guard }
func (c *cloud) ServerTime(local time.Time) time.Time { return local }

func (c *cloud) creation() Creation {
	return Creation{
		Key: "thing", What: "Test Create of a thing", Check: "list the things", Action: "Create", Made: "thing",
		Create: func(context.Context) (string, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			s := c.script[min(c.sends, len(c.script)-1)]
			c.sends++
			id := ""
			if s.makes {
				id = "thing-" + string(rune('a'+len(c.made)))
				c.made = append(c.made, id)
			}
			if s.err != nil {
				return "", s.err
			}
			return id, nil
		},
		Find: func(context.Context, func() time.Time) ([]string, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.findErr != nil {
				return nil, c.findErr
			}
			return append(append([]string(nil), c.made...), c.extra...), nil
		},
		Duplicate: func(err error) bool { return errors.Is(err, errTaken) },
	}
}

// quick is a context whose searches go at once and settle after 20 ms.
func quick() context.Context {
	return WithPace(context.Background(), Pace{First: time.Millisecond, Longest: 2 * time.Millisecond, Settle: 20 * time.Millisecond, Grace: 50 * time.Millisecond})
}

func TestCreate_answeredIsClaimedAndNeverSearched(t *testing.T) {
	c := &cloud{script: []send{{makes: true}}, findErr: errors.New("must not search")}
	id, adopted, err := Create(quick(), c, c.creation())
	if err != nil || adopted || id != "thing-a" || c.sends != 1 || !c.guard.Claimed(id) {
		t.Fatalf("Create = %q, %v, %v after %d sends; want thing-a made, claimed, sent once", id, adopted, err, c.sends)
	}
}

func TestCreate_adoptsWhatALostAnswerMade(t *testing.T) {
	c := &cloud{script: []send{{makes: true, err: errLost}}}
	id, adopted, err := Create(quick(), c, c.creation())
	if err != nil || !adopted || id != "thing-a" || c.sends != 1 || !c.guard.Claimed(id) {
		t.Fatalf("Create = %q, %v, %v after %d sends; want thing-a adopted and claimed, sent once", id, adopted, err, c.sends)
	}
}

func TestCreate_sendsAgainWhenTheSearchSettlesOnNothing(t *testing.T) {
	c := &cloud{script: []send{{err: errLost}, {makes: true}}}
	id, adopted, err := Create(quick(), c, c.creation())
	if err != nil || adopted || id != "thing-a" || c.sends != 2 {
		t.Fatalf("Create = %q, %v, %v after %d sends; want thing-a made by the second send", id, adopted, err, c.sends)
	}
}

func TestCreate_givesUpAfterSoManySendsThatMadeNothing(t *testing.T) {
	c := &cloud{script: []send{{err: errLost}}}
	_, _, err := Create(quick(), c, c.creation())
	if err == nil || c.sends != createSends || !strings.Contains(err.Error(), "nothing it may have created was found") {
		t.Fatalf("Create = %v after %d sends; want a failure after %d", err, c.sends, createSends)
	}
}

func TestCreate_passesOverClaimedObjects(t *testing.T) {
	c := &cloud{script: []send{{makes: true, err: errLost}}, extra: []string{"thing-of-another"}}
	c.guard.Claim("thing-of-another")
	id, adopted, err := Create(quick(), c, c.creation())
	if err != nil || !adopted || id != "thing-a" {
		t.Fatalf("Create = %q, %v, %v; want thing-a adopted, the claimed one passed over", id, adopted, err)
	}
}

func TestCreate_refusesToChooseBetweenMatches(t *testing.T) {
	c := &cloud{script: []send{{makes: true, err: errLost}}, extra: []string{"thing-z"}}
	_, _, err := Create(quick(), c, c.creation())
	if !errors.Is(err, errSeveralMatch) || !strings.Contains(err.Error(), "thing-a, thing-z") || c.sends != 1 {
		t.Fatalf("Create = %v after %d sends; want several matches named, sent once", err, c.sends)
	}
}

func TestCreate_otherFailuresAreReturnedAtOnce(t *testing.T) {
	c := &cloud{script: []send{{err: errRefused}}, findErr: errors.New("must not search")}
	_, _, err := Create(quick(), c, c.creation())
	if !errors.Is(err, errRefused) || c.sends != 1 {
		t.Fatalf("Create = %v after %d sends; want the refusal, sent once", err, c.sends)
	}
}

// A repeat refused because an earlier send, whose answer was lost, took
// the name: the search finds what that send made.
func TestCreate_aRepeatRefusedAsADuplicateAdoptsTheFirst(t *testing.T) {
	c := &cloud{script: []send{{err: errLost}, {err: errTaken}}}
	creation := c.creation()
	creation.Find = func(context.Context, func() time.Time) ([]string, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.sends < 2 {
			return nil, nil // the first send's object is not listed yet
		}
		return []string{"thing-late"}, nil
	}
	id, adopted, err := Create(quick(), c, creation)
	if err != nil || !adopted || id != "thing-late" || c.sends != 2 {
		t.Fatalf("Create = %q, %v, %v after %d sends; want thing-late adopted after the refused repeat", id, adopted, err, c.sends)
	}
}

// A repeat refused as a duplicate when the search finds nothing of ours:
// what holds the name is someone else's (or claimed by another create of
// this provider), and the refusal is the answer.
func TestCreate_aRepeatRefusedForAnotherObjectReturnsTheRefusal(t *testing.T) {
	c := &cloud{script: []send{{err: errLost}, {err: errTaken}}, extra: []string{"thing-of-a-run"}}
	c.guard.Claim("thing-of-a-run")
	_, _, err := Create(quick(), c, c.creation())
	if !errors.Is(err, errTaken) || c.sends != 2 {
		t.Fatalf("Create = %v after %d sends; want the refusal after the second send", err, c.sends)
	}
}

// A search that keeps failing never leads to a second send: the error
// says what may have taken effect and how to check.
func TestCreate_aFailingSearchNeverSendsAgain(t *testing.T) {
	c := &cloud{script: []send{{makes: true, err: errLost}}, findErr: errors.New("DescribeThings: throttled")}
	// The create's timeout is short; the search still gets the pace's grace.
	ctx, cancel := context.WithTimeout(quick(), 5*time.Millisecond)
	defer cancel()
	_, _, err := Create(ctx, c, c.creation())
	if err == nil || c.sends != 1 {
		t.Fatalf("Create = %v after %d sends; want a failure, sent once", err, c.sends)
	}
	for _, want := range []string{"Test Create of a thing", "may have taken effect", "list the things", "throttled"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
}

package conns

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordingFetch answers every key it is asked for except "missing", and
// records the size of each call.
type recordingFetch struct {
	mu    sync.Mutex
	calls [][]string
	err   error
}

func (f *recordingFetch) fetch(_ context.Context, keys []string) (map[string]string, error) {
	f.mu.Lock()
	f.calls = append(f.calls, append([]string(nil), keys...))
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	found := map[string]string{}
	for _, k := range keys {
		if k != "missing" {
			found[k] = "value of " + k
		}
	}
	return found, nil
}

func (f *recordingFetch) callSizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	sizes := make([]int, len(f.calls))
	for i, c := range f.calls {
		sizes[i] = len(c)
	}
	return sizes
}

// TestBatcherSharesCalls asks for 150 keys at once from 150 goroutines:
// they share two calls, of 100 keys and 50, and each gets its own answer.
func TestBatcherSharesCalls(t *testing.T) {
	t.Parallel()
	f := &recordingFetch{}
	b := newBatcher(100, f.fetch)
	var wg sync.WaitGroup
	var wrong atomic.Int32
	for i := range 150 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("k%03d", i)
			got, err := b.get(context.Background(), []string{key})
			if err != nil || len(got) != 1 || got[key] != "value of "+key {
				wrong.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := wrong.Load(); n != 0 {
		t.Errorf("%d lookups got a wrong answer", n)
	}
	sizes := f.callSizes()
	total := 0
	for _, n := range sizes {
		if n > 100 {
			t.Errorf("a call asked for %d keys, more than 100", n)
		}
		total += n
	}
	if total != 150 || len(sizes) > 3 {
		t.Errorf("calls of %v keys; want 150 keys in two or three calls", sizes)
	}
}

// TestBatcherMissingKeysAndDuplicates asks for the same key twice and for
// one that does not exist: one call with two distinct keys, and the
// missing key is simply absent from the answer.
func TestBatcherMissingKeysAndDuplicates(t *testing.T) {
	t.Parallel()
	f := &recordingFetch{}
	b := newBatcher(100, f.fetch)
	got, err := b.get(context.Background(), []string{"a", "a", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["a"] != "value of a" {
		t.Errorf("got %v; want only a", got)
	}
	if sizes := f.callSizes(); len(sizes) != 1 || sizes[0] != 2 {
		t.Errorf("calls of %v keys; want one call of 2", sizes)
	}
}

// TestBatcherErrorReachesEveryCaller fails the shared call: every lookup
// in it gets the error.
func TestBatcherErrorReachesEveryCaller(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	b := newBatcher(100, (&recordingFetch{err: boom}).fetch)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := b.get(context.Background(), []string{fmt.Sprint(i)}); errors.Is(err, boom) {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n != 5 {
		t.Errorf("%d of 5 lookups got the error", n)
	}
}

// TestBatcherCallerGivesUp ends a caller's context while its call is
// delayed: the caller returns at once with its context's error, and the
// batcher goes on serving others.
func TestBatcherCallerGivesUp(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := func(ctx context.Context, keys []string) (map[string]string, error) {
		<-release
		return map[string]string{keys[0]: "late"}, nil
	}
	b := newBatcher(100, slow)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := b.get(ctx, []string{"x"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v; want the caller's deadline", err)
	}
	close(release)
	got, err := b.get(context.Background(), []string{"y"})
	if err != nil || got["y"] != "late" {
		t.Errorf("after a caller gave up, got %v, %v; want y answered", got, err)
	}
}

// TestBatcherSharedCallLastsForTheLatestCaller checks the context of a
// shared call: it outlives the caller with the earliest deadline.
func TestBatcherSharedCallLastsForTheLatestCaller(t *testing.T) {
	t.Parallel()
	short, cancelShort := context.WithTimeout(context.Background(), time.Minute)
	defer cancelShort()
	long, cancelLong := context.WithTimeout(context.Background(), time.Hour)
	defer cancelLong()
	ctx, cancel := sharedContext([]*lookup[string, string]{{ctx: short}, {ctx: long}})
	defer cancel()
	deadline, ok := ctx.Deadline()
	if !ok || deadline.Before(time.Now().Add(59*time.Minute)) {
		t.Errorf("shared deadline %v; want the latest caller's, an hour away", deadline)
	}
	cancelShort()
	if ctx.Err() != nil {
		t.Error("the shared call ended with one of its callers")
	}
}

package conns

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// stoppedClock is a clock that never moves: the limiter's waits are recorded
// instead of slept, so a burst's spread is counted exactly.
type stoppedClock struct {
	mu    sync.Mutex
	at    time.Time
	waits []time.Duration
}

func (c *stoppedClock) now() time.Time { return c.at }

func (c *stoppedClock) sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	return nil
}

func (c *stoppedClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(slices.Values(c.waits))
}

// TestRateLimiterSpreadsABurst sends 12 calls at one instant through a
// limit of 10 a second with a burst of 2: two go at once, and the others
// are told to wait 100 ms apart, in whatever order they arrive.
func TestRateLimiterSpreadsABurst(t *testing.T) {
	t.Parallel()
	clock := &stoppedClock{at: time.Unix(1_700_000_000, 0)}
	s := newScript()
	client := NewTATClientFromAPI(standInTAT{script: s}, "ap-guangzhou",
		withLimiterClock(clock.now, clock.sleep), WithRateLimit("DescribeInvocations", RateLimit{Rate: 10, Burst: 2}))
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			_, err := client.DescribeInvocations(context.Background(), &tat.DescribeInvocationsRequest{})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := s.count("DescribeInvocations"); n != 12 {
		t.Fatalf("%d calls reached the API, want 12", n)
	}
	var want []time.Duration
	for i := 1; i <= 10; i++ {
		want = append(want, time.Duration(i)*100*time.Millisecond)
	}
	if got := clock.recorded(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v: 2 calls at once, then one every 100ms", got, want)
	}
}

// TestRateLimitersAreSharedPerAction: every call of a client draws from
// one bucket per action, and actions do not share buckets.
func TestRateLimitersAreSharedPerAction(t *testing.T) {
	t.Parallel()
	clock := &stoppedClock{at: time.Unix(1_700_000_000, 0)}
	client := NewTATClientFromAPI(standInTAT{script: newScript()}, "ap-guangzhou",
		withLimiterClock(clock.now, clock.sleep), WithDefaultRateLimit(RateLimit{Rate: 1, Burst: 1}))
	ctx := context.Background()
	for range 3 {
		_, _ = client.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{})
	}
	_, _ = client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{})
	want := []time.Duration{time.Second, 2 * time.Second} // DescribeCommands went at once
	if got := clock.recorded(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// A wait that would pass the deadline fails at once, and the call never
// reaches the API.
func TestRateLimitWaitPastTheDeadlineFails(t *testing.T) {
	t.Parallel()
	clock := &stoppedClock{at: time.Now()}
	s := newScript()
	client := NewTATClientFromAPI(standInTAT{script: s}, "ap-guangzhou",
		withLimiterClock(clock.now, clock.sleep), WithDefaultRateLimit(RateLimit{Rate: 0.001, Burst: 1}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := client.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{})
	mustSucceed(t, err) // the burst lets the first call through
	_, err = client.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want a deadline error", err)
	}
	if n := s.count("DescribeInvocations"); n != 1 {
		t.Errorf("%d calls reached the API, want 1", n)
	}
	if got := clock.recorded(); len(got) != 0 {
		t.Errorf("the limiter waited %v, want no wait", got)
	}
}

// The defaults stay under the documented limits in the services' fixed
// windows: at most Burst + Rate×window requests.
func TestDefaultRateLimitsStayUnderTheDocumentedLimits(t *testing.T) {
	t.Parallel()
	if most := float64(defaultTATRateLimit.Burst) + float64(defaultTATRateLimit.Rate)*1; most >= 20 {
		t.Errorf("TAT default allows %v requests in a second; TAT allows 20", most)
	}
	if most := float64(defaultECSRateLimit.Burst) + float64(defaultECSRateLimit.Rate)*60; most >= 1000 {
		t.Errorf("ECS default allows %v requests in a minute; RunCommand allows 1000", most)
	}
}

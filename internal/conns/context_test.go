package conns

import (
	"context"
	"testing"
	"time"
)

func TestAtLeast(t *testing.T) {
	t.Parallel()
	plenty, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	ctx, done := AtLeast(plenty, time.Minute)
	if deadline, _ := ctx.Deadline(); deadline.Before(time.Now().Add(59 * time.Minute)) {
		t.Errorf("with an hour left, the deadline moved to %v", deadline)
	}
	done()

	ended, cancelEnded := context.WithCancel(context.Background())
	cancelEnded()
	ctx, done = AtLeast(ended, time.Minute)
	defer done()
	if ctx.Err() != nil {
		t.Error("an ended context was not given more time")
	}
	if deadline, ok := ctx.Deadline(); !ok || time.Until(deadline) > time.Minute {
		t.Errorf("deadline %v, %t; want a minute from now", deadline, ok)
	}
}

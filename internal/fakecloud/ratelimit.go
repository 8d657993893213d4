package fakecloud

import (
	"sync"
	"time"
)

// Rate-limit enforcement answers requests beyond the vendors' documented
// limits with the vendor's throttling error, so that a client which sends
// faster than the real service allows fails against the fake too.

// rateLimit is at most requests per window.
type rateLimit struct {
	requests int
	per      time.Duration
}

// documentedLimit is the vendor's published limit for an action, if any:
// 20 requests a second for every TAT action (the TAT API pages), and 1000
// per 60 seconds for ECS RunCommand (its API page). The other ECS actions
// publish none, so they are not limited.
func documentedLimit(vendor, action string) (rateLimit, bool) {
	switch {
	case vendor == VendorTencent:
		return rateLimit{requests: 20, per: time.Second}, true
	case vendor == VendorAlicloud && action == "RunCommand":
		return rateLimit{requests: 1000, per: time.Minute}, true
	}
	return rateLimit{}, false
}

// rateLimiter counts requests in fixed windows aligned on the fake's clock
// (each second, each minute), the way the vendors word their limits ("N per
// second"). Fixed windows keep the outcome a pure function of the clock, so
// tests on a ManualClock are exact.
type rateLimiter struct {
	mu      sync.Mutex
	windows map[ruleKey]*window
}

// window is the count of one action's current window.
type window struct {
	index    int64 // which window since the Unix epoch
	admitted int   // requests let through
	attempts int   // requests received, throttled ones included
}

// verdict is the limiter's answer for one request.
type verdict struct {
	admitted bool
	limit    rateLimit
	attempts int           // this request's number in the window
	timeLeft time.Duration // until the window ends
}

func newRateLimiter() *rateLimiter {
	return &rateLimiter{windows: map[ruleKey]*window{}}
}

// admit counts a request of vendor's action at now and says whether it is
// within the documented limit. Only admitted requests use up the window's
// allowance, so a client that backs off gets through when it resets.
func (l *rateLimiter) admit(vendor, action string, now time.Time) verdict {
	limit, ok := documentedLimit(vendor, action)
	if !ok {
		return verdict{admitted: true}
	}
	index := now.UnixNano() / int64(limit.per)
	l.mu.Lock()
	defer l.mu.Unlock()
	key := ruleKey{vendor, action}
	win := l.windows[key]
	if win == nil || win.index != index {
		win = &window{index: index}
		l.windows[key] = win
	}
	win.attempts++
	v := verdict{
		admitted: win.admitted < limit.requests,
		limit:    limit,
		attempts: win.attempts,
		timeLeft: time.Duration((index+1)*int64(limit.per) - now.UnixNano()),
	}
	if v.admitted {
		win.admitted++
	}
	return v
}

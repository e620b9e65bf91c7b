// Package retry holds what the platform adapters share about calls that
// fail and are made again: how long to wait, the kinds of failure, and the
// observer that counts them.
package retry

import (
	"context"
	"maps"
	"math/rand/v2"
	"sync"
	"time"
)

// Kinds of failure, as Observer takes them.
const (
	RateLimited = "rate_limited" // 429: the platform asked us to slow down
	Server      = "server"       // 5xx, or an error the platform calls temporary
	Client      = "client"       // any other refusal: making it again will not help
	Network     = "network"      // no answer at all
)

// Observer is told of every failed platform call, by kind, and of every
// call made again after one, so that failures minus retries are the calls
// given up on. Calls cut short by shutdown are neither. *metrics.Metrics
// is one.
type Observer interface {
	PlatformError(platform, kind string)
	Retry(platform string)
}

// NoObserver is the Observer that counts nothing.
type NoObserver struct{}

func (NoObserver) PlatformError(string, string) {}
func (NoObserver) Retry(string)                 {}

// Backoff is how long to wait between attempts at one call.
type Backoff struct {
	// Min and Max bound the wait after a 5xx or a network error: it starts
	// at Min and doubles up to Max.
	Min, Max time.Duration
	// Second is how long one second of a 429's Retry-After lasts. Only
	// tests make it shorter, so that hundreds of injected 429s take
	// milliseconds rather than minutes.
	Second time.Duration
}

// DefaultBackoff keeps 8 attempts within about 25 seconds: long enough for
// a platform's front end to restart, short enough for a person waiting.
func DefaultBackoff() Backoff {
	return Backoff{Min: 250 * time.Millisecond, Max: 8 * time.Second, Second: time.Second}
}

// Next is the backoff after prev: twice as long, up to Max.
func (b Backoff) Next(prev time.Duration) time.Duration { return min(2*prev, b.Max) }

// Seconds is n seconds of a Retry-After, in this Backoff's seconds.
func (b Backoff) Seconds(n float64) time.Duration { return time.Duration(n * float64(b.Second)) }

// Jitter spreads a backoff over its second half, so that the calls one
// failure hit at once are not all made again at once.
func Jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2)
}

// Sleep waits d, or until ctx is done, whose error it then returns.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Counter is an Observer that counts in memory: for tests, and for a look
// at what failed without a metrics server.
type Counter struct {
	mu      sync.Mutex
	errors  map[string]int
	retries int
}

// PlatformError counts a failure as "platform/kind".
func (c *Counter) PlatformError(platform, kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.errors == nil {
		c.errors = map[string]int{}
	}
	c.errors[platform+"/"+kind]++
}

// Retry counts a call made again.
func (c *Counter) Retry(string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.retries++
}

// Errors returns the failures counted, by "platform/kind".
func (c *Counter) Errors() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.errors)
}

// Retries returns how many calls were made again.
func (c *Counter) Retries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.retries
}

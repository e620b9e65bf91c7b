package telegram

import (
	"time"

	"github.com/hotline-org/hotline/internal/retry"
)

// SetTiming changes a's waits between attempts at one message: backoff
// from backoffMin to backoffMax after a 5xx or a network error, and second
// for each second of a 429's retry_after. Call it before Run.
func SetTiming(a *Adapter, backoffMin, backoffMax, second time.Duration) {
	a.timing = retry.Backoff{Min: backoffMin, Max: backoffMax, Second: second}
}

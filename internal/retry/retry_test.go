package retry

import (
	"context"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	b := DefaultBackoff()
	d := b.Min
	for range 10 {
		d = b.Next(d)
	}
	if d != b.Max {
		t.Errorf("backoff grew to %v, want it capped at %v", d, b.Max)
	}
	if got := b.Seconds(1.5); got != 1500*time.Millisecond {
		t.Errorf("Seconds(1.5) = %v", got)
	}
	for range 100 {
		if j := Jitter(time.Second); j < 500*time.Millisecond || j >= time.Second {
			t.Fatalf("Jitter(1s) = %v, want within [0.5s, 1s)", j)
		}
	}
}

func TestSleepStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); err != context.Canceled {
		t.Errorf("Sleep on a cancelled context: %v", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
}

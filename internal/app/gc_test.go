package app

import (
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestTuneGC: with a small live heap, serving lets the heap grow
// by the headroom rather than by the live size, and bounds it with a soft
// limit; GOGC and GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	restore := func(percent int, limit int64) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	defer restore(debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64))

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOGC")
	os.Unsetenv("GOMEMLIMIT")
	TuneGC(slog.New(slog.DiscardHandler))
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	// A test binary lives in a few MB, well under the headroom.
	if percent <= 100 {
		t.Errorf("GOGC %d; want above 100 for a small heap", percent)
	}
	if limit < gcBudget || limit > 2*gcBudget {
		t.Errorf("memory limit %d MB; want the budget above the live heap", limit>>20)
	}

	t.Setenv("GOGC", "100")
	t.Setenv("GOMEMLIMIT", "1GiB")
	TuneGC(slog.New(slog.DiscardHandler))
	if percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64); percent != 100 || limit != math.MaxInt64 {
		t.Errorf("with GOGC and GOMEMLIMIT set: GOGC %d, limit %d; want them left alone", percent, limit)
	}
}

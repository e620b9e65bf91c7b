package app

import (
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
)

// How the GC runs when serving. Go's default lets the heap grow by the
// live size before collecting: the built-in catalog lives in 6-9 MB and a
// reply makes about 140 KB of garbage, so the GC would run every few dozen
// replies, take a fifth of the CPU under load, and slow the replies it
// overlaps (engine p99 about 1 ms). Serving lets the heap grow by at least
// gcHeadroom instead (about GOGC=500: throughput +35% on two cores, p99
// 0.5 ms), and keeps a soft limit gcBudget above the start-up heap, since
// sessions add to the live heap as people write.
const (
	gcHeadroom = 48 << 20
	gcBudget   = 256 << 20
)

// TuneGC sets the process's GC for the live heap once loading is done. It
// first hands the garbage of loading back to the OS, so that resident
// memory when ready is what serving needs. GOGC and GOMEMLIMIT, or a limit
// set before (serve --hsds), win over it.
func TuneGC(logger *slog.Logger) {
	debug.FreeOSMemory()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() == 0 {
		return
	}
	live := sample[0].Value.Uint64()
	percent := "GOGC"
	if os.Getenv("GOGC") == "" {
		p := max(100, int(gcHeadroom*100/live))
		debug.SetGCPercent(p)
		percent = strconv.Itoa(p)
	}
	if os.Getenv("GOMEMLIMIT") == "" && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(int64(live) + gcBudget)
	}
	logger.Debug("GC set for serving", "live_mb", live>>20, "gogc", percent, "limit_mb", debug.SetMemoryLimit(-1)>>20)
}

package hsds

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/search"
)

// The import benchmarks generate a directory once, then read, map, check
// and index it as `hotline serve --hsds` does, and report the peak heap
// and the memory obtained from the OS alongside the time. The target
// (issue 6) is 100,000 services in under 60 seconds and 1 GB on 2 cores:
//
//	go test ./internal/hsds -run '^$' -bench Import100k -benchtime 1x
//	GOMEMLIMIT=900MiB go test ./internal/hsds -run '^$' -bench Import100k -benchtime 1x
//
// The 100k benchmark takes about a minute and is skipped with -short.

func BenchmarkImport10k(b *testing.B)  { benchmarkImport(b, 10_000) }
func BenchmarkImport100k(b *testing.B) { benchmarkImport(b, 100_000) }

func benchmarkImport(b *testing.B, n int) {
	if n > 10_000 && testing.Short() {
		b.Skip("skipped with -short: about a minute")
	}
	dir := b.TempDir()
	if err := Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	peak := watchMemory()
	b.ResetTimer()
	for b.Loop() {
		c, rep, err := Import(os.DirFS(dir), ".", Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix, err := search.New(c)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Imported < n*9/10 {
			b.Fatalf("imported %d of %d", rep.Imported, n)
		}
		ix.Close()
	}
	b.StopTimer()
	heap, sys := peak()
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(sys)/(1<<20), "sys-MB")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "services/s")
}

// watchMemory samples the heap until the returned function is called,
// which gives the peak heap in use and the memory obtained from the OS.
// Sampling every 20 ms misses no peak that matters: the heap grows over
// seconds.
func watchMemory() func() (heap, sys uint64) {
	stop, done := make(chan struct{}), make(chan [2]uint64)
	go func() {
		var ms runtime.MemStats
		var heap uint64
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			heap = max(heap, ms.HeapInuse)
			select {
			case <-stop:
				done <- [2]uint64{heap, ms.Sys}
				return
			case <-t.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		r := <-done
		return r[0], r[1]
	}
}

package understand

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// inParallel calls work(i) for every i in [0, n), on one goroutine per
// processor (at most n), each taking the next i as it finishes one.
// newWorker runs once on each goroutine and returns its work function, so
// a goroutine can keep buffers across the items it takes. Which goroutine
// takes which item varies; callers write each item's result to its own
// place, so results do not.
func inParallel(n int, newWorker func() func(i int)) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			work := newWorker()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				work(i)
			}
		})
	}
	wg.Wait()
}
